"""The PDF text layer: a PDF's body lines in reading order, its page furniture set apart.

``pdf_lines(data)`` reads the text layer with pypdf (no OCR), one page at a time, through
``extract_text(visitor_text=...)``, which reports each text run with its font and position.
It then

- removes running headers and footers (a line at the top or bottom of a page that repeats,
  digits aside, on at least 40% of the pages and on 3 or more) and page numbers ("12",
  "Page 12", "12 of 40", "xii", or a number beside a running head, "272 WORLD REPORT 2011",
  whose value moves with the page), and reports each as a ``FURNITURE`` block;
- marks ``heading_hint`` on lines set wholly in bold or in a font clearly larger than the
  page's body size, and ``gap_before`` on lines with more vertical space above them than the
  usual line spacing;
- undoes hyphenation at line ends ("gov-" / "ernment" becomes "government"; a real compound
  such as "government-" / "appointed" keeps its hyphen).

Lines stay lines: paragraphs are inferred by the text stage. Pure Python, no Django.
"""

from __future__ import annotations

import io
import math
import re
import struct
import zlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .blocks import FURNITURE, Block
from .types import PipelineError

__all__ = [
    "DAMAGED",
    "ENCRYPTED",
    "NO_TEXT",
    "NOT_PDF_IMAGE",
    "PdfLine",
    "PdfText",
    "pdf_lines",
    "undo_hyphenation",
]

DAMAGED = "The PDF could not be read: it is damaged or incomplete."
ENCRYPTED = "The PDF is password-protected: save a copy without a password and import that instead."
NO_TEXT = (
    "The PDF has no text layer (scanned pages?): OCR is not supported; "
    "import a text or HTML version instead."
)
NOT_PDF_IMAGE = (
    "The file is a {kind} image, not a PDF: OCR is not supported; "
    "import a text or HTML version instead."
)
NO_PAGES = "The PDF has no pages."

_IMAGE_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
    b"BM": "BMP",
}

EDGE_LINES = 3  # lines looked at, at the top and at the bottom of each page
REPEAT_SHARE = 0.4  # a running head is on at least this share of the pages...
REPEAT_MIN = 3  # ...and on at least this many
LARGER = 1.15  # a heading's font is at least this much bigger than the body's
GAP = 1.35  # a gap is this much more than the usual line spacing
MAX_FURNITURE_CHARS = 120

_PAGE_NUMBER = re.compile(
    r"(?i)^(?:page\s+)?(?:\d{1,4}|[ivxlcdm]{1,8})(?:\s*(?:of|/)\s*\d{1,4})?$"
    r"|^[-–—]\s*\d{1,4}\s*[-–—]$"
)
_LEADING_NUMBER = re.compile(r"^(\d{1,4})\s+(\S.{0,80})$")
_TRAILING_NUMBER = re.compile(r"^(.{0,80}\S)\s+(\d{1,4})$")
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_BOLD_NAME = re.compile(r"(?i)bold|black|heavy|semibold|demi")
_LETTER = re.compile(r"[^\W\d_]")
_WORDS = re.compile(r"[^\W\d_]+")
_HYPHEN_END = re.compile(r"([^\W\d_]+)-$")
_LOWER_START = re.compile(r"^([a-z\u00df-\u00ff][^\s]*)\s*(.*)$")


@dataclass(frozen=True)
class PdfLine:
    """One line of body text. ``page`` is 1-based; ``gap_before`` is True when the space
    above the line is clearly larger than the line spacing (a paragraph or block break)."""

    text: str
    heading_hint: bool
    page: int
    gap_before: bool = False


@dataclass(frozen=True)
class PdfText:
    """What ``pdf_lines`` found: body lines, the furniture it removed, the page count and
    the metadata title ("" when there is none)."""

    lines: tuple[PdfLine, ...]
    furniture: tuple[Block, ...] = ()
    pages: int = 0
    title: str = ""


@dataclass
class _Raw:
    """A line as collected from the visitor: text, vertical position, font statistics."""

    page: int
    parts: list[str] = field(default_factory=list)
    y: float | None = None
    sizes: Counter = field(default_factory=Counter)  # rounded font size -> characters
    bold: int = 0
    chars: int = 0

    @property
    def text(self) -> str:
        return _SPACES.sub(" ", "".join(self.parts)).strip()


