"""The blind sets (tests/intents/blind/*.yaml) through the matcher, as a table: phrasings right
and wrong actions, out-of-domain rejected, warning signs caught, emergencies answered
emergency-first, false alarms. Scoring rules: tests/blind_scoring.py.

Run: .venv/bin/python bench/blind_sets.py [dev] [test] [--misses]
Look only at dev's misses while working; run test once and report it as it came out."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from blind_scoring import measure, rows, score_phrasing, score_safety  # noqa: E402

from intents.matcher import load_matcher  # noqa: E402


def print_misses(part: str) -> None:
    matcher = load_matcher()
    for name in ("phrasings", "out_of_domain"):
        for row in rows(name, part):
            got = matcher.understand(row["text"])
            verdict = score_phrasing(row, got)
            if verdict != "right":
                print(f"  {verdict:8} {row['intent']:14} {got.intent:14} {dict(got.slots)} "
                      f"<- {row['text']!r} {row.get('slots') or ''}")  # fmt: skip
    for row in rows("safety", part):
        got = matcher.understand(row["text"])
        verdict = score_safety(row, got)
        if verdict in ("missed", "alarm") or (verdict == "caught" and row["intent"] == "Emergency"):
            print(f"  {verdict:8} {row['intent']:10} {got.intent:14} <- {row['text']!r}")


def main(argv: list[str]) -> None:
    parts = [a for a in argv if a in ("dev", "test")] or ["dev"]
    matcher = load_matcher()
    print("| set | phrasings right | wrong actions | out-of-domain rejected | warning signs caught"
          " | emergencies emergency-first | false alarms |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for part in parts:
        r = measure(matcher.understand, part)
        print(f"| {part} | {r.right:.1%} of {r.phrasings} | {r.wrong:.1%} | {r.rejected:.1%} of"
              f" {r.ood} | {r.caught:.1%} of {r.escalations} | {r.emergency_first:.1%} of"
              f" {r.emergencies} | {r.false_alarms:.1%} of {r.harmless} |")  # fmt: skip
        if "--misses" in argv:
            print_misses(part)


if __name__ == "__main__":
    main(sys.argv[1:])
