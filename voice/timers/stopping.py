"""What Stop, "it hurts" and a red flag do to the timers, and "yes" to one that rings: the
stretch ends at once (a red flag ends the ice too), a finished timer is silenced, and Stop says
what still runs and how to end it. Moved out of voice.timers.desk, which calls these."""

from __future__ import annotations

from voice.clock import Now
from voice.events import Event, Priority, StopSpeech
from voice.timers.schedule import TimerSchedule
from voice.timers.words import TimerWords, spoken_name


def acknowledge(schedule: TimerSchedule, words: TimerWords, now: Now) -> list[Event]:
    """Yes / okay while a finished timer repeats: silence it. [] if nothing repeats."""
    names = schedule.ringing()
    if not names:
        return []
    events: list[Event] = [schedule.end(name, "acknowledged", now) for name in names]
    schedule.save(now)
    return [*events, words.say("Timers.acknowledged")]


def stop_routines(schedule: TimerSchedule, words: TimerWords, now: Now, reason: str) -> list[Event]:
    """ItHurts / Stop / RedFlag: cut speech and end the stretch at once (RedFlag ends the ice
    too; Stop also silences a finished timer). Says something only for Stop: the stretch it
    ended, and any timer still running with how to end it; for ItHurts and RedFlag the
    coach speaks.
    `reason` may be the intent name or words: "RedFlag", "red flag", "it hurts", "stop"."""
    reason = _reason(reason)
    events: list[Event] = [StopSpeech(keep_priority=Priority.SAFETY)]
    names = ["stretch", "ice"] if reason == "RedFlag" else ["stretch"]
    ended = [name for name in names if name in schedule.runs]
    events += [schedule.end(name, "cancelled", now, reason=reason) for name in ended]
    if reason == "Stop":
        events += [schedule.end(name, "acknowledged", now) for name in schedule.ringing()]
        if "stretch" in ended:
            events.append(words.say("Timers.stretch.stopped"))
        events += _still_running(schedule, words, after_stretch="stretch" in ended)
    schedule.save(now)
    return events


def _still_running(schedule: TimerSchedule, words: TimerWords, after_stretch: bool) -> list[Event]:
    """After Stop: the timers it did not end, and how to end them (Stop only silences)."""
    running = [name for name, run in schedule.runs.items() if not run.timer.paused]
    if not running:
        return []
    key = "Timers.also_running" if after_stretch else "Timers.still_running"
    if len(running) > 1:
        return [words.say(key + "_many")]
    return [words.say(key, name=spoken_name(running[0]))]


def _reason(reason: str) -> str:
    """ "red flag" / "RedFlag" -> "RedFlag", "it hurts" -> "ItHurts", "stop" -> "Stop"."""
    squashed = reason.replace(" ", "").replace("_", "").lower()
    return {"redflag": "RedFlag", "ithurts": "ItHurts", "stop": "Stop"}.get(squashed, reason)