# Everything pypdf raises on damaged input: its own errors, and the built-in ones its
# parser lets through on garbage (bad numbers, missing keys, wrong object types...).
def _pdf_errors() -> tuple[type[BaseException], ...]:
    from pypdf.errors import PyPdfError

    return (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        AssertionError,
        ZeroDivisionError,
        OverflowError,
        RecursionError,
        NotImplementedError,
        EOFError,
        struct.error,
        zlib.error,
    )


def pdf_lines(data: bytes) -> PdfText:
    """The body lines of a PDF, in reading order; raises ``PipelineError`` (one line) when
    the bytes are not a readable PDF with a text layer."""
    data = bytes(data)
    for magic, kind in _IMAGE_MAGIC.items():
        if data.startswith(magic):
            raise PipelineError(NOT_PDF_IMAGE.format(kind=kind))
    if b"%PDF-" not in data[:1024] or b"%%EOF" not in data[-2048:]:
        raise PipelineError(DAMAGED)
    errors = _pdf_errors()
    try:
        reader = _open(data)
        page_count = len(reader.pages)
        if page_count == 0:
            raise PipelineError(NO_PAGES)
        title = _title(reader)
        raw_pages = [_read_page(page, number) for number, page in enumerate(reader.pages, 1)]
    except PipelineError:
        raise
    except errors as exc:
        raise PipelineError(DAMAGED) from exc

    furniture_ids = _furniture(raw_pages)
    furniture: list[Block] = []
    body: list[list[_Raw]] = []
    for raws in raw_pages:
        edge = sorted((r for r in raws if id(r) in furniture_ids), key=lambda r: -(r.y or 0))
        furniture.extend(Block(FURNITURE, r.text, reason="header_footer") for r in edge)
        body.append([r for r in raws if id(r) not in furniture_ids])
    if not any(_LETTER.search(r.text) for raws in body for r in raws):
        raise PipelineError(NO_TEXT)

    lines = _body_lines(body)
    return PdfText(
        lines=tuple(undo_hyphenation(lines)),
        furniture=tuple(furniture),
        pages=page_count,
        title=title,
    )


def _open(data: bytes):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except _pdf_errors() as exc:
            raise PipelineError(ENCRYPTED) from exc
        if not opened:
            raise PipelineError(ENCRYPTED)
    return reader


def _title(reader) -> str:
    try:
        meta = reader.metadata
        title = meta.title if meta is not None else None
    except _pdf_errors():
        return ""
    title = _SPACES.sub(" ", str(title or "")).strip()
    title = re.sub(r"^Microsoft Word - ", "", title)
    if title.lower() in {"about:blank", "untitled", "untitled document"}:
        return ""
    return title


def _is_bold(font) -> bool:
    if not font:
        return False
    name = str(font.get("/BaseFont", ""))
    if _BOLD_NAME.search(name.split("+")[-1]):
        return True
    descriptor = font.get("/FontDescriptor")
    if descriptor is None and "/DescendantFonts" in font:
        descendants = font["/DescendantFonts"]
        descendants = (
            descendants.get_object() if hasattr(descendants, "get_object") else descendants
        )
        if descendants:
            descriptor = descendants[0].get_object().get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    weight = descriptor.get("/FontWeight")
    flags = int(descriptor.get("/Flags", 0) or 0)
    return bool((weight is not None and float(weight) >= 600) or flags & (1 << 18))


def _read_page(page, number: int) -> list[_Raw]:
    lines: list[_Raw] = [_Raw(number)]
    bold_of: dict[int, bool] = {}

    def visit(text, cm, tm, font, size) -> None:
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                lines.append(_Raw(number))
            if not piece:
                continue
            line = lines[-1]
            line.parts.append(piece)
            visible = len(piece) - piece.count(" ")
            if not visible:
                continue
            c = tm[2] * cm[0] + tm[3] * cm[2]
            d = tm[2] * cm[1] + tm[3] * cm[3]
            if line.y is None:
                line.y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            line.sizes[round(float(size) * math.hypot(c, d), 1)] += visible
            key = id(font)
            if key not in bold_of:
                bold_of[key] = _is_bold(font)
            line.bold += visible if bold_of[key] else 0
            line.chars += visible

    page.extract_text(visitor_text=visit)
    return [line for line in lines if line.text]


def _key(text: str) -> str:
    return _DIGITS.sub("#", _SPACES.sub(" ", text).strip().lower())


def _edges(raws: list[_Raw]) -> list[_Raw]:
    placed = sorted((r for r in raws if r.y is not None), key=lambda r: -r.y)
    if len(placed) <= 2 * EDGE_LINES:
        return placed
    return placed[:EDGE_LINES] + placed[-EDGE_LINES:]


