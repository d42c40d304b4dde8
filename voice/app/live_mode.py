"""`backcoach` (what `make run` starts): listen, understand, speak, run timers, until Goodbye.

The same pipeline takes the microphone or `--input FILE.wav` (fed at real speed, so timers and
half-duplex behave as they would live). At the end of a file it waits until everything said
and everything due has been spoken, then ends the session.

Threads: the session loop (main thread), the listener (audio source → recognizer → session),
the speaker's audio callback and its done-notifier, and the speech queue's synthesis worker.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any, TextIO

import numpy as np

from intents.replies import Replies
from intents.warning_match import ESCALATIONS
from voice.app.heap import HeapTrimmer, limit_arenas
from voice.app.session import EventLog, Interrupted, Session, ending_on_sigterm, open_events
from voice.app.settings import Settings
from voice.app.status_file import StatusFile, model_name
from voice.app.wiring import (
    build_coach,
    build_recognizer,
    sources_for,
    understand_speech,
    warm_up,
)
from voice.clock import Clock, SystemClock
from voice.coach.coach import SAFETY_REPLIES
from voice.events import EndSession, Event, Heard, Priority, Problem, Say
from voice.hearing.devices import has_output, quiet_native_stderr, rescan
from voice.hearing.echo import EchoCanceller, EchoStage, PlaybackTimeline
from voice.hearing.listener import SPOTTED, Listener, SpeechState
from voice.hearing.matcher_wiring import urgent_with
from voice.hearing.mic import BLOCK, RATE, Microphone, MicSettings
from voice.hearing.own_voice import spotter_recognizer
from voice.hearing.recognizer import Recognizer
from voice.hearing.speech_recognizer import SpeechRecognizer
from voice.hearing.stopper import Stopper
from voice.speaking.speaker import AudioOutput, Speaker, TextSpeaker
from voice.speaking.speech_policy import openings
from voice.speaking.speech_queue import SpeechQueue
from voice.speaking.synthesizer import Synthesizer, TTSUnavailable
from voice.wav_files import read_wav

log = logging.getLogger(__name__)

END_QUIET = 1.0
"""Seconds of nothing said and nothing due before a file-fed session ends."""
NO_MICROPHONE = "No microphone found. Plug one in, or type with `backcoach --text`."
HOW_TO_STOP = "Say goodbye, or press Ctrl-C, to stop."


def make_player(
    clock: Clock, device: Any, fallback: TextIO, timeline: PlaybackTimeline | None = None
) -> Speaker | TextSpeaker:
    """The real speaker, or the printing fallback with the reason (said once)."""
    try:
        synthesizer = Synthesizer()
    except TTSUnavailable as err:
        log.warning("%s", err)
        return TextSpeaker(fallback, str(err))
    try:
        with quiet_native_stderr():  # ALSA's own lines when there is no output device
            output = AudioOutput(clock, device, timeline)
    except Exception as err:  # PortAudioError: no output device
        log.debug("no audio output: %s", err)
        reason = f"the audio output failed ({err})" if has_output() else "no audio output device"
        return TextSpeaker(fallback, reason)
    return Speaker(synthesizer, output)


def wav_source(
    samples: np.ndarray, clock: Clock, stop: threading.Event
) -> Iterator[tuple[bytes, float]]:
    """16 kHz samples as microphone-sized chunks, each released when its audio would have
    been captured (real speed on the clock)."""
    start = clock.now().mono
    for index, first in enumerate(range(0, len(samples), BLOCK)):
        due = start + (index + 1) * BLOCK / RATE
        if clock.wait_until(due, stop):
            return
        yield samples[first : first + BLOCK].tobytes(), due


def ready_texts(replies: Replies) -> list[str]:
    """What to synthesize ahead of time: the opening sentence of every fixed reply (no
    placeholders), the SAFETY replies whole and first."""
    pairs = [
        (text, Priority.SAFETY if key in SAFETY_REPLIES else Priority.GUIDANCE)
        for key in sorted(replies.keys(), key=lambda k: k not in SAFETY_REPLIES)
        for text in replies.variants(key)
        if "{" not in text
    ]
    return openings(pairs)


class LiveRun:
    """Everything a live session owns, wired; `run()` returns the exit code."""

    def __init__(self, settings: Settings, clock: Clock, stack: ExitStack) -> None:
        from intents.matcher import load_matcher

        limit_arenas()  # before the recognizer's and the session's threads start
        self.settings = settings
        self.clock = clock
        # A bad --input file fails here, as one line, before anything starts.
        self.input = read_wav(settings.input_wav) if settings.input_wav is not None else None
        print("Loading the speech model...", file=sys.stderr, flush=True)
        began = clock.now().mono
        self.recognizer: SpeechRecognizer = build_recognizer(settings)
        took = clock.now().mono - began
        print(f"Speech model ready in {took:.1f} s.", file=sys.stderr, flush=True)
        self.matcher = matcher = load_matcher(sources_for(settings))
        self.events: EventLog = open_events(settings.events_path, stack)
        parts = build_coach(settings)
        stack.callback(parts.close)
        # After the store: it holds the state folder's lock, so this is the only coach there.
        self.status = StatusFile(
            settings.state_dir, clock, model_name(settings), settings.recognizer
        )
        self.events.observers.append(self.status.observe)
        if settings.input_wav is not None:
            self.status.microphone("file", str(settings.input_wav.absolute()))
        self.replies = Replies.load()
        fallback = sys.stderr if settings.events_path == "-" else sys.stdout
        self.timeline = PlaybackTimeline()
        self.player = make_player(clock, None, fallback, self.timeline)
        stack.callback(self.player.close)
        self.queue = SpeechQueue(
            self.player,
            clock,
            on_said=self.events.write,
            on_unsaid=lambda unsaid: self.session.post(unsaid),
            next_countdown=parts.desk.next_countdown,
            offer_taken=parts.desk.running,
            upcoming_cues=parts.desk.upcoming_cues,
            background=True,
        )
        stack.callback(self.queue.close)
        self.queue.warm(parts.desk.countdown_texts())
        self.queue.keep_ready(ready_texts(self.replies))  # in the background
        understand = understand_speech(self.recognizer, matcher)
        self.session = Session(understand, parts.coach, self.queue, clock, self.events)
        state = SpeechState(
            speaking=lambda: self.player.voicing,  # the echo guard starts as the voice ends
            saying=lambda: self.player.current_text,
        )
        self.mic: Microphone | None = None
        echo = None
        live_audio = settings.input_wav is None and isinstance(self.player, Speaker)
        if live_audio and EchoCanceller.available():
            canceller = EchoCanceller()
            stack.callback(canceller.close)
            echo = EchoStage(self.timeline, canceller, self._capture_delay)
        spotter = stopper = None
        full = settings.full_duplex
        if full and echo is not None and isinstance(self.recognizer, Recognizer):
            spotted = [text for intent, text in matcher.grammar.sentences() if intent in SPOTTED]
            spotter = spotter_recognizer(self.recognizer, spotted)
        elif not full and isinstance(self.recognizer, Recognizer):
            # With the coach's voice cancelled, warning signs and "it hurts" are heard over it
            # too; without, only the stop words count there (voice.hearing.listener).
            guarded = SPOTTED if echo is not None else ("Stop",)
            stops = [(i, text) for i, text in matcher.grammar.sentences() if i in guarded]
            signs = [text for intent, text in stops if intent in ESCALATIONS]
            small = spotter_recognizer(self.recognizer, [text for _, text in stops])
            stopper = Stopper(small, signs)
        self.heap = HeapTrimmer()
        self.listener = Listener(
            self.recognizer, state, self._heard, echo=echo, spotter=spotter, full=full,
            stopper=stopper, urgent=urgent_with(matcher),
        )  # fmt: skip
        self.stop = threading.Event()

    def _heard(self, event: Event) -> None:
        """What the listener passes on goes to the session; after a final, freed memory goes
        back to the system (voice.app.heap: RSS grew tens of MB an hour in the soak)."""
        self.session.post(event)
        if isinstance(event, Heard) and event.final:
            self.heap.after_utterance(self.clock.now().mono)

    def _capture_delay(self) -> float:
        return self.mic.capture_delay if self.mic is not None else 0.0

    def run(self) -> int:
        thread = threading.Thread(target=self._listen, name="listener", daemon=True)
        thread.start()
        warm_up(self.matcher)
        try:
            with ending_on_sigterm():
                self.session.run()
                self._wait_until_quiet(limit=15.0)  # let the goodbye be heard
        except (KeyboardInterrupt, Interrupted) as why:  # state is saved as it changes
            self.session.log(EndSession(f"interrupted ({why or 'SIGINT'})"))
        finally:
            self.stop.set()
            if self.mic is not None:
                self.mic.close()
            thread.join(timeout=2)
        return 0

    def _listen(self) -> None:
        try:
            if self.input is not None:
                self._feed(wav_source(self.input, self.clock, self.stop))
                self.listener.finish(self.clock.now().mono)
                self._wait_until_quiet()
                self.session.post(EndSession("end of input"))
                return
            self.mic = Microphone(
                self.clock,
                MicSettings(device=self.settings.input_device),
                on_lost=self._mic_lost,
                on_back=self._mic_back,
                on_missing=self._mic_missing,
                on_found=self._mic_found,
                # PortAudio re-reads its device list only by restarting, which would close the
                # speaker's stream: only without one (voice.hearing.devices).
                rescan=None if isinstance(self.player, Speaker) else rescan,
            )
            self._feed(self.mic.chunks())
        except Exception as err:  # a bad --input file, or a bug: end cleanly with the reason
            log.exception("listening failed")
            self.session.post(Problem(where="input", message=str(err), at=self.clock.now().mono))
            self.session.post(EndSession("input failed"))

    def _feed(self, chunks: Iterator[tuple[bytes, float]]) -> None:
        for chunk, at in chunks:
            if self.stop.is_set():
                return
            self.listener.feed(chunk, at)

    def _wait_until_quiet(self, limit: float | None = None) -> None:
        """Until nothing has been said or queued for END_QUIET seconds (or `limit` passed)."""
        quiet_since: float | None = None
        give_up = None if limit is None else self.clock.now().mono + limit
        while not self.stop.is_set():
            now = self.clock.now().mono
            if give_up is not None and now >= give_up:
                return
            busy = self.queue.speaking or bool(self.queue.pending()) or self.player.speaking
            if busy:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = now
            elif now - quiet_since >= END_QUIET:
                return
            self.clock.wait_until(now + 0.1, self.stop)

    def _say(self, key: str) -> None:
        text = self.replies.get(key)
        self.queue.say(Say(text=text, priority=Priority.SAFETY, key=key), self.clock.now())

    def _mic_missing(self, message: str) -> None:
        """No microphone from the start: one line, then a quiet wait (voice.hearing.mic)."""
        self.status.microphone("missing")
        print(NO_MICROPHONE, file=sys.stderr, flush=True)
        self.session.post(Problem(where="microphone", message=message, at=self.clock.now().mono))

    def _mic_found(self, name: str) -> None:
        self.status.microphone("listening", name)  # first: whoever reads the line finds it
        print(f"Listening ({name}). {HOW_TO_STOP}", file=sys.stderr, flush=True)

    def _mic_lost(self, message: str) -> None:
        self.session.post(Problem(where="microphone", message=message, at=self.clock.now().mono))
        self._say("Problem.microphone_lost")
        self.status.microphone("lost")

    def _mic_back(self) -> None:
        self.session.post(
            Problem(where="microphone", message="microphone is back", at=self.clock.now().mono)
        )
        self._say("Problem.microphone_back")
        self.status.microphone("listening", self.mic.device_name if self.mic else None)


def run_live(settings: Settings, clock: Clock | None = None) -> int:
    with ExitStack() as stack:
        live = LiveRun(settings, clock or SystemClock(), stack)
        return live.run()
