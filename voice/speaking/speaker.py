"""Speech out: pyttsx3 (espeak-ng) synthesizes to samples (voice.speaking.synthesizer), we play
them.

pyttsx3's own playback (`aplay` through `os.system`) cannot say when the audio ends or cut it
off. So `Synthesizer` gives samples, and `AudioOutput` keeps one sounddevice `OutputStream`
open and feeds them from its callback: we know the first and last sample's times and can
stop mid-word.

`Speaker` puts the two together as the speech queue's player. `TextSpeaker` is the fallback
when no TTS engine or no output device works: it prints the text and rings the bell.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, TextIO

import numpy as np

from voice.clock import Clock
from voice.portaudio_lock import PORTAUDIO
from voice.speaking.synthesizer import OUTPUT_RATE, Synthesizer, Utterance

log = logging.getLogger(__name__)

OUTPUT_LATENCY = 0.02
"""Seconds of output buffer. bench/output_gaps.py (a tone into PulseAudio with both cores busy,
other processes): 5 ms underruns, 10 ms and up play whole. 20 ms starts a reply ~26 ms sooner
than 40 ms (bench/latency.py, reply start minus final result: 28-29 vs 55 ms). Our callback is
Python and needs the GIL, so underflows are counted (`AudioOutput.problems`, a warning at
close): none in the live-audio tests with 20 ms, alone or with both cores kept busy. (A
garbled recording in CI once blamed on the 20 ms buffer came back with 40 ms too.)"""

IDLE_PAUSE = 3.0
"""Seconds with nothing to play after which the output stream is paused (aborted; started again
by the next sound). An open stream's Python callback writing zeros costs 1.6% of a core here
(bench/idle_cost.py: more than everything else the waiting coach does); a paused one 0.01%, and
it starts again in about a millisecond (up to 86 ms with both cores busy). Abort, not stop:
stopping drains ALSA's buffer through PulseAudio and took 1.5 s."""


DoneCallback = Callable[[bool], None]


class AudioOutput:
    """One open OutputStream; `play` is non-blocking, `on_done(cut)` runs on a helper thread
    when the last sample has left the speaker (or at once when cut by `stop`)."""

    def __init__(
        self,
        clock: Clock,
        device: str | int | None = None,
        timeline: Any = None,
        idle_pause: float = IDLE_PAUSE,
    ) -> None:
        """`timeline` (voice.hearing.echo.PlaybackTimeline) learns what was played when, for the
        echo canceller. The stream pauses after `idle_pause` seconds with nothing to play."""
        import sounddevice as sd

        self._clock = clock
        self._timeline = timeline
        self._lock = threading.Lock()
        self._current: tuple[np.ndarray, DoneCallback] | None = None
        self._position = 0
        self.started_at: float | None = None  # monotonic time the first sample left
        self.ended_at: float | None = None
        self._voiced = 0  # samples of the current sound before its trailing silence
        self.on_start: Callable[[float], None] | None = None
        self._done: list[tuple[DoneCallback, bool, float]] = []
        self._wake = threading.Event()
        self._closed = False
        self.problems = 0
        self._running_lock = threading.Lock()  # starts and pauses of the stream
        self._running = False
        self._quiet_since = clock.now().mono
        self._idle_pause = idle_pause
        with PORTAUDIO:
            self._stream = sd.OutputStream(
                samplerate=OUTPUT_RATE,
                channels=1,
                dtype="int16",
                device=device,
                latency=OUTPUT_LATENCY,
                callback=self._callback,
            )
        self._run()
        self.latency = float(self._stream.latency)
        self._notifier = threading.Thread(target=self._notify, name="speaker-done", daemon=True)
        self._notifier.start()

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._current is not None

    def voicing(self) -> bool:
        """A sound is playing and its voice is not over (its trailing silence is)."""
        with self._lock:
            if self._current is None:
                return False
            started, voiced = self.started_at, self._voiced
        return started is None or self._clock.now().mono < started + voiced / OUTPUT_RATE

    @property
    def running(self) -> bool:
        """The stream is started (False while paused for want of anything to play)."""
        return self._running

    def play(self, samples: np.ndarray, on_done: DoneCallback, voiced: int | None = None) -> None:
        """`voiced`: samples before the sound's trailing silence (default: all)."""
        with self._running_lock:
            with self._lock:
                previous = self._current
                self._current = (samples.reshape(-1, 1), on_done)
                self._voiced = len(samples) if voiced is None else voiced
                self._position = 0
                self.started_at = self.ended_at = None
                if previous is not None:
                    self._finish(previous[1], cut=True, at=self._clock.now().mono)
            if not self._running:
                try:
                    self._run()
                except Exception as err:  # PortAudioError: the device went away
                    log.error("speaker: the output stream did not start again (%s)", err)
                    self.stop()

    def _run(self) -> None:
        with PORTAUDIO:
            self._stream.start()
        self._running = True

    def _pause_if_idle(self) -> None:
        """Pause the stream after `idle_pause` seconds with nothing to play."""
        with self._running_lock:
            now = self._clock.now().mono
            with self._lock:
                if self._current is not None or self._done:
                    self._quiet_since = now
                    return
            if self._running and now - self._quiet_since >= self._idle_pause:
                with PORTAUDIO:
                    self._stream.abort()
                self._running = False

    def stop(self) -> bool:
        """Cut the current sound off; True if something was playing."""
        with self._lock:
            current, self._current = self._current, None
            if current is None:
                return False
            self._finish(current[1], cut=True, at=self._clock.now().mono)
            return True

    def close(self) -> None:
        self.stop()
        self._closed = True
        self._wake.set()
        with self._running_lock, PORTAUDIO:
            self._stream.stop()
            self._stream.close()
            self._running = False
        if self.problems:
            log.warning("speaker: %d output buffer problems (underflows: gaps)", self.problems)

    def _finish(self, on_done: DoneCallback, cut: bool, at: float) -> None:
        self.ended_at = self._quiet_since = at
        if cut and self._timeline is not None:
            self._timeline.stopped(at)
        self._done.append((on_done, cut, at))
        self._wake.set()

    def _callback(self, outdata: Any, frames: int, time_info: Any, status: Any) -> None:
        if status:
            self.problems += 1  # underflows: gaps in what is heard (logged at close)
            log.debug("output status: %s", status)
        with self._lock:
            if self._current is None:
                outdata.fill(0)
                if self._timeline is not None:
                    at = time_info.outputBufferDacTime - time_info.currentTime
                    self._timeline.block(frames, self._clock.now().mono + max(0.0, at), OUTPUT_RATE)
                return
            samples, on_done = self._current
            chunk = samples[self._position : self._position + frames]
            outdata[: len(chunk)] = chunk
            outdata[len(chunk) :] = 0
            now = self._clock.now().mono
            delay = max(0.0, time_info.outputBufferDacTime - time_info.currentTime)
            if self._timeline is not None:  # the stream's own count: steadier than `delay`
                delay = self._timeline.block(frames, now + delay, OUTPUT_RATE) - now
            if self._position == 0:
                self.started_at = now + delay
                if self._timeline is not None:
                    self._timeline.started(self.started_at, samples[:, 0], OUTPUT_RATE)
                if self.on_start is not None:
                    self.on_start(self.started_at)
            self._position += len(chunk)
            if self._position >= len(samples):
                self._current = None
                self._finish(on_done, cut=False, at=now + delay + len(chunk) / OUTPUT_RATE)

    def _notify(self) -> None:
        while not self._closed:
            if not self._wake.wait(self._idle_pause / 3):
                self._pause_if_idle()
                continue
            with self._lock:
                self._wake.clear()
                due, self._done = self._done, []
            for on_done, cut, at in due:
                if not cut:  # wait until the last sample has actually been heard
                    self._clock.wait_until(at, threading.Event())
                try:
                    on_done(cut)
                except Exception:
                    log.exception("speech done callback failed")


