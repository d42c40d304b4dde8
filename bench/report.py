"""Tables (markdown) and plots (matplotlib PNG) from the spoken-command benchmark records."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np

from bench.coach_replay import ROOMS
from bench.conditions import NOISES, SNRS, snr_of


def _pct(values: list[bool]) -> str:
    return f"{100 * sum(values) / len(values):.1f}%" if values else "–"


def _share(values: list[bool] | None) -> float:
    return sum(values) / len(values) if values else 1.0


def _group(records: list[dict], key: str) -> dict[tuple[str, str], list[bool]]:
    out: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for r in records:
        out[(r[key], r["engine"])].append(r["ok"])
    return out


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def wrong_action(r: dict) -> bool:
    """The command was acted on, but not as said (another intent or other slots)."""
    return not r["ok"] and r["intent"] != "Unknown"


def by_snr(records: list[dict], engine: str, measure=lambda r: r["ok"]) -> dict[str, list[bool]]:
    """clean and each SNR pooled over the four noise types (the headline row)."""
    out: dict[str, list[bool]] = defaultdict(list)
    for r in records:
        if r["engine"] != engine:
            continue
        if r["condition"] == "clean":
            out["clean"].append(measure(r))
        elif r["condition"].split("@")[0] in NOISES:
            out[f"{snr_of(r['condition'])} dB"].append(measure(r))
    return out


def _per_hour(n: int, hours: float) -> str:
    return f"{n} ({n / hours:.1f} / h)" if hours else str(n)


def _latency_stats(values: list[float]) -> str:
    if not values:
        return "–"
    arr = np.array(values) * 1000
    return f"{np.median(arr):.0f} / {np.percentile(arr, 95):.0f}"


def summary(records: list[dict], ood: list[dict], probes: list[dict], run: dict) -> str:
    engines = run["engines"]
    conds = [c for c in run["conditions"] if any(r["condition"] == c for r in records)]
    m = run["machine"]
    lines = ["# Spoken-command benchmark", ""]
    lines += [
        f"Machine: {m['arch']}, {m['nproc']} cores, {m['cpu']}, Python {m['python']}; "
        f"{run['workers']} niced workers, wall time {run['elapsed_s'] / 60:.1f} min.",
        f"Corpus: {run['commands']} synthetic command utterances (espeak-ng and flite voices). "
        f"Clean: all of them{' (limit ' + str(run['limit']) + ')' if run['limit'] else ''}; "
        f"every other condition: the first {min(run['noisy'], run['limit'] or run['noisy'])} "
        "(the corpus is sampled round-robin over intent and slot shapes, so they cover all).",
        f"Vosk options: {run['options'] or 'product defaults'}.",
        "",
        "Engines (both feed the same matcher, intents/matcher.py):",
        *[f"- {p['engine']}: {p.get('about', '')}" for p in probes],
        "",
        "## Command acceptance (intent and every slot right)",
        "",
    ]
    headline = ["clean"] + [f"{s} dB" for s in SNRS]
    rows = []
    for e in engines:
        stats = by_snr(records, e)
        rows.append([e] + [_pct(stats.get(k, [])) for k in headline])
    lines += _table(["engine", *headline], rows)
    lines += ["", "Noisy columns pool white, pink, brown and babble noise at that SNR."]
    lines += ["", "### Wrong actions (acted on, but another intent or other slots)", ""]
    rows = []
    for e in engines:
        stats = by_snr(records, e, wrong_action)
        rows.append([e] + [_pct(stats.get(k, [])) for k in headline])
    lines += _table(["engine", *headline], rows)
    bad_text = {r["said"] for r in records if not r.get("text_ok", True)}
    if bad_text:
        lines += [f"{len(bad_text)} corpus sentences are no longer understood as written by the "
                  "matcher (rebuild the corpus): " + "; ".join(sorted(bad_text)[:5])]  # fmt: skip
    lines += [""]
    lines += ["### Per condition", ""]
    grouped = _group(records, "condition")
    rows = [[c] + [_pct(grouped.get((c, e), [])) for e in engines]
            + [str(len(grouped.get((c, engines[0]), [])))] for c in conds]  # fmt: skip
    lines += _table(["condition", *engines, "n"], rows)
    lines += ["", "### Per intent (all conditions pooled)", ""]
    grouped = _group(records, "expected")
    intents = sorted({r["expected"] for r in records})
    rows = [[i] + [_pct(grouped.get((i, e), [])) for e in engines] for i in intents]
    lines += _table(["intent", *engines], rows)
    lines += ["", "### Clean, per voice (the ten the first engine hears worst)", ""]
    grouped = _group([r for r in records if r["condition"] == "clean"], "voice")
    voices = sorted({v for v, _ in grouped}, key=lambda v: _share(grouped.get((v, engines[0]))))
    rows = [[v] + [_pct(grouped.get((v, e), [])) for e in engines]
            + [str(len(grouped.get((v, engines[0]), [])))] for v in voices[:10]]  # fmt: skip
    lines += _table(["voice", *engines, "n"], rows)
    lines += ["", "## False accepts on out-of-domain audio", ""]
    lines += ["Understood: finals the matcher gives an intent. Coach acted: of those, what the",
              "product's coach acts on (bench/coach_replay.py) in a quiet room (idle) and while",
              "an ice timer runs (icing); it lets pass a yes/no that answers nothing and a",
              "timer command with no timer, unless it spoke in the last minute.", ""]  # fmt: skip
    rows = []
    for e in engines:
        mine = [o for o in ood if o["engine"] == e]
        hours = sum(o["duration"] for o in mine) / 3600
        counts = [sum(len(o["accepts"]) for o in mine)]
        counts += [sum(len(o.get("acted", {}).get(room, [])) for o in mine) for room in ROOMS]
        rows.append([e, f"{hours:.2f}"] + [_per_hour(n, hours) for n in counts])
    lines += _table(["engine", "hours", "understood", *(f"coach acted ({r})" for r in ROOMS)],
                    rows)  # fmt: skip
    for e in engines:
        for label, key in (("understood", None), ("acted on, idle", "idle")):
            found = [
                a
                for o in ood
                if o["engine"] == e
                for a in (o["accepts"] if key is None else o.get("acted", {}).get(key, []))
            ]
            if found:
                lines += ["", f"{e} {label}: " + "; ".join(
                    f"\"{a['heard']}\" → {a['intent']}" for a in found[:10])]  # fmt: skip
    lines += ["", "## Speed and footprint", ""]
    rows = []
    for e in engines:
        mine = [r for r in records if r["engine"] == e]
        lat_clean = [r["latency"] for r in mine if r["condition"] == "clean" and r["latency"]]
        lat_all = [r["latency"] for r in mine if r["latency"] is not None]
        cpu = sum(r["cpu"] for r in mine) + sum(o["cpu"] for o in ood if o["engine"] == e)
        seconds = sum(r["audio"] for r in mine) + sum(
            o["duration"] for o in ood if o["engine"] == e
        )
        pr = next((p for p in probes if p["engine"] == e), None)
        rows.append([
            e, _latency_stats(lat_clean), _latency_stats(lat_all),
            f"{cpu / seconds:.3f}" if seconds else "–",
            f"{100 * pr['idle_cpu']:.1f}%" if pr else "–",
            f"{pr['rss_mb']:.0f}" if pr else "–", f"{pr['load_s']:.1f}" if pr else "–",
        ])  # fmt: skip
    lines += _table(["engine", "latency clean ms (median / p95)", "latency all ms",
                     "RTF (CPU s / audio s)", "CPU listening to room tone",
                     "peak RSS MB", "load s"], rows)  # fmt: skip
    lines += [
        "",
        "Latency: from the last speech-active 20 ms frame of the utterance (before noise) to the "
        "end of the 100 ms (Vosk) or 30 ms (PocketSphinx) chunk whose processing produced the "
        "final result, plus that processing time. CPU is one core's share.",
        "",
    ]
    return "\n".join(lines)


def plots(records: list[dict], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    engines = sorted({r["engine"] for r in records})
    fig, ax = plt.subplots(figsize=(7, 4.5))
    styles = {"white": ":", "pink": "--", "brown": "-.", "babble": "-"}
    for k, e in enumerate(engines):
        clean = [r["ok"] for r in records if r["engine"] == e and r["condition"] == "clean"]
        for noise, style in styles.items():
            xs, ys = [], []
            for snr in sorted(SNRS):
                ok = [r["ok"] for r in records
                      if r["engine"] == e and r["condition"] == f"{noise}@{snr}"]  # fmt: skip
                if ok:
                    xs.append(snr)
                    ys.append(100 * sum(ok) / len(ok))
            if clean and xs:
                xs.append(30)
                ys.append(100 * sum(clean) / len(clean))
            if xs:
                ax.plot(xs, ys, style, marker="o", color=f"C{k}", label=f"{e} {noise}")
    ax.set_xlabel("SNR (dB); 30 = clean")
    ax.set_ylabel("command acceptance (%)")
    ax.set_ylim(0, 100)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, ncol=2)
    ax.set_title("Command acceptance vs SNR")
    fig.tight_layout()
    fig.savefig(out / "accuracy_vs_snr.png", dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(7, 4))
    for k, e in enumerate(engines):
        mine = [r for r in records if r["engine"] == e and r["condition"] == "clean"]
        lat = [1000 * r["latency"] for r in mine if r["latency"] is not None]
        if lat:
            ax.hist(lat, bins=40, range=(0, 1500), alpha=0.6, color=f"C{k}", label=e)
    ax.set_xlabel("end of speech → decision (ms), clean")
    ax.set_ylabel("utterances")
    ax.legend()
    ax.set_title("Latency")
    fig.tight_layout()
    fig.savefig(out / "latency_hist.png", dpi=110)
    plt.close(fig)
