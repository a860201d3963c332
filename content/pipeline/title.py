"""Title and period: which country the chapter is about, and which year it covers.

Layouts recognised in the lines before the body:

- "North Korea" with "Events of 2018" on the next non-blank line;
- "North Korea: Events of 2018" (a dash works as well as the colon);
- "World Report 2019 - North Korea" (hyphen, en or em dash, colon or bar),
  optionally followed by ": Events of 2018" or by an "Events of 2018" line;
- "World Report 2019: Rights Trends in North Korea" (the web page's own title),
  and "Human Rights Watch World Report 2002: Africa: Kenya" (older pages' titles:
  the part that names a country);
- "Andorra 2023 Human Rights Report", "Georgia — 2024 Human Rights Report"
  (State Department reports since 2017);
- a line or heading that is a country's name alone ("## Somalia", "Liberia"),
  whose period comes from the publication block (``find_period``): a year alone
  ("1999"), "2010 Country Reports on Human Rights Practices", "Country Reports
  on Human Rights Practices for 2023", or a running head "WORLD REPORT 2011".

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

__all__ = [
    "TitleCandidate",
    "choose_title",
    "find_period",
    "find_title_candidates",
    "is_name",
    "is_title_line",
    "period_for",
]

_DASH = r"\s*[-\u2010\u2011\u2012\u2013\u2014\u2015:|]\s*"
_EVENTS = re.compile(r"events\s+of\s+(\d{4})\.?", re.I)
_WORLD_REPORT = re.compile(
    rf"world\s+report\s+(?P<edition>\d{{4}}){_DASH}(?:rights\s+trends\s+in\s+)?(?P<name>.+?)"
    rf"(?:{_DASH}events\s+of\s+(?P<year>\d{{4}})\.?)?(?:\s*\|\s*human\s+rights\s+watch)?",
    re.I,
)
_HR_REPORT = re.compile(
    rf"(?P<name>.+?)(?:{_DASH}|\s+)(?P<year>\d{{4}})\s+human\s+rights\s+report", re.I
)
_OLD_WORLD_REPORT = re.compile(
    r"(?:human\s+rights\s+watch\s+)?world\s+report\s+(?P<edition>\d{4})\s*[:|\u2013\u2014-]\s*(?P<rest>.+)",
    re.I,
)
# Lines that give the period only (their year is the one covered).
_PERIOD_ONLY = (
    re.compile(
        r"country\s+reports?\s+on\s+human\s+rights\s+practices\s+for\s+(?P<year>\d[\d ]{3,5})", re.I
    ),
    re.compile(r"(?P<year>\d{4})\s+country\s+reports?\s+on\s+human\s+rights\s+practices", re.I),
    re.compile(r"(?P<year>(?:19|20)\d\d)"),
)
_EDITION_ONLY = re.compile(
    r"(?:human\s+rights\s+watch\s+)?world\s+report\s+(?P<edition>\d{4})", re.I
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
            if not is_name(name):
                continue
            if match["year"]:
                period = period_for(match["year"])
            elif next_events:
                period = period_for(next_events[1])
            else:
                period = period_for(str(int(match["edition"]) - 1))
            found.append(TitleCandidate(name, period, i))
        elif (match := _HR_REPORT.fullmatch(text)) and is_name(match["name"].strip()):
            found.append(TitleCandidate(match["name"].strip(), period_for(match["year"]), i))
        elif (match := _OLD_WORLD_REPORT.fullmatch(text)) and (
            name := _country_part(match["rest"])
        ):
            period = period_for(str(int(match["edition"]) - 1))
            found.append(TitleCandidate(name, period, i))
        elif (match := _NAME_EVENTS.fullmatch(text)) and is_name(match["name"].strip()):
            found.append(TitleCandidate(match["name"].strip(), period_for(match["year"]), i))
        elif next_events and is_name(text):
            found.append(TitleCandidate(text, period_for(next_events[1]), i))
        elif is_name(text) and _is_country(text):
            found.append(TitleCandidate(text, "", i))
    return found


def is_title_line(text: str) -> bool:
    """Whether a line announces the chapter ("Kenya", "Ghana 2024 Human Rights Report")."""
    return bool(find_title_candidates([text])) or bool(_OLD_WORLD_REPORT.fullmatch(text))


def find_period(lines: Sequence[str]) -> str:
    """The period that the publication block or running heads give, or "".

    "Country Reports on Human Rights Practices for 202 3" (a PDF split the
    year) and "2010 Country Reports ..." give their year; a running head
    "WORLD REPORT 2011" gives the year before its edition; a line that is a
    year alone gives that year. The first line that says one wins.
    """
    for text in lines:
        text = text.strip()
        for pattern in _PERIOD_ONLY:
            if match := pattern.fullmatch(text):
                return period_for(match["year"].replace(" ", ""))
        if match := _EDITION_ONLY.search(text):
            return period_for(str(int(match["edition"]) - 1))
    return ""


def _country_part(rest: str) -> str:
    """The part of "Africa: Kenya" or "Yemen: Human Rights Developments" that is a country."""
    for part in re.split(r"\s*[:|]\s*", rest):
        if is_name(part) and _is_country(part):
            return part
    return ""


def _is_country(text: str) -> bool:
    from .candidates import country_names

    key = text.replace("\u2019", "'")
    return any(key == name.replace("\u2019", "'") for name in country_names())


def choose_title(candidates: Sequence[TitleCandidate], body: str) -> TitleCandidate | None:
    """The candidate the body is about: its name is used most in the body."""
    if not candidates:
        return None
    return max(candidates, key=lambda c: (*_mentions(c.name, body), bool(c.period), -c.position))


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


def is_name(text: str) -> bool:
    """Whether a line could be a chapter's name: short, capitalised, unpunctuated, no chrome."""
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
