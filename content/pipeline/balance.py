"""One question per sentence, and the bank's balance of kinds.

Two questions on one sentence answer each other (the fill-in's stem states the multiple
choice's answer, a true statement states both), so the published bank asks each source
sentence once: multiple choice first, then fill-in, then a false statement, then a true
one. Flashcards (a term or acronym the sentence
defines) stand beside that question.

True/false then has to be balanced: a sentence that offers nothing to ask but a true
statement is matched by a sentence switched from its multiple choice or fill-in to its
false statement (fill-ins first), and true statements beyond that are dropped, so that
at most ``MAX_TRUE_SHARE`` of the published true/false are "True" and true/false is at most
``MAX_TF_SHARE`` of the bank. Decisions are never taken from running counts in reading
order, so that editing one sentence does not flip the questions of all those after it:
sentences are ranked by a hash of their text (``sentence_rank``).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

from .types import FILL_IN, FLASHCARD, MULTIPLE_CHOICE, TRUE_FALSE, Question, Sentence

__all__ = ["MAX_TF_SHARE", "MAX_TRUE_SHARE", "one_question_per_sentence", "sentence_rank"]

# The most a bank's published true/false statements may lean to "True" (a bank that is
# mostly "True" teaches guessing; 40-60 % is the house rule).
MAX_TRUE_SHARE = 0.6
# The most of a published bank true/false statements may take.
MAX_TF_SHARE = 0.4
# Multiple choices are switched to false statements only while they stay above this share
# of the published bank: they are the backbone of a quiz.
_MC_FLOOR = 0.28

# False statements a bank gets even when no true statement needs matching.
_MIN_FALSE_SHARE = 0.1
# Shares of sentences switched to their false statement go in steps of 1/_STEPS.
_STEPS = 8
_FALSE, _TRUE = "false", "true"
_PREFERENCE = (MULTIPLE_CHOICE, FILL_IN, _FALSE, _TRUE)


def _hash_share(rank: str) -> float:
    """A sentence's rank as a number in [0, 1)."""
    return int(rank[:8], 16) / 16**8


def sentence_rank(sentence: Sentence) -> str:
    return hashlib.sha256(sentence.text.encode()).hexdigest()


def _slot(question: Question) -> str:
    if question.type == TRUE_FALSE:
        return _TRUE if question.answer == "True" else _FALSE
    return question.type


def one_question_per_sentence(
    questions: Sequence[Question], sentences: Sequence[Sentence]
) -> tuple[list[Question], list[Question]]:
    """(bank, alternates): the gated ``questions`` (every option of every sentence, in
    reading order) with at most one published quiz question per sentence, flashcards
    kept, balanced as the module says; and the publishable questions left out. A
    sentence with nothing publishable keeps its held questions for review (its true
    statement only when it has nothing else). Order is kept."""
    options: dict[int, dict[str, Question]] = {}
    held: dict[int, list[Question]] = {}
    for q in questions:
        if q.type == FLASHCARD:
            continue
        if q.publishable:
            options.setdefault(q.sentence_index, {}).setdefault(_slot(q), q)
        else:
            held.setdefault(q.sentence_index, []).append(q)
    chosen = {i: next(s for s in _PREFERENCE if s in found) for i, found in options.items()}
    _balance(chosen, options, sentences, cards=sum(q.type == FLASHCARD for q in questions))

    keep: set[int] = {id(q) for q in questions if q.type == FLASHCARD}
    keep |= {id(options[i][slot]) for i, slot in chosen.items()}
    for index, found in held.items():
        if index in options:
            continue
        others = [q for q in found if _slot(q) != _TRUE]
        keep |= {id(q) for q in (others or found)}
    bank = [q for q in questions if id(q) in keep]
    alternates = [q for q in questions if id(q) not in keep and q.publishable]
    return bank, alternates


def _balance(
    chosen: dict[int, str],
    options: dict[int, dict[str, Question]],
    sentences: Sequence[Sentence],
    *,
    cards: int,
) -> None:
    """Switch and drop choices in place until the true/false rules hold."""

    def rank(index: int) -> str:
        return sentence_rank(sentences[index])

    def count(slot: str) -> int:
        return sum(s == slot for s in chosen.values())

    def total() -> int:
        return len(chosen) + cards

    # Each sentence that could switch decides by its own hash against a quantized share,
    # not by its place in a queue: editing one sentence then moves no other sentence's
    # question unless the counts themselves change.
    needed = max(
        count(_TRUE) - count(_FALSE) * MAX_TRUE_SHARE / (1 - MAX_TRUE_SHARE),
        # Some false statements in every bank: a quiz of one kind of question is dull.
        _MIN_FALSE_SHARE * len(chosen) - count(_FALSE),
    )
    for kind in (FILL_IN, MULTIPLE_CHOICE):
        if needed <= 0:
            break
        able = [i for i, slot in chosen.items() if slot == kind and _FALSE in options[i]]
        if kind == MULTIPLE_CHOICE:
            spare = count(MULTIPLE_CHOICE) - _MC_FLOOR * total()
            needed = min(needed, max(spare, 0))
        if not able or needed <= 0:
            continue
        share = math.ceil(min(1.0, needed / len(able)) * _STEPS) / _STEPS
        for index in able:
            if _hash_share(rank(index)) < share:
                chosen[index] = _FALSE
                needed -= 1
    trues = sorted((i for i, slot in chosen.items() if slot == _TRUE), key=rank)
    while trues and count(_TRUE) * (1 - MAX_TRUE_SHARE) > count(_FALSE) * MAX_TRUE_SHARE:
        del chosen[trues.pop()]
    # Then statements, true or false whichever leads, while they are more than their share.
    falses = sorted((i for i, slot in chosen.items() if slot == _FALSE), key=rank)
    while (trues or falses) and count(_TRUE) + count(_FALSE) > MAX_TF_SHARE * total():
        if trues and (count(_TRUE) >= count(_FALSE) or not falses):
            del chosen[trues.pop()]
            continue
        index = falses.pop()
        other = next((s for s in (MULTIPLE_CHOICE, FILL_IN) if s in options[index]), None)
        if other:
            chosen[index] = other
        else:
            del chosen[index]
    while trues and count(_TRUE) * (1 - MAX_TRUE_SHARE) > count(_FALSE) * MAX_TRUE_SHARE:
        del chosen[trues.pop()]
