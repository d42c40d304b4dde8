"""The two recognizers under test, behind one small streaming interface.

- `vosk`: backcoach's pipeline. Until `voice/hearing/recognizer.py` exists this is Vosk driven
  directly (KaldiRecognizer with the grammar phrases + "[unk]", SetWords, Vosk's own endpointing);
  `make_engine` prefers the product recognizer when it is importable.
- `pocketsphinx`: the peer. PyPI pocketsphinx's US English model with a finite-state grammar of the
  same sentences (a minimal word automaton), its webrtc-style Endpointer for end of speech.

Both feed text to the same matcher. An engine streams over int16 PCM in chunks and yields one
`Decision` per final result, stamped with the audio time of the chunk that produced it and the
wall time the deciding call took, so latency = end_audio + compute - speech end.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)

RATE = 16000
CHUNK = 800  # 50 ms, a typical microphone block


@dataclass(frozen=True)
class Decision:
    text: str
    confidence: float
    end_audio: float  # seconds into the stream when the result became available
    compute: float  # wall seconds spent producing it after that chunk arrived


class Engine(Protocol):
    name: str

    def stream(self, pcm: bytes) -> Iterator[Decision]: ...


def grammar_phrases() -> list[str]:
    from intents.grammar import load_grammar

    return sorted({text.lower() for _, text in load_grammar().sentences()})


def model_path() -> Path:
    value = os.environ.get("BACKCOACH_MODEL")
    if value:
        return Path(value)
    return Path(__file__).resolve().parents[2] / "shared" / "models" / "vosk-model-small-en-us"


class VoskDirect:
    """Vosk with the grammar, no product code: the stand-in until voice/hearing/recognizer.py
    exists."""

    name = "vosk"

    def __init__(self, phrases: list[str], unk_rejects: bool = True, min_conf: float = 0.0):
        import vosk

        vosk.SetLogLevel(-2)
        self.model = vosk.Model(str(model_path()))
        self.rec = vosk.KaldiRecognizer(self.model, RATE, json.dumps([*phrases, "[unk]"]))
        self.rec.SetWords(True)
        self.unk_rejects = unk_rejects
        self.min_conf = min_conf

    def _decision(self, raw: str, end_audio: float, compute: float) -> Decision | None:
        words = json.loads(raw).get("result", [])
        if not words:
            return None
        conf = min(w.get("conf", 1.0) for w in words)
        tokens = [w["word"] for w in words]
        if "[unk]" in tokens and self.unk_rejects or conf < self.min_conf:
            return Decision("", conf, end_audio, compute)
        return Decision(" ".join(t for t in tokens if t != "[unk]"), conf, end_audio, compute)

    def stream(self, pcm: bytes) -> Iterator[Decision]:
        step = CHUNK * 2
        for offset in range(0, len(pcm), step):
            t0 = time.perf_counter()
            if self.rec.AcceptWaveform(pcm[offset : offset + step]):
                raw = self.rec.Result()
                decision = self._decision(
                    raw, min(offset + step, len(pcm)) / 2 / RATE, time.perf_counter() - t0
                )
                if decision:
                    yield decision
        t0 = time.perf_counter()
        raw = self.rec.FinalResult()
        decision = self._decision(raw, len(pcm) / 2 / RATE, time.perf_counter() - t0)
        self.rec.Reset()
        if decision:
            yield decision


class PocketSphinxPeer:
    """PocketSphinx with the same sentences as a word grammar (a minimal automaton loaded as an
    FSG, see bench/word_fsg.py); sentences with words missing from its dictionary are left out
    (listed in `dropped`)."""

    name = "pocketsphinx"

    def __init__(self, phrases: list[str]):
        import tempfile

        import pocketsphinx as ps

        from bench.word_fsg import write_fsg

        self.ps = ps
        self.decoder = ps.Decoder(loglevel="FATAL")
        known = [p for p in phrases if all(self.decoder.lookup_word(w) for w in p.split())]
        self.dropped = sorted(set(phrases) - set(known))
        if self.dropped:
            log.warning("pocketsphinx: %d sentences have unknown words", len(self.dropped))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "backcoach.fsg"
            self.states = write_fsg(path, [p.split() for p in known])
            self.decoder.add_fsg("backcoach", self.decoder.read_fsg(str(path)))
        self.decoder.activate_search("backcoach")

    def stream(self, pcm: bytes) -> Iterator[Decision]:
        ep = self.ps.Endpointer()
        step = ep.frame_bytes
        for offset in range(0, len(pcm) - step + 1, step):
            t0 = time.perf_counter()
            was_in_speech = ep.in_speech
            speech = ep.process(pcm[offset : offset + step])
            if speech is None:
                continue
            if not was_in_speech:
                self.decoder.start_utt()
            self.decoder.process_raw(speech)
            if not ep.in_speech:
                self.decoder.end_utt()
                yield self._decision((offset + step) / 2 / RATE, time.perf_counter() - t0)
        if ep.in_speech:
            t0 = time.perf_counter()
            tail = ep.end_stream(pcm[len(pcm) - len(pcm) % step :]) if len(pcm) % step else None
            if tail:
                self.decoder.process_raw(tail)
            self.decoder.end_utt()
            yield self._decision(len(pcm) / 2 / RATE, time.perf_counter() - t0)

    def _decision(self, end_audio: float, compute: float) -> Decision:
        hyp = self.decoder.hyp()
        return Decision(hyp.hypstr if hyp else "", 1.0, end_audio, compute)


class VoskProduct:
    """backcoach's own recognizer (voice/hearing/recognizer.py: grammar, confidence and "[unk]"
    rejection, Silero end of speech), fed 100 ms chunks like the microphone."""

    name = "vosk"

    def __init__(self, phrases: list[str], options: dict[str, float]):
        import dataclasses

        import vosk

        from voice.hearing.cleanup import CleanupSettings
        from voice.hearing.endpoint import EndpointSettings
        from voice.hearing.matcher_wiring import recognizer_with_matcher
        from voice.hearing.recognizer_settings import RecognizerSettings
        from voice.hearing.second_pass import SecondPassSettings

        vosk.SetLogLevel(-2)
        options = dict(options)
        # Not a product setting: the bench emulates "drop finals longer than N words" with it.
        self.max_words = int(options.pop("max_words", 0))
        strict_complete = bool(options.pop("strict_complete", 0))
        # "second_pass=0" turns the second pass off; "second_pass.FIELD=V" tunes it.
        second_on = bool(options.pop("second_pass", 1))
        gate_on = bool(options.pop("gate", 1))  # "gate=0": decode all the audio
        second = _section(options, "second_pass")
        cleanup = _section(options, "cleanup")
        rec_fields = {f.name for f in dataclasses.fields(RecognizerSettings)}
        endpoint = EndpointSettings(**{k: v for k, v in options.items() if k not in rec_fields})
        settings = RecognizerSettings(
            **{k: v for k, v in options.items() if k in rec_fields},
            endpoint=endpoint,
            second_pass=SecondPassSettings(**second) if second_on else None,  # type: ignore[arg-type]
            cleanup=CleanupSettings(**{k: int(v) for k, v in cleanup.items()}),
        )
        if not gate_on:
            settings = dataclasses.replace(settings, speech_gate=None)
        self.model = vosk.Model(str(model_path()))
        self.rec = recognizer_with_matcher(self.model, phrases, settings)  # as the product
        if strict_complete:  # emulate: a sentence that can go on is not "complete" yet
            ordered = sorted(self.rec._complete)
            self.rec._complete = frozenset(
                s for s, nxt in zip(ordered, [*ordered[1:], ""], strict=True)
                if not nxt.startswith(s + " ")
            )  # fmt: skip

    def stream(self, pcm: bytes) -> Iterator[Decision]:
        """One recording. Between recordings only the utterance is forgotten (`reset`): the
        clean-up's noise estimate and gain carry on as in a room (bench/results/tuning.md)."""
        step = 1600 * 2
        end = 0.0
        for offset in range(0, len(pcm), step):
            end = min(offset + step, len(pcm)) / 2 / RATE
            t0 = time.perf_counter()
            heard = self.rec.feed(pcm[offset : offset + step], at=end)
            compute = time.perf_counter() - t0
            for h in heard:
                if h.final and self._keep(h.text):
                    yield Decision(h.text, h.confidence, end, compute)
        t0 = time.perf_counter()
        heard = self.rec.finish(at=end)
        compute = time.perf_counter() - t0
        self.rec.reset()
        self.last_dropped = [_dropped_words(t) for t in self.rec.dropped]  # why nothing came
        self.rec.dropped.clear()
        for h in heard:
            if self._keep(h.text):
                yield Decision(h.text, h.confidence, end, compute)

    def _keep(self, text: str) -> bool:
        return not self.max_words or len(text.split()) <= self.max_words


