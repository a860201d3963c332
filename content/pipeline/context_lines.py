"""The context line: the sentence(s) a stem leans on, shown above it.

A stem stands on its own or carries its context (question-quality.md, "Context"). When a
stem points back ("him", "the defendants", "these measures": ``wording.leans_on``), the
sentence before the source in its paragraph becomes the question's ``context`` (two when
that one points back as well). No context is given when the paragraph starts with the
source, when the context would itself point further back, or when it would state the
answer; the gate then holds the question (``needs_context``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .candidates import normalized as normalize
from .types import FILL_IN, FLASHCARD, MULTIPLE_CHOICE, Question, Sentence
from .wording import leans_on, opens_on_referent

__all__ = ["MAX_CONTEXT", "context_line", "earlier_in_paragraph", "spell_out"]


def earlier_in_paragraph(
    sentences: Sequence[Sentence], sentence: Sentence, limit: int = 2
) -> list[Sentence]:
    """Up to ``limit`` sentences before ``sentence`` in its paragraph, in order."""
    found = []
    for index in range(sentence.index - 1, max(-1, sentence.index - 1 - limit), -1):
        if sentences[index].paragraph != sentence.paragraph:
            break
        found.insert(0, sentences[index])
    return found


MAX_CONTEXT = 400  # characters of context shown above a stem


def context_line(sentences: Sequence[Sentence], sentence: Sentence, question: Question) -> str:
    """The sentence(s) a stem that leans on earlier text needs, or "" (it stands alone,
    or no context can be given: the paragraph starts here, the context itself leans on
    something further back, or it would state the answer)."""
    earlier = earlier_in_paragraph(sentences, sentence)
    if question.type == FLASHCARD or not earlier:
        return ""
    if not leans_on(question.prompt, " ".join(s.text for s in earlier)):
        return ""

    def leans(text: str) -> bool:
        return bool(leans_on(text)) or opens_on_referent(text)

    lines = earlier[-1:]
    if leans(lines[0].text) and len(earlier) == 2:
        lines = earlier
    if leans(lines[0].text):
        return ""
    text = " ".join(s.text for s in lines)
    if len(text) > MAX_CONTEXT:
        return ""
    gives_answer = f" {normalize(question.answer)} " in f" {normalize(text)} "
    if question.type in (MULTIPLE_CHOICE, FILL_IN) and gives_answer:
        return ""
    return text


# Acronyms every reader knows: never spelled out.
_KNOWN_ACRONYMS = frozenset({"UN", "US", "EU", "UK", "NGO", "NGOs", "HIV", "AIDS", "USSR"})


def spell_out(
    prompt: str, answer: str, acronyms: Mapping[str, str], people: Mapping[str, str]
) -> str:
    """``prompt`` with what only the chapter explains spelled out at its first use: an
    acronym the chapter defines ("the PSO" -> "the Political Security Organization (PSO)")
    and a surname used alone ("Avril" -> "Prosper Avril"). Nothing that would state the
    answer; acronyms everyone knows ("UN", "NGO") stay as they are."""
    wanted = normalize(answer)
    for short, full in acronyms.items():
        if (
            short in _KNOWN_ACRONYMS
            or full in prompt
            or wanted in (normalize(full), normalize(short))
        ):
            continue
        if f" {wanted} " in f" {normalize(full)} ":
            continue
        match = re.search(rf"(?<![\w(]){re.escape(short)}(?![\w’'])", prompt)
        if match:
            prompt = prompt[: match.start()] + f"{full} ({short})" + prompt[match.end() :]
    for full in people:
        surname = full.split()[-1]
        if len(full.split()) < 2 or full in prompt or wanted == normalize(surname):
            continue
        if f" {wanted} " in f" {normalize(full)} ":
            continue
        match = re.search(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", prompt)
        if match and not re.search(rf"[A-Z][\w.-]* {re.escape(surname)}$", prompt[: match.end()]):
            prompt = prompt[: match.start()] + full + prompt[match.end() :]
    return prompt
