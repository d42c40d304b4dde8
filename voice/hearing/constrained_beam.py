"""Beam search over Moonshine's decoder where only our sentences can come out.

At each step every hypothesis may take only the tokens `SentenceTokens` allows from its state;
a hypothesis that reaches the end of a sentence may finish there. Scores are the model's own
log-probabilities over its whole vocabulary, so a constrained sentence can be compared with the
model's free best (`free_decode`): when the best sentence of ours is far less likely than what
the model would freely write, the speech was not meant for us (the out-of-grammar gate).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from voice.hearing.moonshine_model import START, MoonshineModel, max_tokens
from voice.hearing.sentence_tokens import START_STATE, SentenceTokens, State, words_of


@dataclass(frozen=True)
class Sentence:
    text: str  # our words, lower case
    score: float  # total log-probability, end token included
    tokens: int


@dataclass(frozen=True)
class _Hypothesis:
    score: float
    tokens: tuple[int, ...]
    state: State


def constrained_decode(
    model: MoonshineModel,
    hidden: np.ndarray,
    samples: int,
    constraint: SentenceTokens,
    beam: int = 4,
    finished_wanted: int = 4,
) -> list[Sentence]:
    """Our sentences the audio most likely says, best first (empty if none fits)."""
    hypotheses = [_Hypothesis(0.0, (), START_STATE)]
    state = model.start(hidden, samples)
    last = np.array([START])
    finished: list[Sentence] = []
    for _ in range(max_tokens(samples)):
        logprobs, state = model.step(state, last)
        rows: list[int] = []
        grown: list[_Hypothesis] = []
        for row, hypothesis in enumerate(hypotheses):
            allowed = constraint.allowed(hypothesis.state)
            if allowed.can_end:
                score = hypothesis.score + float(logprobs[row, constraint.end_token])
                text = " ".join(words_of(model.text(list(hypothesis.tokens))))
                finished.append(Sentence(text, score, len(hypothesis.tokens) + 1))
            if not len(allowed.tokens):
                continue
            scores = logprobs[row, allowed.tokens]
            best = np.argsort(-scores)[:beam]
            for index in best:
                grown.append(
                    _Hypothesis(
                        hypothesis.score + float(scores[index]),
                        (*hypothesis.tokens, int(allowed.tokens[index])),
                        allowed.states[index],
                    )
                )
                rows.append(row)
        if not grown:
            break
        order = sorted(range(len(grown)), key=lambda i: -grown[i].score)[:beam]
        hypotheses = [grown[i] for i in order]
        best_finished = max((f.score for f in finished), default=-np.inf)
        if len(finished) >= finished_wanted and best_finished >= hypotheses[0].score:
            break  # scores only fall: nothing alive can overtake the best finished sentence
        state = state.select(np.array([rows[i] for i in order]))
        last = np.array([h.tokens[-1] for h in hypotheses])
    unique: dict[str, Sentence] = {}
    for sentence in sorted(finished, key=lambda s: -s.score):
        unique.setdefault(sentence.text, sentence)
    return list(unique.values())