def _dropped_words(dropped: Any) -> str:
    words = getattr(dropped, "words", None)  # Vosk's Transcript; Moonshine's Decision: free
    return " ".join(words) if words is not None else str(getattr(dropped, "free", ""))


class MoonshineProduct(VoskProduct):
    """The product's neural recognizer (voice.hearing.moonshine_recognizer), built as the app
    builds it for `--recognizer moonshine`; options are MoonshineSettings fields."""

    name = "moonshine"

    def __init__(self, phrases: list[str], options: dict[str, float]):
        from intents.matcher import load_matcher
        from voice.app.wiring import meaning_with
        from voice.hearing.matcher_wiring import warns_with
        from voice.hearing.moonshine_model import MoonshineModel
        from voice.hearing.moonshine_recognizer import MoonshineRecognizer, MoonshineSettings

        matcher = load_matcher()
        self.max_words = 0
        self.rec = MoonshineRecognizer(  # type: ignore[assignment]
            MoonshineModel(),
            phrases,
            MoonshineSettings(**options),  # type: ignore[arg-type]
            warns=warns_with(matcher),
            meaning=meaning_with(matcher),
        )


class BothProduct(VoskProduct):
    """`--recognizer both`: this bench's `vosk` engine with Moonshine, constrained to the same
    sentences, as its second witness (voice.hearing.fusion). Like `vosk` here it has no Moonshine
    free pass (the app's has: voice.app.wiring), so one-word answers have one free decoder to
    agree with, not two."""

    name = "both"

    def __init__(self, phrases: list[str], options: dict[str, float]):
        from intents.matcher import load_matcher
        from voice.app.wiring import meaning_with
        from voice.hearing.fusion import confirmed_by
        from voice.hearing.matcher_wiring import warns_with
        from voice.hearing.moonshine_model import MoonshineModel
        from voice.hearing.moonshine_recognizer import MoonshineRecognizer

        super().__init__(phrases, options)
        matcher = load_matcher()
        meaning, warns = meaning_with(matcher), warns_with(matcher)
        witness = MoonshineRecognizer(MoonshineModel(), phrases, warns=warns, meaning=meaning)
        self.rec._verify = confirmed_by(witness, meaning, warns)  # as the app wires it


