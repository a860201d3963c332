"""The PDF text layer: a PDF's body lines in reading order, its page furniture set apart.

``pdf_lines(data)`` reads the text layer with PDFium (through pypdfium2; no OCR), one page
at a time: PDFium's own text page gives the characters in reading order with its line breaks,
and each line's position, font and size are read from a sample of its characters. It then

- removes running headers and footers (a line at the top or bottom of a page that repeats,
  digits aside, on at least 40% of the pages and on 3 or more) and page numbers ("12",
  "Page 12", "12 of 40", "xii", or a number beside a running head, "272 WORLD REPORT 2011",
  whose value moves with the page), and reports each as a ``FURNITURE`` block;
- marks ``heading_hint`` on lines set wholly in bold or in a font clearly larger than the
  page's body size, and ``gap_before`` on lines with more vertical space above them than the
  usual line spacing;
- undoes hyphenation at line ends ("gov-" / "ernment" becomes "government"; a real compound
  such as "government-" / "appointed" keeps its hyphen).

Lines stay lines: paragraphs are inferred by the text stage. No Django.

PDFium is not thread-safe (pypdfium2's documentation), and ``runserver`` serves requests in
threads, so every call into it holds one process-wide lock.
"""

from __future__ import annotations

import ctypes
import math
import re
import threading
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
_LEADING_NUMBER = re.compile(r"^(\d{1,4})\s+(\S.{0,80})$", re.ASCII)
_TRAILING_NUMBER = re.compile(r"^(.{0,80}\S)\s+(\d{1,4})$", re.ASCII)
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
    """A line as read from the text page: text, baseline height (PDF units, up is larger),
    character count and size statistics over a sample of its characters."""

    page: int
    text: str
    y: float | None = None
    sizes: Counter = field(default_factory=Counter)  # rounded size -> estimated characters
    bold: bool = False  # every sampled character is set in a bold face
    chars: int = 0


_LOCK = threading.Lock()
SAMPLE = 10  # characters of a line whose font is looked at (evenly spread, ends included)
_LINE = re.compile(r"[^\r\n]+")
# PDFium joins a word hyphenated at a line end into one line, marking the hyphen U+FFFE;
# the line is split back there so that ``undo_hyphenation`` decides (U+0002 in older builds).
_JOINED_HYPHEN = re.compile("[\ufffe\x02]")


def pdf_lines(data: bytes) -> PdfText:
    """The body lines of a PDF, in reading order; raises ``PipelineError`` (one line) when
    the bytes are not a readable PDF with a text layer."""
    data = bytes(data)
    for magic, kind in _IMAGE_MAGIC.items():
        if data.startswith(magic):
            raise PipelineError(NOT_PDF_IMAGE.format(kind=kind))
    if b"%PDF-" not in data[:1024] or b"%%EOF" not in data[-2048:]:
        raise PipelineError(DAMAGED)
    with _LOCK:
        page_count, title, raw_pages = _read(data)

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


def _read(data: bytes) -> tuple[int, str, list[list[_Raw]]]:
    """(page count, metadata title, each page's lines); the caller holds ``_LOCK``."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) in (
            pdfium_c.FPDF_ERR_PASSWORD,
            pdfium_c.FPDF_ERR_SECURITY,
        ):
            raise PipelineError(ENCRYPTED) from exc
        raise PipelineError(DAMAGED) from exc
    try:
        page_count = len(document)
        if page_count == 0:
            raise PipelineError(NO_PAGES)
        title = _title(document)
        raw_pages = []
        for number in range(1, page_count + 1):
            page = document[number - 1]
            try:
                raw_pages.append(_read_page(page, number))
            finally:
                page.close()
    except pdfium.PdfiumError as exc:
        raise PipelineError(DAMAGED) from exc
    finally:
        document.close()
    return page_count, title, raw_pages


def _title(document) -> str:
    title = _SPACES.sub(" ", str(document.get_metadata_dict().get("Title") or "")).strip()
    title = re.sub(r"^Microsoft Word - ", "", title)
    if title.lower() in {"about:blank", "untitled", "untitled document"}:
        return ""
    return title


def _read_page(page, number: int) -> list[_Raw]:
    """The page's lines in PDFium's reading order (blank lines left out)."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count > 0 else ""
        if len(text) != count:  # a character PDFium counts but does not return: go one by one
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(handle, i)) for i in range(count))
        font = _FontReader(handle)
        lines: list[_Raw] = []
        for match in _LINE.finditer(text):
            start = match.start()
            for piece in _split_joined_hyphens(match.group()):
                line = _line(text, start, len(piece), number, font)
                if line is not None:
                    lines.append(line)
                start += len(piece)
        return lines
    finally:
        textpage.close()


