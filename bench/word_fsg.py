"""A minimal word automaton of the grammar sentences, written as a PocketSphinx FSG file.

PocketSphinx decodes a flat JSGF of ~17,000 alternatives at 1-20× real time (every sentence is
a separate path from the start). Sharing prefixes (a trie) and then suffixes (merging states
with the same future, acyclic DFA minimisation) accepts exactly the same sentences with a few
thousand states, and decodes faster than real time.
"""

from __future__ import annotations

from pathlib import Path


def minimal_automaton(
    sentences: list[list[str]],
) -> tuple[int, list[tuple[int, int, str]], set[int]]:
    """(number of states, word transitions (src, dst, word), accepting states); state 0 starts."""
    children: list[dict[str, int]] = [{}]
    accepting: list[bool] = [False]
    for words in sentences:
        node = 0
        for w in words:
            nxt = children[node].get(w)
            if nxt is None:
                nxt = len(children)
                children.append({})
                accepting.append(False)
                children[node][w] = nxt
            node = nxt
        accepting[node] = True
    # Merge states with equal signatures bottom-up (post-order): same acceptance, same moves.
    canon: dict[tuple, int] = {}
    rep = [-1] * len(children)
    order: list[int] = []
    stack = [(0, False)]
    while stack:
        node, done = stack.pop()
        if done:
            order.append(node)
            continue
        stack.append((node, True))
        stack.extend((c, False) for c in children[node].values())
    for node in order:
        sig = (accepting[node], tuple(sorted((w, rep[c]) for w, c in children[node].items())))
        rep[node] = canon.setdefault(sig, node)
    ids: dict[int, int] = {rep[0]: 0}
    for node in sorted(set(rep)):
        ids.setdefault(node, len(ids))
    edges = sorted({(ids[rep[n]], ids[rep[c]], w) for n in range(len(children))
                    for w, c in children[n].items()})  # fmt: skip
    finals = {ids[rep[n]] for n in range(len(children)) if accepting[n]}
    return len(ids), edges, finals


def write_fsg(
    path: Path, sentences: list[list[str]], name: str = "backcoach", prior: bool = True
) -> int:
    """Write the FSG (one extra final state reached by empty moves); returns the state count.

    Each move's probability is the share of the sentences that go through it, so every
    sentence has the same prior 1/N, exactly as in a flat list of alternatives."""
    n, edges, finals = minimal_automaton(sentences)
    final = n
    out: dict[int, list[tuple[int, str]]] = {}
    for src, dst, word in edges:
        out.setdefault(src, []).append((dst, word))
    paths = _sentence_counts(n, out, finals)
    lines = [f"FSG_BEGIN {name}", f"NUM_STATES {n + 1}", "START_STATE 0", f"FINAL_STATE {final}"]
    for src, dst, word in edges:
        p = paths[dst] / paths[src] if prior else 1.0
        lines.append(f"TRANSITION {src} {dst} {p:.8f} {word}")
    for src in sorted(finals):
        lines.append(f"TRANSITION {src} {final} {1 / paths[src] if prior else 1.0:.8f}")
    lines.append("FSG_END")
    path.write_text("\n".join(lines) + "\n")
    return n + 1


def _sentence_counts(n: int, out: dict[int, list[tuple[int, str]]], finals: set[int]) -> list[int]:
    """How many sentences each state accepts (children before parents, iteratively)."""
    paths = [-1] * n
    stack = [0]
    while stack:
        state = stack[-1]
        pending = [d for d, _ in out.get(state, []) if paths[d] < 0]
        if pending:
            stack.extend(pending)
            continue
        stack.pop()
        if paths[state] < 0:
            paths[state] = (state in finals) + sum(paths[d] for d, _ in out.get(state, []))
    return paths
