"""Intent accuracy on the test sentences (tests/intents/*.yaml or the files given), then the
blind sets' table (bench/blind_sets.py: dev; `--test` adds the held-out half).

Prints, per file and in total: sentences, understood exactly (template, confidence 1),
understood by the tolerant fallback, wrong intent, Unknown, slot mismatches, and the share
of out-of-domain sentences rejected. Run: .venv/bin/python bench/understanding_accuracy.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intents.matcher import load_matcher  # noqa: E402

COLUMNS = ("sentences", "exact", "fallback", "wrong", "unknown", "bad slots", "ood", "rejected")


def measure(path: Path) -> Counter[str]:
    matcher = load_matcher()
    counts: Counter[str] = Counter()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for entry in data.get("tests", []):
        for sentence in entry["sentences"]:
            result = matcher.understand(sentence)
            counts["sentences"] += 1
            if result.intent == entry["intent"]:
                counts["exact" if result.confidence == 1.0 else "fallback"] += 1
                if "slots" in entry and dict(result.slots) != entry["slots"]:
                    counts["bad slots"] += 1
            else:
                counts["unknown" if result.intent == "Unknown" else "wrong"] += 1
    for sentence in data.get("must_not_match", []):
        counts["ood"] += 1
        counts["rejected"] += matcher.understand(sentence).intent == "Unknown"
    return counts


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--test"]
    paths = [Path(p) for p in args] or sorted((ROOT / "tests" / "intents").glob("*.yaml"))
    total: Counter[str] = Counter()
    print(f"{'file':<18}" + "".join(f"{c:>10}" for c in COLUMNS))
    for path in paths:
        counts = measure(path)
        total.update(counts)
        print(f"{path.stem:<18}" + "".join(f"{counts[c]:>10}" for c in COLUMNS))
    print(f"{'total':<18}" + "".join(f"{total[c]:>10}" for c in COLUMNS))
    if total["sentences"]:
        right = total["exact"] + total["fallback"]
        print(
            f"\nintent accuracy {right}/{total['sentences']} = {right / total['sentences']:.1%}"
            f" (exact {total['exact'] / total['sentences']:.1%},"
            f" fallback {total['fallback'] / total['sentences']:.1%})"
        )
    if total["ood"]:
        print(
            f"out-of-domain rejected {total['rejected']}/{total['ood']}"
            f" = {total['rejected'] / total['ood']:.1%}"
        )

    sys.path.insert(0, str(ROOT / "bench"))
    import blind_sets

    print()
    blind_sets.main(["dev", "test"] if "--test" in sys.argv else ["dev"])


if __name__ == "__main__":
    main()
