"""What a timer command does to one running timer, once it is known which: say how long is
left, pause, resume, cancel, add or take off time. Moved out of voice.timers.desk, which finds
the timer a command is for (its name, its length, or the question which) and calls `act`."""

from __future__ import annotations

from collections.abc import Mapping

from intents.types import SlotValue
from voice.clock import Now
from voice.events import Event, Priority, StopSpeech, TimerEvent
from voice.timers.schedule import Run, TimerSchedule
from voice.timers.spoken_time import say_duration
from voice.timers.stopping import acknowledge
from voice.timers.words import TimerWords, spoken_name


def act(
    schedule: TimerSchedule,
    words: TimerWords,
    run: Run,
    intent: str,
    slots: Mapping[str, SlotValue],
    now: Now,
) -> list[Event]:
    """Command `intent` for the timer `run`."""
    if intent == "TimerStatus":
        return [words.status(run.timer, run.ringing, now.mono)]
    if intent == "PauseTimer":
        return _pause(schedule, words, run, now)
    if intent == "ResumeTimer":
        return _resume(schedule, words, run, now)
    if intent == "CancelTimer":
        return _cancel(schedule, words, run, now)
    return _change(schedule, words, run, slots.get("duration"), intent == "RemoveTime", now)


def _pause(schedule: TimerSchedule, words: TimerWords, run: Run, now: Now) -> list[Event]:
    name = run.timer.name
    if run.ringing:
        return acknowledge(schedule, words, now)
    if run.timer.paused:
        return [words.say("Timers.already_paused", name=spoken_name(name))]
    left = schedule.update(run, run.timer.pause(now.mono), now)
    events: list[Event] = [
        TimerEvent("paused", name, 0.0, now.mono, left, extra={"version": run.timer.version}),
        words.say("Timers.paused", name=spoken_name(name), left=say_duration(left)),
    ]
    if name == "stretch":  # a count in progress stops mid-word
        events.insert(0, StopSpeech(keep_priority=Priority.SAFETY))
    return events


def _resume(schedule: TimerSchedule, words: TimerWords, run: Run, now: Now) -> list[Event]:
    name = run.timer.name
    if not run.timer.paused:
        return [words.say("Timers.not_paused", name=spoken_name(name))]
    left = schedule.update(run, run.timer.resume(now.mono), now)
    reply = words.say("Timers.resumed", name=spoken_name(name), left=say_duration(left))
    if run.timer.kind == "stretch":
        reply = words.status(run.timer, False, now.mono)
    extra = {"version": run.timer.version}
    return [TimerEvent("resumed", name, 0.0, now.mono, left, extra=extra), reply]


def _cancel(schedule: TimerSchedule, words: TimerWords, run: Run, now: Now) -> list[Event]:
    name = run.timer.name
    if run.ringing:
        return acknowledge(schedule, words, now)
    events: list[Event] = [schedule.end(name, "cancelled", now)]
    events.append(words.say("Timers.cancelled", name=spoken_name(name)))
    if name == "stretch":
        events.insert(0, StopSpeech(keep_priority=Priority.SAFETY))
    schedule.save(now)
    return events


def _change(
    schedule: TimerSchedule,
    words: TimerWords,
    run: Run,
    amount: SlotValue | None,
    remove: bool,
    now: Now,
) -> list[Event]:
    t = run.timer
    if t.kind == "stretch":
        return [words.say("Timers.stretch.no_change")]
    left = max(0.0, t.remaining(now.mono))  # a finished timer starts again from now
    refusal = words.refuse_amount(amount, left, remove, t.name)
    if refusal or not isinstance(amount, int):
        return [refusal or words.say("Timers.refuse.ask_duration")]
    delta = -amount if remove else amount + (left - t.remaining(now.mono))
    run.ringing = False
    new_left = schedule.update(run, t.add(delta), now)
    values = {"amount": say_duration(amount), "left": say_duration(new_left)}
    key = "Timers.removed" if remove else "Timers.added"
    extra = {"delta": -amount if remove else amount, "version": run.timer.version}
    return [
        TimerEvent("changed", t.name, 0.0, now.mono, new_left, extra=extra),
        words.say(key, name=spoken_name(t.name), **values),
    ]
