"""Naming the unnamed subgraphs of an ONNX model on the protobuf wire format (no onnx package)."""

from __future__ import annotations

from voice.hearing.moonshine_fold import edit_fields, name_subgraphs


def field(number: int, body: bytes) -> bytes:
    """One length-delimited field (bodies here are under 128 bytes)."""
    return bytes([number << 3 | 2, len(body)]) + body


def test_unnamed_and_empty_named_branches_get_names_and_the_rest_is_kept() -> None:
    unnamed = field(1, field(4, b"Add"))  # a branch: one node, no name
    empty = field(2, b"") + field(1, field(4, b"Mul"))  # the export's empty name
    attribute = field(1, b"then_branch") + field(6, unnamed)
    other = field(1, b"else_branch") + field(6, empty)
    node = field(4, b"If") + field(5, attribute) + field(5, other)
    graph = field(2, b"main") + field(1, node)
    model = bytes([1 << 3, 8]) + field(7, graph)  # ir_version 8 (a varint), the graph

    named = name_subgraphs(model)

    assert named.startswith(bytes([8, 8]))
    assert b"branch1" in named and b"branch2" in named and b"main" in named
    assert named.count(b"Add") == 1 and named.count(b"Mul") == 1
    assert name_subgraphs(named) == named  # named branches are left as they are


def test_fields_not_edited_are_copied_byte_for_byte() -> None:
    message = bytes([1 << 3, 150, 1]) + bytes([2 << 3 | 5, 1, 2, 3, 4]) + field(3, b"x")
    edited, seen = edit_fields(message, {})
    assert (edited, seen) == (message, {1, 2, 3})
