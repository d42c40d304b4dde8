"""Do the models generalise better for learning from the fresh rounds' dev halves?

The fresh rounds (bench/fresh_rounds/*_dev.yaml, written blind, looked at once) teach only the
lexicon and the rules; the models learn from the older rounds (intents/examples/). Here,
rounds held out a fold at a time: models without any dev half against models that also learnt
from the other folds' dev halves, each read by the whole matcher on the held-out dev halves.
With `--intent-model-only` the requests and harmless sentences teach the intent model and the
safety net's model is the product's; without it every row, the signs too, also teaches the
net's model. The lexicon has learnt from every dev half, so both read them better than they
would unseen sentences; only the difference between them counts. Results, and why the product
does not learn from them yet: bench/results/round_training.md.

Run: .venv/bin/python bench/round_training.py [--folds 6] [--intent-model-only] [--changes]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

from blind_scoring import score_phrasing, score_safety  # noqa: E402
from fresh_examples import rows_of  # noqa: E402

from intents.classifier import Example, IntentModel, train, training_set  # noqa: E402
from intents.examples import NOT_FOR_US, load_examples  # noqa: E402
from intents.matcher import EXACT_ONLY, Matcher, Sources, load_matcher, trainable  # noqa: E402
from intents.normalize import normalize  # noqa: E402
from intents.statistical import StatisticalLayer  # noqa: E402
from intents.trained_models import NOT_A_SIGN  # noqa: E402
from intents.warning_match import ESCALATIONS  # noqa: E402

ROUNDS = ROOT / "bench" / "fresh_rounds"
HARMLESS_NO_INTENT = "None"  # a harmless statement asking nothing: talk not meant for us


def round_of(path: Path) -> int:
    found = re.search(r"round(\d+)", path.name)
    return int(found.group(1)) if found else 0


def intent_of(row: dict[str, object]) -> str:
    """The row's intent; an unquoted Yes or No is read by YAML as a boolean."""
    intent = row["intent"]
    return ("Yes" if intent else "No") if isinstance(intent, bool) else str(intent)


def labelled(paths: Sequence[Path]) -> list[tuple[str, tuple[str, ...]]]:
    out = []
    for path in paths:
        for row in rows_of(path):
            intent = NOT_FOR_US if row["intent"] == HARMLESS_NO_INTENT else intent_of(row)
            tokens = normalize(row["text"]).tokens
            if tokens and intent not in EXACT_ONLY:
                out.append((intent, tokens))
    return out


def models(
    extra: list[tuple[str, tuple[str, ...]]], net_too: bool
) -> tuple[IntentModel, IntentModel | None]:
    """The intent model and the safety net's, as intents.trained_models trains them, with
    `extra` rows: the signs teach the net's model only (None: `net_too` False, the product's
    net)."""
    sources = Sources()
    matcher = load_matcher(sources)
    templates = trainable(matcher.grammar)
    examples = load_examples(sources.example_files())
    signs = load_examples(sources.sign_files())
    plain = [(i, t) for i, t in extra if i not in ESCALATIONS]
    intent = train(training_set(templates, [*examples, *plain]))
    if not net_too:
        return intent, None
    both = training_set(templates, [*examples, *signs, *extra])
    net = train(
        [
            Example(e.intent if e.intent in ESCALATIONS else NOT_A_SIGN, e.tokens, e.weight)
            for e in both
        ]
    )
    return intent, net


def read(matcher: Matcher, paths: Sequence[Path], verdicts: dict[str, str]) -> Counter[str]:
    """Scored as bench/fresh_examples.py scores; each row's verdict into `verdicts`."""
    counts: Counter[str] = Counter()
    for path in paths:
        for row in rows_of(path):
            got = matcher.understand(row["text"])
            said = f"{row['intent']:13} {got.intent:13} {dict(got.slots)} <- {row['text']!r}"
            if row["intent"] in ESCALATIONS:
                verdict = score_safety(row, got)
                verdicts[row["text"]] = f"{verdict:16} {said}"
                counts["signs"] += 1
                counts["caught"] += verdict != "missed"
                counts["emergencies"] += row["intent"] == "Emergency"
                counts["first"] += verdict == "emergency_first"
                continue
            counts["harmless"] += 1
            counts["alarms"] += score_safety({"intent": "None"}, got) == "alarm"
            slots = row["slots"] if "slots" in row else dict(got.slots)
            verdict = score_phrasing({**row, "slots": slots}, got)
            verdicts[row["text"]] = f"{verdict:16} {said}"
            key = "ood" if row["intent"] in (NOT_FOR_US, HARMLESS_NO_INTENT) else "phrasings"
            counts[key] += 1
            counts[f"{key}_{verdict}"] += 1
    return counts


def line(name: str, c: Counter[str]) -> str:
    def rate(part: str, whole: str) -> str:
        return f"{c[part] / c[whole]:.1%} ({c[part]})" if c[whole] else "-"

    cells = [
        rate("phrasings_right", "phrasings"),
        rate("phrasings_wrong", "phrasings"),
        rate("ood_right", "ood"),
        rate("caught", "signs"),
        rate("first", "emergencies"),
        rate("alarms", "harmless"),
    ]
    return f"| {name} | {' | '.join(cells)} |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", type=int, default=6)
    parser.add_argument("--intent-model-only", action="store_true", help="the net as it is")
    parser.add_argument("--changes", action="store_true", help="print the rows read otherwise")
    args = parser.parse_args()
    files = sorted(ROUNDS.glob("*_dev.yaml"), key=round_of)
    rounds = sorted({round_of(f) for f in files})
    folds = [rounds[i :: args.folds] for i in range(args.folds)]
    product = load_matcher(Sources())
    assert product.statistical is not None
    before, _ = models([], net_too=False)  # the intent model without the dev halves
    product = Matcher(
        product.grammar,
        StatisticalLayer(lambda: before, signs=lambda m=product.statistical.signs: m),
    )
    totals: dict[str, Counter[str]] = {
        "without the dev halves": Counter(),
        "+ other dev halves": Counter(),
    }
    print("| held out (rounds) | phrasings right | wrong | not-for-us rejected | signs caught "
          "| emergency-first | false alarms |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for fold in folds:
        started = time.monotonic()
        held = [f for f in files if round_of(f) in fold]
        trained = [f for f in files if f not in held]
        intent, net = models(labelled(trained), not args.intent_model_only)
        signs = product.statistical.signs if net is None else net
        wider = Matcher(
            product.grammar, StatisticalLayer(lambda m=intent: m, signs=lambda m=signs: m)
        )
        verdicts: list[dict[str, str]] = [{}, {}]
        pair = (("without the dev halves", product), ("+ other dev halves", wider))
        for (name, matcher), seen in zip(pair, verdicts, strict=True):
            counts = read(matcher, held, seen)
            totals[name] += counts
            print(line(f"{fold} {name}", counts), flush=True)
        if args.changes:
            for text, before in verdicts[0].items():
                if verdicts[1][text] != before:
                    print(f"<!--\n  {before}\n  {verdicts[1][text]}\n-->")
        print(f"<!-- {fold}: {time.monotonic() - started:.0f} s -->", flush=True)
    for name, counts in totals.items():
        print(line(f"**all, {name}**", counts))


if __name__ == "__main__":
    main()
