"""Title and period: which country the chapter is about, and which year it covers.

Layouts recognised in the lines before the body:

- "North Korea" with "Events of 2018" on the next non-blank line;
- "North Korea: Events of 2018" (a dash works as well as the colon);
- "World Report 2019 - North Korea" (hyphen, en or em dash, colon or bar),
  optionally followed by ": Events of 2018" or by an "Events of 2018" line;
- "World Report 2019: Rights Trends in North Korea" (the web page's own title).

A World Report is published early in the year after the events it covers, so
"World Report 2019" without an events line means the period "Events of 2018".

Scraped pages show other chapters' teasers ("Equatorial Guinea / Events of
2018") before the body too. When several candidates are found, the one whose
name the body uses most wins; on a tie, the first one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .clean import ends_sentence, is_chrome, is_credit

__all__ = ["TitleCandidate", "choose_title", "find_title_candidates", "period_for"]

_DASH = r"\s*[-\u2010\u2011\u2012\u2013\u2014\u2015:|]\s*"
_EVENTS = re.compile(r"events\s+of\s+(\d{4})\.?", re.I)
_WORLD_REPORT = re.compile(
    rf"world\s+report\s+(?P<edition>\d{{4}}){_DASH}(?:rights\s+trends\s+in\s+)?(?P<name>.+?)"
    rf"(?:{_DASH}events\s+of\s+(?P<year>\d{{4}})\.?)?(?:\s*\|\s*human\s+rights\s+watch)?",
    re.I,
)
_NAME_EVENTS = re.compile(rf"(?P<name>.+?){_DASH}events\s+of\s+(?P<year>\d{{4}})\.?", re.I)
_DEMONYM = r"(?:n|ns|an|ans|ian|ians|i|is|ese|s)?"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words many country names share: they say nothing about which country it is.
_GENERIC_NAME_WORDS = _words(
    "republic democratic people peoples federal federation united states kingdom islands "
    "island north south east west central arab islamic socialist union and the"
)
_MAX_NAME_WORDS = 8
_MAX_NAME_CHARS = 60


@dataclass(frozen=True)
class TitleCandidate:
    name: str
    period: str  # "Events of 2018", or "" when the layout gives no year
    position: int  # index of its line among the lines searched


def period_for(year: str) -> str:
    return f"Events of {year}"


def find_title_candidates(lines: Sequence[str]) -> list[TitleCandidate]:
    """Every title the lines announce, in order."""
    found: list[TitleCandidate] = []
    for i, text in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        next_events = _EVENTS.fullmatch(following)
        if match := _WORLD_REPORT.fullmatch(text):
            name = match["name"].strip()
            if not _is_name(name):
                continue
            if match["year"]:
                period = period_for(match["year"])
            elif next_events:
                period = period_for(next_events[1])
            else:
                period = period_for(str(int(match["edition"]) - 1))
            found.append(TitleCandidate(name, period, i))
        elif (match := _NAME_EVENTS.fullmatch(text)) and _is_name(match["name"].strip()):
            found.append(TitleCandidate(match["name"].strip(), period_for(match["year"]), i))
        elif next_events and _is_name(text):
            found.append(TitleCandidate(text, period_for(next_events[1]), i))
    return found


def choose_title(candidates: Sequence[TitleCandidate], body: str) -> TitleCandidate | None:
    """The candidate the body is about: its name is used most in the body."""
    if not candidates:
        return None
    return max(candidates, key=lambda c: (*_mentions(c.name, body), -c.position))


def _mentions(name: str, body: str) -> tuple[int, int]:
    # The name with its demonym or plural ("Syria", "Syrian", "Syrians"), so a
    # body that says "the Syrian government" still counts for Syria; then its
    # words, for a body that never spells the whole name out ("Congo").
    whole = len(re.findall(rf"(?<!\w){re.escape(name)}{_DEMONYM}(?!\w)", body))
    words = [
        w
        for w in re.findall(r"\w+", name)
        if len(w) > 3 and w[0].isupper() and w.casefold() not in _GENERIC_NAME_WORDS
    ]
    parts = max((len(re.findall(rf"\b{re.escape(w)}\b", body)) for w in words), default=0)
    return whole, parts


def _is_name(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= _MAX_NAME_WORDS
        and len(text) <= _MAX_NAME_CHARS
        and text[0].isupper()
        and not ends_sentence(text)
        and not _EVENTS.fullmatch(text)
        and not is_chrome(text)
        and not is_credit(text)
        and "_" not in text
        and not re.search(r"world\s+report", text, re.I)
    )
