"""The quality gate: automatic checks a question must pass to be published.

Each check is a function ``check_<name>(question, sentence, context)`` that
returns ``None`` when the question passes and a short machine-readable reason
when it does not. ``review_reasons`` runs them all. A question that fails is
kept, with its reasons, for an admin to review: the gate never deletes.

``sentence`` is the text of the question's source sentence. ``context`` says
what the chapter knows (the kinds of the names it mentions, and the sentence
before the source, where a term's meaning may begin).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from .candidates import MONTHS, number_value, ordinal_value
from .candidates import normalized as normalize
from .distractors import org_class
from .gate_reading import (
    check_answer_given_by_related_form,
    check_broken_trim,
    check_lost_attribution,
    check_needs_context,
    check_partial_gloss,
    check_style,
    check_trivial_blank,
)
from .types import FILL_IN, FLASHCARD, MULTIPLE_CHOICE, TRUE_FALSE, Question

__all__ = [
    "CHECKS",
    "check_answer_given_by_related_form",
    "check_broken_trim",
    "check_lost_attribution",
    "check_needs_context",
    "check_partial_gloss",
    "check_style",
    "check_trivial_blank",
    "GateContext",
    "check_answer_in_source",
    "check_choices_distinct",
    "check_distractor_kind",
    "check_exactly_one_correct",
    "check_explanation",
    "check_has_topic",
    "check_malformed_stem",
    "check_prompt_gives_answer_away",
    "check_time_frame",
    "check_trick_wording",
    "check_web_chrome",
    "review_reasons",
]

BLANK = "_____"
ATTRIBUTION = re.compile(
    r"^(?:According to the report, |Human Rights Watch reports that |The report says that )"
)
MIN_PROMPT, MAX_PROMPT = 20, 300
MAX_ANSWER = 120
MAX_EXPLANATION = 400

_WEB_CHROME = re.compile(
    r"©|\bskip to (?:main )?content\b|\billustration\b|https?://|\bwww\.|\bshare this\b|"
    r"\bclick here\b|\bsubscribe to our\b|\bread more\b|\bsign up\b|\bdonate now\b|"
    r"\bprint this\b|\bAP Photo\b|\bGetty Images\b|\bphoto credit\b"
    # the State Department's cross-references to its other reports
    r"|\bplease see\b|\bstate\.gov\b|\bfor (?:more )?information on\b",
    re.IGNORECASE,
)
_CHROME_MARKERS = (
    "©",
    "skip to",
    "illustration",
    "http",
    "www.",
    "share this",
    "click here",
    "subscribe to our",
    "read more",
    "sign up",
    "donate now",
    "print this",
    "ap photo",
    "getty images",
    "photo credit",
    "please see",
    "state.gov",
    "information on",
)
_TRICK = re.compile(r"\b(?:NOT|EXCEPT)\b|(?i:\b(?:all|none) of the above\b)")
_NEGATION = re.compile(r"\b(?:not|never|no|none|nor|cannot)\b|n[’']t\b", re.IGNORECASE)
_NEGATION_WORDS = frozenset(
    [
        "not",
        "never",
        "no",
        "none",
        "nor",
        "cannot",
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "hasnt",
        "havent",
        "hadnt",
        "cant",
        "couldnt",
        "wont",
        "wouldnt",
        "shouldnt",
    ]
)
_MONTH = "(?:" + "|".join(MONTHS) + ")"
_DATE_FORMS = (
    re.compile(rf"^{_MONTH} \d{{1,2}}, \d{{4}}$"),
    re.compile(rf"^{_MONTH} \d{{1,2}}$"),
    re.compile(rf"^{_MONTH},? \d{{4}}$"),
)


@dataclass(frozen=True)
class GateContext:
    """What the chapter knows that a single question does not carry."""

    kinds: Mapping[str, frozenset[str]] = field(default_factory=dict)  # normalized -> kinds
    previous: str = ""  # the sentence before the source sentence
    earlier: str = ""  # the source's paragraph before it (up to two sentences)
    lowercase_words: frozenset[str] = frozenset()  # words the chapter writes in lowercase
    proper_words: frozenset[str] = frozenset()  # capitalized words seen mid-sentence
    acronyms: Mapping[str, str] = field(default_factory=dict)  # "CRC" -> its full name
    year: str = ""  # the year the chapter covers ("2018" for "Events of 2018"), if known


def same_answer(a: str, b: str) -> bool:
    return normalize(a) == normalize(b)


def _words(text: str) -> list[str]:
    return normalize(text).split()


def _contains(haystack: str, needle: str) -> bool:
    needle_n = normalize(needle)
    return bool(needle_n) and f" {needle_n} " in f" {normalize(haystack)} "


def _statement(prompt: str) -> str:
    return ATTRIBUTION.sub("", prompt)


def check_answer_in_source(question: Question, sentence: str, context: GateContext) -> str | None:
    """The correct answer is stated in the source sentence (for a false statement:
    every word of it but one replaced fact is)."""
    source = sentence + " " + context.previous
    if question.type in (MULTIPLE_CHOICE, FILL_IN):
        return None if _contains(sentence, question.answer) else "answer_not_in_source"
    if question.type == FLASHCARD:
        front = re.search(r"“([^”]+)”", question.prompt)
        if front and not _contains(sentence, front.group(1)):
            return "answer_not_in_source"
        return None if _contains(source, question.answer) else "answer_not_in_source"
    if question.type == TRUE_FALSE:
        statement = _words(_statement(question.prompt))
        if question.answer == "True":
            return None if _follows(statement, _words(sentence)) else "answer_not_in_source"
        if question.answer == "False":
            source_words = _words(sentence)
            novel = [i for i, w in enumerate(statement) if w not in set(source_words)]
            # The new words, if any, sit together: one fact was replaced, not two.
            together = not novel or novel[-1] - novel[0] + 1 == len(novel)
            if together and _one_change(statement, source_words):
                return None
            return "false_statement_not_one_change"
        return "answer_not_in_source"
    return None


# The longest run of words a false statement may put in place of the source's fact.
MAX_REPLACED_WORDS = 6


def _follows(statement: list[str], source: list[str]) -> bool:
    """Whether the statement is the source with only whole stretches left out, in
    order, and without leaving out a negation ("did not raise" -> "did raise")."""
    positions = _greedy_positions(statement, source)
    if positions is None:
        return False
    skipped = set()
    for before, after in zip(positions, positions[1:], strict=False):
        skipped.update(source[before + 1 : after])
    return not (skipped & _NEGATION_WORDS)


def _greedy_positions(words: list[str], source: list[str]) -> list[int] | None:
    positions, at = [], 0
    for word in words:
        try:
            at = source.index(word, at)
        except ValueError:
            return None
        positions.append(at)
        at += 1
    return positions


def _one_change(statement: list[str], source: list[str]) -> bool:
    """Whether the statement is the source (as in ``_follows``) with exactly one short
    stretch of words replaced by words the source does not have there."""
    n = len(statement)
    # prefix[i]: where in the source the first i words end at the earliest;
    # suffix[j]: where the words from j on start at the latest.
    prefix = [0] * (n + 1)
    for i in range(1, n + 1):
        try:
            prefix[i] = source.index(statement[i - 1], prefix[i - 1]) + 1
        except ValueError:
            prefix[i:] = [len(source) + 1] * (n + 1 - i)
            break
    suffix = [len(source)] * (n + 1)
    for j in range(n - 1, -1, -1):
        limit = suffix[j + 1]
        found = -1
        for k in range(min(limit, len(source)) - 1, -1, -1):
            if source[k] == statement[j]:
                found = k
                break
        if found < 0:
            suffix[: j + 1] = [-1] * (j + 1)
            break
        suffix[j] = found
    for i in range(n + 1):
        if prefix[i] > len(source):
            break
        for j in range(i + 1, min(n, i + MAX_REPLACED_WORDS) + 1):
            if suffix[j] < 0 or prefix[i] > suffix[j]:
                continue
            replaced = statement[i:j]
            original = source[prefix[i] : suffix[j]]
            if original and replaced != original and not _contains_run(original, replaced):
                return True
    return False


def _contains_run(words: list[str], run: list[str]) -> bool:
    size = len(run)
    return any(words[k : k + size] == run for k in range(len(words) - size + 1))


def _initials(text: str) -> str:
    words = re.findall(r"[A-Za-z][\w’'-]*", text)
    # An all-capitals word keeps all its letters: "UN Security Council" is UNSC.
    capitals = "".join(w if w.isupper() else w[0] for w in words if w[0].isupper())
    return capitals if len(capitals) >= 2 else ""


def _variant_in(prompt_words: list[str], answer_words: list[str]) -> bool:
    for word in answer_words:
        if len(word) < 4 or word.isdigit():
            continue
        root = word[:-1]
        for other in prompt_words:
            if other != word and other.startswith(root) and 0 < len(other) - len(word) <= 4:
                return True
    return False


def check_prompt_gives_answer_away(
    question: Question, sentence: str, context: GateContext
) -> str | None:
    """The stem does not contain the answer, its acronym, or an obvious variant
    ("Japanese" for Japan). A flashcard's front may name the acronym it expands."""
    if question.type == TRUE_FALSE:
        return None
    prompt = question.prompt
    if _contains(prompt, question.answer):
        return "prompt_gives_answer_away"
    if question.type == FLASHCARD:
        return None
    acronym = _initials(question.answer)
    if acronym and re.search(rf"\b{acronym}\b", prompt):
        return "prompt_gives_answer_away"
    spelled_out = question.answer.isupper() and question.answer in _initials(prompt)
    if len(question.answer) >= 2 and spelled_out:
        return "prompt_gives_answer_away"
    if question.answer_kind == "country" and _variant_in(_words(prompt), _words(question.answer)):
        return "prompt_gives_answer_away"
    return None


