"""The timer desk: what each timer command means, for the coach (the running timers, their
announcements and the saving are voice.timers.schedule; what stop does, voice.timers.stopping;
what a command does to the one timer it is for, voice.timers.timer_actions).

`handle(match, now)` acts on the timer intents, `tick(now)` returns every announcement due by
`now`, `next_deadline()` tells the session loop when to call `tick` again. No clock reads: time
comes in as `now`. Every change is saved, so a kill -9 loses nothing (`recover`). One ice, one
stretch; plain timers under any name, and a second of a name with another length beside the
first, called by its length ("ten-minute pasta": voice.timers.plain_names); starting one that
exists starts it again. A command that could mean two asks which (voice.timers.which_answer);
one with no name nor length is for the most recent.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from intents.replies import Replies
from intents.types import Match, SlotValue
from voice.clock import Now
from voice.events import Event, TimerEvent
from voice.timers.countdown_line import TimerView
from voice.timers.plain_names import meant, new_plain_name, of_length, same_named
from voice.timers.recovery import recover_timers
from voice.timers.routines import stretch_from
from voice.timers.schedule import TimerSchedule, TimerStore
from voice.timers.spoken_time import length_name, number_words
from voice.timers.stopping import acknowledge, stop_routines
from voice.timers.timer import Timer, row_problem
from voice.timers.timer_actions import act
from voice.timers.timer_intents import (
    CHANGE_INTENTS,
    COMMAND_INTENTS,
    START_INTENTS,
    naming_length,
    whole_number,
)
from voice.timers.which_answer import KEEPS_QUESTION, WhichQuestion, answered
from voice.timers.words import TimerWords, spoken_name

log = logging.getLogger(__name__)


class TimerDesk:
    def __init__(
        self,
        replies: Replies,
        store: TimerStore,
        hold_seconds: int = 20,
        reps: int = 3,
        rest_seconds: int = 10,
        ice_seconds: int = 600,
    ) -> None:
        self._words = TimerWords(replies)
        self._store = store
        self._schedule = TimerSchedule(self._words, store)
        self._defaults = {"hold": hold_seconds, "reps": reps, "rest": rest_seconds}
        self._ice_seconds = ice_seconds
        self._ice_explained = False
        self._question: WhichQuestion | None = None

    # --- reading ---------------------------------------------------------------------------------
    def active(self) -> list[str]:
        """Names of running, paused and ringing timers, oldest first."""
        return self._schedule.active()

    def ringing(self) -> list[str]:
        return self._schedule.ringing()

    def next_deadline(self) -> float | None:
        return self._schedule.next_deadline()

    def next_countdown(self, after: float) -> float | None:
        """The next scheduled cue after `after` (a countdown number or any other announcement),
        for the speech queue: an open-ended sentence waits rather than run into it. Safe to call
        from another thread: it reads an immutable snapshot."""
        return self._schedule.next_countdown(after)

    def upcoming_cues(self, after: float) -> list[tuple[float, str]]:
        """(time, text) of the cues after `after`: the speech queue fits replies between them.
        Safe to call from another thread, like `running`."""
        return self._schedule.upcoming_cues(after)

    def running(self, name: str) -> bool:
        """Timer `name` runs, is paused or rings (the speech queue leaves its offer out)."""
        return self._schedule.running(name)

    def countdown_texts(self) -> list[str]:
        """The short cues said on the second ("Five" ... "One", "Release..."), for
        `SpeechQueue.warm` so they are synthesized before they are needed."""
        numbers = [self._words.text("Timers.count", number=number_words(n)) for n in range(1, 6)]
        releases = ("Timers.stretch.release", "Timers.stretch.release_rest")
        return [*numbers, *(self._words.text(key) for key in releases)]

    def views(self, now: Now) -> list[TimerView]:
        return self._schedule.views(now)

    # --- intents ---------------------------------------------------------------------------------
    def handle(self, match: Match, now: Now) -> list[Event]:
        """Act on a timer intent (TIMER_INTENTS); [] for any other intent."""
        intent, slots = match.intent, match.slots
        if intent in START_INTENTS:
            return self._start(START_INTENTS[intent], slots, now)
        if intent not in COMMAND_INTENTS:
            return []
        asked = slots.get("timer")
        runs = self._schedule.runs
        if asked == "timer" and "timer" not in runs:
            asked = None  # "cancel the timer" while only the ice runs (or is paused): that one
        if intent == "TimerStatus" and not asked and "duration" not in slots and len(runs) > 1:
            every, hold = [(run.timer, run.ringing) for run in runs.values()], runs.get("stretch")
            busy = hold is not None and bool(hold.plan) and hold.plan[0].at - now.mono < 8.0
            return [*self._words.status_all(every, now.mono, skip_stretch=busy)]  # cue says it
        family = same_named(runs, str(asked)) if asked else []
        lengths = self._schedule.lengths()
        if slots.get("all") and intent not in CHANGE_INTENTS and len(runs) > 1:
            named = family if asked not in (None, "timer") and family else list(runs)
            return [
                e
                for name in named
                for e in act(self._schedule, self._words, runs[name], intent, slots, now)
            ]
        if len(family) > 1:  # "the pasta timer" with two pasta timers: the length picks one
            family = meant(family, lengths, naming_length(intent, slots))
            if len(family) > 1:
                return self._which(match, family, now)
            asked = family[0]
        if asked:
            run = runs.get(str(asked))
        else:  # "cancel the five minute timer", "add a minute to the ten minute one"
            seconds = naming_length(intent, slots)
            same = of_length(runs, lengths, seconds) if seconds is not None else []
            if len(same) > 1:
                return self._which(match, same, now)
            if seconds is not None and not same and runs:  # never another one's length
                called = spoken_name(length_name(seconds))
                return [self._words.say("Timers.none_named", name=called)]
            run = runs[same[0]] if same else self._schedule.latest()
        if run is None:
            if asked and runs:
                return [self._words.say("Timers.none_named", name=spoken_name(asked))]
            if intent == "PauseTimer" and "timer" not in slots:  # "hang on, the doorbell"
                return [self._words.say("Timers.wait")]
            return [
                self._words.say("Timers.none_to_pause" if intent == "PauseTimer" else "Timers.none")
            ]
        return act(self._schedule, self._words, run, intent, slots, now)

    def answer_which(self, match: Match, now: Now) -> list[Event] | None:
        """What was said after "Which one: ...?", as its answer: the command asked about, done
        for the timers the words pick ("the ten minute one", "both"). None when no question
        is open or the words are no answer (voice.timers.which_answer); the question closes."""
        if match.intent in KEEPS_QUESTION:
            return None
        question, self._question = self._question, None
        if question is None or not question.open(now.mono):
            return None
        runs, command = self._schedule.runs, question.command
        lengths = self._schedule.lengths()
        left = {name: run.timer.remaining(now.mono) for name, run in runs.items()}
        names = answered(question, match, lengths, left)
        if not names:
            return None
        return [
            e
            for n in names
            for e in act(self._schedule, self._words, runs[n], command.intent, command.slots, now)
        ]

    def _which(self, match: Match, names: list[str], now: Now) -> list[Event]:
        """Two timers of a name, and the words pick neither: the time left on each for a status
        ("how long on the timer"), else the question which (never the wrong one), kept open
        for the answer."""
        runs, intent = self._schedule.runs, match.intent
        if intent != "TimerStatus":
            self._question = WhichQuestion(match, tuple(names), now.mono)
        if intent == "TimerStatus":
            return [
                *self._words.status_all([(runs[n].timer, runs[n].ringing) for n in names], now.mono)
            ]
        options = " or ".join(f"the {spoken_name(name)}" for name in names)
        return [self._words.say("Timers.which", option=options)]

    def acknowledge(self, now: Now) -> list[Event]:
        """Yes / okay while a finished timer repeats: silence it. [] if nothing repeats."""
        return acknowledge(self._schedule, self._words, now)

    def stop_routines(self, now: Now, reason: str) -> list[Event]:
        """ItHurts / Stop / RedFlag: cut speech and end the stretch at once (RedFlag ends the ice
        too): voice.timers.stopping. `reason` may be the intent name or words."""
        return stop_routines(self._schedule, self._words, now, reason)

    # --- time passing ----------------------------------------------------------------------------
    def tick(self, now: Now) -> list[Event]:
        """Everything due at or before now.mono, oldest first. A cue past its `not_after` (a
        countdown number whose second has gone) is logged as skipped, not said."""
        return self._schedule.tick(now)

    def recover(self, now: Now) -> list[Event]:
        """After a restart: rebuild what was running from the store and say where it stands
        (voice.timers.recovery). An interrupted stretch is not resumed."""
        rows = self._store.load_timers(lambda row: row_problem(row, now.wall))
        timers, events = recover_timers(rows, now, self._words)
        for timer in timers:
            self._schedule.add(timer, now)
        self._schedule.save(now)
        return events

    # --- the actions -----------------------------------------------------------------------------
    def _start(self, kind: str, slots: Mapping[str, SlotValue], now: Now) -> list[Event]:
        options: dict[str, int] = {}
        if kind == "stretch":
            hold = whole_number(slots.get("duration", self._defaults["hold"]))
            reps = whole_number(slots.get("reps", self._defaults["reps"]))
            if hold is None or reps is None:
                return [self._words.say("Timers.refuse.ask_duration")]
            options = {**self._defaults, "hold": hold, "reps": reps}
            refusal = self._words.refuse_stretch(hold, reps)
            duration = stretch_from(options).total
        else:
            asked = whole_number(
                slots.get("duration", self._ice_seconds if kind == "ice" else None)
            )
            if asked is None:
                return [self._words.say("Timers.refuse.ask_duration")]
            duration = asked
            refusal = self._words.refuse_duration(duration)
        if refusal:
            return [refusal]
        events: list[Event] = []
        lengths = self._schedule.lengths()
        name = new_plain_name(slots, duration, lengths) if kind == "timer" else kind
        if name in self._schedule.runs:
            events.append(self._schedule.end(name, "cancelled", now, reason="restarted"))
            events.append(self._words.say("Timers.restarted", name=spoken_name(name)))
        timer = Timer.started(name, kind, duration, now, options)
        explain = not self._ice_explained
        self._schedule.add(timer, now, keep_from=now.mono - 1e-6, explain=explain)
        self._ice_explained = self._ice_explained or kind == "ice"
        events.append(TimerEvent("started", name, now.mono, now.mono, duration, extra=options))
        self._schedule.save(now)
        return [*events, *self.tick(now)]
