"""The smallest files that read as a whole model to `voice.hearing.model_files`: an empty const
FST (header, no states) and a Kaldi acoustic model's first and last bytes. Vosk cannot load
them; they stand in for a model where only the folder layout and the file check are tested."""

from __future__ import annotations

import struct


def _text(value: str) -> bytes:
    return struct.pack("<i", len(value)) + value.encode()


EMPTY_FST = (
    struct.pack("<i", 2125659606)
    + _text("const")
    + _text("standard")
    + struct.pack("<iiQqqq", 2, 0, 0, -1, 0, 0)
)
TINY_MDL = b"\x00B<TransitionModel> <Topology> </Nnet3> <Priors> FV \x04" + struct.pack("<i", 0)

FILES = {
    "am/final.mdl": TINY_MDL,
    "conf/mfcc.conf": b"--sample-frequency=16000\n",
    "conf/model.conf": b"--beam=10.0\n",
    "graph/HCLr.fst": EMPTY_FST,
    "graph/Gr.fst": EMPTY_FST,
    "graph/HCLG.fst": EMPTY_FST,
}