def check_choices_distinct(question: Question, sentence: str, context: GateContext) -> str | None:
    """No two choices are the same answer after normalization."""
    texts = [c.text for c in question.choices]
    for i, text in enumerate(texts):
        if not normalize(text) or any(same_answer(text, other) for other in texts[i + 1 :]):
            return "choices_not_distinct"
    return None


def check_exactly_one_correct(
    question: Question, sentence: str, context: GateContext
) -> str | None:
    """Multiple choice: four choices, one correct; true/false: True and False, one
    correct; fill-in and flashcards carry no choices."""
    choices = question.choices
    correct = [c for c in choices if c.is_correct]
    if question.type == MULTIPLE_CHOICE:
        ok = len(choices) == 4 and len(correct) == 1 and correct[0].text == question.answer
    elif question.type == TRUE_FALSE:
        ok = (
            sorted(c.text for c in choices) == ["False", "True"]
            and len(correct) == 1
            and correct[0].text == question.answer
        )
    else:
        ok = not choices
    return None if ok else "not_exactly_one_correct"


def _number_form(text: str) -> str:
    return "words" if text.strip().isalpha() else "digits"


def _same_kind(kind: str, answer: str, distractor: str, context: GateContext) -> bool:
    if kind == "number":
        a, d = number_value(answer), number_value(distractor)
        if a is None or d is None or _number_form(answer) != _number_form(distractor):
            return False
        if ("." in answer) != ("." in distractor):
            return False  # 3.8 among 2, 4 and 14 stands out
        low, high = sorted((a, d))
        return high - low <= 4 or (low > 0 and high / low <= 4)
    if kind == "ordinal":
        a, d = ordinal_value(answer), ordinal_value(distractor)
        same_form = answer.strip().isalpha() == distractor.strip().isalpha()
        return a is not None and d is not None and same_form and abs(a - d) <= 4
    if kind == "year":
        return (
            distractor.isdigit()
            and len(distractor) == 4
            and abs(int(distractor) - int(answer)) <= 15
        )
    if kind == "date":
        return any(p.match(answer) and p.match(distractor) for p in _DATE_FORMS)
    if kind == "organization" and org_class(answer) != org_class(distractor):
        return False  # a court among ministries gives itself away
    return kind in context.kinds.get(normalize(distractor), frozenset())


