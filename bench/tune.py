"""Compare recognizer settings on a subsample: acceptance, false accepts per hour, latency.

Each setting is one run of spoken_commands.py (Vosk only) with --vosk-option overrides of
RecognizerSettings / EndpointSettings fields; the table goes to bench/results/tuning.md.

    python bench/tune.py --setting "" --setting "complete_silence=0.3" \
        --setting "min_confidence=0.7"
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
if __package__ in (None, ""):
    sys.path.insert(0, str(HERE.parent))

from bench.report import wrong_action  # noqa: E402


def measure(setting: str, args: argparse.Namespace) -> dict:
    tag = "tune_" + (args.label or setting.replace("=", "_").replace(",", "+") or "defaults")
    cmd = [sys.executable, str(HERE / "spoken_commands.py"), "--engines", "vosk", "--tag", tag,
           "--limit", str(args.limit), "--noisy", str(args.noisy), "--conditions", args.conditions,
           "--ood-minutes", str(args.ood_minutes), "--no-plots",
           "--probe-seconds", "5"]  # fmt: skip
    for item in filter(None, setting.split(",")):
        cmd += ["--vosk-option", item]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([*cmd, "--results", tmp], check=True, capture_output=True)
    rows = [json.loads(line) for line in (HERE / "corpus" / "runs" / f"{tag}.jsonl").open()]
    cmds = [r for r in rows if "condition" in r]
    ood = [r for r in rows if "accepts" in r]
    out: dict = {"setting": args.label or setting or "product defaults"}
    for cond in args.conditions.split(","):
        ok = [r["ok"] for r in cmds if r["condition"] == cond]
        out[cond] = 100 * sum(ok) / len(ok) if ok else float("nan")
    hours = sum(o["duration"] for o in ood) / 3600
    wrong = [wrong_action(r) for r in cmds]
    out["wrong"] = 100 * sum(wrong) / len(wrong) if wrong else float("nan")
    out["fa_per_hour"] = sum(len(o["accepts"]) for o in ood) / hours if hours else float("nan")
    acted = sum(len(o.get("acted", {}).get("idle", [])) for o in ood)
    out["acted_per_hour"] = acted / hours if hours else float("nan")
    lat = [1000 * r["latency"] for r in cmds if r["condition"] == "clean" and r["latency"]]
    out["latency"] = f"{np.median(lat):.0f} / {np.percentile(lat, 95):.0f}" if lat else "–"
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--setting", action="append", default=[], help="KEY=VALUE[,KEY=VALUE]")
    p.add_argument("--limit", type=int, default=300)
    p.add_argument("--noisy", type=int, default=100)
    p.add_argument("--conditions", default="clean,pink@5,babble@10,far")
    p.add_argument("--ood-minutes", type=float, default=30)
    p.add_argument("--out", type=Path, default=HERE / "results" / "tuning.md")
    p.add_argument(
        "--label", default="", help="names the row and its run (e.g. for another BACKCOACH_MODEL)"
    )
    args = p.parse_args()
    conds = args.conditions.split(",")
    lines = [
        "# Recognizer settings compared (Vosk, product recognizer)",
        "",
        f"Clean: first {args.limit} utterances; other conditions: first {args.noisy}; "
        f"out-of-domain: about {args.ood_minutes:g} min. Latency: clean, ms median / p95.",
        "",
        "| setting | "
        + " | ".join(conds)
        + " | wrong actions | false accepts / h | coach acted (idle) / h"
        " | latency |",
        "|---|" + "---|" * (len(conds) + 4),
    ]
    for setting in args.setting or [""]:
        r = measure(setting, args)
        cells = [f"{r[c]:.1f}%" for c in conds] + [
            f"{r['wrong']:.1f}%",
            f"{r['fa_per_hour']:.1f}",
            f"{r['acted_per_hour']:.1f}",
            r["latency"],
        ]
        lines.append(f"| {r['setting']} | " + " | ".join(cells) + " |")
        print(lines[-1], flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
