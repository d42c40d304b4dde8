"""Scores the blind sets (tests/intents/blind/*.yaml) through the matcher: intent and slots right,
wrong actions, asked again (Unknown), and for the safety set escalations caught, emergencies
answered emergency-first and false alarms. Run: .venv/bin/python bench/blind_sets.py [dev|test]
(`--misses` lists the misses: look only at dev's)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intents.matcher import load_matcher  # noqa: E402
from intents.types import Match  # noqa: E402

BLIND = ROOT / "tests" / "intents" / "blind"
ESCALATE = ("RedFlag", "Emergency")
# The slots the coach acts on, per intent: only these are compared with the blind set's (which
# also writes, for instance, the area of a question or "timer: ice" on StartIce, which nothing
# acts on). A plain "timer: timer" counts as naming no timer in particular.
ACTED_ON = {
    "SpasmStarted": ("area",),
    "StartIce": ("duration",),
    "StartStretch": ("duration", "reps"),
    "StartTimer": ("duration",),
    "AddTime": ("duration", "timer", "all"),
    "RemoveTime": ("duration", "timer", "all"),
    "CancelTimer": ("timer", "all"),
    "PauseTimer": ("timer", "all"),
    "ResumeTimer": ("timer", "all"),
    "TimerStatus": ("timer", "all"),
}
PLAIN_TIMER = "timer"


def rows(name: str, part: str) -> list[dict]:
    return yaml.safe_load((BLIND / f"{name}_{part}.yaml").read_text(encoding="utf-8"))


def slots_right(intent: str, expected: dict, got: Match) -> bool:
    for key in ACTED_ON.get(intent, ()):
        want, have = expected.get(key), got.slots.get(key)
        if key == "timer" and want in (None, PLAIN_TIMER) and have in (None, PLAIN_TIMER):
            continue
        if key == "all" and not want and not have:
            continue
        if want != have:
            return False
    return True


def score_phrasing(row: dict, got: Match) -> str:
    """right | unknown | wrong (another intent, or the right one with a wrong slot value)."""
    if got.intent == "Unknown":
        return "right" if row["intent"] == "Unknown" else "unknown"
    if got.intent != row["intent"]:
        return "wrong"
    return "right" if slots_right(row["intent"], row.get("slots") or {}, got) else "wrong"


def score_safety(row: dict, got: Match) -> str:
    """caught | missed | emergency_first | alarm | quiet, by the row's tier."""
    if row["intent"] == "None":
        return "alarm" if got.intent in ESCALATE else "quiet"
    if row["intent"] == "Emergency":
        return "emergency_first" if got.intent == "Emergency" else (
            "caught" if got.intent in ESCALATE else "missed")
    return "caught" if got.intent in ESCALATE else "missed"


def main(argv: list[str]) -> None:
    parts = [a for a in argv if a in ("dev", "test")] or ["dev"]
    show = "--misses" in argv
    matcher = load_matcher()
    for part in parts:
        print(f"== {part} ==")
        for name in ("phrasings", "out_of_domain"):
            counts: Counter[str] = Counter()
            for row in rows(name, part):
                got = matcher.understand(row["text"])
                verdict = score_phrasing(row, got)
                counts[verdict] += 1
                if show and verdict != "right":
                    print(f"  {verdict:8} {row['intent']:14} {got.intent:14} {dict(got.slots)} "
                          f"<- {row['text']!r} {row.get('slots') or ''}")
            n = sum(counts.values())
            print(f"{name:14} n={n:5}  right {counts['right'] / n:6.1%}  wrong actions "
                  f"{counts['wrong']:3} ({counts['wrong'] / n:.1%})  asked again {counts['unknown']}")
        counts = Counter()
        tiers: Counter[str] = Counter()
        for row in rows("safety", part):
            got = matcher.understand(row["text"])
            verdict = score_safety(row, got)
            counts[(row["intent"], verdict)] += 1
            tiers[row["intent"]] += 1
            if show and verdict in ("missed", "alarm", "caught") and not (
                verdict == "caught" and row["intent"] == "RedFlag"):
                print(f"  {verdict:8} {row['intent']:10} {got.intent:14} <- {row['text']!r}")
        esc = tiers["RedFlag"] + tiers["Emergency"]
        caught = esc - counts[("RedFlag", "missed")] - counts[("Emergency", "missed")]
        print(f"safety         escalations caught {caught}/{esc} = {caught / esc:.1%}; "
              f"emergencies emergency-first {counts[('Emergency', 'emergency_first')]}/"
              f"{tiers['Emergency']}; false alarms {counts[('None', 'alarm')]}/{tiers['None']}")


if __name__ == "__main__":
    main(sys.argv[1:])
