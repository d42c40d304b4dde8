"""Full-duplex listening on real audio, off line: the coach's long reply (espeak-ng) reaches the
microphone through a simulated room, a person says something over it (espeak-ng), and the real
listener (speexdsp echo canceller, Vosk with our sentences) decides what was someone else's.

The room is the one simulated part, so the test is the same on every machine: a 0.2 s delay,
a little gain loss and smearing, a faint noise floor. The live path through PulseAudio with
its real delays is tests/integration/test_live_duplex.py; the numbers are bench/duplex.py's.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from voice.events import Event, Heard
from voice.hearing.echo import EchoCanceller, EchoStage, PlaybackTimeline
from voice.hearing.listener import Listener, SpeechState
from voice.hearing.matcher_wiring import recognizer_with_matcher, urgent_with
from voice.hearing.mic import BLOCK
from voice.hearing.models import seed_dither
from voice.hearing.own_voice import confirmed, not_said, spotter_recognizer
from voice.hearing.recognizer import Recognizer
from voice.hearing.stopper import Stopper
from voice.wav_files import read_wav

pytestmark = [pytest.mark.model]
RATE = 16000
REPLY = (
    "A back spasm is a muscle that tightens hard to protect your spine. It is painful and "
    "frightening, but it usually eases within a few days. Lie on your back with your knees bent "
    "and breathe slowly. Gentle movement helps more than lying still for a long time."
)
DELAY = 0.2


def espeak(text: str, path: Path, voice: str = "en-us", speed: int = 160) -> np.ndarray:
    raw = path.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), text], check=True)
    # -R: sox's dither repeatable, so the test audio is the same on every run
    subprocess.run(["sox", "-R", str(raw), "-r", "16000", "-c", "1", str(path)], check=True)
    return read_wav(path)


def room(coach: np.ndarray) -> np.ndarray:
    """What reaches the microphone of the coach's voice: delayed, quieter, smeared."""
    echo = np.convolve(coach.astype(np.float64), [0.6, 0.25, 0.1])
    return np.concatenate([np.zeros(int(DELAY * RATE)), echo])


def signs() -> list[str]:
    """The warning signs, as the product gives them to its stopper (voice.app.live_mode)."""
    from intents.grammar import load_grammar
    from intents.warning_match import ESCALATIONS

    return [text for intent, text in load_grammar().sentences() if intent in ESCALATIONS]


@pytest.fixture(scope="module")
def recognizer(model: object) -> Recognizer:
    from intents.grammar import load_grammar

    return recognizer_with_matcher(model, [text for _, text in load_grammar().sentences()])


@pytest.fixture(scope="module")
def reply(tmp_path_factory: pytest.TempPathFactory) -> np.ndarray:
    return espeak(REPLY, tmp_path_factory.mktemp("coach") / "reply.wav", "en-gb", 175)


def listen(
    recognizer: Recognizer,
    reply: np.ndarray,
    said: np.ndarray | None,
    offset: float,
    stopper: Recognizer | None = None,
    text: str = REPLY,
    urgent: Callable[[str], bool] | None = None,
) -> list[Heard]:
    """The reply plays from t=1 s; `said` starts `offset` seconds into it. The finals posted.
    With `stopper`: half duplex (the default product), the stopper listening over the reply."""
    start = 1.0
    timeline = PlaybackTimeline()
    timeline.started(start, reply, RATE)
    length = int((start + len(reply) / RATE + 3.0) * RATE)
    mic = np.zeros(length)
    echo = room(reply)
    first = int(start * RATE)
    mic[first : first + len(echo)] += echo[: length - first]
    if said is not None:
        at = int((start + offset) * RATE)
        mic[at : at + len(said)] += said[: length - at]
    rng = np.random.default_rng(3)
    mic += rng.normal(0, 30, length)
    samples = np.clip(mic, -32768, 32767).astype(np.int16)
    end = start + len(reply) / RATE
    clock = {"now": 0.0}
    speech = SpeechState(
        speaking=lambda: start <= clock["now"] < end,
        saying=lambda: text if start <= clock["now"] < end else "",
    )
    posted: list[Event] = []
    canceller = EchoCanceller()
    recognizer.restart()
    half = Stopper(stopper, signs()) if stopper is not None else None
    listener = Listener(recognizer, speech, posted.append, echo=EchoStage(
        timeline, canceller, lambda: 0.0
    ), full=stopper is None, stopper=half, urgent=urgent)  # fmt: skip
    for index in range(0, len(samples) - BLOCK + 1, BLOCK):
        clock["now"] = (index + BLOCK) / RATE
        listener.feed(samples[index : index + BLOCK].tobytes(), clock["now"])
    listener.finish(clock["now"])
    canceller.close()
    return [e for e in posted if isinstance(e, Heard) and e.final]


