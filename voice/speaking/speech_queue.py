"""One speech queue with priorities: nothing overlaps, countdown numbers are on time.

Implements `voice.app.session.SpeechSink`. What is said first, what may start now and what cuts
what is voice.speaking.speech_policy; this module drives the player with it:
- An open-ended sentence that is cut by a timer cue is said again once afterwards; SAFETY and
  `stop` drop it for good.
- `Say.not_after` drops a sentence that could not start in time (`dropped`); an offer whose
  routine runs (`offer_taken`) and the end of a shortened reply are left out (`unsaid`).
- Short sentences are synthesized once and kept (voice.speaking.synthesis_cache; `warm` them
  ahead of their second); with `background`, others are synthesized on a worker thread.
  `keep_ready` synthesizes the opening sentence of every fixed reply in the background and
  keeps it, so an answer starts without waiting for the synthesizer (again after a change of
  voice).
Every sentence played is logged as `Said(text, key, start, end, cut)` through `on_said`.
The player (voice.speaking.speaker.Speaker) is non-blocking; its `on_done` may come from any thread,
or synchronously from inside `play`.
"""

from __future__ import annotations

import dataclasses
import functools
import heapq
import itertools
import logging
import queue
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from voice.clock import Clock, Now
from voice.events import AdjustVoice, Priority, Said, Say, Unsaid
from voice.speaking.speech_policy import (
    Cues,
    Item,
    Playing,
    StartPolicy,
    UtteranceLike,
    preempts,
    sentences,
)
from voice.speaking.spoken_length import Pace
from voice.speaking.synthesis_cache import SynthesisCache

log = logging.getLogger(__name__)


class Player(Protocol):
    """What the real speaker implements (voice.speaking.speaker.Speaker)."""

    def synthesize(self, text: str) -> UtteranceLike: ...
    def play(self, utterance: Any, on_done: Callable[[bool], None]) -> None:
        """Start playing and return at once; `on_done(cut)` when it ends or is stopped."""
        ...

    def stop(self) -> None: ...
    def set_voice(self, rate_factor: float, volume_delta: float) -> None:
        """Relative change: multiply the rate, add to the volume."""
        ...


