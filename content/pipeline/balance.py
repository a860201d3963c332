"""The bank's balance of true/false statements: chosen per sentence, then trimmed.

Decisions are never taken from running counts in reading order, so that editing one
sentence does not flip the questions of all those after it: sentences are ranked by a hash
of their text (``sentence_rank``).
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .types import TRUE_FALSE, Question, Sentence

if TYPE_CHECKING:
    from .generate import _Draft

__all__ = [
    "MAX_TF_SHARE",
    "MAX_TRUE_SHARE",
    "balance_true_false",
    "pick_true_false",
    "sentence_rank",
]

# How many more true than false statements the bank may hold before trimming.
_TRUE_LEAD = 3


def sentence_rank(sentence: Sentence) -> str:
    return hashlib.sha256(sentence.text.encode()).hexdigest()


def pick_true_false(
    options: dict[int, tuple[_Draft | None, _Draft | None]],
    sentences: Sequence[Sentence],
    question_counts: dict[int, int],
) -> dict[int, _Draft]:
    """One true/false question per chosen sentence, about half of them false.

    Never decided from running counts in reading order, so that editing one
    sentence does not flip the questions of all those after it: every sentence
    whose fact can be swapped gives a false statement; true statements of the
    other sentences are then added (sections with the fewest questions first, then
    in the order of a hash of their text) until they about match the false ones.
    """
    chosen: dict[int, _Draft] = {}
    for sentence in sentences:
        false = options.get(sentence.index, (None, None))[0]
        if false is not None:
            chosen[sentence.index] = false
    trues, falses = 0, len(chosen)
    # Sections with the fewest questions get the true statements first, so that a
    # section of general prose still has enough to quiz on.
    per_section = dict.fromkeys((s.section_order for s in sentences), 0)
    for index, count in question_counts.items():
        per_section[sentences[index].section_order] += count
    spare: dict[int, list[Sentence]] = {}
    for sentence in sorted(sentences, key=sentence_rank):
        if sentence.index not in chosen and options.get(sentence.index, (None, None))[1]:
            spare.setdefault(sentence.section_order, []).append(sentence)
    heap = [(per_section[order], order) for order in spare]
    heapq.heapify(heap)
    while heap and trues < falses + _TRUE_LEAD:
        count, order = heapq.heappop(heap)
        sentence = spare[order].pop(0)
        chosen[sentence.index] = options[sentence.index][1]
        trues += 1
        if spare[order]:
            heapq.heappush(heap, (count + 1, order))
    return chosen


# The most a bank's published true/false statements may lean to "True".
MAX_TRUE_SHARE = 0.5
# The most of a published bank true/false statements may take.
MAX_TF_SHARE = 0.4


def balance_true_false(questions: list[Question], sentences: Sequence[Sentence]) -> list[Question]:
    """Drop published true statements (in the order of a hash of their sentence, never by
    position) until at most ``MAX_TRUE_SHARE`` of the published true/false are "True" (a
    bank that is mostly "True" teaches guessing), then true/false pairs until they are at
    most ``MAX_TF_SHARE`` of the published bank. Held questions are left alone."""

    def rank(q: Question) -> str:
        return sentence_rank(sentences[q.sentence_index])

    published = [q for q in questions if q.type == TRUE_FALSE and q.publishable]
    trues = sorted((q for q in published if q.answer == "True"), key=rank)
    falses = sorted((q for q in published if q.answer == "False"), key=rank)
    allowed = int(MAX_TRUE_SHARE * len(falses) / (1 - MAX_TRUE_SHARE))
    trues = trues[:allowed]
    # Then whole pairs (one true, one false) go while true/false is more than its share
    # of the published bank: multiple choice is the backbone of a quiz.
    others = sum(q.publishable and q.type != TRUE_FALSE for q in questions)
    while (
        trues
        and falses
        and len(trues) + len(falses) > MAX_TF_SHARE * (others + len(trues) + len(falses))
    ):
        trues.pop()
        falses.pop()
    kept = {id(q) for q in trues + falses}
    return [q for q in questions if not (q.type == TRUE_FALSE and q.publishable) or id(q) in kept]
