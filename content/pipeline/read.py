"""The first stage: a file of any supported format into blocks.

The format is told by the content, the file name's extension only breaking a
tie: "%PDF-" starts a PDF; a document that opens with an HTML tag, or is mostly
markup, is a web page; ``#`` heading lines make Markdown; anything else is
plain text. Text is UTF-8 (a byte-order mark is dropped); a web page may name
another encoding in its ``<meta charset>``.
"""

from __future__ import annotations

import re

from .blocks import HEADING, LINE, Block, ReadResult
from .read_text import OUTLINE_MARK, read_markdown, read_text, wrapped_units
from .types import PipelineError

__all__ = ["FORMATS", "MAX_BYTES", "detect_format", "read_document"]

FORMATS = ("text", "markdown", "html", "pdf")
MAX_BYTES = 10 * 1024 * 1024
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAG = re.compile(rb"</?(?:p|div|br|h[1-6]|span|a|font|li|td|table|b|i)\b[^>]*>", re.I)
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.M)
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"RIFF", b"BM")


def detect_format(data: bytes, filename: str = "") -> str:
    """One of ``FORMATS`` for the file's bytes (the extension only breaks ties).

    Raises PipelineError for an image or other binary file.
    """
    head = data[:2048]
    name = filename.lower()
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if name.endswith(".pdf"):
        if head.startswith(_IMAGE_MAGIC):
            raise PipelineError("The file is an image, not a PDF: OCR is not supported.")
        raise PipelineError("The file is not a PDF (it does not start with %PDF-).")
    if head.startswith(_IMAGE_MAGIC) or b"\x00" in data:
        raise PipelineError("The file is binary, not text, Markdown, HTML or PDF.")
    if _HTML_START.match(head) or name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if len(_HTML_TAG.findall(data[:20000])) >= 10:
        return "html"
    if name.endswith((".md", ".markdown")):
        return "markdown"
    text = data[:50000].decode("utf-8", errors="replace")
    if len(_MD_HEADING.findall(text)) >= 2:
        return "markdown"
    return "text"


def read_document(data: bytes, filename: str = "") -> ReadResult:
    """Read one file into blocks.

    ``data``: the file's bytes (at most ``MAX_BYTES``). Raises PipelineError,
    with a one-line message, for anything that cannot become a chapter: too
    large, binary, not UTF-8, empty, a PDF without a text layer.
    """
    if len(data) > MAX_BYTES:
        raise PipelineError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    kind = detect_format(data, filename)
    if kind == "pdf":
        from .read_pdf import pdf_lines

        return _pdf_blocks(pdf_lines(data))
    if kind == "html":
        from .read_html import read_html

        return read_html(data)
    text = decode_text(data)
    return read_markdown(text) if kind == "markdown" else read_text(text)


def decode_text(data: bytes) -> str:
    """UTF-8 text (a byte-order mark dropped); PipelineError when it is not, or is empty."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PipelineError(
            f"The file is not UTF-8 text (bad byte at position {exc.start})."
        ) from None
    if not text.strip():
        raise PipelineError("The file is empty: there is nothing to import.")
    return text


def _pdf_blocks(pdf) -> ReadResult:
    """A PDF's lines (``read_pdf.PdfText``) as blocks.

    Lines set bold or large are headings (a heading wrapped over two lines is
    one, unless the second opens an outline item: "Section 1." then "a."); the
    other lines are joined into paragraphs as any hard-wrapped text is, with a
    visible gap before a line also ending a paragraph. The running heads stay
    as furniture, where the title stage can still read "WORLD REPORT 2011".
    """
    body_width = max((len(line.text) for line in pdf.lines if not line.heading_hint), default=0)
    blocks: list[Block] = []
    run: list[str] = []

    def flush() -> None:
        blocks.extend(Block(LINE, unit) for unit in wrapped_units(run, body_width or 80))
        run.clear()

    previous = None
    for line in pdf.lines:
        if line.heading_hint:
            flush()
            joins = (
                previous is not None
                and previous.heading_hint
                and not line.gap_before
                and not OUTLINE_MARK.match(line.text)
            )
            if joins:
                blocks[-1] = Block(HEADING, f"{blocks[-1].text} {line.text}")
            else:
                blocks.append(Block(HEADING, line.text))
        else:
            if line.gap_before:
                flush()
            run.append(line.text)
        previous = line
    flush()
    hints = {"title": pdf.title} if pdf.title else {}
    return ReadResult("pdf", tuple(blocks) + tuple(pdf.furniture), hints=hints, pages=pdf.pages)
