"""The rooms of voice/ import only downward: a module may import the shared vocabulary at the
top of voice/, its own room, and rooms below its own; nothing imports voice.app but the entry
point. Walks every module's imports (including those inside functions) with ast."""

from __future__ import annotations

import ast
from pathlib import Path

VOICE = Path(__file__).resolve().parents[1] / "voice"

# Lower numbers are lower rooms. Rooms on the same level may not import each other.
LEVEL = {"hearing": 1, "speaking": 1, "timers": 1, "coach": 2, "app": 3}
SHARED = {"events", "clock", "errors", "wav_files", "cache_files", "portaudio_lock"}
ENTRY = {"__main__"}


def _room(module: str) -> str | None:
    """'voice.timers.desk' -> 'timers'; 'voice.events' -> None (shared); else the name."""
    parts = module.split(".")
    if parts[0] != "voice" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in LEVEL else None


def _imports(path: Path) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] == "voice"]


def violations() -> list[str]:
    bad: list[str] = []
    for path in sorted(VOICE.rglob("*.py")):
        rel = path.relative_to(VOICE.parent)
        parts = rel.with_suffix("").parts  # ('voice', 'timers', 'desk') or ('voice', 'events')
        if parts[1] in ENTRY:
            continue
        own = parts[1] if len(parts) > 2 else None  # None: a shared module
        for line, name in _imports(path):
            target = _room(name)
            if target is None or target == own:
                continue
            if own is None:
                bad.append(f"{rel}:{line}: shared module imports the {target} room ({name})")
            elif LEVEL[target] >= LEVEL[own]:
                bad.append(f"{rel}:{line}: the {own} room imports the {target} room ({name})")
    return bad


def test_rooms_import_only_downward() -> None:
    assert violations() == []


def test_every_room_says_what_it_holds_and_may_import() -> None:
    for room in LEVEL:
        doc = ast.get_docstring(ast.parse((VOICE / room / "__init__.py").read_text())) or ""
        assert "May import" in doc, f"voice/{room}/__init__.py: say what the room may import"


def test_the_rule_sees_an_upward_import(tmp_path: Path) -> None:
    """The walker finds imports inside functions too (a lazy import is still an import)."""
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from voice.app.settings import Settings\n")
    assert (2, "voice.app.settings") in _imports(module)


if __name__ == "__main__":
    print("\n".join(violations()) or "no room imports upward")