def check_distractor_kind(question: Question, sentence: str, context: GateContext) -> str | None:
    """Every distractor is of the answer's kind and size."""
    if question.type != MULTIPLE_CHOICE:
        return None
    kind = question.answer_kind
    for choice in question.choices:
        if not choice.is_correct and not _same_kind(kind, question.answer, choice.text, context):
            return "distractor_kind_mismatch"
    return None


@lru_cache(maxsize=8192)
def _has_chrome(text: str) -> bool:
    lowered = text.lower()
    # A plain substring test first: the word-boundary pattern is slow on long text.
    if not any(marker in lowered for marker in _CHROME_MARKERS):
        return False
    return bool(_WEB_CHROME.search(text))


def check_web_chrome(question: Question, sentence: str, context: GateContext) -> str | None:
    """Nothing of the web page (credits, navigation, links) in the question or its source."""
    texts = [question.prompt, question.answer, question.explanation, sentence]
    texts += [c.text for c in question.choices]
    return "web_chrome" if any(_has_chrome(t) for t in texts) else None


def _balanced(text: str) -> bool:
    if text.count("(") != text.count(")") or text.count("“") != text.count("”"):
        return False
    return text.count('"') % 2 == 0


def check_malformed_stem(question: Question, sentence: str, context: GateContext) -> str | None:
    """A full sentence or question: capitalized, ending in "?" or ".", quotes and
    parentheses balanced, one blank in a fill-in and none elsewhere, not too long."""
    prompt = question.prompt
    if not (MIN_PROMPT <= len(prompt) <= MAX_PROMPT):
        return "malformed_stem"
    if not prompt[0].isupper() or not re.search(r"[.?][”\"]?$", prompt):
        return "malformed_stem"
    if not _balanced(prompt) or "  " in prompt or re.search(r"\s[,.;:?]", prompt):
        return "malformed_stem"
    # A fragment of a sentence split in the wrong place: "(2017) and several groups."
    if re.match(r"[(\[]|(?:and|or|but|nor)\b", _statement(prompt)):
        return "malformed_stem"
    blanks = prompt.count(BLANK)
    if question.type == MULTIPLE_CHOICE and blanks > 1 or "______" in prompt:
        return "malformed_stem"
    if question.type != MULTIPLE_CHOICE and blanks != (1 if question.type == FILL_IN else 0):
        return "malformed_stem"
    if question.type == FILL_IN and not re.search(r"\.[”\"]?$", prompt):
        return "malformed_stem"
    # A multiple choice asks a question, or completes a sentence (one blank, ending ".").
    cloze = question.type == MULTIPLE_CHOICE and blanks == 1
    if question.type == MULTIPLE_CHOICE and not re.search(r"[?.][”\"]?$", prompt):
        return "malformed_stem"
    if question.type == MULTIPLE_CHOICE and prompt.rstrip('”"').endswith(".") != cloze:
        return "malformed_stem"
    if not question.answer.strip() or len(question.answer) > MAX_ANSWER:
        return "malformed_stem"
    if any(not c.text.strip() or len(c.text) > MAX_ANSWER for c in question.choices):
        return "malformed_stem"
    return None


