"""Command line: `backcoach` (live coach), `backcoach --text`, `backcoach parse`,
`backcoach models download|install|path`, `backcoach service install|remove|status`. The only
place that prints errors and exits.

Every option may come before or after the command (`parse --wav f --model M`); values are
checked here, so `--hold -5` is refused in one line before anything starts."""

from __future__ import annotations

import argparse
import faulthandler
import functools
import logging
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TextIO

from voice.app.settings import MOONSHINE_MODELS, RECOGNIZERS, Settings, default_state_dir
from voice.hearing.cleanup import MAX_GAIN, MAX_SUPPRESSION
from voice.timers.words import MAX_HOLD, MAX_REPS, MAX_SECONDS, MIN_HOLD, MIN_REPS

ABOUT = """\
An offline, hands-free voice coach for a back or neck spasm. Run it with no command and
talk to it: say "my back locked up", "help", or "how much time is left". Say goodbye
(or press Ctrl-C) to stop. Nothing leaves this computer."""

EXAMPLES = """\
examples:
  backcoach                          listen on the microphone and answer aloud
  backcoach --text                   type instead of speaking
  backcoach parse "my back locked up"
  backcoach models download          get the speech model (about 40 MB, once)
  backcoach models --help            where the model comes from
  backcoach service install          keep it running in the background"""

MODELS_ABOUT = """\
backcoach needs a Vosk speech model on disk; it never downloads one by itself.

  download   fetch the small English model (40 MB) from alphacephei.com, check its
             checksum and unpack it into ~/.local/share/backcoach/models
  install    the same from an archive (.zip) or a model folder you already have:
             backcoach models install vosk-model-small-en-us-0.15.zip
  path       print the model that will be used, after checking it
  list       the recognizers' models, each checked: Vosk's, Moonshine tiny's, which comes
             inside the PyPI package moonshine-voice 0.1.0 (nothing to download), and
             Moonshine base's, inside moonshine-cpp 0.1.4 (optional: backcoach[base])

It is looked for in this order: --model DIR, $BACKCOACH_MODEL, models/ of a source
checkout, ~/.local/share/backcoach/models, and ../shared/models/vosk-model-small-en-us
beside a source checkout."""

SERVICE_ABOUT = """\
Keep the coach running in the background, ready when a spasm comes.

  install   a systemd user service (restarted if it fails, started at login) where
            `systemctl --user` works, else an autostart entry in ~/.config/autostart;
            it runs this backcoach with the model found now (and --device,
            --state-dir, --recognizer, --moonshine-model if given)
  remove    remove both, stopping the service
  status    whether it is running, its microphone and model, the last thing it heard"""

ANY_OPTION = "Any option of `backcoach --help` may also be given here."

MAX_REST = 120
MAX_ICE_MINUTES = MAX_SECONDS // 60


