"""The warning-sign pass's judgements, as the code stands, replayed on decodes saved by
bench/spoken_safety_misses.py from an earlier run: the grammar's words confirmed as a warning sign
(FreeListening.confirms) and free words graver than the grammar's passed on in their place
(FreeListening.graver), and finals a free decode names another action for, dropped
(FreeListening.doubts), and the grammar's loose or dropped words read whole where a free decode asks
the same (FreeListening.agreed), and a free decode's request asked about where the grammar's words
ask nothing (FreeListening.offered): which sentences would now be heard otherwise, and what that
does to their score ("+call": told "if this is an emergency, call emergency services now"). The
decoding is not repeated, so a rule for the pass is weighed on the very same words (a new decode
differs by a few sentences from run to run: bench/results/spoken_blind_dev_all_vosk_tiny.md). Saved
requests (`--set phrasings`) are scored as requests (right, unknown, asks, wrong).

Run: .venv/bin/python bench/free_pass_replay.py SAVED.jsonl [MORE.jsonl ...] [--list]
[--rules confirms,graver,actions,agreed,offered] ("asks:right": the coach asks about the
right request, "Do you want to ...?")"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from blind_scoring import rows, score_phrasing, score_safety  # noqa: E402

SAFETY_TIERS = ("RedFlag", "Emergency", "None")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("saved", nargs="+", type=Path)
    parser.add_argument("--list", action="store_true", help="print every changed sentence")
    parser.add_argument("--rules", default="confirms,graver,actions,agreed,offered")
    args = parser.parse_args()
    from intents.matcher import load_matcher
    from intents.types import EMERGENCY_CONCERN, Match
    from intents.warning_match import ESCALATIONS
    from voice.hearing import matcher_wiring as wiring
    from voice.hearing.free_listening import MIN_FREE_AUDIO, FreeListening, FreeReaders
    from voice.hearing.matcher_wiring import heard_as, net_with, warns_with

    matcher = load_matcher()
    rules = args.rules.split(",")
    grave = wiring.grave_with(matcher) if "graver" in rules else None  # (not in older code)
    actions = wiring.other_action_with(matcher) if "actions" in rules else None
    readers = FreeReaders(warns=warns_with(matcher), net=net_with(matcher), grave=grave)
    free = FreeListening(None, readers, True, 0.5)
    doubts = FreeReaders(warns=warns_with(matcher), other_action=actions)
    doubting = FreeListening(None, doubts, True, 0.5) if actions else None
    means = FreeReaders(warns=warns_with(matcher), means=wiring.means_with(matcher))
    agreeing = FreeListening(None, means, True, 0.5) if "agreed" in rules else None
    offers = FreeReaders(warns=warns_with(matcher), offer=wiring.offer_with(matcher))
    offering = FreeListening(None, offers, True, 0.5) if "offered" in rules else None
    requests = {r["text"]: r for r in rows("phrasings", "dev")}

    def score(row: dict[str, object], got: object) -> str:
        request = row["intent"] not in SAFETY_TIERS
        said = (
            score_phrasing(requests[str(row["text"])], got) if request else score_safety(row, got)
        )  # type: ignore[arg-type]
        if said == "asks" and request and len(got.alternatives) == 1:  # type: ignore[attr-defined]
            said += ":" + score_phrasing(requests[str(row["text"])], got.alternatives[0])  # type: ignore[attr-defined]
        return said + ("+call" if got.concern == EMERGENCY_CONCERN else "")  # type: ignore[attr-defined]

    counts: Counter[tuple[str, str, str]] = Counter()
    changed = []
    for path in args.saved:
        for line in path.read_text(encoding="utf-8").splitlines():
            saved = json.loads(line)
            row = {"intent": saved["tier"], "text": saved["text"]}
            freely = any(saved["heard"] in decodes for decodes in saved["free"] if saved["heard"])
            heard = heard_as(matcher, saved["heard"], bool(saved["whole"]), freely)
            before = after = score(row, heard)  # as bench/spoken_blind.py scores it
            if doubting is not None and heard.intent not in ESCALATIONS:
                doubting.heard = [decodes[0] for decodes in saved["free"] if decodes]  # Moonshine's
                doubted = [final for final in saved["finals"] if doubting.doubts(final)]
                if doubted:  # dropped: asked again
                    after = score(row, Match.unknown(saved["heard"]))
                    changed.append((saved["condition"], before, after, saved["text"], doubted[0]))
                    counts[(str(saved["condition"]), before, after)] += 1
                    continue
            for words, confidences, decodes in zip(
                saved["grammar"], saved["confs"], saved["free"], strict=True
            ):
                if heard.intent in ESCALATIONS:
                    break
                free.forget()
                for text in decodes:
                    free.hear(bytes(MIN_FREE_AUDIO), 0.0, lambda audio, text=text: text)
                passed = free.confirms(words, 0.0, confidences) if "confirms" in rules else []
                gravely = not passed and grave is not None
                if gravely:  # the grammar's words as passed on ("" if they were dropped)
                    acted = words if words and words in saved["finals"] else ""
                    whole = bool(acted) and acted == saved["heard"] and bool(saved["whole"])
                    passed = free.graver(acted, whole, 0.0)
                loose = words not in saved["finals"] or not saved["whole"]  # dropped or loose
                if not passed and agreeing is not None and loose and heard.intent != "Unsure":
                    agreeing.heard = list(decodes)
                    if agreeing.agreed(words, 0.0):  # read whole: two decoders asked the same
                        after = score(row, matcher.understand(words))
                        changed.append((saved["condition"], before, after, saved["text"], words))
                        break
                if not passed and offering is not None and loose and not heard.understood:
                    offering.heard = list(decodes)
                    dropped = words not in saved["finals"]
                    asked = offering.offered(words, dropped, 0.0, confidences)
                    if asked:
                        after = score(row, wiring.offered_as(matcher, asked[0].text))
                        changed.append((saved["condition"], before, after, saved["text"], words))
                        break
                if passed:
                    how = {"gravely": True} if gravely else {}  # (older code: no `gravely`)
                    freely = free.passed_on(passed[0].text)  # the net reads them
                    got = heard_as(matcher, passed[0].text, False, freely, **how)
                    after = score(row, got)
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
