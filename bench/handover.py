"""A short answer said just after the coach stops (half duplex): is it heard whole? (Not a test;
prints a table.)

The off-line room of tests/integration/test_duplex_listening.py (a long reply through a
simulated room, the real speexdsp canceller, the stopper, Vosk with our sentences): "yes" said
`after` seconds after the reply's last sample, for several voices and several draws of Kaldi's
feature dither (glibc's rand(), seeded per draw). The answer starts while the reply's echo is
still judged to be dying away, so the stopper has the microphone and the main recognizer takes
over mid-word (voice.hearing.stopper.HANDOVER).

    python bench/handover.py [--draws 10] [--after 0.05,0.1,0.15,0.2,0.3] [--voices en-us,en-us+f3]

The last row is the control: the same "yes" with the reply silent (no echo, no handover). A
voice whose "yes" is not heard there (espeak-ng's en-gb, dropped by the recognizer alone) says
nothing about the handover.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "integration")]

import numpy as np  # noqa: E402

from bench.latency import machine  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, default=10, help="dither seeds per case")
    parser.add_argument("--after", default="0.05,0.1,0.15,0.2,0.3")
    parser.add_argument("--voices", default="en-us,en-us+f3")
    args = parser.parse_args()
    os.environ.setdefault(
        "BACKCOACH_MODEL", str(ROOT.parent / "shared" / "models" / "vosk-model-small-en-us")
    )
    import test_duplex_listening as room  # the test's room, reply and listener wiring

    from intents.grammar import load_grammar
    from voice.hearing.matcher_wiring import recognizer_with_matcher
    from voice.hearing.models import load_model, seed_dither
    from voice.hearing.own_voice import spotter_recognizer

    model = load_model(Path(os.environ["BACKCOACH_MODEL"]))
    sentences = load_grammar().sentences()
    recognizer = recognizer_with_matcher(model, [text for _, text in sentences])
    stopper = spotter_recognizer(recognizer, [text for i, text in sentences if i == "Stop"])
    offsets = [float(a) for a in args.after.split(",")]
    voices = args.voices.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        reply = room.espeak(room.REPLY, folder / "reply.wav", "en-gb", 175)
        said = {v: room.espeak("yes", folder / f"yes-{v}.wav", v) for v in voices}
        print(f"machine: {machine()}\n")
        print("| after the reply | " + " | ".join(voices) + " | all |")
        print("|---|" + "---|" * (len(voices) + 1))
        silent = np.zeros_like(reply)
        for after, played, label in [
            *((a, reply, f"{a:.2f} s") for a in offsets),
            (offsets[-1], silent, f"{offsets[-1]:.2f} s, reply silent (control)"),
        ]:
            heard = {}
            for voice in voices:
                good = 0
                for seed in range(args.draws):
                    seed_dither(seed)
                    stopper.restart()
                    start = len(reply) / room.RATE + after
                    finals = room.listen(recognizer, played, said[voice], start, stopper)
                    good += [(h.text, h.over_speech) for h in finals] == [("yes", False)]
                heard[voice] = good
            cells = " | ".join(f"{heard[v]}/{args.draws}" for v in voices)
            total = sum(heard.values())
            print(f"| {label} | {cells} | {total}/{args.draws * len(voices)} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
