"""The safety net's model against the intent model, on warning-sign rounds it did not learn from.

Leave one round out: for each round of `intents/examples/signs_only/`, the net's model is trained
on the others (intents.trained_models.sign_training) and the round is read by the safety net
alone (intents.safety_net), once with that model and once with the intent model (which never
learns from the rounds), at a few thresholds. Signs caught by the net alone, emergencies it
answers as emergencies, and false alarms on the round's harmless sentences. The lexicon is left
out: it has learnt from every round, so only the net is measured on unseen sentences.

Run: .venv/bin/python bench/sign_model.py [--rounds N,N] [--thresholds 0.8,0.9] [--intent-model]
    [--unread "negator+media+other_subject+vehicle;media+other_subject+vehicle"] (variants of
    intents.safety_net.UNREAD: with "negator", a sentence with any negator is left unread, as
    before the net read what no negation governs)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

from blind_scoring import score_safety  # noqa: E402
from fresh_examples import rows_of  # noqa: E402

import intents.safety_net as intents_net  # noqa: E402
from intents.classifier import IntentModel, train  # noqa: E402
from intents.examples import sign_example_files  # noqa: E402
from intents.matcher import Sources, load_matcher, trainable  # noqa: E402
from intents.normalize import normalize  # noqa: E402
from intents.safety_net import safety_net  # noqa: E402
from intents.trained_models import sign_training  # noqa: E402
from intents.types import Match  # noqa: E402
from intents.warning_match import EMERGENCY, ESCALATIONS  # noqa: E402


def scores(signs: IntentModel, intents: IntentModel, rows: list[dict], threshold: float) -> str:
    """Scored as the blind safety sets are (tests/blind_scoring.py)."""
    verdicts: Counter[str] = Counter()
    for row in rows:
        said = normalize(row["text"]).without_leading()
        got = safety_net(signs, intents, row["text"], said, threshold) or Match.unknown(row["text"])
        sign = row["intent"] in ESCALATIONS
        verdicts[score_safety(row if sign else {"intent": "None"}, got)] += 1
        verdicts["emergencies"] += row["intent"] == EMERGENCY
    signs_n = len(rows) - verdicts["alarm"] - verdicts["quiet"]
    caught = signs_n - verdicts["missed"]
    first, alarms = verdicts["emergency_first"], verdicts["alarm"]
    return (
        f"{caught / signs_n:.1%} | {first / max(1, verdicts['emergencies']):.1%} "
        f"| {alarms / max(1, len(rows) - signs_n):.1%} ({alarms})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", default="", help="round numbers (default: every round)")
    parser.add_argument("--thresholds", default="0.8,0.85,0.9")
    parser.add_argument("--intent-model", action="store_true", help="measure it too")
    parser.add_argument(
        "--unread", default="", help="filter variants: sets+sets;sets (default: the product's)"
    )
    args = parser.parse_args()
    variants = [tuple(v.split("+")) for v in args.unread.split(";") if v] or [intents_net.UNREAD]
    files = sign_example_files()
    wanted = {f"warning_signs_round{n}.yaml" for n in args.rounds.split(",") if n}
    held = [f for f in files if not wanted or f.name in wanted]
    sources = Sources()
    matcher = load_matcher(sources)
    assert matcher.statistical is not None
    intents = matcher.statistical.model
    templates = trainable(matcher.grammar)
    print("| round held out | model | threshold | caught by the net alone | emergency-first "
          "| false alarms |")  # fmt: skip
    print("|---|---|---|---|---|---|")
    for path in held:
        started = time.monotonic()
        others = tuple(f for f in files if f != path)
        training = sign_training(templates, sources.example_files(), others)
        models = [("intent model", intents)] if args.intent_model else []
        models.append(("net's model", train(training)))
        rows = rows_of(path)
        for threshold in (float(t) for t in args.thresholds.split(",")):
            for name, model in models:
                for unread in variants:
                    intents_net.UNREAD = unread
                    line = scores(model, intents, rows, threshold)
                    label = f"{name}, skips {'+'.join(unread)}" if len(variants) > 1 else name
                    print(f"| {path.stem} | {label} | {threshold} | {line} |", flush=True)
        print(f"<!-- {path.stem}: {time.monotonic() - started:.0f} s -->", flush=True)


if __name__ == "__main__":
    main()
