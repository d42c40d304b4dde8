"""Command line: `backcoach` (live coach), `backcoach --text`, `backcoach parse`,
`backcoach models download`. The only place that prints errors and exits."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from voice.app.settings import RECOGNIZERS, Settings, default_state_dir
from voice.hearing.cleanup import MAX_GAIN, MAX_SUPPRESSION


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="backcoach", description=__doc__)
    parser.add_argument("--debug", action="store_true", help="verbose logging on stderr")
    parser.add_argument("--state-dir", type=Path, default=None, help="episode database folder")
    parser.add_argument("--events", metavar="FILE|-", help="write a JSON-lines event log")
    parser.add_argument("--text", action="store_true", help="type instead of speaking")
    parser.add_argument("--model", type=Path, help="Vosk model folder")
    parser.add_argument(
        "--recognizer", choices=RECOGNIZERS, default="vosk",
        help="speech recognizer: vosk (grammar), moonshine (neural), both (vosk)",
    )  # fmt: skip
    parser.add_argument("--device", help="input device name or index (see --list-devices)")
    parser.add_argument("--list-devices", action="store_true", help="list audio devices")
    parser.add_argument("--input", type=Path, metavar="FILE.wav", help="listen to a WAV file")
    parser.add_argument(
        "--templates", type=Path, metavar="DIR",
        help="understand the template files in DIR instead of the built-in sentences",
    )  # fmt: skip
    parser.add_argument(
        "--sentences", type=Path, metavar="DIR",
        help="a folder of your own phrasings, added to the built-in ones"
        " (default: sentences/ in your config folder)",
    )  # fmt: skip
    ns, gain = Settings.noise_suppression, Settings.auto_gain
    parser.add_argument(
        "--noise-suppression", type=int, default=ns, choices=range(MAX_SUPPRESSION + 1),
        metavar=f"0-{MAX_SUPPRESSION}", help=f"microphone noise suppression level, 0 is off ({ns})",
    )  # fmt: skip
    parser.add_argument(
        "--auto-gain", type=int, default=gain, choices=range(MAX_GAIN + 1),
        metavar=f"0-{MAX_GAIN}",
        help=f"microphone automatic gain target in -dBFS, 0 is off ({gain})",
    )  # fmt: skip
    parser.add_argument("--hold", type=int, default=20, help="stretch hold seconds (20)")
    parser.add_argument("--reps", type=int, default=3, help="stretch repetitions (3)")
    parser.add_argument("--rest", type=int, default=10, help="rest between holds, seconds (10)")
    parser.add_argument("--ice-minutes", type=float, default=10, help="default ice minutes (10)")
    sub = parser.add_subparsers(dest="command")
    parse = sub.add_parser("parse", help="print the understood intent as JSON")
    parse.add_argument("text", nargs="?", help="a sentence; none reads lines from stdin")
    parse.add_argument("--wav", nargs="+", type=Path, help="transcribe and parse WAV files")
    models = sub.add_parser("models", help="find or download the speech model")
    models.add_argument("action", choices=["download", "path"])
    models.add_argument("--url", help="archive URL (default: the small English model)")
    models.add_argument("--sha256", help="expected archive checksum")
    models.add_argument("--dest", type=Path, help="folder to put the model in")
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
        hold_seconds=args.hold,
        reps=args.reps,
        rest_seconds=args.rest,
        ice_seconds=round(args.ice_minutes * 60),
        templates_dir=args.templates,
        custom_sentences_dir=args.sentences,
        recognizer=args.recognizer,
        debug=args.debug,
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    settings = settings_from(args)
    try:
        if args.command == "parse":
            from voice.app.parse_command import run_parse

            return run_parse(args.text, args.wav, settings)
        if args.command == "models":
            from voice.app.models_command import run_models

            return run_models(args, settings)
        if args.list_devices:
            from voice.hearing.mic import list_devices

            print(list_devices())
            return 0
        if settings.text_mode:
            from voice.app.text_mode import run_text

            return run_text(settings)
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
