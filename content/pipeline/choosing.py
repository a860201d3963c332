"""Which facts of a sentence make fair questions, and which distractors are fair.

- ``is_qualified_number``: a figure given as a bound or an estimate ("more than 4,000", "18
  or older", "several fifty million") is asked only as a fill-in that keeps the qualifier:
  a false statement or a distractor could be true as well.
- ``is_label``: a year, date or number that names something ("the 1993 Constitution", "the
  March 2009 case", "Resolution 1070") is not asked: changing it makes a statement false by a
  technicality, blanking it tests a label.
- ``also_true``: a distractor the chapter says the same thing about elsewhere ("Which country
  welcomed the release?" offering a country that "applauded the release" two paragraphs
  later) is no distractor (question-quality.md, "Truth and provenance").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .blocks import word_set
from .candidates import MONTHS
from .types import Candidate, Sentence

__all__ = ["also_true", "is_label", "is_qualified_number"]


# A figure given as a bound or an estimate ("more than 4,000", "at least 11", "about
# 93,000") makes other figures true too (4,500 is "more than 4,000") or not clearly
# false: such a figure is asked only as a fill-in, which keeps the qualifier.
_QUALIFIER = re.compile(
    r"\b(?:more than|over|at least|in excess of|upwards of|nearly|almost|approximately|about"
    r"|around|roughly|some|an estimated|estimated|up to|fewer than|less than|under|as many as"
    r"|as few as|no fewer than|no more than|at most|close to)\s+$",
    re.IGNORECASE,
)


# ... and a bound after the figure ("18 or older", "48 hours or more") does the same.
_TRAILING_QUALIFIER = re.compile(
    r"^(?:\s+[a-z]+)?\s+(?:or (?:more|older|longer|less|fewer|above|over|under|younger)"
    r"|and (?:above|older|over)|plus)\b"
)
# "several fifty million": a vague quantity word before a figure in words.
_VAGUE_BEFORE = re.compile(r"\b(?:a few|several|some|dozens of|hundreds of)\s+$", re.I)


# The same quantity in two units: changing one contradicts the other ("270 days, or
# approximately 13 months").
_EQUIVALENT_AFTER = re.compile(r"^ \w+,? or (?:about |approximately |roughly |nearly )?\d")
_EQUIVALENT_BEFORE = re.compile(r"\d[\d,.]* \w+,? or (?:about |approximately |roughly |nearly )?$")


_MONTH_NAMES = "|".join(MONTHS)


def is_qualified_number(sentence: Sentence, focus: Candidate) -> bool:
    if focus.kind != "number":
        return False
    before = sentence.text[max(0, focus.start - 30) : focus.start]
    after = sentence.text[focus.end : focus.end + 30]
    return bool(
        _QUALIFIER.search(before)
        or _TRAILING_QUALIFIER.search(after)
        or _VAGUE_BEFORE.search(before)
        or _EQUIVALENT_AFTER.search(after)
        or _EQUIVALENT_BEFORE.search(before)
    )


# Capitalized words that open a phrase, not a name: "Only 808 defectors", "At 17, ...".
_NOT_NAMES = word_set(
    "only about around at between by during from in on since some nearly almost over under "
    "until after before among approximately roughly just another the a an another all"
)


def is_label(sentence: Sentence, focus: Candidate) -> bool:
    """Whether a year, date or number names something rather than states a fact: "the 1993
    Constitution", "the March 2009 case", "Radio Echo 2003", "Resolution 1070". Changing it
    makes a statement false by a technicality; blanking it tests a label."""
    if focus.kind not in ("year", "date", "number"):
        return False
    before = sentence.text[max(0, focus.start - 40) : focus.start]
    after = sentence.text[focus.end : focus.end + 40]
    word_before = re.search(r"(\S*)\b([A-Z][\w’'-]*)\s$", before)
    opening = bool(word_before) and (
        not before[: word_before.start(2)].strip()  # the sentence's first word
        or word_before.group(2).lower() in _NOT_NAMES
    )
    named = (
        not opening
        and re.search(r"\b[A-Z][\w’'-]*\s$", before)
        and not re.search(
            rf"\b(?:In|On|By|Since|Until|During|From|{_MONTH_NAMES})\s$",
            before,
        )
    )
    if focus.kind == "number":
        return bool(named)
    if re.search(r"\b(?:pre|post|mid)-$", before) or re.search(r"\(\d{4}[-–]$", before):
        return True  # "the pre-1991 Penal Code", "Strategy (2016-2026)"
    if re.match(r"[-–]\d{4}\)", after):
        return True
    modifier = re.search(r"\b(?:the|its|their|his|her|a|an)\s$", before, re.I) and re.match(
        r"\s[A-Za-z][\w’'-]*", after
    )
    return bool(named or modifier)


# Reporting and reacting verbs that say the same thing in other words: one family each.
_SYNONYMS = {
    word: family
    for family, words in {
        "welcome": "welcomed welcome welcomes praised praise praises applauded applaud "
        "applauds hailed hail commended commend lauded endorsed supported backed",
        "condemn": "condemned condemn condemns criticized criticised criticize denounced "
        "denounce deplored deplore protested decried rebuked",
        "urge": "urged urge urges called calls asked demanded pressed appealed",
        "sanction": "sanctioned sanction sanctions imposed penalized",
        "meet": "met meet meets visited visit hosted talks summit",
        "release": "released release freed free pardoned",
        "arrest": "arrested arrest detained detain jailed held seized",
    }.items()
    for word in words.split()
}
_STOP = word_set(
    "the a an and or of to in on at by for with from as that this these those was were is "
    "are be been has have had its their his her it they he she which who whom also other "
    "than during year years report according said says would could will not no more most "
    "some such after before about into over under between"
)


@lru_cache(maxsize=65536)
def _content_words(text: str) -> frozenset[str]:
    """The words of ``text`` that carry its content, reporting verbs folded into their
    family; cached, as every sentence is read once per distractor that names it."""
    words = set()
    for word in re.findall(r"[a-z][a-z’'-]+", text.lower()):
        if word in _STOP or len(word) < 4:
            continue
        words.add(_SYNONYMS.get(word, word[:7]))
    return frozenset(words)


_FAMILIES = frozenset(_SYNONYMS.values())


def also_true(
    distractor: str,
    *,
    answer: str,
    source: str,
    sentences: dict[int, str],
    where: list[int],
) -> bool:
    """Whether another sentence that names ``distractor`` (at indexes ``where``) says about
    it what ``source`` says about ``answer``: two content words in common at least, one of
    them a reporting verb's family (welcomed = praised = applauded), or three."""
    said = _content_words(source) - _content_words(answer)
    if not said:
        return False
    named = _content_words(distractor)
    for index in where:
        text = sentences.get(index, "")
        if not text or text == source:
            continue
        shared = said & (_content_words(text) - named)
        if (len(shared) >= 2 and shared & _FAMILIES) or len(shared) >= 3:
            return True
    return False
