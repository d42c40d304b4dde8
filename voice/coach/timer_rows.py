"""The timer engine's saved rows as the episode store keeps them: one JSON object per row.
Pure: the store (voice.coach.episode) reads and writes the text.

A row that holds NaN or Infinity is never written (logged and left out). On reading, a row that
is not a JSON object, holds NaN or Infinity, or that `check` finds a problem with (the timer
desk's: a negative or huge time, a name it does not run) is skipped with a one-line warning
naming the database and the row."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def encode_rows(rows: list[dict[str, Any]], where: Path) -> list[str]:
    encoded = []
    for row in rows:
        try:
            encoded.append(json.dumps(row, allow_nan=False))
        except ValueError as err:
            log.warning("%s: not saving the timer row %r (%s)", where, row, err)
    return encoded


def decode_rows(
    rows: Iterable[tuple[Any, ...]],
    check: Callable[[dict[str, Any]], str | None] | None,
    where: Path,
) -> list[dict[str, Any]]:
    """(position, text) rows -> the timer rows that can be used, in order."""
    loaded: list[dict[str, Any]] = []
    for position, text in rows:
        try:
            value = json.loads(text, parse_constant=_no_constant)
        except ValueError as err:
            problem: str | None = f"not readable: {err}"
        else:
            problem = "not a timer" if not isinstance(value, dict) else None
            problem = problem or (check(value) if check else None)
        if problem is not None:
            log.warning("%s: skipping timer row %s (%s)", where, position, problem)
            continue
        loaded.append(value)
    return loaded


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number of seconds")
