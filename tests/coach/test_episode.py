"""The episode store on real SQLite files: persistence, corruption, bad folders, kill -9."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from voice.coach.episode import EPISODE_SPAN, ICE, PAIN_RELIEF, RED_FLAG, STRETCH, EpisodeStore
from voice.errors import StateError

ROOT = Path(__file__).resolve().parents[2]
T0 = 1_800_000_000.0


def test_everything_survives_reopening(tmp_path: Path) -> None:
    with EpisodeStore(tmp_path) as store:
        episode, new = store.spasm_started(T0, "neck")
        store.record(ICE, T0 + 60, seconds=600)
        store.record(STRETCH, T0 + 900, seconds=90)
        store.record(PAIN_RELIEF, T0 + 1000, text="is tylenol ok")
        store.record(RED_FLAG, T0 + 1100, symptom="numbness", text="my leg is numb")
        store.set_setting("voice_rate", 0.85)
        store.save_timers([{"name": "ice", "deadline_wall": T0 + 660, "paused": False}])
    assert new
    with EpisodeStore(tmp_path) as store:
        assert store.current_episode(T0 + 3600) == episode
        assert episode.area == "neck"
        kinds = [a.kind for a in store.activities()]
        assert kinds == [ICE, STRETCH, PAIN_RELIEF, RED_FLAG]
        assert all(a.episode_id == episode.id for a in store.activities())
        assert store.activities(ICE)[0].detail == {"seconds": 600}
        assert store.activities(RED_FLAG)[0].detail["symptom"] == "numbness"
        assert store.get_setting("voice_rate") == 0.85
        assert store.get_setting("voice_volume", 0.0) == 0.0
        assert store.load_timers() == [{"name": "ice", "deadline_wall": T0 + 660, "paused": False}]


def test_a_spasm_within_a_week_continues_the_episode(tmp_path: Path) -> None:
    with EpisodeStore(tmp_path) as store:
        first, new1 = store.spasm_started(T0, "back")
        again, new2 = store.spasm_started(T0 + 3 * 24 * 3600, "back")
        later, new3 = store.spasm_started(T0 + EPISODE_SPAN + 1, "back")
        assert (new1, new2, new3) == (True, False, True)
        assert again == first and later.id != first.id and later.started == T0 + EPISODE_SPAN + 1
        assert store.current_episode(T0 + EPISODE_SPAN + 2) == later
        assert len(store.episodes()) == 2
        assert store.latest_episode() == later


def test_a_start_said_long_ago_is_still_the_current_episode(tmp_path: Path) -> None:
    """Told on day 8 that it started 8 days ago: the episode is current (it was reported now)
    and keeps its start; the latest episode is read whatever its age."""
    eight_days = 8 * 24 * 3600.0
    with EpisodeStore(tmp_path) as store:
        episode, new = store.spasm_started(T0, None, started=T0 - eight_days, onset="8 days")
        assert new and episode.area == "back" and episode.onset == "8 days"
        assert store.current_episode(T0 + 60) == episode
        assert store.current_episode(T0 + EPISODE_SPAN + 1) is None
        assert store.latest_episode() == episode  # never forgotten by the heat rule
        moved, new = store.spasm_started(T0 + 60, "neck", started=T0 - 3600, onset="1 hours")
        assert not new and moved.id == episode.id
        assert (moved.started, moved.area, moved.onset) == (T0 - 3600, "neck", "1 hours")
        kept, _ = store.spasm_started(T0 + 120, None)
        assert (kept.started, kept.area, kept.onset) == (T0 - 3600, "neck", "1 hours")


def test_an_older_database_gains_the_new_episode_columns(tmp_path: Path) -> None:
    import sqlite3

    db = sqlite3.connect(tmp_path / "episode.db")
    db.executescript(
        "CREATE TABLE episodes (id INTEGER PRIMARY KEY, started REAL NOT NULL, area TEXT NOT NULL);"
        f"INSERT INTO episodes (started, area) VALUES ({T0}, 'neck');"
    )
    db.commit()
    db.close()
    with EpisodeStore(tmp_path) as store:
        episode = store.current_episode(T0 + 60)
        assert episode is not None and episode.area == "neck" and episode.onset is None
        assert episode.reported == T0  # unknown: taken as when it started


def test_the_latest_activity_of_a_kind(tmp_path: Path) -> None:
    with EpisodeStore(tmp_path) as store:
        assert store.latest(RED_FLAG) is None
        store.record(RED_FLAG, T0, symptom="numbness", tier="professional")
        store.record(ICE, T0 + 5, seconds=60)
        store.record(RED_FLAG, T0 + 10, symptom="chest", tier="emergency")
        latest = store.latest(RED_FLAG)
        assert latest is not None and latest.detail["symptom"] == "chest"


def test_no_episode_means_none(tmp_path: Path) -> None:
    with EpisodeStore(tmp_path) as store:
        assert store.current_episode(T0) is None
        store.record(ICE, T0, seconds=60)  # icing without a spasm being reported is still kept
        assert store.activities(ICE)[0].episode_id is None


def test_save_timers_replaces_the_previous_state(tmp_path: Path) -> None:
    with EpisodeStore(tmp_path) as store:
        store.save_timers([{"name": "ice"}, {"name": "timer"}])
        store.save_timers([{"name": "stretch", "rep": 2}])
        assert store.load_timers() == [{"name": "stretch", "rep": 2}]
        store.save_timers([])
        assert store.load_timers() == []


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: b"this is not a database at all\n" * 300, id="garbage"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:100] + b"\xff" * 4000 + data[4100:], id="scribbled"),
    ],
)
def test_a_damaged_database_is_moved_aside_and_a_fresh_one_started(
    tmp_path: Path, damage: object, caplog: pytest.LogCaptureFixture
) -> None:
    with EpisodeStore(tmp_path) as store:
        store.spasm_started(T0, "back")
        store.save_timers([{"name": "ice", "n": i, "note": "x" * 100} for i in range(300)])
    db = tmp_path / "episode.db"
    original = db.read_bytes()
    db.write_bytes(damage(original))  # type: ignore[operator]
    damaged = db.read_bytes()
    with caplog.at_level(logging.WARNING), EpisodeStore(tmp_path) as store:
        assert store.current_episode(T0) is None
        store.spasm_started(T0 + 10, "neck")  # the fresh database works
    aside = list(tmp_path.glob("episode.db.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == damaged  # nothing lost: kept as it was
    assert "moved to" in caplog.text and "episode.db" in caplog.text
    with EpisodeStore(tmp_path) as store:
        assert store.current_episode(T0 + 20) is not None


def test_a_state_dir_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "plain-file"
    blocker.write_text("not a folder")
    with pytest.raises(StateError, match="plain-file"):
        EpisodeStore(blocker / "state")
    with pytest.raises(StateError, match="plain-file"):
        EpisodeStore(blocker)


def test_a_database_path_that_is_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "episode.db").mkdir()
    with pytest.raises(StateError, match="episode.db"):
        EpisodeStore(tmp_path)


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from voice.coach.episode import EpisodeStore
    store = EpisodeStore(Path(sys.argv[1]))
    store.spasm_started(1_800_000_000.0, "back")
    i = 0
    while True:
        store.record("ice", 1_800_000_000.0 + i, seconds=i)
        store.save_timers([{"name": "ice", "n": i}])
        print(i, flush=True)
        i += 1
    """
)


def test_kill_9_while_writing_loses_nothing_committed(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    last = -1
    for line in proc.stdout:
        last = int(line)
        if last >= 40:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert last >= 40
    with EpisodeStore(tmp_path) as store:
        seconds = [a.detail["seconds"] for a in store.activities(ICE)]
        assert seconds[: last + 1] == list(range(last + 1))  # every reported write is there
        assert store.load_timers()[0]["n"] >= last
        assert store.current_episode(1_800_000_000.0) is not None
    assert not list(tmp_path.glob("episode.db.corrupt-*"))
