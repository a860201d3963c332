"""The gate's checks on how a question reads to someone who has not read the paragraph.

Each ``check_<name>(question, sentence, context)`` returns None when the question passes
and the reason named after it when it does not (``gate.CHECKS`` runs them with the others):

- ``needs_context``: the stem leans on an earlier sentence and carries no context line;
- ``lost_attribution``: the source says whose claim it is (or cites a reference such as
  "Section 12(b)") and the stem dropped it;
- ``style``: a capital after the lead-in on a common word, a dangling connective, "a"/"an"
  that disagrees with the next word, unbalanced brackets or quotes, a run-in label;
- ``broken_trim``: the stem was cut so that it ends on a dangling word, is a bare fragment,
  or lost the condition ("if", "unless") that made it true;
- ``answer_given_by_related_form``: the stem names the answer in another form, a country's
  demonym ("Syrian" for Syria) or an acronym's expansion;
- ``partial_gloss``: a flashcard's back is only part of what the acronym stands for;
- ``trivial_blank``: the blank asks the chapter's own year, half of a range or a number
  ("Law 20/_____", "_____-2000"), a year inside a name ("the _____ Hague Convention") or an
  aside in brackets ("$10.50 (_____ Leones)").

The rules come from ``question-quality.md`` ("Context", "Truth and provenance", "Stems",
"Flashcards").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .blocks import word_set
from .candidates import MONTHS
from .candidates import normalized as normalize
from .types import FILL_IN, FLASHCARD, MULTIPLE_CHOICE, TRUE_FALSE, Question
from .wording import (
    CONNECTIVES,
    articles_agree,
    attribution_markers,
    leans_on,
    related_forms,
)

if TYPE_CHECKING:
    from .gate import GateContext

__all__ = [
    "check_answer_given_by_related_form",
    "check_broken_trim",
    "check_lost_attribution",
    "check_needs_context",
    "check_partial_gloss",
    "check_style",
    "check_trivial_blank",
]


_LEAD_IN = re.compile(r"^(?:According to the report, |The report says that )")
_REFERENCE = re.compile(r"\b((?:[A-Z][a-z]+\.? )?\d+)(\((?:[0-9]{1,3}|[a-z]{1,3})\))+")
_DANGLING_END = re.compile(
    r"\b(?:and|or|but|of|to|in|on|at|by|for|with|from|the|a|an|that|which|who|as|than"
    r"|including|such as|between|into|its|their|his|her)[.?]$",
    re.IGNORECASE,
)
# "how many suspects did in March police arrest?", "... to the Supreme Court, and on
# December 4.": a wh-question or a clause cut in the wrong place.
_MISPLACED = re.compile(
    r"\b(?:did|does|do|was|were|has|have|had) (?:in|on|at|during|by|after|before) [A-Z0-9]"
    rf"|, and (?:on|in|by) (?:{'|'.join(MONTHS)}|\d)[^,]{{0,20}}\.$|\b[a-z]{{1,2}}\?$"
)
# Verb forms a statement of a report is made with: auxiliaries, and common irregular pasts
# and presents (a regular past ends in "-ed").
_VERBS = word_set(
    "is are was were be been being has have had do does did will would can could may might "
    "must shall should remains remain continues continue says say said held hold holds took "
    "take takes made make makes began begin begins led lead leads fled went go goes met meet "
    "meets ran run runs won win wins lost lose loses found find finds gave give gives told "
    "tell tells sent send sends kept keep keeps left leave leaves became become becomes beat "
    "beats brought bring brings came come comes fell falls grew grow knew know paid pay pays "
    "put puts rose rise saw see sees set sets sought seek seeks spent spend stood stand "
    "struck strike taught thought understood wrote write writes fought fight forbade forbid "
    "forbids prohibits prohibit provides provide requires require allows allow includes "
    "include reports report states state lacks lack exists exist applies apply sets faces "
    "face occurs occur limits limit bans ban permits permit protects protect grants grant"
)
_RELATIVE_ONLY = re.compile(r"^[^,]{1,80}, (?:who|which|whose|whom) [^,]+\.$")
_CONDITION = re.compile(r"\b(?:if|unless|only if|only when|provided that|except)\b", re.I)
_RUN_IN_LABEL = re.compile(r"^(?:[A-Z][\w’'/-]*|and|of|the|in|or|for|on|to)(?: [\w’'/-]+){0,7}: ")


def _body(question: Question) -> str:
    return _LEAD_IN.sub("", question.prompt)


def check_needs_context(question: Question, sentence: str, context: GateContext) -> str | None:
    """A stem that leans on an earlier sentence ("him", "the defendants", "these
    measures", "others") carries that sentence as its context line."""
    if question.type == FLASHCARD or question.context:
        return None
    return "needs_context" if leans_on(question.prompt, context.earlier) else None


def check_lost_attribution(question: Question, sentence: str, context: GateContext) -> str | None:
    """A claim the source attributes to someone ("according to Amnesty International",
    "the ministry said", "reportedly") keeps that attribution, and a reference keeps its
    parts ("Section 12(b)" is not "Section 12")."""
    if question.type == FLASHCARD:
        return None
    stem = question.prompt
    for match in _REFERENCE.finditer(sentence):
        if match.group(1) in stem and match.group() not in stem:
            return "lost_attribution"
    source = attribution_markers(sentence)
    if not source:
        return None
    kept = attribution_markers(stem + " " + question.context)
    according = {m for m in source if m.startswith("according to")}
    if according and not according & kept:
        return "lost_attribution"
    if source - according and not (source - according) & kept and not according & kept:
        return "lost_attribution"
    return None


def _common_capital(body: str, context: GateContext) -> bool:
    """Whether the stem's first word is a common word wrongly capitalized after the
    lead-in ("According to the report, Ignoring warnings, ...")."""
    match = re.match(r"[“\"]?([A-Z][a-z’'-]+)\b", body)
    if not match:
        return False
    word = match.group(1)
    return word.lower() in context.lowercase_words and word not in context.proper_words


def check_style(question: Question, sentence: str, context: GateContext) -> str | None:
    """No capital on a common word after the lead-in, no dangling connective ("however,",
    "for example,"), "a"/"an" agreeing with the next word, brackets and quotes balanced,
    and no run-in label ("Child Abuse: The law ...") left at the start of the stem."""
    texts = [question.prompt, *(c.text for c in question.choices)]
    body = _body(question)
    if body != question.prompt and _common_capital(body, context):
        return "style"
    if question.type != FLASHCARD and CONNECTIVES.search(body):
        return "style"
    if not all(articles_agree(t) for t in texts):
        return "style"
    for text in texts:
        if text.count("(") != text.count(")") or text.count("[") != text.count("]"):
            return "style"
        if text.count("“") != text.count("”") or text.count('"') % 2:
            return "style"
    if question.type != FLASHCARD and _RUN_IN_LABEL.match(body):
        return "style"
    return None


def check_broken_trim(question: Question, sentence: str, context: GateContext) -> str | None:
    """A trimmed stem still says what the source says: it does not end on a dangling word
    ("credible reports of."), is more than a fragment (five words at least), and keeps the
    condition ("if", "unless") the source makes the fact depend on."""
    if question.type == FLASHCARD:
        return None
    body = _body(question)
    if _DANGLING_END.search(body.rstrip('”"')):
        return "broken_trim"
    if len(re.findall(r"[\w’'-]+", body.replace("_____", "x"))) < 5:
        return "broken_trim"
    # A name and a relative clause, no main verb: "_____, who was exiled to Nigeria."
    if _RELATIVE_ONLY.match(body) or _MISPLACED.search(body):
        return "broken_trim"
    # An item cut out of a list: "Civil Defense Force (CDF) leader _____."
    statement = question.type != MULTIPLE_CHOICE or "_____" in body
    if statement and not _has_verb(body):
        return "broken_trim"
    conditional = _CONDITION.search(sentence) and not _CONDITION.search(body)
    if question.type in (TRUE_FALSE, FILL_IN) and conditional:
        return "broken_trim"
    return None


def _has_verb(body: str) -> bool:
    """Whether a statement has a verb form: one of ``_VERBS``, a regular past ("sued",
    "detained"), or a present in "-s" right after a word that can be its subject
    ("the government restricts", not "the killings" or "1997 killings, rapes")."""
    tokens = re.findall(r"[A-Za-z][\w’'-]*|[,;:]|\d[\d,.]*", body)
    for index, word in enumerate(tokens):
        lowered = word.lower()
        if lowered in _VERBS or (lowered.endswith("ed") and len(lowered) > 3):
            return True
        present = (
            word.islower()
            and len(word) > 3
            and word.endswith("s")
            and not word.endswith(("ss", "us", "is", "ics"))
        )
        previous = tokens[index - 1] if index else ""
        if present and previous[:1].isalpha() and previous.lower() not in _NOT_SUBJECTS:
            return True
    return False


_NOT_SUBJECTS = word_set(
    "the a an of to in on at by for with from and or but its their his her these those this "
    "that some many several all both other such no each every two three four five six seven "
    "eight nine ten new more most few"
)


def check_answer_given_by_related_form(
    question: Question, sentence: str, context: GateContext
) -> str | None:
    """The stem does not name the answer in another form: a country's demonym or adjective
    ("returned Syrian nationals to _____" → Syria), an acronym's expansion or the other way
    round."""
    if question.type not in (MULTIPLE_CHOICE, FILL_IN):
        return None
    stem = question.prompt + " " + question.context
    words = set(re.findall(r"[A-Za-z][\w’'-]*", stem))
    for form in related_forms(question.answer):
        if re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", stem):
            return "answer_given_by_related_form"
    acronym = question.answer.strip()
    if acronym.isupper() and 2 <= len(acronym) <= 8:
        expansion = context.acronyms.get(acronym, "")
        if expansion and normalize(expansion) in normalize(stem):
            return "answer_given_by_related_form"
    for short, expansion in context.acronyms.items():
        if normalize(expansion) == normalize(question.answer) and short in words:
            return "answer_given_by_related_form"
    if question.answer_kind in ("organization", "treaty") and _shares_a_word(
        question.answer, question.prompt.replace("_____", " ")
    ):
        return "answer_given_by_related_form"
    return None


_NAME_WORDS = word_set(
    "national international commission committee council ministry department office "
    "organization association union court republic government united nations human rights "
    "federal general special independent people peoples"
)


@lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    """Words of country names ("korea", "south"): a body named after its country is not
    given away by the country's name in the stem."""
    from .candidates import country_names

    return frozenset(w.lower() for name in country_names() for w in name.split())


def _shares_a_word(name: str, stem: str) -> bool:
    """Whether a telling word of the name, or its stem, is in the question ("assistance to
    refugees" points to the High Commissioner for Refugees, "investigating" to the Special
    Investigation Service). Words every body's name has do not count."""
    stems = {w.lower()[:6] for w in re.findall(r"[A-Za-z]{5,}", stem)}
    for word in re.findall(r"[A-Za-z]{5,}", name):
        if word.lower() in _NAME_WORDS or word.lower() in _country_words():
            continue
        if word.lower()[:6] in stems:
            return True
    return False


_SMALL_WORDS = word_set("of the and for on in to a an at by de des du la le")


def check_partial_gloss(question: Question, sentence: str, context: GateContext) -> str | None:
    """An acronym's card gives the whole name: its words' initials spell the acronym
    ("FITU" → "Federation of Independent Trade Unions", never just "Unions")."""
    if question.type != FLASHCARD or question.answer_kind != "acronym":
        return None
    match = re.search(r"“([^”]+)”", question.prompt)
    if not match:
        return None
    if re.search(r"[’']s$", question.answer.strip()):
        return "partial_gloss"  # "Committee for the Prevention of Torture's"
    letters = re.sub(r"[^A-Z]", "", match.group(1))
    words = re.findall(r"[A-Za-z][\w’'-]*", question.answer)
    initials = "".join(w[0].upper() for w in words if w.lower() not in _SMALL_WORDS)
    every = "".join(w[0].upper() for w in words)
    if letters and letters not in (initials, every) and not _spelled_in_order(letters, every):
        return "partial_gloss"
    return None


def _spelled_in_order(letters: str, initials: str) -> bool:
    """Whether the acronym's letters appear in order among the initials and start with
    the first one ("UNHCR" in "United Nations High Commissioner for Refugees")."""
    if not initials or letters[0] != initials[0]:
        return False
    at = 0
    for letter in letters:
        at = initials.find(letter, at)
        if at < 0:
            return False
        at += 1
    return True


_PART_OF_NUMBER = re.compile(
    r"[-–/]\s?_____|_____\s?[-–/]|_____, [A-Z][a-z]+,"
    r"|\b(?:a few|several|some|dozens of) _____|\d+ or _____|_____ or \d+"
    # the same quantity in another unit beside it: "390 days, or approximately _____ months"
    r"|\d[\d,.]* \w+,? or (?:about |approximately |roughly |nearly )?_____"
    r"|_____ \w+,? or (?:about |approximately |roughly |nearly )?\d"
)
_IN_BRACKETS = re.compile(r"\([^()]*_____[^()]*\)")


def check_trivial_blank(question: Question, sentence: str, context: GateContext) -> str | None:
    """A blank worth filling: not the year the chapter covers (every sentence is about
    it), not one half of a range or a number, not a year that is part of a name, not an
    aside in brackets."""
    if question.type not in (FILL_IN, MULTIPLE_CHOICE) or "_____" not in question.prompt:
        if question.type == MULTIPLE_CHOICE and context.year and question.answer == context.year:
            return "trivial_blank"
        return None
    prompt = question.prompt
    if context.year and question.answer.strip() == context.year:
        return "trivial_blank"
    if _PART_OF_NUMBER.search(prompt):
        return "trivial_blank"
    # An aside in brackets: "$10.50 (_____ Leones)"; a term's "(known as _____)" is the fact.
    if question.answer_kind in ("number", "year", "date") and _IN_BRACKETS.search(prompt):
        return "trivial_blank"
    year = re.fullmatch(r"(?:1[5-9]|20)\d\d", question.answer.strip())
    if year and re.search(r"_____ (?:[A-Z][\w’'-]*)", prompt):
        return "trivial_blank"
    return None