def _numbers(text: str) -> list[int]:
    found = [int(text)] if text.isdigit() and len(text) <= 4 else []
    for pattern, group in ((_LEADING_NUMBER, 1), (_TRAILING_NUMBER, 2)):
        match = pattern.match(text)
        if match:
            found.append(int(match.group(group)))
    return found


def _furniture(raw_pages: list[list[_Raw]]) -> set[int]:
    """ids of the lines that are running heads, running feet or page numbers."""
    pages = len(raw_pages)
    edges = [[r for r in _edges(raws) if len(r.text) <= MAX_FURNITURE_CHARS] for raws in raw_pages]
    repeats: Counter = Counter()
    offsets: Counter = Counter()
    for number, lines in enumerate(edges, 1):
        repeats.update({_key(r.text) for r in lines})
        offsets.update({n - number for r in lines for n in _numbers(r.text)})
    needed = max(REPEAT_MIN, math.ceil(REPEAT_SHARE * pages))
    running = {key for key, count in repeats.items() if count >= needed}
    # A number beside a running head moves with the page: "272 WORLD REPORT 2011".
    folio = {off for off, count in offsets.items() if count >= 2 and count >= 0.3 * pages}
    found: set[int] = set()
    for number, lines in enumerate(edges, 1):
        for r in lines:
            if (
                _key(r.text) in running
                or _PAGE_NUMBER.match(r.text)
                or any(n - number in folio for n in _numbers(r.text))
            ):
                found.add(id(r))
    return found


def _body_size(raws: list[_Raw]) -> float:
    sizes: Counter = Counter()
    for r in raws:
        sizes.update(r.sizes)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _body_lines(body: list[list[_Raw]]) -> list[PdfLine]:
    document_size = _body_size([r for raws in body for r in raws])
    # The usual distance between two lines of body text, over the whole document.
    steps: Counter = Counter()
    for raws in body:
        for before, after in zip(raws, raws[1:], strict=False):
            if (
                before.y is not None
                and after.y is not None
                and before.y > after.y
                and _body_size([after]) == document_size
            ):
                steps[round(before.y - after.y, 1)] += 1
    pitch = steps.most_common(1)[0][0] if steps else 0.0
    out: list[PdfLine] = []
    for raws in body:
        chars = sum(r.chars for r in raws)
        size = _body_size(raws) if chars >= 200 else document_size
        previous_y = None
        for r in raws:
            smallest = min(r.sizes) if r.sizes else 0.0
            heading = r.chars > 0 and (
                r.bold == r.chars or (size > 0 and smallest >= size * LARGER)
            )
            gap = (
                pitch > 0
                and previous_y is not None
                and r.y is not None
                and previous_y - r.y > pitch * GAP
            )
            out.append(PdfLine(r.text, heading, r.page, gap))
            if r.y is not None:
                previous_y = r.y
    return out


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str] | dict:
    try:
        from spellchecker import SpellChecker
    except ImportError:  # pragma: no cover - installed with the project
        return frozenset()
    return SpellChecker().word_frequency.dictionary


def undo_hyphenation(lines: list[PdfLine]) -> list[PdfLine]:
    """Join words hyphenated across line ends, moving the fragment onto the earlier line.

    "gov-" + "ernment and" → "government" + "and": the hyphen goes when the joined word is
    an English word or appears unhyphenated elsewhere in the text; otherwise it stays
    ("government-" + "appointed" → "government-appointed"). Only a letter before the hyphen
    and a lowercase letter after it count, and a heading line is never joined onto.
    """
    lines = list(lines)
    if not any(_HYPHEN_END.search(line.text) for line in lines):
        return lines
    seen = {w.lower() for line in lines for w in _WORDS.findall(line.text)}
    known = _dictionary()
    out: list[PdfLine] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else None
        head = _HYPHEN_END.search(line.text)
        tail = _LOWER_START.match(following.text) if following else None
        if head and tail and following is not None and not following.heading_hint:
            fragment, rest = tail.group(1), tail.group(2)
            letters = _WORDS.match(fragment)
            joined = (head.group(1) + (letters.group(0) if letters else "")).lower()
            if joined in known or joined in seen:
                text = line.text[:-1] + fragment
            else:
                text = line.text + fragment
            out.append(PdfLine(text, line.heading_hint, line.page, line.gap_before))
            if rest:
                lines[index + 1] = PdfLine(
                    rest, following.heading_hint, following.page, following.gap_before
                )
                index += 1
            else:
                index += 2
            continue
        out.append(line)
        index += 1
    return out
