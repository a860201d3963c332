"""Cleaning: whitespace, lines, and the tests that tell prose, headings and chrome apart.

A scraped chapter page holds far more than the chapter: navigation, essay
teasers, other chapters' teasers, a photo with its caption and credit, share
links and footers. The rules here are about the shape of such pages, not about
any one chapter:

- whitespace is normalised (no-break and other odd spaces become plain spaces,
  runs collapse, lines are stripped) but no word is changed;
- every non-blank line is a unit; paragraphs may be separated by blank lines
  or by single newlines, and a line that plainly continues the one before it
  (it starts in lowercase) is joined to it;
- a prose line ends in terminal punctuation or is long; a heading-like line is
  short, capitalised and unpunctuated; chrome is told by its words (navigation,
  share links, "Donate", copyright footers), a credit by "©" or "Photo:".

``body`` uses these tests to find the chapter's body among the blocks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "Line",
    "ends_sentence",
    "is_chrome",
    "is_credit",
    "is_heading_like",
    "is_paragraph",
    "is_trailer",
    "normalize_whitespace",
    "split_lines",
    "word_count",
]

# Invisible characters that scrapes leave inside words; dropping them changes
# no visible word.
_INVISIBLE = "\u200b\u2060\ufeff\u00ad"
# Line and paragraph separators that str.splitlines would honour.
_LINE_BREAK = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_INVISIBLE_CHARS = re.compile(f"[{_INVISIBLE}]")
_LETTERED_WORD = re.compile(r"[^\W\d_]\S*")
# Every other kind of whitespace, and runs of it, become one plain space.
_OTHER_SPACE = re.compile(r"[^\S\n]+")

_CLOSERS = "\"'\u201d\u2019)]\u00bb"
_TERMINAL = ".!?\u2026"


def _lines(text: str) -> frozenset[str]:
    return frozenset(text.split("|"))


# Web chrome that can be recognised by its words: site navigation and the
# furniture around an article. These are words of web pages, not of any chapter.
_NAV_LINES = _lines(
    "skip to main content|skip to content|skip navigation|main menu|menu|search|home|"
    "keynote|essays|essay|illustration|image|photo|video|audio|listen|close|open|expand|"
    "collapse|click to expand image|toggle navigation|back to top|top|previous|next|"
    "read more|learn more|see more|view more|more|download|download the full report|"
    "download full report|download pdf|pdf|languages|english|français|español|deutsch|"
    "русский|中文|日本語|عربي|portuguese|italiano|world report|country chapters|"
    "table of contents|contents"
)
_TRAILER_LINES = _lines(
    "share|share this|share this via facebook|share this via twitter|"
    "share this via whatsapp|share this via email|share this via linkedin|"
    "share this via reddit|share this via telegram|share this via printer|"
    "other ways to share|print|email|tweet|facebook|twitter|whatsapp|linkedin|reddit|"
    "telegram|instagram|youtube|donate|donate now|give now|support our work|"
    "related content|related|related reports|related news|related stories|more reading|"
    "more from|most viewed|most popular|featured|in the news|region / country|region|"
    "country|regions|countries|topic|topics|tags|keywords|subscribe|sign up|get updates|"
    "stay informed|follow us|connect with us|contact us|about us|privacy policy|"
    "terms of use|terms and conditions|cookies|cookie policy|all rights reserved|sitemap"
)
_TRAILER_PREFIXES = (
    "share this via",
    "copyright",
    "all rights reserved",
    "related content",
    "more reading",
    "more from",
    "most viewed",
    "sign up for",
    "subscribe to",
    "follow us on",
    "donate ",
)
_CREDIT = re.compile(r"(?:©|\(c\)\s|copyright\b|photo:|photo credit\b|credit:|image:)", re.I)
# A list item: a bullet or a number, then a space.
_BULLET = re.compile(r"(?:[\u2022\u00b7\u25aa\u25cf\u25e6\u2023*\u2013\u2014-]|\d{1,2}[.)])\s")
_SLUG = re.compile(r"\S*_\S*|\S*://\S*|www\.\S*")
_MAX_HEADING_WORDS = 14
_MAX_HEADING_CHARS = 100
# Hard-wrapped texts (mail, PDF copies) have lines of at most this many
# characters; a line at least this share of the width long is "full".
_MAX_WRAP_WIDTH = 120
_FULL_LINE = 0.6


@dataclass(frozen=True)
class Line:
    text: str
    after_blank: bool  # a blank line (or the start of the text) precedes it


def normalize_whitespace(raw: str) -> str:
    """Plain spaces and newlines only, runs collapsed, lines stripped; words untouched."""
    text = _INVISIBLE_CHARS.sub("", _LINE_BREAK.sub("\n", raw))
    text = _OTHER_SPACE.sub(" ", text)
    return "\n".join(line.strip(" ") for line in text.split("\n")).strip("\n")


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of whitespace-normalised text, wrapped lines joined."""
    raw_lines = text.split("\n")
    width = _wrap_width(raw_lines)
    lines: list[Line] = []
    after_blank = True
    previous_raw = ""
    for raw_line in raw_lines:
        if not raw_line:
            after_blank = True
            continue
        if lines and not after_blank and _continues(lines[-1].text, previous_raw, raw_line, width):
            lines[-1] = Line(f"{lines[-1].text} {raw_line}", lines[-1].after_blank)
        else:
            lines.append(Line(raw_line, after_blank))
        after_blank = False
        previous_raw = raw_line
    return lines


