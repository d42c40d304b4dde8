"""The warning-sign pass's judgement of the grammar's words (FreeListening.confirms), as the
code stands, replayed on decodes saved by bench/spoken_safety_misses.py from an earlier run:
which sentences would now be heard as a warning sign, and what that does to their score. The
decoding is not repeated, so a rule for the pass is weighed on the very same words (a new
decode differs by a few sentences from run to run: bench/results/spoken_blind_dev_all_vosk_tiny.md).

Run: .venv/bin/python bench/free_pass_replay.py SAVED.jsonl [MORE.jsonl ...] [--list]"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from blind_scoring import score_safety  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("saved", nargs="+", type=Path)
    parser.add_argument("--list", action="store_true", help="print every changed sentence")
    args = parser.parse_args()
    from intents.matcher import load_matcher
    from intents.warning_match import ESCALATIONS
    from voice.app.wiring import heard_as
    from voice.hearing.free_listening import MIN_FREE_AUDIO, FreeListening
    from voice.hearing.matcher_wiring import net_with, warns_with

    matcher = load_matcher()
    free = FreeListening(None, warns_with(matcher), True, 0.5, net=net_with(matcher))
    counts: Counter[tuple[str, str, str]] = Counter()
    changed = []
    for path in args.saved:
        for line in path.read_text(encoding="utf-8").splitlines():
            saved = json.loads(line)
            row = {"intent": saved["tier"], "text": saved["text"]}
            freely = any(saved["heard"] in decodes for decodes in saved["free"] if saved["heard"])
            heard = heard_as(matcher, saved["heard"], bool(saved["whole"]), freely)
            before = after = score_safety(row, heard)  # as bench/spoken_blind.py scores it
            for words, confidences, decodes in zip(
                saved["grammar"], saved["confs"], saved["free"], strict=True
            ):
                if heard.intent in ESCALATIONS or not words:
                    break
                free.forget()
                for text in decodes:
                    free.hear(bytes(MIN_FREE_AUDIO), 0.0, lambda audio, text=text: text)
                passed = free.confirms(words, 0.0, confidences)
                if passed:
                    after = score_safety(row, heard_as(matcher, passed[0].text, False))
                    changed.append((saved["condition"], before, after, saved["text"], words))
                    break
            counts[(str(saved["condition"]), before, after)] += 1
    print("| condition | before | after | sentences |\n|---|---|---|---|")
    for (condition, before, after), n in sorted(counts.items()):
        print(f"| {condition} | {before} | {after} | {n} |")
    if args.list:
        for condition, before, after, text, words in changed:
            print(f"{condition}: {before} -> {after}: {text!r} (grammar: {words!r})")


if __name__ == "__main__":
    main()
