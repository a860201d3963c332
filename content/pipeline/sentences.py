"""Sentence splitting with exact character spans.

A rule-based splitter written for report prose: it decides at each run of
terminal punctuation followed by whitespace whether a sentence ends there.
It knows abbreviations that never end a sentence ("Mr.", "Dr.", "St.",
"e.g.", "i.e."), ones that do not before a number ("No. 5", "Jan. 5"),
initials and dotted acronyms ("George W. Bush", "U.S. President") that end a
sentence only before a word that typically starts one ("... in the U.S. The
..."), decimals ("3.5": no space after the dot), closing quotes and brackets
after the dot ("... he said.” Next"), and "?" / "!" / "…".

pysbd does the same job but took about 0.1 s for the seed's body and 1 s for
220 KB (about 5 µs a character), far too slow for the 1.5 MB benchmark; this
splitter is a single regular-expression scan per paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["sentence_spans", "split_sentences"]

_BOUNDARY = re.compile(r"([.!?\u2026]+)([\"'\u201d\u2019)\]\u00bb]*)\s+(?=\S)")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_OPENERS = "\"'\u201c\u2018([\u00ab\u00bf\u00a1"
_TOKEN_TRIM = "\"'\u201c\u2018([\u00ab"

# Titles come before a name: a sentence never ends on them.
_TITLES = _words(
    "mr mrs ms mx messrs dr prof sen rep gov gen lt col maj capt sgt cmdr adm rev hon pres "
    "amb st mt ft"
)
# Introduce what follows: never the end of a sentence.
_LEADING = _words("e.g i.e cf viz vs v approx ca")
# Abbreviations that stand before a number ("No. 5", "Art. 7", "Jan. 5").
_BEFORE_NUMBER = _words("no nos art arts vol vols p pp para paras fig figs sec ch ed eds")
_MONTHS = _words("jan feb mar apr jun jul aug sep sept oct nov dec")
# Words that commonly open a sentence: after an initial or an acronym they
# mark a new sentence ("... in the U.S. The ..."), unlike a name ("U.S. President").
_STARTERS = _words(
    "a about according after all also although an and another any as at authorities because "
    "before both but by despite during each even every following for from further given he "
    "her here his however i if in instead it its many meanwhile more moreover most my no none "
    "nonetheless nor on one or other others our over rather several she since so some such "
    "than that the their then there these they this those though thus to today under unlike "
    "until we when where whether which while who with within without yet you"
)
# "in the U.S.": a place a sentence can end on.
_PLACE_OPENERS = [[p, "the"] for p in ("in", "to", "from", "at", "into", "within", "across")]
# Words that continue a name after a dotted acronym: "U.S. President", "U.S. State Department".
_NAME_PARTS = _words(
    "President Secretary Ambassador Embassy Congress Senate House Army Navy Air State "
    "Department Government Administration Treasury Court Supreme Special Envoy "
    "Representative Mission Security Council General Assembly Forces Marines Agency "
    "Consulate Office Committee Commission Institute Center Centre Bureau Coast Guard "
    "National Federal Immigration Customs Border Patrol District Attorney Justice Census "
    "Peace Corps Delegation Military Command Officials Official Citizenship Refugee "
    "Refugees Trade Senator Representatives Commerce Labor Labour Homeland Defense Defence "
    "Intelligence Aid AID"
)
_INITIAL = re.compile(r"[^\W\d_]")
_ACRONYM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_WORD = re.compile(r"\S+")


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each sentence in one paragraph, whitespace excluded."""
    start = _skip_space(text, 0)
    for match in _BOUNDARY.finditer(text):
        end = match.end(2)
        if end <= start:
            continue
        if _ends_sentence(text, start, match):
            yield start, end
            start = match.end()
    end = len(text.rstrip())
    if end > start:
        yield start, end


def split_sentences(text: str) -> list[str]:
    """The sentences of one paragraph, as strings."""
    return [text[a:b] for a, b in sentence_spans(text)]


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _ends_sentence(text: str, start: int, match: re.Match[str]) -> bool:
    following = _next_word(text, match.end())
    first = following.lstrip(_OPENERS)[:1]
    if not first or first.islower() or not first.isalnum():
        # A lowercase continuation ("e.g. the", "etc. and", "“Why?” he asked")
        # or a stray mark: the sentence goes on.
        return False
    terminal, closers = match.group(1), match.group(2)
    if (
        terminal == "."
        and closers == ")"
        and _ACRONYM.fullmatch(_previous_token(text, start, match.start()))
    ):
        # "(U.N.)", "(U.S.)": the bracket closes an abbreviation, not a sentence.
        return following.strip(_OPENERS).rstrip(",;:").casefold() in _STARTERS
    if terminal != "." or closers:
        # "?", "!", "…", or a quote or bracket closed after the dot: the
        # sentence ended inside it.
        return True
    token = _previous_token(text, start, match.start())
    if not token:
        return True
    key = token.casefold()
    next_is_number = first.isdigit()
    next_starts_sentence = following.strip(_OPENERS).rstrip(",;:").casefold() in _STARTERS
    if key in _LEADING:
        return False
    if key == "al" and text[: match.start() - len(token)].rstrip().endswith(" et"):
        return next_starts_sentence  # "Lee et al. (2017) and ..." goes on
    if key in _TITLES and token[0].isupper():
        return False
    if key in _BEFORE_NUMBER:
        return not next_is_number
    if key in _MONTHS and token[0].isupper():
        return not next_is_number and next_starts_sentence
    if (_INITIAL.fullmatch(token) and token.isupper()) or _ACRONYM.fullmatch(token):
        if next_starts_sentence:
            return True
        # "... held in the U.S. North Korean envoys attended": after "in the U.S." a
        # capitalized word that is no part of a name ("U.S. President", "U.S. State
        # Department") starts a new sentence.
        before = text[start : match.start() - len(token)].split()[-2:]
        after_place = [w.casefold() for w in before] in _PLACE_OPENERS
        return after_place and following.strip(_OPENERS).rstrip(",;:") not in _NAME_PARTS
    return True


def _previous_token(text: str, start: int, dot: int) -> str:
    i = dot
    while i > start and not text[i - 1].isspace():
        i -= 1
    return text[i:dot].lstrip(_TOKEN_TRIM)


def _next_word(text: str, i: int) -> str:
    match = _WORD.match(text, i)
    return match.group() if match else ""