def _wrap_width(raw_lines: Sequence[str]) -> int | None:
    """The line width of a hard-wrapped text (paragraphs between blank lines), or None.

    A wrapped text has blank lines, no long lines, and several full lines that
    stop mid-sentence; a text with one paragraph per line has none of these.
    """
    if "" not in raw_lines:
        return None
    width = max(len(line) for line in raw_lines)
    if width > _MAX_WRAP_WIDTH:
        return None
    full = [line for line in raw_lines if len(line) >= _FULL_LINE * width]
    cut = sum(1 for line in full if not ends_sentence(line))
    return width if cut >= 2 else None


def _continues(joined: str, previous: str, line: str, width: int | None) -> bool:
    if width is not None and len(previous) >= _FULL_LINE * width:
        # A full line of a hard-wrapped paragraph: the next line goes on with it.
        return True
    # A line that starts mid-sentence, in lowercase, after a line of prose
    # that has not ended its sentence.
    return (
        line[0].islower()
        and not ends_sentence(joined)
        and not is_chrome(joined)
        and len(joined.split()) > _MAX_HEADING_WORDS // 2
    )


def ends_sentence(text: str) -> bool:
    """Whether text ends with terminal punctuation (closing quotes allowed after it)."""
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def word_count(text: str) -> int:
    """Words with at least one letter (numbers and marks alone do not count)."""
    return len(_LETTERED_WORD.findall(text))


def is_credit(text: str) -> bool:
    """A photo credit or copyright line ("© 2018 AP Photo/...")."""
    return bool(_CREDIT.match(text)) and len(text) <= 200


def is_chrome(text: str) -> bool:
    """A line recognisable as web furniture by its words alone."""
    return _is_nav(text) or is_trailer(text) or bool(_SLUG.fullmatch(text))


def _key(text: str) -> str:
    return " ".join(text.casefold().strip(" :|>»›-–—•·").split())


def _is_nav(text: str) -> bool:
    return _key(text) in _NAV_LINES


def is_trailer(text: str) -> bool:
    """A line that starts the furniture after an article (share links, donate, footer)."""
    if len(text) > 120:
        return False
    key = _key(text)
    return key in _TRAILER_LINES or key.startswith(_TRAILER_PREFIXES)


def is_heading_like(text: str) -> bool:
    """Short, capitalised, no terminal punctuation, made of words."""
    words = text.split()
    return (
        0 < len(words) <= _MAX_HEADING_WORDS
        and len(text) <= _MAX_HEADING_CHARS
        and not ends_sentence(text)
        and (text[0].isupper() or text[0].isdigit())
        and any(ch.isalpha() for ch in text)
        and not text.endswith((",", ";", ":"))
        and not is_chrome(text)
        and not is_credit(text)
        and not any(_SLUG.fullmatch(word) for word in words)
    )


def is_paragraph(text: str) -> bool:
    """A line of prose inside the body."""
    if is_credit(text) or is_chrome(text):
        return False
    words = word_count(text)
    return (
        (ends_sentence(text) and words >= 4)
        or words >= 2 * _MAX_HEADING_WORDS
        or (bool(_BULLET.match(text)) and words >= 3)
    )
