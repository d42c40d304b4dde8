"""Fault: files we ship or users edit, broken the ways people break them. A reply placeholder typo
(`{durration}`) crashed mid-session with KeyError when the ice started; an unbalanced `{` crashed
at start; invalid reply YAML pointed at the wrong line; a second `StartIce:` in one template file
silently dropped the first one's sentences; a list redefined in another file silently replaced
the first ("three minutes" became 210 s) (issue 20, item 5). Each is now a one-line error at
load time naming the file and line. Real copies of the shipped files, edited in a temp folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from faults.processes import backcoach, one_line_error
from intents.errors import TemplateError
from intents.replies import REPLIES_DIR, Replies

TEMPLATES = REPLIES_DIR.parent / "templates"


def edited_replies(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """A copy of the shipped replies with `old` replaced by `new` in timers.yaml, and the line
    of the reply's key (`old` is in the reply that starts on that line or the next)."""
    folder = tmp_path / "replies"
    shutil.copytree(REPLIES_DIR, folder)
    path = folder / "timers.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    line -= not text.splitlines()[line - 1].lstrip().startswith("Timers.")  # a folded reply
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, line


def load(folder: Path) -> Replies:
    return Replies.load(sorted(folder.glob("*.yaml")))


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("Okay, {duration} of", "Okay, {durration} of", "unknown placeholder {durration}"),
        ("Okay, {duration} of", "Okay, {duration of", "unbalanced braces"),
        ("Okay, {duration} of", "Okay, {duration}} of", "unbalanced braces"),
        ("Okay, {duration} of", "Okay, {0} of", "unknown placeholder {0}"),
    ],
)
def test_a_broken_placeholder_fails_at_load_naming_file_and_line(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    path, line = edited_replies(tmp_path, old, new)
    with pytest.raises(TemplateError) as caught:
        load(path.parent)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: reply 'Timers.ice.intro': {problem}")
    assert "\n" not in message


def test_the_shipped_replies_use_only_known_placeholders() -> None:
    assert "Timers.ice.intro_again" in Replies.load()


def test_an_unclosed_quote_in_replies_names_its_own_line(tmp_path: Path) -> None:
    old = '"Your ice time is up. Say okay."'
    path, line = edited_replies(tmp_path, old, '"Your ice time is up. Say okay.')
    with pytest.raises(TemplateError) as caught:
        load(path.parent)
    assert str(caught.value).startswith(f"{path}:{line}: not valid YAML")
    assert "\n" not in str(caught.value)


def test_an_intent_given_twice_in_one_template_file_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    path = folder / "timers.yaml"
    text = path.read_text(encoding="utf-8")
    first = text[: text.index("  StartIce:")].count("\n") + 1
    text = (
        text.rstrip("\n") + '\n  StartIce:\n    data:\n      - sentences:\n          - "frost me"\n'
    )
    path.write_text(text, encoding="utf-8")
    line = one_line_error(backcoach("--templates", str(folder), "parse", "start the ice"))
    again = text.count("\n") - 3
    assert (
        f"{path}:{again}: 'StartIce' is given twice in one mapping (first at line {first})" in line
    )


def test_a_list_redefined_in_a_users_file_names_both_files(tmp_path: Path) -> None:
    folder = tmp_path / "sentences"
    folder.mkdir()
    mine = folder / "mine.yaml"
    mine.write_text(
        "language: en\nintents:\n  StartIce:\n    data:\n      - sentences:\n"
        '          - "frost me for <duration>"\n'
        "lists:\n  minutes:\n    range: {from: 0, to: 99, multiplier: 70}\n",
        encoding="utf-8",
    )
    line = one_line_error(backcoach("--sentences", str(folder), "parse", "three minutes of ice"))
    assert "list minutes is already defined in" in line
    assert f"{mine}:8" in line and f"{TEMPLATES / 'common.yaml'}:13" in line
