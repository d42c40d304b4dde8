"""After a restart: which saved timers carry on, and what to say about each.

Pure: saved rows and the time in, timers to keep running and events out. A running ice or plain
timer carries on with the time it has left by the wall clock (it kept running while we were
down); one that ran out says when it finished; a paused one stays paused; an interrupted stretch
is not resumed (the person has moved since)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from voice.clock import Now
from voice.events import Event, Problem, TimerEvent
from voice.timers.spoken_time import say_duration
from voice.timers.timer import Timer
from voice.timers.words import TimerWords, spoken_name

log = logging.getLogger(__name__)


def recover_timers(
    rows: Iterable[Mapping[str, Any]], now: Now, words: TimerWords
) -> tuple[list[Timer], list[Event]]:
    """(timers to keep running, Say + TimerEvent("recovered") per row, Problem per bad row)."""
    keep: list[Timer] = []
    events: list[Event] = []
    for row in rows:
        try:
            timer = Timer.from_dict(row, now)
        except ValueError as err:
            log.warning("%s", err)
            events.append(Problem(where="timers", message=str(err), at=now.mono))
            continue
        left, name = timer.remaining(now.mono), spoken_name(timer.name)
        if timer.kind == "stretch":
            events.append(words.say("Timers.recover.stretch"))
        elif left <= 0:
            events.append(words.say("Timers.recover.finished", name=name, ago=say_duration(-left)))
        else:
            keep.append(timer)
            key = "Timers.recover.paused" if timer.paused else "Timers.recover.running"
            events.append(words.say(key, name=name, left=say_duration(left)))
        extra = {"paused": timer.paused, "resumed": timer in keep}
        events.append(TimerEvent("recovered", timer.name, 0.0, now.mono, left, extra=extra))
    return keep, events