class SpeechQueue:
    def __init__(
        self,
        player: Player,
        clock: Clock,
        on_said: Callable[[Said], None] | None = None,
        on_unsaid: Callable[[Unsaid], None] | None = None,
        next_countdown: Callable[[float], float | None] | None = None,
        offer_taken: Callable[[str], bool] | None = None,
        upcoming_cues: Callable[[float], Sequence[tuple[float, str]]] | None = None,
        background: bool = False,
        margin: float = 0.15,
        max_wait: float = 15.0,
        min_gap: float = 2.0,
    ) -> None:
        """`next_countdown(after)` gives the monotonic time of the next scheduled timer cue
        (`TimerDesk.next_countdown`), `upcoming_cues(after)` the (time, text) of every cue
        after it (`TimerDesk.upcoming_cues`), `offer_taken(routine)` whether that routine
        already runs (`TimerDesk.running`), all called from any thread. `background`
        synthesizes uncached sentences on a worker thread so a long sentence never holds up
        the session loop (use it live)."""
        self._player = player
        self._clock = clock
        self._on_said = on_said or (lambda said: None)
        self._on_unsaid = on_unsaid or (lambda unsaid: None)
        runs = {"taken": offer_taken} if offer_taken else {}
        cues = None if upcoming_cues is None else self._lengths(upcoming_cues)
        countdown = next_countdown or (lambda after: None)
        self._policy = StartPolicy(countdown, margin, max_wait, min_gap, cues=cues, **runs)
        self._lock = threading.RLock()
        self._kept = SynthesisCache(player, self._lock)
        self._heap: list[Item] = []
        self._seq = itertools.count()
        self._tokens = itertools.count(1)
        self._playing: Playing | None = None
        self._pumping = self._again = False
        self.dropped: list[Say] = []  # could not start by their `not_after`
        self.unsaid: list[tuple[str, Say]] = []  # (why, sentence): "offer taken", "shortened"
        self._jobs: queue.SimpleQueue[Item | None] | None = None
        if background:
            self._jobs = queue.SimpleQueue()
            threading.Thread(target=self._synth_worker, name="speech-synth", daemon=True).start()

    # --- SpeechSink -----------------------------------------------------------------------------
    def say(self, say: Say, now: Now) -> None:
        group, now_, seconds = next(self._seq), now.mono, self.pace.seconds
        items = [
            Item.of(p, next(self._seq), self._cached(p.text), now_, group, i, seconds(p.text))
            for i, p in enumerate(sentences(say))
        ]
        with self._lock:
            for item in items:
                heapq.heappush(self._heap, item)
            playing = self._playing
            if playing is not None and preempts(items[0], playing):
                self._cut(playing, requeue=items[0].priority != Priority.SAFETY)
        for item in items:
            if item.utterance is None:
                if self._jobs is not None:
                    self._jobs.put(item)
                    continue
                self._synthesize(item)
        self._pump()

    def stop(self, keep: Priority, cut_playing: bool = True) -> None:
        """Cut off what is playing (unless not `cut_playing`); drop queued sentences less
        urgent than `keep`."""
        with self._lock:
            self._heap = [item for item in self._heap if item.priority <= keep]
            heapq.heapify(self._heap)
            if self._playing is not None and cut_playing:
                self._cut(self._playing, requeue=False)
        self._pump()

    def adjust(self, change: AdjustVoice) -> None:
        self._player.set_voice(change.rate_factor, change.volume_delta)
        self._kept.voice_changed(change.rate_factor)

    # --- extras ---------------------------------------------------------------------------------
    @property
    def pace(self) -> Pace:
        """How long a sentence not yet synthesized takes to say."""
        return self._kept.pace

    @property
    def ready_worker(self) -> threading.Thread | None:
        return self._kept.ready_worker

    def warm(self, texts: Iterable[str]) -> None:
        """Synthesize short sentences ahead of time (countdown numbers) so they start at once."""
        self._kept.warm(texts)

    def keep_ready(self, texts: Iterable[str], wait: bool = False) -> threading.Thread:
        """Synthesize `texts` on a helper thread and keep them for good (the opening sentences
        of the coach's fixed replies). `wait`: return only when done (tests)."""
        return self._kept.keep_ready(texts, wait)

    def poll(self) -> None:
        """Start a waiting sentence if it can go now (call on any wake-up; optional)."""
        self._pump()

    @property
    def speaking(self) -> bool:
        return self._playing is not None

    def pending(self) -> list[str]:
        with self._lock:
            return [item.say.text for item in sorted(self._heap)]

    def close(self) -> None:
        if self._jobs is not None:
            self._jobs.put(None)

    # --- inside ---------------------------------------------------------------------------------
    def _pump(self) -> None:
        with self._lock:
            if self._pumping:  # re-entered (on_done from inside play): the outer loop goes on
                self._again = True
                return
            self._pumping = True
            try:
                self._again = True
                while self._again:
                    self._again = False
                    self._start_next()
            finally:
                self._pumping = False

    def _start_next(self) -> None:
        now = self._clock.now().mono
        for item in [
            i for i in self._heap if i.say.not_after is not None and now > i.say.not_after
        ]:
            self._heap.remove(item)
            self.dropped.append(item.say)
            log.info("dropped stale speech %r (%.3f s late)", item.say.text, now - item.rank[2])
        heapq.heapify(self._heap)
        if self._playing is not None:
            return
        self._leave_out(self._policy.moot(self._heap), "offer taken")
        chosen = self._policy.first_startable(self._heap, now)
        if chosen is None:
            return
        item = chosen.item
        self._heap.remove(item)
        self._leave_out(chosen.leave_out, "shortened")
        playing = Playing(item, next(self._tokens), now, interruptible=not chosen.fits)
        self._playing = playing
        assert item.utterance is not None
        self._player.play(item.utterance, functools.partial(self._done, playing.token))

    def _lengths(self, upcoming: Callable[[float], Sequence[tuple[float, str]]]) -> Cues:
        """The cues ahead with how long each takes to say (synthesized already, or estimated)."""
        said = self._cached
        return lambda after: [
            (at, u.duration if (u := said(text)) else self.pace.seconds(text))
            for at, text in upcoming(after)
        ]

    def _leave_out(self, items: Iterable[Item], why: str) -> None:
        for item in items:
            self._heap.remove(item)
            self.unsaid.append((why, item.say))
            log.info("left out %r (%s)", item.say.text, why)
            self._on_unsaid(Unsaid(item.say.text, why, item.say.offer))
        heapq.heapify(self._heap)

    def _done(self, token: int, cut: bool) -> None:
        with self._lock:
            playing = self._playing
            if playing is None or playing.token != token:
                return  # already logged when we cut it
            self._playing = None
            self._log(playing, cut)
        self._pump()

    def _cut(self, playing: Playing, requeue: bool) -> None:
        self._playing = None
        self._log(playing, cut=True)
        self._player.stop()
        item = playing.item
        if requeue and item.say.not_after is None and not item.retried:
            heapq.heappush(self._heap, dataclasses.replace(item, retried=True))

    def _log(self, playing: Playing, cut: bool) -> None:
        say = playing.item.say
        end = self._clock.now().mono
        self._on_said(Said(text=say.text, key=say.key, start=playing.start, end=end, cut=cut))

    def _cached(self, text: str) -> UtteranceLike | None:
        return self._kept.get(text)

    def _synthesize(self, item: Item) -> None:
        try:
            utterance = self._kept.synthesize(item.say.text)
        except Exception:  # the session survives a failed sentence; the log says why
            log.exception("could not synthesize %r", item.say.text)
            with self._lock:
                self._heap = [i for i in self._heap if i is not item]
                heapq.heapify(self._heap)
            return
        with self._lock:
            item.utterance = utterance

    def _synth_worker(self) -> None:
        assert self._jobs is not None
        while (item := self._jobs.get()) is not None:
            self._synthesize(item)
            self._pump()