def _split_joined_hyphens(line: str) -> list[str]:
    """``"gov\\ufffeernment is"`` → ``["gov\\ufffe", "ernment is"]``: each piece keeps its
    characters, so indexes into the text page stay valid."""
    pieces, start = [], 0
    for match in _JOINED_HYPHEN.finditer(line):
        pieces.append(line[start : match.end()])
        start = match.end()
    pieces.append(line[start:])
    return [piece for piece in pieces if piece]


class _FontReader:
    """Reads one character's position, size and boldness from a PDFium text page."""

    def __init__(self, handle) -> None:
        import pypdfium2.raw as pdfium_c

        self.c = pdfium_c
        self.handle = handle
        self.x = ctypes.c_double()
        self.y = ctypes.c_double()
        self.box = pdfium_c.FS_RECTF()
        self.name = ctypes.create_string_buffer(256)
        self.flags = ctypes.c_int()

    def baseline(self, index: int) -> float | None:
        if not self.c.FPDFText_GetCharOrigin(self.handle, index, self.x, self.y):
            return None
        return self.y.value

    def size(self, index: int) -> float:
        # The loose box spans the font's ascent to descent with the text and page matrices
        # applied, so it scales with the size the reader sees, whatever sets it (Tf or cm).
        if not self.c.FPDFText_GetLooseCharBox(self.handle, index, self.box):
            return 0.0
        return round(abs(self.box.top - self.box.bottom), 1)

    def bold(self, index: int) -> bool:
        length = self.c.FPDFText_GetFontInfo(
            self.handle, index, self.name, len(self.name), self.flags
        )
        name = self.name.value.decode("latin-1") if length else ""
        if _BOLD_NAME.search(name.split("+")[-1]):
            return True
        return self.c.FPDFText_GetFontWeight(self.handle, index) >= 600 or bool(
            self.flags.value & _FORCE_BOLD
        )


_FORCE_BOLD = 1 << 18  # the ForceBold flag of a font descriptor (PDF 32000-1:2008, 9.8.2)


def _line(text: str, start: int, length: int, page: int, font: _FontReader) -> _Raw | None:
    """The line of ``length`` characters at ``start`` of the page's text, or None if blank.
    Sizes and boldness come from at most ``SAMPLE`` of its characters, evenly spread."""
    chunk = text[start : start + length]
    first = len(chunk) - len(chunk.lstrip())
    if first == len(chunk):
        return None
    chars = length - sum(chunk.count(space) for space in " \t\xa0")
    line = _Raw(page, _SPACES.sub(" ", _JOINED_HYPHEN.sub("-", chunk)).strip(), chars=chars)
    line.y = font.baseline(start + first)
    last = len(chunk.rstrip()) - 1
    step = max(1.0, (last - first) / (SAMPLE - 1))
    sample = []
    position = float(first)
    while position <= last:
        index = int(position)
        while chunk[index].isspace():  # the next visible character; the last one is visible
            index += 1
        if not sample or sample[-1] != start + index:
            sample.append(start + index)
        position += step
    weight = chars / len(sample)
    for index in sample:
        line.sizes[font.size(index)] += weight
    line.bold = all(font.bold(index) for index in sample)
    return line


def _key(text: str) -> str:
    return _DIGITS.sub("#", _SPACES.sub(" ", text).strip().lower())


def _edges(raws: list[_Raw]) -> list[_Raw]:
    placed = sorted((r for r in raws if r.y is not None), key=lambda r: -r.y)
    if len(placed) <= 2 * EDGE_LINES:
        return placed
    return placed[:EDGE_LINES] + placed[-EDGE_LINES:]


def _numbers(text: str) -> list[int]:
    found = [int(text)] if text.isascii() and text.isdigit() and len(text) <= 4 else []
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
            heading = r.chars > 0 and (r.bold or (size > 0 and smallest >= size * LARGER))
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