def test_the_coachs_own_voice_alone_is_never_taken_as_a_request(
    recognizer: Recognizer, reply: np.ndarray
) -> None:
    assert listen(recognizer, reply, None, 0.0) == []


@pytest.mark.parametrize(
    ("words", "offset"), [("my leg is numb", 6.0), ("how much time is left", 9.0)]
)
def test_a_request_said_over_the_coach_is_heard_and_marked(
    recognizer: Recognizer, reply: np.ndarray, tmp_path: Path, words: str, offset: float
) -> None:
    said = espeak(words, tmp_path / "said.wav") * 1.0
    heard = listen(recognizer, reply, said, offset)
    assert [(h.text, h.over_speech) for h in heard] == [(words, True)]


@pytest.fixture(scope="module")
def stopper(recognizer: Recognizer) -> Recognizer:
    from intents.grammar import load_grammar

    stops = [text for intent, text in load_grammar().sentences() if intent == "Stop"]
    return spotter_recognizer(recognizer, stops)


def test_half_duplex_the_main_recognizer_does_not_decode_the_coachs_voice(
    recognizer: Recognizer, stopper: Recognizer, reply: np.ndarray, tmp_path: Path
) -> None:
    """Over the coach's voice only the stop phrases count (full duplex off), so only the small
    stopper listens there: the main recognizer decoding the voice kept the listener busy all
    the time on 2 cores and 26 s behind real time (bench/results/listener_over_speech.md).
    A request said after the reply is heard whole, as before."""
    fed: list[float] = []
    feed = recognizer.feed

    def counted(chunk: bytes, at: float = 0.0) -> list[Heard]:
        fed.append(at)
        return feed(chunk, at)

    recognizer.feed = counted  # type: ignore[method-assign]
    try:
        end = 1.0 + len(reply) / RATE
        words = "how much time is left"
        said = espeak(words, tmp_path / "said.wav")
        heard = listen(recognizer, reply, said, len(reply) / RATE + 1.0, stopper)
    finally:
        del recognizer.feed
    assert [(h.text, h.over_speech) for h in heard] == [(words, False)]
    assert fed and not [at for at in fed if 1.0 <= at <= end]  # nothing of the reply
    stopper.restart()
    assert listen(recognizer, reply, None, 0.0, stopper) == []  # its own voice: nothing


@pytest.mark.parametrize("after", [0.1, 0.15, 0.3, 0.45, 0.7])
def test_half_duplex_an_answer_said_as_the_coachs_echo_dies_away_is_heard_whole(
    recognizer: Recognizer, stopper: Recognizer, reply: np.ndarray, tmp_path: Path, after: float
) -> None:
    """A "yes" said `after` seconds after the coach's last word starts while its echo is still
    judged to be dying away (`ECHO_TAIL`, 0.5 s, plus the room's delay): the stopper has the
    microphone then. The main recognizer takes over with the last moments the stopper heard,
    so the answer is heard whole (it had been lost, or heard clipped: "gasping", "yes yes").
    Under four dither draws: switching from the echo-cancelled signal to the raw one in the
    middle of the "yes" lost it in 6 of 20 draws at 0.15 s (and made this test fail in 3 of 4
    CI runs); the utterance now stays on the cleaned signal to its end."""
    said = espeak("yes", tmp_path / "yes.wav")  # ~0.2 s of lead-in
    for seed in range(4):
        seed_dither(seed)
        stopper.restart()
        heard = listen(recognizer, reply, said, len(reply) / RATE + after, stopper)
        assert [(h.text, h.over_speech) for h in heard] == [("yes", False)], seed


