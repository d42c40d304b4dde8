"""`python -m voice`: the same entry point as the `backcoach` command (voice/app/cli.py)."""

from voice.app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
