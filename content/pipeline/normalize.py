"""The one answer normalizer: how the bank decides that two answers are the same.

Everything that compares answers goes through here: distractors are kept apart
from the correct answer with ``same_answer`` and typed fill-in responses are
graded with ``answer_matches``. One function, so that "Kim Jong-un", "kim jong
un" and "Kim Jong Un" are the same answer everywhere, and "five" is "5".

Number words are read in a well-defined range: zero to nineteen, the tens,
"hundred", "thousand", "million" and "billion" in the usual English order
("twenty-three" -> 23, "three hundred and five" -> 305, "1.5 million" ->
1500000). Ordinals ("first", "21st") and fractions ("a half") are left as words.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from rapidfuzz.distance import DamerauLevenshtein

__all__ = ["NUMBER_WORDS", "answer_matches", "normalize", "same_answer", "typo_budget"]

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SMALL_WORDS = _UNITS.keys() | _TEENS.keys() | _TENS.keys()
# Every single number word and its value, for stages that spot numbers written as words.
NUMBER_WORDS: dict[str, int] = {**_UNITS, **_TEENS, **_TENS, "hundred": 100}

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)
# A comma between digits groups thousands ("1,127"); a dot between digits is a
# decimal point ("3.5") and must survive, or 3.5 would become 35.
_THOUSANDS_COMMA = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_ARTICLES = frozenset({"the", "a", "an"})


def normalize(text: str) -> str:
    """Fold ``text`` to the form in which equal answers are equal strings.

    NFKC, case folding, accents dropped, curly quotes and apostrophes removed,
    hyphens and dashes turned into spaces, other punctuation and symbols removed
    (periods join: "U.S." -> "us"), "%" read as "percent", thousands separators
    dropped, number words turned into digits, whitespace collapsed.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _THOUSANDS_COMMA.sub("", text)
    text = text.replace("%", " percent ")
    pieces: list[str] = []
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch == "." and 0 < i < last and text[i - 1].isdigit() and text[i + 1].isdigit():
            pieces.append(".")
        elif ch in "'.":
            # Apostrophes and periods join their neighbours: "world's" -> "worlds",
            # "U.N." -> "un", so both spellings of an abbreviation meet.
            continue
        elif ch.isalnum():
            pieces.append(ch)
        elif unicodedata.category(ch)[0] in "PSZC":
            pieces.append(" ")
        else:
            pieces.append(ch)
    return " ".join(_numbers_to_digits("".join(pieces).split()))


def same_answer(a: str, b: str) -> bool:
    """Whether two answers are the same after normalization (distractor vs answer)."""
    return normalize(a) == normalize(b)


def typo_budget(length: int) -> int:
    """How many edits a typed answer of ``length`` characters may be off by."""
    if length <= 3:
        return 0
    if length <= 7:
        return 1
    return 2


def answer_matches(response: str, expected: str) -> bool:
    """Grade a typed fill-in answer leniently, but never accept a different number.

    Equal after ``normalize`` (ignoring a leading "the"/"a"/"an" and spacing) or
    within a small typo budget per word (Damerau-Levenshtein, scaled by the
    word's length, and at most the budget of the whole answer). The numbers in
    both must be exactly the same: 808 is not 809. An empty response never matches.
    """
    got = _dates_and_ordinals(_without_article(normalize(response)))
    want = _dates_and_ordinals(_without_article(normalize(expected)))
    if not got or not want:
        return False
    if got == want:
        return True
    if _NUMBER.findall(got) != _NUMBER.findall(want):
        return False
    if got in _country_names() or want in _country_names():
        return False  # a typo never turns one real name into another: Iraq is not Iran
    if got.replace(" ", "") == want.replace(" ", ""):
        return True
    got_words, want_words = got.split(), want.split()
    # Spelling slips are forgiven word by word, so that a short word keeps its
    # own zero budget: "Kim Jong-il" is not "Kim Jong-un", though only 2 edits apart.
    if len(got_words) != len(want_words):
        return False
    remaining = typo_budget(len(want))
    for got_word, want_word in zip(got_words, want_words, strict=True):
        if got_word == want_word:
            continue
        allowed = min(typo_budget(len(want_word)), remaining)
        distance = DamerauLevenshtein.distance(got_word, want_word, score_cutoff=allowed)
        if distance > allowed:
            return False
        remaining -= distance
    return True


_MONTH_ABBREVIATIONS = {
    "jan": "january",
    "feb": "february",
    "mar": "march",
    "apr": "april",
    "jun": "june",
    "jul": "july",
    "aug": "august",
    "sep": "september",
    "sept": "september",
    "oct": "october",
    "nov": "november",
    "dec": "december",
}
_MONTH_NAMES = frozenset(_MONTH_ABBREVIATIONS.values()) | {"may"}
_ORDINAL_SUFFIX = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


