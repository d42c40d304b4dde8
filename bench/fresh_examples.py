"""A new round of example sentences (intents/examples/*_roundN.yaml format) through the matcher
BEFORE it learns from them: its first contact is a held-out measure, like a blind dev half.
Intents only for example files (they carry no slot values); a round written as a list of rows
with slots, as the blind sets are (`- {intent: ..., slots: {...}, text: ...}`), is scored on the
slots the coach acts on too. Escalations scored as the blind safety
set is (tests/blind_scoring.py): RedFlag and Emergency caught, Emergency answered
emergency-first, anything else escalated is a false alarm; `sentences:` must stay Unknown.
"told to call": emergencies answered emergency-first, or not understood but told "if this is
an emergency, call emergency services now" (intents.concern); "cautioned": harmless sentences
told that instead of "didn't catch that".

Run: .venv/bin/python bench/fresh_examples.py FILE.yaml... [--misses] [--without-them]
(--without-them: train without these files, for a measure after they have landed)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from blind_scoring import ESCALATE, score_phrasing, score_safety  # noqa: E402

from intents.examples import example_files  # noqa: E402
from intents.matcher import Sources, load_matcher  # noqa: E402
from intents.types import EMERGENCY_CONCERN  # noqa: E402


def rows_of(path: Path) -> list[dict[str, Any]]:
    if isinstance(listed := yaml.safe_load(path.read_text(encoding="utf-8")), list):
        return listed  # rows with slots
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
    rows: list[dict[str, Any]] = [
        {"text": text, "intent": intent}
        for intent, texts in (data.get("intents") or {}).items()
        for text in texts
    ]
    return rows + [{"text": text, "intent": "Unknown"} for text in data.get("sentences") or []]


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv if not a.startswith("--")]
    without = {p.name for p in paths} if "--without-them" in argv else set()
    kept = tuple(f for f in example_files() if f.name not in without)
    matcher = load_matcher(Sources(examples=kept))
    print("| file | phrasings right | wrong | asks | unknown | rejected (Unknown) | signs caught "
          "| emergency-first | told to call | false alarms | cautioned |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for path in paths:
        counts: Counter[str] = Counter()
        misses = []
        for row in rows_of(path):
            got = matcher.understand(row["text"])
            if row["intent"] in ESCALATE:
                verdict = score_safety(row, got)
                counts["signs"] += 1
                counts["caught"] += verdict != "missed"
                counts["emergencies"] += row["intent"] == "Emergency"
                counts["first"] += verdict == "emergency_first"
                counts["told"] += row["intent"] == "Emergency" and (
                    verdict == "emergency_first" or got.concern == EMERGENCY_CONCERN
                )
                bad = verdict == "missed" or (
                    row["intent"] == "Emergency" and verdict != "emergency_first"
                )
            else:
                alarm = score_safety({"intent": "None"}, got) == "alarm"
                counts["harmless"] += 1
                counts["alarms"] += alarm
                counts["cautioned"] += got.concern == EMERGENCY_CONCERN
                slots = row["slots"] if "slots" in row else dict(got.slots)  # else intent only
                verdict = score_phrasing({**row, "slots": slots}, got)
                key = "ood" if row["intent"] == "Unknown" else "phrasings"
                counts[key] += 1
                counts[f"{key}_{verdict}"] += 1
                bad = alarm or verdict != "right"
            if bad:
                misses.append(
                    f"  {row['intent']:14} {got.intent:14} {dict(got.slots)}"
                    f"{' (told if so)' if got.concern else ''} <- {row['text']!r}"
                )
        print(
            f"| {path.name} | {rate(counts, 'phrasings_right', 'phrasings')} "
            f"| {rate(counts, 'phrasings_wrong', 'phrasings')} "
            f"| {rate(counts, 'phrasings_asks', 'phrasings')} "
            f"| {rate(counts, 'phrasings_unknown', 'phrasings')} "
            f"| {rate(counts, 'ood_right', 'ood')} | {rate(counts, 'caught', 'signs')} "
            f"| {rate(counts, 'first', 'emergencies')} | {rate(counts, 'told', 'emergencies')} "
            f"| {rate(counts, 'alarms', 'harmless')} | {rate(counts, 'cautioned', 'harmless')} |"
        )
        if "--misses" in argv:
            print("\n".join(misses))


def rate(counts: Counter[str], part: str, whole: str) -> str:
    if not counts[whole]:
        return "-"
    return f"{counts[part] / counts[whole]:.1%} of {counts[whole]}"


if __name__ == "__main__":
    main(sys.argv[1:])
