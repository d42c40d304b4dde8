"""How fast `backcoach parse` understands lines, and how big the grammar is.

Prints a table: grammar load and enumeration time, number of enumerated sentences and
vocabulary size, in-process matcher lines/second (in-domain, out-of-domain, near misses),
and `python -m voice parse` lines/second over stdin (a real subprocess, start-up included
and excluded). Run: .venv/bin/python bench/parse_throughput.py [--repeat N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from intents.grammar import load_grammar  # noqa: E402
from intents.matcher import Matcher  # noqa: E402


def test_sentences() -> tuple[list[str], list[str], list[str]]:
    exact: list[str] = []
    near: list[str] = []
    outside: list[str] = []
    for path in sorted((ROOT / "tests" / "intents").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in data.get("tests", []):
            (near if path.stem == "near_misses" else exact).extend(entry["sentences"])
        outside.extend(data.get("must_not_match", []))
    return exact, near, outside


def rate(matcher: Matcher, lines: list[str], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        for line in lines:
            matcher.understand(line)
    return repeat * len(lines) / (time.perf_counter() - start)


def slot_parser_rates(repeat: int) -> list[tuple[str, str]]:
    """Calls a second of each slot parser on the blind dev phrasings, tokenising every time
    (was a timed test, flaky on a loaded machine; it asked for more than 20,000)."""
    from intents import slot_words
    from intents.duration_tokens import tokenize

    dev = ROOT / "tests" / "intents" / "blind" / "phrasings_dev.yaml"
    texts = [row["text"] for row in yaml.safe_load(dev.read_text(encoding="utf-8"))]
    rows = []
    for name in ("parse_duration_status", "parse_timer_name", "parse_all", "parse_area",
                 "parse_reps", "parse_onset"):  # fmt: skip
        parser = getattr(slot_words, name)
        best = 0.0
        for _ in range(max(1, repeat // 5)):
            tokenize.cache_clear()
            start = time.perf_counter()
            for text in texts:
                parser(text)
            best = max(best, len(texts) / (time.perf_counter() - start))
        rows.append((f"slot parser {name} (best run)", f"{best:,.0f} calls/s"))
    return rows


def cli_rate(lines: list[str]) -> tuple[float, float]:
    """(lines/s including start-up, start-up seconds) for `python -m voice parse` on stdin."""
    command = [sys.executable, "-m", "voice", "parse"]
    start = time.perf_counter()
    subprocess.run(command, input="okay\n", text=True, capture_output=True, cwd=ROOT, check=True)
    startup = time.perf_counter() - start
    start = time.perf_counter()
    done = subprocess.run(
        command, input="\n".join(lines) + "\n", text=True, capture_output=True, cwd=ROOT, check=True
    )
    elapsed = time.perf_counter() - start
    assert done.stdout.count("\n") == len(lines)
    return len(lines) / elapsed, startup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    start = time.perf_counter()
    grammar = load_grammar()
    loaded = time.perf_counter()
    matcher = Matcher(grammar)
    built = time.perf_counter()
    sentences = grammar.sentences()
    enumerated = time.perf_counter()
    vocabulary = grammar.vocabulary()

    exact, near, outside = test_sentences()
    mixed = exact + near + outside
    big = mixed * 40
    cli_total, startup = cli_rate(big)
    rows = [
        ("grammar load (templates → patterns)", f"{loaded - start:.2f} s"),
        ("matcher build (tables, fuzzy index)", f"{built - loaded:.2f} s"),
        ("enumerate sentences (numbers as words)", f"{enumerated - built:.2f} s"),
        ("patterns (numbers as #)", f"{len(grammar.patterns)}"),
        ("enumerated sentences", f"{len(sentences)}"),
        ("vocabulary words", f"{len(vocabulary)}"),
        ("matcher: in-domain test sentences", f"{rate(matcher, exact, args.repeat):,.0f} lines/s"),
        ("matcher: near misses (fallback)", f"{rate(matcher, near, args.repeat):,.0f} lines/s"),
        ("matcher: out-of-domain", f"{rate(matcher, outside, args.repeat):,.0f} lines/s"),
        (f"backcoach parse, stdin, {len(big)} mixed lines", f"{cli_total:,.0f} lines/s"),
        ("backcoach parse start-up (one line)", f"{startup:.2f} s"),
        *slot_parser_rates(args.repeat),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  {'-' * 16}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