WARNINGS_REPLY = (
    "Get checked as soon as you can if you have numbness, tingling or weakness with the spasm. "
    "Call emergency services for chest pain, trouble breathing, losing control of your bladder "
    "or bowels, numbness between your legs, or legs you can't move."
)
"""The coach's own words most like a warning sign (the AskProfessional reply)."""


@pytest.fixture(scope="module")
def guard(recognizer: Recognizer) -> Recognizer:
    """The half-duplex stopper the product builds when it has an echo canceller: warning
    signs, "it hurts" and stop (voice.hearing.listener.SPOTTED)."""
    from intents.grammar import load_grammar
    from voice.hearing.listener import SPOTTED

    spotted = [text for intent, text in load_grammar().sentences() if intent in SPOTTED]
    return spotter_recognizer(recognizer, spotted)


@pytest.fixture(scope="module")
def urgent() -> Callable[[str], bool]:
    """Is text a warning sign, read as the coach reads it (the product's wiring)."""
    from intents.matcher import load_matcher

    return urgent_with(load_matcher())


@pytest.mark.parametrize(
    ("words", "offset"),
    [("my leg is numb", 6.0), ("i can't breathe", 9.0), ("it hurts", 7.0), ("stop", 6.0)],
)
def test_half_duplex_a_warning_sign_said_over_the_coach_is_heard(
    recognizer: Recognizer,
    guard: Recognizer,
    reply: np.ndarray,
    tmp_path: Path,
    words: str,
    offset: float,
    urgent: Callable[[str], bool],
) -> None:
    """Half duplex (the default) hears over the coach's voice what must cut it: a warning sign,
    "it hurts", stop. Before, only "stop", "quiet" and "enough" counted there, and "my leg is
    numb" said during a long reply was lost."""
    said = espeak(words, tmp_path / "said.wav")
    guard.restart()
    heard = listen(recognizer, reply, said, offset, guard, urgent=urgent)
    assert [(h.text, h.over_speech) for h in heard] == [(words, True)]


def test_half_duplex_other_requests_over_the_coach_still_wait(
    recognizer: Recognizer, guard: Recognizer, reply: np.ndarray, tmp_path: Path
) -> None:
    """Only what cuts the coach is heard over it in half duplex; a question said over it is not
    taken (full duplex is the option that answers those after the sentence)."""
    said = espeak("how much time is left", tmp_path / "said.wav")
    guard.restart()
    assert listen(recognizer, reply, said, 6.0, guard) == []


def test_half_duplex_the_coach_naming_the_warning_signs_is_not_one(
    recognizer: Recognizer, guard: Recognizer, tmp_path: Path, urgent: Callable[[str], bool]
) -> None:
    """The coach's own list of warning signs, looped back through the room, alone: nothing,
    though the main recognizer confirms a sign the stopper heard by hearing a sign too."""
    reply = espeak(WARNINGS_REPLY, tmp_path / "warnings.wav", "en-gb", 175)
    guard.restart()
    assert listen(recognizer, reply, None, 0.0, guard, WARNINGS_REPLY, urgent) == []


