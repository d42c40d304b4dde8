"""A handle on the private PulseAudio server the `pulse` fixture starts (see conftest.py)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Pulse:
    runtime: Path
    env: dict[str, str]
    pid: int

    def pactl(self, *args: str) -> str:
        done = subprocess.run(
            ["pactl", *args], env=self.env, capture_output=True, text=True, check=True
        )
        return done.stdout

    def module_ids(self, name: str) -> list[str]:
        lines = self.pactl("list", "short", "modules").splitlines()
        return [line.split()[0] for line in lines if name in line]

    def kill_recordings(self) -> None:
        """End every client's recording stream, as PulseAudio does when a source goes away and
        there is no other to move it to. (Here there always is one, a sink's monitor, and
        PulseAudio moves the stream there: the microphone would never seem lost.) pactl 16
        cannot kill a stream; pacmd can, through the CLI module loaded for the purpose."""
        self.pactl("load-module", "module-cli-protocol-unix")
        try:
            for line in self.pactl("list", "short", "source-outputs").splitlines():
                if "protocol-native" in line:
                    kill = ["pacmd", "kill-source-output", line.split()[0]]
                    subprocess.run(kill, env=self.env, capture_output=True, check=True)
        finally:
            for module in self.module_ids("module-cli-protocol-unix"):
                self.pactl("unload-module", module)

    def play(self, wav: Path, sink: str = "room") -> subprocess.Popen[bytes]:
        return subprocess.Popen(["paplay", f"--device={sink}", str(wav)], env=self.env)

    def record(self, source: str, raw: Path) -> subprocess.Popen[bytes]:
        """16 kHz mono s16le from `source` into `raw` until terminated."""
        cmd = ["parec", "-d", source, "--rate=16000", "--channels=1", "--format=s16le", "--raw"]
        cmd.append("--latency-msec=30")
        return subprocess.Popen(cmd, stdout=raw.open("wb"), env=self.env)


def start_bare(runtime: Path) -> Pulse | None:
    """Another private server in `runtime` with no sink and no source at all: a computer with
    no microphone (and no speaker). None if it did not start. Stop it with `stop`."""
    import os

    env = {
        **os.environ,
        "XDG_RUNTIME_DIR": str(runtime),
        "PULSE_RUNTIME_PATH": str(runtime / "pulse"),
    }
    env.pop("PULSE_SERVER", None)
    cmd = ["pulseaudio", "--daemonize=yes", "--exit-idle-time=-1", "--disallow-exit", "-n"]
    cmd += ["--use-pid-file=yes", "--load=module-native-protocol-unix"]
    started = subprocess.run(cmd, env=env, capture_output=True, text=True)
    pid_file = runtime / "pulse" / "pid"
    if started.returncode != 0 or not pid_file.exists():
        return None
    return Pulse(runtime, env, int(pid_file.read_text().split()[0]))


def stop(server: Pulse) -> None:
    """Stop a server by its own pid (never by name) and wait until it is gone."""
    import os
    import signal
    import time

    os.kill(server.pid, signal.SIGTERM)
    for _ in range(50):
        try:
            os.kill(server.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