_IRREGULAR_ORDINALS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def _ordinal_of(word: str) -> str:
    """ "seven" -> "seventh", "twenty" -> "twentieth" (English spelling rules)."""
    if word in _IRREGULAR_ORDINALS:
        return _IRREGULAR_ORDINALS[word]
    if word.endswith("y"):
        return word[:-1] + "ieth"
    return word + "th"


@lru_cache(maxsize=1)
def _ordinal_words() -> dict[str, str]:
    """ "seventh" -> "7", "twenty first" -> "21", "hundredth" -> "100", from the same number
    words ``normalize`` reads. (inflect spells them too, but takes seconds to import, and
    this runs when a learner's answer is graded.)"""
    table = {}
    for word, value in (_UNITS | _TEENS | _TENS).items():
        if value:
            table[_ordinal_of(word)] = str(value)
    for tens, tens_value in _TENS.items():
        for unit, unit_value in _UNITS.items():
            if unit_value:
                table[f"{tens} {_ordinal_of(unit)}"] = str(tens_value + unit_value)
    table["hundredth"] = "100"
    return table


def _dates_and_ordinals(normalized: str) -> str:
    """Dates and ordinals in one form: "dec 11 2017" and "december 11th 2017" are
    "december 11 2017"; "7th" and "seventh" are "7". (Ordinals carry no other meaning in a
    typed answer than their number.)"""
    words = normalized.split()
    out: list[str] = []
    i = 0
    ordinals = _ordinal_words()
    while i < len(words):
        word = _MONTH_ABBREVIATIONS.get(words[i], words[i])
        pair = " ".join(words[i : i + 2])
        if pair in ordinals:
            out.append(ordinals[pair])
            i += 2
            continue
        following = words[i + 1] if i + 1 < len(words) else ""
        tens = word.isdigit() and 20 <= int(word) <= 90 and int(word) % 10 == 0
        if tens and int(ordinals.get(following, "10")) < 10:
            out.append(str(int(word) + int(ordinals[following])))  # "20 first" (twenty-first)
            i += 2
            continue
        suffix = _ORDINAL_SUFFIX.match(word)
        out.append(suffix.group(1) if suffix else ordinals.get(word, word))
        i += 1
    return " ".join(out)


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Every country name pycountry knows, normalized ("iraq", "iran", "south korea")."""
    from .candidates import country_names

    return frozenset(normalize(name) for name in country_names())


def _without_article(normalized: str) -> str:
    head, _, rest = normalized.partition(" ")
    return rest if head in _ARTICLES and rest else normalized


def _numbers_to_digits(words: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        value, used = _read_number(words, i)
        if used:
            out.append(_format_number(value))
            i += used
        else:
            out.append(words[i])
            i += 1
    return out


def _read_number(words: list[str], start: int) -> tuple[Decimal, int]:
    """Read the longest well-formed number phrase at ``start``.

    Returns its value and how many words it used (0 when there is none). A
    lone digit string is not a phrase (it is left exactly as written); digits
    count only when a scale word follows ("2 million").
    """
    total = Decimal(0)
    group = Decimal(0)  # the part below the last scale word
    has_unit = has_teen = has_tens = has_hundred = started = False
    last_scale = None
    i = start
    end = start  # one past the last word that completed a valid phrase
    while i < len(words):
        word = words[i]
        if word in _UNITS and not (has_unit or has_teen):
            group += _UNITS[word]
            has_unit = started = True
        elif word in _TEENS and not (has_unit or has_teen or has_tens):
            group += _TEENS[word]
            has_teen = started = True
        elif word in _TENS and not (has_unit or has_teen or has_tens):
            group += _TENS[word]
            has_tens = started = True
        elif word == "hundred" and started and not has_hundred and 0 < group < 100:
            group *= 100
            has_hundred = True
            has_unit = has_teen = has_tens = False
        elif (
            word in _SCALES
            and started
            and group > 0
            and (last_scale is None or _SCALES[word] < last_scale)
        ):
            last_scale = _SCALES[word]
            total += group * last_scale
            group = Decimal(0)
            has_unit = has_teen = has_tens = has_hundred = False
        elif (
            word == "and"
            and (has_hundred or last_scale is not None)
            and not (has_unit or has_teen or has_tens)
            and i + 1 < len(words)
            and words[i + 1] in _SMALL_WORDS
        ):
            i += 1
            continue
        elif i == start and _NUMBER.fullmatch(word) and i + 1 < len(words):
            if words[i + 1] not in _SCALES and words[i + 1] != "hundred":
                return Decimal(0), 0
            try:
                group = Decimal(word)
            except InvalidOperation:  # digits of other scripts Decimal cannot read
                return Decimal(0), 0
            if group == 0:
                return Decimal(0), 0
            started = True
            has_unit = has_teen = has_tens = True
            i += 1
            continue
        else:
            break
        i += 1
        end = i
    if not started or end == start:
        return Decimal(0), 0
    return total + group, end - start


def _format_number(value: Decimal) -> str:
    return format(value.normalize(), "f")
