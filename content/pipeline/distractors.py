"""Wrong answers that are worth thinking about.

A distractor is of the answer's kind and size (a number of similar size that
counts the same thing, a nearby year, another date of the same form, a person
of the same rank, another country, organization, treaty or local term), taken
from the same chapter first and from small generic pools after that. It is
never the answer in another spelling (``normalize.same_answer``), never nearly
the answer (a trick, not a test), never shown in the stem already, and never
something the same sentence states alongside the answer: "Kim met Moon and Xi
three times each" makes Xi as true as Moon.

When three good ones cannot be found, ``distractors_for`` returns fewer and the
caller does not make the multiple-choice question: it never pads with junk.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from .candidates import MONTHS, ORDINAL_WORDS, number_value, ordinal_value, person_role_class
from .candidates import normalized as normalize
from .types import Candidate

__all__ = [
    "Pool",
    "PoolEntry",
    "distractors_for",
    "format_number_like",
    "format_ordinal_like",
    "org_class",
    "stable_order",
    "treaty_class",
]

# Generic pools: well-known names of each kind, used only when the chapter itself
# has too few. They are deliberately international, never one country's.
GENERIC_COUNTRIES = (
    "China",
    "Russia",
    "Japan",
    "India",
    "Brazil",
    "Germany",
    "France",
    "United Kingdom",
    "United States",
    "Turkey",
    "Egypt",
    "Nigeria",
    "Mexico",
    "Indonesia",
    "Iran",
    "Pakistan",
    "Thailand",
    "Vietnam",
    "South Africa",
    "Saudi Arabia",
)
GENERIC_INTERNATIONAL_BODIES = (
    "UN Security Council",
    "UN General Assembly",
    "Human Rights Council",
    "International Criminal Court",
    "International Labour Organization",
    "World Food Programme",
    "UN Refugee Agency",
    "UN Children’s Fund",
    "World Health Organization",
)
GENERIC_MINISTRIES = (
    "Ministry of Foreign Affairs",
    "Ministry of Justice",
    "Ministry of Defense",
    "Ministry of the Interior",
    "Ministry of State Security",
)
GENERIC_TREATIES = (
    "Convention against Torture",
    "Convention on the Rights of the Child",
    "International Covenant on Civil and Political Rights",
    "International Covenant on Economic, Social and Cultural Rights",
    "Convention on the Elimination of All Forms of Discrimination against Women",
    "Convention on the Rights of Persons with Disabilities",
    "International Convention on the Elimination of All Forms of Racial Discrimination",
    "Refugee Convention",
    "Genocide Convention",
    "Rome Statute",
)

_WORD_NUMBERS = {
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
    13: "thirteen",
    14: "fourteen",
    15: "fifteen",
    16: "sixteen",
    17: "seventeen",
    18: "eighteen",
    19: "nineteen",
    20: "twenty",
    30: "thirty",
    40: "forty",
    50: "fifty",
}
_INTERNATIONAL = re.compile(
    r"^(?:UN\b|U\.N\.(?=\s|$)|United Nations\b|International\b|European\b|African\b|World\b"
    r"|Inter-American\b)"
    r"|\b(?:Security Council|General Assembly|Human Rights Council|High Commissioner)\b"
)
_DATE_FULL = re.compile(rf"^({'|'.join(MONTHS)}) (\d{{1,2}}), (\d{{4}})$")
_DATE_DAY = re.compile(rf"^({'|'.join(MONTHS)}) (\d{{1,2}})$")
_DATE_MONTH = re.compile(rf"^({'|'.join(MONTHS)}),? (\d{{4}})$")
# Spellings this close to the answer are tricks, not tests ("rodong dallyeondae"
# against "rodong danryeonda"), and as close to each other are near-duplicates.
_TOO_SIMILAR = 80
_NEAREST_LIMIT = 120
_POSSESSIVE = re.compile(r"[’']s\b")


@dataclass(frozen=True)
class PoolEntry:
    sentence_index: int
    candidate: Candidate


def entries_list(by_kind: dict[str, list[PoolEntry]]) -> Iterator[PoolEntry]:
    for entries in by_kind.values():
        yield from entries


class Pool:
    """Every candidate of the chapter, by kind, in reading order.

    Lookups walk outward from a sentence (``nearest``) and stop as soon as the
    caller has enough, so a long chapter costs no more per question than a short one.
    """

    def __init__(self, entries: Iterable[PoolEntry]) -> None:
        self._by_kind: dict[str, list[PoolEntry]] = {}
        self._unique: dict[str, list[PoolEntry]] = {}
        seen: set[tuple[str, str]] = set()
        for entry in entries:
            kind = entry.candidate.kind
            self._by_kind.setdefault(kind, []).append(entry)
            key = (kind, entry.candidate.text)
            if key not in seen:
                seen.add(key)
                self._unique.setdefault(kind, []).append(entry)
        self._indexes = {
            kind: [e.sentence_index for e in entries] for kind, entries in self._by_kind.items()
        }
        self._where: dict[str, list[int]] = {}
        for entry in entries_list(self._by_kind):
            self._where.setdefault(normalize(entry.candidate.text), []).append(entry.sentence_index)

    def sentences_with(self, text: str) -> list[int]:
        """Indexes of the sentences that give ``text`` (normalized), in reading order."""
        return self._where.get(normalize(text), [])

    def first_sentence(self, text: str, *, near: int) -> int | None:
        """The sentence that gives ``text`` (normalized), nearest to ``near``; None when
        the chapter never gives it (a generic distractor such as "Japan")."""
        found = self._where.get(normalize(text))
        if not found:
            return None
        return min(found, key=lambda index: (abs(index - near), index))

    def of_kind(self, kind: str) -> list[PoolEntry]:
        """The first occurrence of each distinct text of ``kind``, in reading order."""
        return self._unique.get(kind, [])

    def nearest(self, kind: str, sentence_index: int) -> Iterator[PoolEntry]:
        """Entries of ``kind``, nearest to ``sentence_index`` first (earlier on ties)."""
        entries = self._by_kind.get(kind, [])
        right = bisect.bisect_left(self._indexes.get(kind, []), sentence_index)
        left = right - 1
        # Only the nearest few hundred: enough for any question, and it keeps the
        # cost per question the same in a long chapter as in a short one.
        for _ in range(_NEAREST_LIMIT):
            if not (left >= 0 or right < len(entries)):
                return
            if right >= len(entries) or (
                left >= 0
                and sentence_index - entries[left].sentence_index
                <= entries[right].sentence_index - sentence_index
            ):
                yield entries[left]
                left -= 1
            else:
                yield entries[right]
                right += 1


def same_answer(a: str, b: str) -> bool:
    return normalize(a) == normalize(b)


def stable_order(items: Sequence[str], key: str) -> list[str]:
    """A shuffle that depends only on ``key``: the same question always shows the
    same order, and the correct answer is not always in the same place."""
    return sorted(items, key=lambda item: hashlib.sha256(f"{key}|{item}".encode()).hexdigest())


# The fine kinds of organizations, first match wins: a court is offered among courts, an
# armed group among armed groups (question-quality.md: "a distractor has the answer's kind").
_ORG_CLASSES = (
    ("court", re.compile(r"\b(?:Court|Tribunal|Judiciary)\b")),
    (
        "un",
        re.compile(
            r"^(?:the )?(?:UN\b|U\.N\.(?=\s|$)|United Nations\b)"
            r"|\b(?:UNHCR|UNICEF|UNDP|OHCHR|UNESCO|"
            r"Security Council|General Assembly|Human Rights Council|Special Rapporteur|"
            r"High Commissioner)\b"
        ),
    ),
    ("international", _INTERNATIONAL),
    ("ministry", re.compile(r"\b(?:Ministry|Ministries|Department|Minister)\b")),
    ("party", re.compile(r"\b(?:Party|Alliance|National Union|Democratic Union)\b")),
    (
        "armed group",
        re.compile(r"\b(?:Front|Brigade|Militia|Movement|Rebels?|Liberation|Resistance|Jihad)\b"),
    ),
    (
        "security force",
        re.compile(r"\b(?:Police|Army|Forces|Guard|Gendarmerie|Military|Navy|Intelligence)\b"),
    ),
    (
        "agency",
        re.compile(r"\b(?:Agency|Bureau|Office|Service|Directorate|Authority|Inspectorate)\b"),
    ),
    (
        "commission",
        re.compile(r"\b(?:Commission|Committee|Council|Board|Ombuds\w*|Commissioner)\b"),
    ),
    (
        "ngo",
        re.compile(
            r"\b(?:Watch|Amnesty|Foundation|Association|Society|Network|Institute|Center|Centre"
            r"|Coalition|Federation|Union|League|Trust|Initiative)\b"
        ),
    ),
)


def org_class(name: str) -> str:
    """The fine kind of an organization's name: court, un, international, ministry, party,
    armed group, security force, agency, commission, ngo, else national. Only
    organizations of one kind stand in for each other."""
    for kind, pattern in _ORG_CLASSES:
        if pattern.search(name):
            return kind
    return "national"


def treaty_class(name: str) -> str:
    """law (a country's act or code) or treaty (between states)."""
    return "law" if re.search(r"\b(?:Act|Law|Code|Constitution)\b", name) else "treaty"


def format_number_like(value: float, like: str) -> str | None:
    """``value`` written the way ``like`` is written (digits or words, commas)."""
    if value != int(value) or value < 2:
        return None
    number = int(value)
    if like.strip().isalpha():
        word = _WORD_NUMBERS.get(number)
        if word is None:
            return None
        return word.capitalize() if like[0].isupper() else word
    if " million" in like or " billion" in like:
        return None
    if "," not in like and len(like) >= 4:
        return str(number)  # the chapter writes "1500", so the distractor does too
    return f"{number:,}"


def distractors_for(
    answer: Candidate,
    *,
    sentence_index: int,
    sentence_candidates: Sequence[Candidate],
    pool: Pool,
    stem: str,
    key: str,
    count: int = 3,
    avoid: Sequence[str] = (),
) -> tuple[str, ...]:
    """Up to ``count`` distractors for ``answer``, best first; fewer if no more are good.

    ``avoid`` names what must never be offered (the country the chapter is about:
    "North Korea" is no answer to what another country does for North Koreans).
    """
    kind = answer.kind
    if kind == "number":
        options = _number_options(answer, sentence_candidates, pool, sentence_index, key)
    elif kind == "ordinal":
        options = _ordinal_options(answer, key)
    elif kind == "year":
        options = _year_options(answer, sentence_index, pool, key)
    elif kind == "date":
        options = _date_options(answer, sentence_index, pool, key)
    elif kind == "person":
        options = _same_kind(answer, sentence_index, pool, _person_fits(answer))
    elif kind == "country":
        options = _chain(_same_kind(answer, sentence_index, pool), GENERIC_COUNTRIES)
    elif kind == "organization":
        wanted = org_class(answer.text)
        generic = {"international": GENERIC_INTERNATIONAL_BODIES, "ministry": GENERIC_MINISTRIES}
        options = _chain(
            _same_kind(answer, sentence_index, pool, lambda c: org_class(c.text) == wanted),
            generic.get(wanted, ()),
        )
    elif kind == "treaty":
        wanted = treaty_class(answer.text)
        options = _chain(
            _same_kind(answer, sentence_index, pool, lambda c: treaty_class(c.text) == wanted),
            GENERIC_TREATIES if wanted == "treaty" else (),
        )
    elif kind == "term":
        options = _term_options(answer, pool, sentence_index)
    else:
        return ()
    # Names the same sentence gives alongside the answer may be as true as it is.
    taken = (
        {normalize(c.text) for c in sentence_candidates if c.kind == kind}
        if kind not in {"number", "term"}
        else set()
    ) | {normalize(a) for a in avoid}
    return _pick(answer.text, options, stem, count, taken, spelled=kind not in _VALUE_KINDS)


# Kinds compared by value: "December 19" is a fine distractor for "December 11".
_VALUE_KINDS = frozenset({"number", "year", "date", "ordinal"})


def _pick(
    answer: str,
    options: Iterable[str],
    stem: str,
    count: int,
    taken: set[str],
    *,
    spelled: bool,
) -> tuple[str, ...]:
    picked: list[str] = []
    stem_words = f" {normalize(stem)} "
    for option in options:
        option = option.strip()
        if not option or same_answer(option, answer) or any(same_answer(option, p) for p in picked):
            continue
        if f" {normalize(option)} " in stem_words or normalize(option) in taken:
            continue
        if spelled and any(_similar(option, other) for other in [answer, *picked]):
            continue
        if spelled and any(_nested(option, other) for other in [answer, *picked]):
            continue  # "UN General Assembly" inside "UN General Assembly’s Third Committee"
        if spelled and _fragment(option, answer):
            continue
        picked.append(option)
        if len(picked) == count:
            break
    return tuple(picked)


# A name cut out of a longer one, or two names run together, is no answer: "Department of
# State’s", "Ghana Refugee Board and UNHCR", "Department of Labor’s Findings on the Worst
# Forms of Child Labor" (a report title).
_FRAGMENT_SHAPES = (
    re.compile(r"[’']s?$"),  # "Department of State’s"
    re.compile(r"\b(?:and|or)\b"),  # "Ghana Refugee Board and UNHCR"
    re.compile(r"\b(?:Findings|Report|Reports)\b"),  # a report's title
    re.compile(r"^(?:of|for|and|the|Among|In|On|At|During)\b"),  # a clause's start
    re.compile(rf"^(?:{'|'.join(MONTHS)})\b"),  # "February the Ministry of Justice"
)


def _fragment(option: str, answer: str) -> bool:
    """Whether ``option`` reads as a piece of a name or several names in a way the answer
    does not ("Ministry of Gender, Children and Social Protection" may stand beside other
    names with "and")."""
    return any(shape.search(option) and not shape.search(answer) for shape in _FRAGMENT_SHAPES)


def _nested(a: str, b: str) -> bool:
    # Possessives would hide "UN General Assembly" in "UN General Assembly’s Third Committee".
    na = " " + normalize(_POSSESSIVE.sub("", a)) + " "
    nb = " " + normalize(_POSSESSIVE.sub("", b)) + " "
    return na in nb or nb in na


def _similar(a: str, b: str) -> bool:
    return fuzz.ratio(normalize(a), normalize(b)) >= _TOO_SIMILAR


def _chain(*sources: Iterable[str]) -> Iterator[str]:
    for source in sources:
        yield from source


def _same_kind(
    answer: Candidate, sentence_index: int, pool: Pool, fits=lambda c: True
) -> Iterator[str]:
    # Chapter candidates of the kind, never from the answer's own sentence (where
    # they may be as true as the answer), nearest in the chapter first.
    for entry in pool.nearest(answer.kind, sentence_index):
        if entry.sentence_index != sentence_index and fits(entry.candidate):
            yield entry.candidate.text


def _person_fits(answer: Candidate):
    wanted = person_role_class(answer.meaning)
    return lambda c: person_role_class(c.meaning) == wanted


def _term_options(answer: Candidate, pool: Pool, sentence_index: int) -> Iterator[str]:
    # Another term is wrong for this meaning only if it means something else; the
    # closer its meaning (prisons for prisons), the better it tests the term.
    scored = []
    for entry in pool.of_kind("term"):
        other = entry.candidate
        if not other.meaning or other.text == answer.text:
            continue
        if same_answer(other.meaning, answer.meaning) or _similar(other.meaning, answer.meaning):
            continue
        distance = abs(entry.sentence_index - sentence_index)
        scored.append((-_overlap(other.meaning, answer.meaning), distance, other.text))
    for _score, _index, text in sorted(scored):
        yield text


def _overlap(a: str, b: str) -> int:
    stems_a = {w[:5] for w in normalize(a).split() if len(w) > 2}
    stems_b = {w[:5] for w in normalize(b).split() if len(w) > 2}
    return len(stems_a & stems_b)


def _number_options(
    answer: Candidate,
    sentence_candidates: Sequence[Candidate],
    pool: Pool,
    sentence_index: int,
    key: str,
) -> Iterator[str]:
    value = number_value(answer.text)
    if value is None:
        return
    unit = normalize(answer.meaning)

    def near(other: Candidate) -> str | None:
        other_value = number_value(other.text)
        if other_value is None or other_value == value or normalize(other.meaning) != unit:
            return None
        if not _close_in_size(value, other_value):
            return None
        text = format_number_like(other_value, answer.text)
        if text is None:
            return None
        # "4" for "14" (an age of consent of 4), "12" for "120": a dropped digit reads as
        # a misprint, not a figure a careful reader would weigh.
        digits, other_digits = re.sub(r"\D", "", answer.text), re.sub(r"\D", "", text)
        if other_digits and other_digits != digits and other_digits in digits:
            return None
        # A decimal among whole numbers, or the other way round, stands out.
        if ("." in answer.text) != ("." in text):
            return None
        return text

    # Other figures of the same sentence count the same thing at other times or
    # places: they test careful reading ("2,706 in 2011, 1,127 in 2017, 808 in 2018").
    for other in sentence_candidates:
        if other.kind == "number" and other is not answer:
            text = near(other)
            if text:
                yield text
    for entry in pool.nearest("number", sentence_index):
        text = near(entry.candidate)
        if text:
            yield text
    # A share is never over 100 percent.
    is_share = unit in {"percent", "per cent"} or answer.text.rstrip().endswith("%")
    for generated in _plausible_numbers(value, key):
        if is_share and generated > 100:
            continue
        text = format_number_like(generated, answer.text)
        if text:
            yield text


def _close_in_size(a: float, b: float) -> bool:
    if a <= 12 and b <= 12:
        return abs(a - b) <= 4
    low, high = sorted((a, b))
    return low > 0 and high / low <= 4


def _plausible_numbers(value: float, key: str) -> list[float]:
    number = int(value)
    if number <= 12:
        steps = [1, -1, 2, -2, 3, 4]
        out = [float(number + s) for s in steps if number + s >= 2]
    else:
        digits = max(2, len(str(number).rstrip("0")))
        factors = [0.7, 1.3, 0.5, 1.6, 1.5, 0.8, 2.0]
        out = []
        for factor in factors:
            shifted = number * factor
            magnitude = 10 ** max(0, int(math.log10(shifted)) + 1 - digits)
            rounded = float(round(shifted / magnitude) * magnitude)
            if rounded != number and rounded not in out and rounded >= 2:
                out.append(rounded)
    # Which side comes first depends on the question, so the correct figure is not
    # always the middle one.
    if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 2:
        out = out[1:2] + out[:1] + out[2:]
    return out


def format_ordinal_like(rank: int, like: str) -> str | None:
    """``rank`` as an ordinal written the way ``like`` is ("sixth", "14th")."""
    if like.strip().isalpha():
        if not 3 <= rank < 3 + len(ORDINAL_WORDS):
            return None
        word = ORDINAL_WORDS[rank - 3]
        return word.capitalize() if like[0].isupper() else word
    if rank < 1:
        return None
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def _ordinal_options(answer: Candidate, key: str) -> Iterator[str]:
    rank = ordinal_value(answer.text)
    if rank is None:
        return
    offsets = [1, -1, 2, -2, 3]
    if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 2:
        offsets = [-o for o in offsets]
    for offset in offsets:
        text = format_ordinal_like(rank + offset, answer.text)
        if text:
            yield text


def _year_options(answer: Candidate, sentence_index: int, pool: Pool, key: str) -> Iterator[str]:
    year = int(answer.text)
    for entry in pool.nearest("year", sentence_index):
        other = int(entry.candidate.text)
        if entry.sentence_index != sentence_index and other != year and abs(other - year) <= 6:
            yield str(other)
    offsets = [1, -1, 2, -2, 3, -3]
    if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 2:
        offsets = [-o for o in offsets]
    for offset in offsets:
        yield str(year + offset)


def _date_form(text: str) -> tuple[str, re.Match[str]] | None:
    for form, pattern in (("full", _DATE_FULL), ("day", _DATE_DAY), ("month", _DATE_MONTH)):
        m = pattern.match(text)
        if m:
            return form, m
    return None


def month_count(text: str) -> tuple[int, bool] | None:
    """A date as written ("March 23, 2018", "March 23", "March 2018") as (months since
    year 0, whether it gives a year); None when ``text`` is none of those forms."""
    parsed = _date_form(text)
    if parsed is None:
        return None
    form, m = parsed
    year = m.group(3) if form == "full" else m.group(2) if form == "month" else None
    return (int(year or 0) * 12 + MONTHS.index(m.group(1)), year is not None)


def _date_options(answer: Candidate, sentence_index: int, pool: Pool, key: str) -> Iterator[str]:
    parsed = _date_form(answer.text)
    if parsed is None:
        return
    form, m = parsed
    for entry in pool.nearest("date", sentence_index):
        other = _date_form(entry.candidate.text)
        if entry.sentence_index != sentence_index and other and other[0] == form:
            yield entry.candidate.text
    month = MONTHS.index(m.group(1))
    flip = int(hashlib.sha256(key.encode()).hexdigest(), 16) % 2
    shifts = [(1, 0), (-2, 0), (3, 0), (-1, 0), (2, 0)]
    if flip:
        shifts = [(-a, b) for a, b in shifts]
    for months, _ in shifts:
        other_month = MONTHS[(month + months) % 12]
        if form == "full":
            day = min(int(m.group(2)) + 3 * months, 28) if int(m.group(2)) + 3 * months > 0 else 1
            yield f"{other_month} {max(day, 1)}, {m.group(3)}"
        elif form == "day":
            day = int(m.group(2))
            yield f"{other_month} {min(max(day + 2 * months, 1), 28)}"
        else:
            yield f"{other_month} {m.group(2)}"