class Parser(argparse.ArgumentParser):
    """argparse that reports a bad command line in one line instead of the whole usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def within(
    low: float, high: float, unit: str, kind: Callable[[str], float] = int
) -> Callable[[str], float]:
    """An argparse `type` that accepts numbers from `low` to `high` only."""

    def check(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low:g} to {high:g} {unit}, not {text}")
        return value

    return check


def add_options(
    parser: argparse.ArgumentParser, suppress: bool, shown: tuple[str, ...] = ()
) -> None:
    """The options every command takes. On a command's own parser (`suppress`) an option
    left out keeps the value given before the command, or its default, and only the `shown`
    ones are listed in its help (`backcoach --help` lists them all)."""

    def option(*flags: str, default: object = None, **kw: object) -> None:
        if suppress:
            default = argparse.SUPPRESS
            if flags[0] not in shown:
                kw["help"] = argparse.SUPPRESS
        parser.add_argument(*flags, default=default, **kw)  # type: ignore[arg-type]

    ns, gain = Settings.noise_suppression, Settings.auto_gain
    option("--text", action="store_true", default=False, help="type instead of speaking")
    option("--model", type=Path, metavar="DIR", help="the Vosk model folder to use")
    option(
        "--recognizer", choices=RECOGNIZERS, default="vosk",
        help="vosk: the grammar recognizer (default); moonshine: the neural one; both: Vosk"
        " hears and Moonshine confirms. Warning signs are listened for freely by Moonshine",
    )  # fmt: skip
    option(
        "--moonshine-model", choices=MOONSHINE_MODELS, default="tiny",
        help="the Moonshine model: tiny (default), or base (more accurate, 2-3x the CPU, about"
        " 0.6 GB more memory; needs pip install 'backcoach[base]')",
    )  # fmt: skip
    option("--device", help="microphone name or number (see --list-devices)")
    option("--list-devices", action="store_true", default=False, help="list audio devices")
    option("--input", type=Path, metavar="FILE.wav", help="listen to a recording instead")
    option(
        "--full-duplex", action="store_true", default=False,
        help="also hear requests said while the coach speaks (experimental; by default only"
        " stop, quiet and enough are heard over its voice)",
    )  # fmt: skip
    option(
        "--state-dir", type=Path, metavar="DIR",
        help=f"where the episode and timers are kept ({default_state_dir()})",
    )  # fmt: skip
    option("--hold", type=within(MIN_HOLD, MAX_HOLD, "seconds"), default=20, metavar="SECONDS",
           help="seconds of each knees-to-chin hold (20)")  # fmt: skip
    option("--reps", type=within(MIN_REPS, MAX_REPS, "holds"), default=3, metavar="N",
           help="holds per stretch (3)")  # fmt: skip
    option("--rest", type=within(0, MAX_REST, "seconds"), default=10, metavar="SECONDS",
           help="seconds of rest between holds (10)")  # fmt: skip
    option("--ice-minutes", type=within(1, MAX_ICE_MINUTES, "minutes", float), default=10.0,
           metavar="MINUTES", help="minutes of ice when you don't say (10)")  # fmt: skip
    option(
        "--sentences", type=Path, metavar="DIR",
        help="a folder of your own phrasings, added to the built-in ones"
        " (default: ~/.config/backcoach/sentences)",
    )  # fmt: skip
    option(
        "--templates", type=Path, metavar="DIR",
        help="understand the template files in DIR instead of the built-in sentences",
    )  # fmt: skip
    option(
        "--noise-suppression", type=int, default=ns, choices=range(MAX_SUPPRESSION + 1),
        metavar=f"0-{MAX_SUPPRESSION}", help=f"microphone noise suppression, 0 is off ({ns})",
    )  # fmt: skip
    option(
        "--auto-gain", type=int, default=gain, choices=range(MAX_GAIN + 1),
        metavar=f"0-{MAX_GAIN}", help=f"microphone automatic gain in -dBFS, 0 is off ({gain})",
    )  # fmt: skip
    option("--events", metavar="FILE|-", help="write every event as JSON lines ('-': stdout)")
    option("--debug", action="store_true", default=False, help="detailed log on stderr")


def build_parser() -> argparse.ArgumentParser:
    raw = argparse.RawDescriptionHelpFormatter
    parser = Parser(prog="backcoach", description=ABOUT, epilog=EXAMPLES, formatter_class=raw)
    add_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(
        name: str, help: str, about: str, into: object = sub, shown: tuple[str, ...] = ()
    ) -> argparse.ArgumentParser:
        made: argparse.ArgumentParser = into.add_parser(  # type: ignore[attr-defined]
            name, help=help, description=about, formatter_class=raw, epilog=ANY_OPTION
        )
        add_options(made, suppress=True, shown=("--model", "--debug", *shown))
        return made

    parse = command(
        "parse", "print what a sentence is understood as (JSON)",
        "Print what each sentence is understood as, one JSON object a line.",
        shown=("--templates", "--sentences", "--recognizer", "--moonshine-model"),
    )  # fmt: skip
    parse.add_argument("text", nargs="?", help="a sentence; without one, lines are read from stdin")
    parse.add_argument("--wav", nargs="+", type=Path, metavar="FILE", help="transcribe WAV files")
    models = command("models", "get or check the speech model", MODELS_ABOUT)
    actions = models.add_subparsers(dest="action", metavar="ACTION", required=True)
    get = command("download", "fetch the default model (or --url)", MODELS_ABOUT, actions)
    get.add_argument("--url", help="another archive: https://... or file:///path/model.zip")
    get.add_argument("--sha256", help="its SHA-256 checksum (needed with --url)")
    get.add_argument("--dest", type=Path, metavar="DIR", help="the folder to unpack into")
    have = command("install", "install a model archive or folder you already have",
                   MODELS_ABOUT, actions)  # fmt: skip
    have.add_argument("source", type=Path, metavar="ARCHIVE.zip|DIR")
    have.add_argument("--sha256", help="the archive's checksum, if it is not the default model")
    have.add_argument("--dest", type=Path, metavar="DIR", help="the folder to put it in")
    command("path", "print the model that will be used", MODELS_ABOUT, actions)
    command("list", "list both recognizers' models, each checked", MODELS_ABOUT, actions)
    service = command(
        "service", "run the coach in the background, started at login", SERVICE_ABOUT,
        shown=("--device", "--state-dir", "--recognizer", "--moonshine-model"),
    )  # fmt: skip
    service.add_argument("action", choices=("install", "remove", "status"))
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    device: str | int | None = args.device
    if isinstance(device, str) and device.isdigit():
        device = int(device)
    return Settings(
        state_dir=args.state_dir or default_state_dir(),
        events_path=args.events,
        text_mode=args.text,
        model_path=args.model,
        input_device=device,
        input_wav=args.input,
        noise_suppression=args.noise_suppression,
        auto_gain=args.auto_gain,
        full_duplex=args.full_duplex,
        hold_seconds=args.hold,
        reps=args.reps,
        rest_seconds=args.rest,
        ice_seconds=round(args.ice_minutes * 60),
        templates_dir=args.templates,
        custom_sentences_dir=args.sentences,
        recognizer=args.recognizer,
        moonshine_model=args.moonshine_model,
        debug=args.debug,
    )


@functools.cache
def _stderr_copy() -> TextIO:
    """Standard error, on a descriptor of its own (opened once): the microphone borrows
    descriptor 2 while it opens a device (voice.hearing.devices.quiet_native_stderr), and a
    thread dump asked for then was lost."""
    return os.fdopen(os.dup(2), "w")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if hasattr(signal, "SIGUSR1"):  # `kill -USR1 PID`: where every thread is, on stderr
        faulthandler.register(signal.SIGUSR1, file=_stderr_copy(), all_threads=True)
    settings = settings_from(args)
    try:
        if args.command == "parse":
            from voice.app.parse_command import run_parse

            return run_parse(args.text, args.wav, settings)
        if args.command == "models":
            from voice.app.models_command import run_models

            return run_models(args, settings)
        if args.command == "service":
            from voice.app.service_command import run_service

            return run_service(args.action, settings)
        if args.list_devices:
            from voice.hearing.devices import describe, input_devices

            print(describe(input_devices()))
            return 0
        if settings.text_mode:
            from voice.app.text_mode import run_text

            return run_text(settings)
        if settings.input_device is not None and settings.input_wav is None:
            from voice.hearing.devices import input_devices, pick

            devices = input_devices()
            if devices:  # none at all: live mode waits for one
                pick(settings.input_device, devices)  # a wrong name: one line, before loading
        from voice.app.live_mode import run_live

        return run_live(settings)
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # noqa: BLE001 - the CLI turns any failure into one line
        from voice.errors import BackcoachError, TemplateError

        if isinstance(err, (BackcoachError, TemplateError)) and not args.debug:
            print(f"backcoach: {err}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