class Speaker:
    """The speech queue's player: synthesize, play (non-blocking), stop, set_voice, and the
    half-duplex `speaking` flag the listener reads. Falls back to printing if output fails."""

    def __init__(self, synthesizer: Synthesizer, output: AudioOutput) -> None:
        self._synth = synthesizer
        self._output = output
        self._text = ""
        self.speaking = False

    @property
    def current_text(self) -> str:
        return self._text if self.speaking else ""

    @property
    def voicing(self) -> bool:
        """Speaking, and not yet in the sentence's trailing silence: what the listener must
        not hear itself in (its echo guard starts when the voice ends)."""
        return self.speaking and self._output.voicing()

    @property
    def output(self) -> AudioOutput:
        return self._output

    def synthesize(self, text: str) -> Utterance:
        return self._synth.synthesize(text)

    def play(self, utterance: Utterance, on_done: DoneCallback) -> None:
        self._text = utterance.text
        self.speaking = True

        def done(cut: bool) -> None:
            if not self._output.busy:
                self.speaking = False
            on_done(cut)

        self._output.play(utterance.samples, done, utterance.voiced)

    def stop(self) -> None:
        self._output.stop()
        self.speaking = False

    def set_voice(self, rate_factor: float, volume_delta: float) -> None:
        self._synth.set_voice(rate_factor, volume_delta)

    def close(self) -> None:
        self._output.close()


class TextSpeaker:
    """No TTS engine or no output device: print each sentence and ring the terminal bell.
    Says why once, on the first sentence."""

    def __init__(self, stream: TextIO, reason: str) -> None:
        self._stream = stream
        self._reason = reason
        self._told = False
        self.speaking = False
        self.voicing = False
        self.current_text = ""

    def synthesize(self, text: str) -> Utterance:
        return Utterance(text=text, samples=np.zeros(0, dtype=np.int16))

    def play(self, utterance: Utterance, on_done: DoneCallback) -> None:
        if not self._told:
            self._told = True
            self._stream.write(f"(no speech output: {self._reason}; printing instead)\n")
        self._stream.write(f"\a{utterance.text}\n")
        self._stream.flush()
        on_done(False)

    def stop(self) -> None:
        pass

    def set_voice(self, rate_factor: float, volume_delta: float) -> None:
        pass

    def close(self) -> None:
        pass
