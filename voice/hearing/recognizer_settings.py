"""What the recognizer (voice/hearing/recognizer.py) accepts and how it listens: one frozen
dataclass."""

from __future__ import annotations

from dataclasses import dataclass, field

from voice.hearing.cleanup import CleanupSettings
from voice.hearing.endpoint import EndpointSettings
from voice.hearing.second_pass import SecondPassSettings
from voice.hearing.speech_gate import GateSettings


@dataclass(frozen=True)
class RecognizerSettings:
    min_confidence: float = 0.55
    """Mean word confidence below which a final result is dropped."""

    min_sentence_confidence: float = 0.4
    """The same for a result that is a whole sentence of ours (short ones, like "no", score
    lower)."""

    max_unknown_share: float = 0.34
    """Share of "[unk]" words above which a final result is dropped."""

    max_words: int = 15
    """Finals longer than this are dropped unless they are a whole sentence of ours (a coffee
    order of the benchmark's second domain runs to 26 words): long word salads of our
    vocabulary were most of the benchmark's false accepts."""

    min_loose_words: int = 5
    """The least words a final that is not one of our sentences may have (after the second
    pass, which turns most loose strings into sentences; a symptom never gets this far
    unconfirmed). Loose strings of one or two words were 4 right commands against 20 wrong
    actions in the benchmark subset and most false accepts from the radio (9.9 -> 2.0 per
    hour at 3). Of three and four words, over the full run of 2026-12-01 (3,000 commands):
    10 right, 49 wrong actions (a fifth of all), and two of the five actions taken on an
    hour of radio ("the hold me or" -> ItHurts, "back is frozen go" -> SpasmStarted); so 5."""

    max_loose_words: int = 8
    """The same for a final that is not one of our sentences (after the second pass): long
    loose word strings were half the remaining false accepts in the benchmark (19.8 -> 9.9
    per hour), and no command the benchmark got right was that long."""

    short_answer_words: int = 1
    """A final of at most this many words acts only when two decoders read it the same
    (voice.hearing.short_answers; 0: off)."""

    listen_freely_for_warnings: bool = True
    """When the words are not a whole sentence of ours (or none came out), decode the same audio
    again with the model's own open vocabulary and keep that text if it holds a warning sign:
    a paraphrase of a symptom ("my toes feel all funny") is no sentence of the phrase list,
    and the grammar turns it into other words."""
    bigram_cover: bool = False
    """Give Vosk only a subset of the sentences that holds all their word pairs (see
    voice.hearing.vocabulary.bigram_cover); the full list still decides what is a whole sentence.
    Measured (bench/results/tuning.md): no gain (clean 90.3% vs 90.7%), so off."""

    alternatives: int = 10
    """N-best list length for the rescue decoder (0 turns it off)."""

    rescue_margin: float = 3.0
    """How far (in Vosk's N-best score) below the best a whole sentence of ours may be."""

    second_pass: SecondPassSettings | None = field(default_factory=SecondPassSettings)
    """Re-decode an utterance we did not understand against its nearest sentences (None: off)."""

    decide_early: float | None = 0.096
    """Trailing silence (s) at which the utterance so far is decided, before the end of
    speech is sure (voice.hearing.early; None: only at the end of speech)."""

    max_utterance: float = 12.0
    """Seconds of audio kept for the second pass."""

    endpoint: EndpointSettings = field(default_factory=EndpointSettings)

    cleanup: CleanupSettings = field(default_factory=CleanupSettings)
    """Noise suppression and gain on the audio Vosk decodes (behind the speech gate: only on
    what it lets through, `CleanupSettings.around_speech_only`)."""

    speech_gate: GateSettings | None = field(default_factory=GateSettings)
    """Decode only around speech (voice.hearing.speech_gate; None: decode all the audio).
    The recognizer listening to a quiet room: 0.4% of a core instead of 5.6%; the same on a
    TV, and the same 24 of 24 commands heard (bench/results/idle_cost.md)."""
