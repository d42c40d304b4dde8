"""Moonshine base's decoder, made fast: its `.ort` file keeps every weight as int8 with a
scale, and turns them back into floats (Cast, Mul, Add, and a Transpose of the 32768-word
output matrix) at every token: 0.24 s a step on this project's 2-core machine, where tiny's
whole step takes 0.008 s. onnxruntime folds such constant work away when it loads an ONNX
model, but not an ORT-format one; so the decoder is written out once as ONNX (to a temporary
folder), its unnamed `If` branches named (ONNX requires names; the export leaves them empty),
and loaded from those bytes: 0.02 s a step, for about 0.5 GB more memory (the weights held as
floats). Nothing is downloaded and nothing is kept on disk.

The naming works on the protobuf wire format directly, so no `onnx` package is needed:
ModelProto.graph (7) -> GraphProto.node (1) -> NodeProto.attribute (5) -> AttributeProto.g (6)
or .graphs (11) -> GraphProto.name (2).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

Edit = Callable[[bytes], bytes]


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value, shift = 0, 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 127) << shift
        if byte < 128:
            return value, at
        shift += 7


def _encode_varint(value: int) -> bytes:
    out = bytearray()
    while value >= 128:
        out.append((value & 127) | 128)
        value >>= 7
    out.append(value)
    return bytes(out)


def edit_fields(data: bytes, edits: dict[int, Edit]) -> tuple[bytes, set[int]]:
    """The message with its length-delimited fields numbered in `edits` passed through them,
    every other field copied as it is; and the field numbers it holds."""
    out, seen, at = bytearray(), set(), 0
    while at < len(data):
        start = at
        key, at = _varint(data, at)
        field, wire = key >> 3, key & 7
        seen.add(field)
        if wire == 0:
            _, at = _varint(data, at)
        elif wire == 1:
            at += 8
        elif wire == 5:
            at += 4
        elif wire == 2:
            size, body = _varint(data, at)
            at = body + size
            if field in edits:
                edited = edits[field](data[body:at])
                out += _encode_varint(key) + _encode_varint(len(edited)) + edited
                continue
        else:
            raise ValueError(f"protobuf wire type {wire} at byte {start} is not supported")
        out += data[start:at]
    return bytes(out), seen


def name_subgraphs(model: bytes) -> bytes:
    """An ONNX model's bytes with every unnamed subgraph named (branch1, branch2, ...)."""
    count = 0

    def graph(data: bytes, outer: bool = False) -> bytes:
        nonlocal count
        if outer:
            return edit_fields(data, {1: node})[0]
        count += 1
        name = f"branch{count}".encode()
        edited, seen = edit_fields(data, {1: node, 2: lambda given: given or name})
        if 2 in seen:  # the export writes the name, empty
            return edited
        return edited + b"\x12" + _encode_varint(len(name)) + name

    def node(data: bytes) -> bytes:
        return edit_fields(data, {5: attribute})[0]

    def attribute(data: bytes) -> bytes:
        return edit_fields(data, {6: graph, 11: graph})[0]

    return edit_fields(model, {7: lambda data: graph(data, outer=True)})[0]


def folded_session(path: Path, options: Any, providers: list[str]) -> Any:
    """An onnxruntime session for the `.ort` model at `path`, its constant work folded."""
    import onnxruntime as ort

    with tempfile.TemporaryDirectory(prefix="backcoach-moonshine-") as folder:
        exported = Path(folder) / "decoder.onnx"
        export = ort.SessionOptions()
        export.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
        export.optimized_model_filepath = str(exported)
        export.log_severity_level = 3
        ort.InferenceSession(str(path), export, providers=providers)
        model = name_subgraphs(exported.read_bytes())
    return ort.InferenceSession(model, options, providers=providers)