def _section(options: dict[str, float], name: str) -> dict[str, float]:
    """Take the "NAME.FIELD=V" options out of `options`, as {FIELD: V}."""
    keys = [k for k in options if k.startswith(name + ".")]
    return {k.split(".", 1)[1]: options.pop(k) for k in keys}


def product_recognizer_available() -> bool:
    try:
        import voice.hearing.recognizer  # noqa: F401
    except ImportError:
        return False
    return True


def make_engine(name: str, phrases: list[str], options: dict[str, float] | None = None) -> Engine:
    """`vosk` is the product recognizer when importable, else Vosk driven directly
    (`vosk-direct` forces that); `pocketsphinx` is the peer. `options` tune the Vosk engine."""
    options = options or {}
    if name == "pocketsphinx":
        return PocketSphinxPeer(phrases)
    if name == "moonshine":
        return MoonshineProduct(phrases, options)
    if name == "both":
        return BothProduct(phrases, options)
    if name == "vosk" and product_recognizer_available():
        return VoskProduct(phrases, options)
    if name in ("vosk", "vosk-direct"):
        return VoskDirect(phrases, min_conf=options.get("min_confidence", 0.0))
    raise ValueError(f"unknown engine {name!r} (vosk, vosk-direct, pocketsphinx, moonshine, both)")
