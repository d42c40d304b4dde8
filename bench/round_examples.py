"""Writes intents/examples/intent_only/fresh_rounds_dev.yaml: the requests and harmless sentences
of every fresh round's dev half (bench/fresh_rounds/*_dev.yaml, written blind and looked at),
as example sentences the intent model learns from. The warning signs stay out (they would teach
the intent model's RedFlag and Emergency, which cost rejections of talk not meant for the
coach), so do the intents never guessed (intents.matcher `EXACT_ONLY`), and so does every test
half. A harmless sentence that asks nothing ("None") is talk not
meant for the coach, as "Unknown" is. Slots are not learnt: the slot parsers read them.

tests/intents/test_round_examples.py checks that the file is what this script writes from the
dev halves as they are. Run after adding a round: .venv/bin/python bench/round_examples.py
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from intents.matcher import EXACT_ONLY  # noqa: E402

ROUNDS = ROOT / "bench" / "fresh_rounds"
OUT = ROOT / "intents" / "examples" / "intent_only" / "fresh_rounds_dev.yaml"
SIGNS = ("RedFlag", "Emergency")
NOT_FOR_US = ("Unknown", "None")


def intent_of(row: dict[str, object]) -> str:
    """The row's intent; an unquoted Yes or No is read by YAML as a boolean."""
    intent = row["intent"]
    return ("Yes" if intent else "No") if isinstance(intent, bool) else str(intent)


def dev_halves(folder: Path = ROUNDS) -> list[Path]:
    return sorted(folder.glob("*_dev.yaml"))


def examples_yaml(paths: Iterable[Path]) -> str:
    """The example file's text for these dev halves (rows: intent, slots, text)."""
    intents: dict[str, list[str]] = {}
    sentences: list[str] = []
    names = []
    for path in paths:
        names.append(path.name)
        for row in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            intent, text = intent_of(row), str(row["text"])
            if intent in NOT_FOR_US:
                sentences.append(text)
            elif intent not in SIGNS and intent not in EXACT_ONLY:
                intents.setdefault(intent, []).append(text)
    lines = [
        "# Written by bench/round_examples.py from the dev halves of bench/fresh_rounds/ (do not",
        "# edit): their requests and harmless sentences, for the intent model only.",
        *(f"#   {name}" for name in names),
        "intents:",
    ]
    for intent in sorted(intents):
        lines.append(f"  {json.dumps(intent)}:")  # quoted: YAML reads Yes and No as booleans
        lines += [f"    - {json.dumps(text)}" for text in intents[intent]]
    lines.append("sentences:")
    lines += [f"  - {json.dumps(text)}" for text in sentences]
    return "\n".join(lines) + "\n"


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(examples_yaml(dev_halves()), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