def test_a_warning_sign_the_main_recognizer_hears_in_other_words_confirms_the_stoppers(
    recognizer: Recognizer, tmp_path: Path, urgent: Callable[[str], bool]
) -> None:
    """Half duplex: a sign the stopper heard over the coach's voice counts when the main
    recognizer, hearing it again, hears a warning sign too, in whatever words ("i can't
    breathe" came out of the stopper word for word live and the main recognizer heard other
    words: not confirmed, a warning sign lost); never a request, nor the same words without
    `alike` (as before)."""
    pad = np.zeros(RATE // 2, dtype=np.int16)

    def audio(words: str) -> bytes:
        said = espeak(words, tmp_path / "said.wav").astype(np.int16)
        return np.concatenate([pad, said, pad, pad]).tobytes()

    other_words = audio("i can't feel my legs")
    assert not confirmed(recognizer, other_words, 0.0, "my leg is numb")
    assert confirmed(recognizer, other_words, 0.0, "my leg is numb", urgent)
    request = audio("how much time is left")
    assert not confirmed(recognizer, request, 0.0, "my leg is numb", urgent)


def test_the_coachs_own_stop_heard_as_its_next_sentence_plays_is_not_a_stop(
    recognizer: Recognizer, stopper: Recognizer, tmp_path: Path
) -> None:
    """Without an echo canceller only stop words count over the coach's voice, and not one it
    is saying itself. Its echo is heard a moment after it plays, when the coach may already be
    on its next sentence: "... say it hurts to stop." then "Shall I count you through ...?" cut
    the reply it was part of (bench/duplex.py's control, 1 false cut in 2 minutes)."""
    first = "Go only as far as is comfortable, and say it hurts to stop."
    second = "Shall I count you through the knees to chin hold?"
    one = espeak(first, tmp_path / "one.wav", "en-gb", 175)
    two = espeak(second, tmp_path / "two.wav", "en-gb", 175)
    start, switch = 1.0, 1.0 + len(one) / RATE
    end = switch + len(two) / RATE
    mic = np.zeros(int((end + 3.0) * RATE))
    echo = room(np.concatenate([one, two]))
    mic[int(start * RATE) : int(start * RATE) + len(echo)] += echo
    samples = np.clip(mic, -32768, 32767).astype(np.int16)
    clock = {"now": 0.0}
    speech = SpeechState(
        speaking=lambda: start <= clock["now"] < end,
        saying=lambda: first if clock["now"] < switch else second if clock["now"] < end else "",
    )
    posted: list[Event] = []
    stopper.restart()
    recognizer.restart()
    listener = Listener(recognizer, speech, posted.append, stopper=Stopper(stopper))
    for index in range(0, len(samples) - BLOCK + 1, BLOCK):
        clock["now"] = (index + BLOCK) / RATE
        listener.feed(samples[index : index + BLOCK].tobytes(), clock["now"])
    listener.finish(clock["now"])
    heard = [e.text for e in posted if isinstance(e, Heard) and e.final]
    assert heard == [], f"its own voice: {heard}, ignored {listener.ignored}"


def test_the_stoppers_sentence_is_taken_out_of_the_coachs_half_cancelled_words(
    guard: Recognizer,
) -> None:
    """Over the coach's voice the stopper's words come with some of that voice half cancelled
    around them ("it's my leg is numb right", live): the longest run that is a whole sentence
    of its own is what was said; words with none in them stay as they were (and are ignored)."""
    stopper = Stopper(guard)
    assert stopper.sentence_in("it's my leg is numb right") == "my leg is numb"
    assert stopper.sentence_in("right now life i can't breathe") == "i can't breathe"
    assert stopper.sentence_in("i can't breathe") == "i can't breathe"
    assert stopper.sentence_in("the myself my leg is now") == "the myself my leg is now"
    assert stopper.sentence_in("weak i take the pain") == "weak i take the pain"


def test_a_warning_sign_is_found_in_a_string_of_the_coachs_half_cancelled_words(
    guard: Recognizer, urgent: Callable[[str], bool]
) -> None:
    """The stopper's decoder hears the coach's voice, half cancelled, around a person's sign,
    and its gates drop the string ("my and you're back i can't feel my foot feel needles":
    too long, too unsure). The sign in it, whole or from its first telling word, is taken;
    nothing else is (a stop so found cut the coach falsely), and one telling word is not a
    sign."""
    stopper = Stopper(guard, signs())
    found = stopper.sign_in("my and you're back i can't feel my foot feel needles")
    assert found == "i can't feel my foot"
    found = stopper.sign_in("my and you're back i've have chest pain runs")
    assert found is not None and "have chest pain" in found and urgent(found)
    assert stopper.sign_in("locked up i can't my foot") is None
    assert stopper.sign_in("and stop talking now") is None  # a stop, not a sign
    assert stopper.sign_in("the numbness in it") is None  # one word: too easily the coach's
    assert Stopper(guard).sign_in("i can't feel my foot") is None  # no signs given
    assert stopper.warning_in("it's my leg is numb right", urgent) == "my leg is numb"
    assert stopper.warning_in("okay stop talking", urgent) is None


def test_a_sign_in_a_string_the_stoppers_gates_dropped_is_passed_on(
    recognizer: Recognizer, reply: np.ndarray, tmp_path: Path
) -> None:
    """Said over the coach's voice, left 18 dB under the sign by the canceller: the stopper
    decodes "i can't move my leg my upper back the i" (the coach's words after the sign), too
    long for its gates, and passed on nothing; the sign in it is passed on now, to be judged and
    confirmed as any. The coach's voice alone: nothing more than its gates kept before."""
    from intents.grammar import load_grammar
    from voice.hearing.listener import SPOTTED

    spotted = [text for intent, text in load_grammar().sentences() if intent in SPOTTED]
    said = espeak("i can't move my legs", tmp_path / "said.wav", "en-us").astype(np.float64)
    pad = np.zeros(RATE // 2)
    user = np.concatenate([pad, said, pad, pad])
    residue = room(reply)[int(0.3 * RATE) :][: len(user)] * 10 ** (-18 / 20)
    mixed = np.concatenate([user + residue, np.zeros(2 * RATE)])

    def passed_on(audio: np.ndarray, with_signs: bool) -> list[str]:
        # A stopper of its own each time: after other decodes the same audio came out otherwise.
        stopper = Stopper(spotter_recognizer(recognizer, spotted), signs() if with_signs else ())
        seed_dither(1)
        pcm = np.clip(audio, -32768, 32767).astype(np.int16).tobytes()
        step = 2 * 2 * BLOCK
        heard = [
            stopper.hear(pcm[i : i + step], (i + step) / 2 / RATE) for i in range(0, len(pcm), step)
        ]
        return [h.text for chunk in heard for h in chunk]

    assert passed_on(mixed, with_signs=False) == []
    assert passed_on(mixed, with_signs=True) == ["can't move my leg"]
    alone = np.concatenate([pad, room(reply) * 10 ** (-18 / 20), pad, np.zeros(2 * RATE)])
    assert passed_on(alone, with_signs=True) == passed_on(alone, with_signs=False)


@pytest.mark.parametrize(
    ("sign", "voice"),
    [
        ("i have chest pain", "en-us"),
        ("i have chest pain", "en-gb-x-rp"),
        ("i can't feel my foot", "en-gb-x-rp"),
    ],
)
def test_a_sign_the_main_recognizer_decodes_inside_the_coachs_words_confirms_the_stoppers(
    model: object,
    reply: np.ndarray,
    tmp_path: Path,
    urgent: Callable[[str], bool],
    sign: str,
    voice: str,
) -> None:
    """Half duplex: said over the coach's voice, left 18 dB under the sign by the canceller,
    the main recognizer hears a string of the coach's words with the sign in it ("i have chest
    pain hard upper back the off"), too long to keep: its gates drop it, yet the sign's words
    in a row in what it decoded confirm the stopper's (bench/results/duplex_half_decoded.md).
    The coach's voice alone, at any level, confirms none: a sign read anywhere in what it
    decoded would ("... it is painful on frightening badly tingling this ...")."""
    said = espeak(sign, tmp_path / "said.wav", voice).astype(np.float64)
    pad = np.zeros(RATE // 2)
    user = np.concatenate([pad, said, pad, pad])
    residue = room(reply)[int(0.3 * RATE) :][: len(user)] * 10 ** (-18 / 20)
    mixed = np.clip(user + residue, -32768, 32767).astype(np.int16).tobytes()

    def alike(heard: str) -> bool:
        return urgent(not_said(heard, REPLY))

    from intents.grammar import load_grammar

    # A recognizer of its own: after the module's decodes the same audio came out otherwise.
    recognizer = recognizer_with_matcher(model, [text for _, text in load_grammar().sentences()])
    seed_dither(1)
    assert confirmed(recognizer, mixed, 0.0, sign, alike)
    for level in (-18, 0):
        coach = np.concatenate([pad, room(reply) * 10 ** (level / 20), pad])
        alone = np.clip(coach, -32768, 32767).astype(np.int16).tobytes()
        assert not confirmed(recognizer, alone, 0.0, sign, alike)
