"""The README is for users: it opens with the two commands, every phrase it suggests is
understood (by the real matcher), and every page it links to exists."""

from __future__ import annotations

import re
from pathlib import Path

from intents.matcher import load_matcher

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_it_opens_with_the_two_commands() -> None:
    first_block = README.split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:]]
    assert commands == ["make run", "make test"]


def test_every_phrase_it_suggests_is_understood() -> None:
    table = README.split("## Things you can say")[1].split("\n## ")[0]
    phrases = re.findall(r'"([^"]+)"', table)
    assert len(phrases) > 25
    matcher = load_matcher()
    unknown = [p for p in phrases if matcher.understand(p).intent == "Unknown"]
    assert unknown == []


def test_the_pages_it_links_to_exist() -> None:
    links = [link for link in re.findall(r"\]\(([^)#]+)\)", README) if "://" not in link]
    assert "docs/ARCHITECTURE.md" in links and "models/README.md" in links
    assert [link for link in links if not (ROOT / link).is_file()] == []