def check_trick_wording(question: Question, sentence: str, context: GateContext) -> str | None:
    """No "NOT"/"EXCEPT", no "all/none of the above", and a true/false statement
    never says "not" where its source does not."""
    texts = [question.prompt] + [c.text for c in question.choices]
    if any(_TRICK.search(t) for t in texts):
        return "trick_wording"
    if question.type == TRUE_FALSE:
        added = len(_NEGATION.findall(question.prompt)) > len(_NEGATION.findall(sentence))
        if added:
            return "trick_wording"
    # "... had not been heard by the _____": every wrong choice is true as well.
    if question.type == MULTIPLE_CHOICE and _NEGATION.search(question.prompt):
        return "trick_wording"
    return None


# Time words that only mean something next to the sentence before: "the same month",
# "days later". A question that keeps them has lost its time frame.
_RELATIVE_TIME = re.compile(
    r"\b(?:the same (?:day|week|month|year)"
    r"|(?:that|the following|the next|the previous) (?:day|week|month|year)"
    r"|(?:days|weeks|months|years|a (?:day|week|month|year)) (?:later|earlier)"
    r"|the day before|later that|earlier that)\b",
    re.IGNORECASE,
)


def check_time_frame(question: Question, sentence: str, context: GateContext) -> str | None:
    """The stem keeps its own time frame: no "the same month" or "days later" whose
    reference point is in another sentence."""
    texts = [question.prompt, question.answer] + [c.text for c in question.choices]
    return "lost_time_frame" if any(_RELATIVE_TIME.search(t) for t in texts) else None


def check_has_topic(question: Question, sentence: str, context: GateContext) -> str | None:
    """Every question is filed under at least one topic."""
    return None if question.topics else "no_topic"


def check_explanation(question: Question, sentence: str, context: GateContext) -> str | None:
    """The feedback says what the report says, briefly."""
    text = question.explanation.strip()
    return None if 0 < len(text) <= MAX_EXPLANATION else "bad_explanation"


CHECKS: tuple[Callable[[Question, str, GateContext], str | None], ...] = (
    check_answer_in_source,
    check_prompt_gives_answer_away,
    check_choices_distinct,
    check_exactly_one_correct,
    check_distractor_kind,
    check_web_chrome,
    check_malformed_stem,
    check_trick_wording,
    check_time_frame,
    check_has_topic,
    check_explanation,
    check_needs_context,
    check_lost_attribution,
    check_style,
    check_broken_trim,
    check_answer_given_by_related_form,
    check_partial_gloss,
    check_trivial_blank,
)


def review_reasons(
    question: Question, sentence: str, context: GateContext | None = None
) -> tuple[str, ...]:
    """Every reason the question is not publishable, in check order (empty: publish)."""
    context = context or GateContext()
    reasons = []
    for check in CHECKS:
        reason = check(question, sentence, context)
        if reason and reason not in reasons:
            reasons.append(reason)
    return tuple(reasons)
