"""The tables and the plot of bench/real_speech.py, from its records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from bench import real_sets


def _oks(records: list[dict[str, Any]], engine: str, domain: str, condition: str) -> list[bool]:
    key = (engine, domain, condition)
    return [r["ok"] for r in records if (r["engine"], r["domain"], r["condition"]) == key]


def _pct(oks: list[bool]) -> str:
    return f"{100 * sum(oks) / len(oks):.1f}% ({sum(oks)}/{len(oks)})" if oks else "–"


def report(records: list[dict[str, Any]], engines: list[str], snrs: list[int], note: str) -> str:
    conds = ["clean", *(f"kitchen@{s}" for s in snrs)]
    lines = ["# Real human speech through the product path", "", note, "",
             "## Coffee orders (picovoice-s2i-dev): intent and every slot exact", "",
             "| engine | " + " | ".join(conds) + " | mean 24-6 dB |",
             "|---|" + "---|" * (len(conds) + 1)]  # fmt: skip
    for e in engines:
        cells, mean = [], []
        for c in conds:
            oks = _oks(records, e, "coffee", c)
            cells.append(_pct(oks))
            if oks and c != "clean" and int(c.split("@")[1]) >= 6:
                mean.append(100 * sum(oks) / len(oks))
        average = f"{np.mean(mean):.1f}%" if mean else "–"
        lines.append(f"| {e} | " + " | ".join(cells) + f" | {average} |")
    lines += ["", "## Words (speech-commands-dev, padded with 0.5 s of silence), our domain", "",
              "| engine | yes | no | stop | go | other words accepted (false accepts) |",
              "|---|---|---|---|---|---|"]  # fmt: skip
    for e in engines:
        mine = [r for r in records if r["engine"] == e and r["domain"] == "words"]
        cells = [_pct([r["ok"] for r in mine if r["expected"] == w]) for w in real_sets.WORDS]
        other = [not r["ok"] for r in mine if r["expected"] == real_sets.OTHER]
        lines.append(f"| {e} | " + " | ".join(cells) + f" | {_pct(other)} |")
    cpu = {e: [r["cpu"] for r in records if r["engine"] == e] for e in engines}
    lines += ["", "CPU per clip (s, median): " + ", ".join(
        f"{e} {np.median(v):.2f}" for e, v in cpu.items() if v)]  # fmt: skip
    return "\n".join(lines) + "\n"


def plot(records: list[dict[str, Any]], engines: list[str], snrs: list[int], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.5, 4))
    for k, e in enumerate(engines):
        xs, ys = [], []
        for x, c in [(30, "clean"), *((s, f"kitchen@{s}") for s in snrs)]:
            oks = _oks(records, e, "coffee", c)
            if oks:
                xs.append(x)
                ys.append(100 * sum(oks) / len(oks))
        ax.plot(xs, ys, marker="o", color=f"C{k}", label=e)
    ax.set_xlabel("kitchen noise SNR (dB, loudest frame); 30 = clean")
    ax.set_ylabel("coffee orders exactly right (%)")
    ax.set_ylim(0, 100)
    ax.grid(alpha=0.3)
    ax.legend()
    ax.set_title("Real human coffee orders vs kitchen noise")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
