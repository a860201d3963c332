"""Read a web page into blocks: headings, paragraphs, list items and furniture.

lxml parses any HTML, however malformed; a walk over the DOM then turns block
elements, and runs of loose text between them, into blocks in reading order.
Inline tags only carry text, so ``PSO<b> </b>contributed`` reads "PSO contributed".
Page chrome (navigation, breadcrumbs, an in-page contents list, "Back to Top",
a trailing list of related reports, captions) becomes FURNITURE with a reason, so
the import can say what it left out. ``<head>``, scripts, styles and comments are
not words of the document and vanish. The rules describe the shapes of web pages,
never one site.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from dataclasses import dataclass, field, replace

import lxml.html
from lxml import etree

from content.pipeline.blocks import (
    FURNITURE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    Block,
    ReadResult,
    word_total,
)
from content.pipeline.types import PipelineError

__all__ = ["read_html"]

# Not words of the document: removed without a trace (the text after them stays).
_INVISIBLE = ("head", "title", "script", "style", "noscript", "template", "svg", "iframe")
_INVISIBLE += ("object", "select", "button")

_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_SECTIONING = ("html", "body", "main", "article", "section", "header", "footer", "nav", "aside")
_TEXT_BLOCKS = ("p", "div", "center", "blockquote", "pre", "address", "hr", "form", "fieldset")
_LIST_TAGS = ("ul", "ol", "menu", "dir", "li", "dl", "dt", "dd", "details", "summary")
_TABLE_TAGS = ("table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th")
_FIGURE_TAGS = ("figure", "figcaption")
_BLOCK_TAGS = frozenset(
    _SECTIONING + _TEXT_BLOCKS + _LIST_TAGS + _TABLE_TAGS + _FIGURE_TAGS + tuple(_HEADINGS)
)
_LISTS = frozenset({"ul", "ol", "menu", "dir"})
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.I)

# class/id words that name page chrome, and what the import calls it.
_NAV_WORDS = ("nav", "navbar", "navigation", "breadcrumb", "breadcrumbs", "menu", "sidebar")
_NAV_WORDS += ("footer", "pagination", "pager", "skiplink", "masthead")
_CLASS_REASONS = dict.fromkeys(_NAV_WORDS, "navigation") | {"toc": "contents"}
_CLASS_REASONS |= dict.fromkeys(("share", "sharing", "social", "related"), "links")
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
# Elements that may carry a chrome-sounding class yet hold the page itself.
_NEVER_CHROME = frozenset({"html", "body", "main", "article"})

_ALNUM = re.compile(r"\w")
_SPACE = re.compile(r"\s+")
_BACK_TO_TOP = re.compile(
    r"^\W*(back to|return to|go to|to)?\s*(the\s+)?top(\s+of\s+(the\s+)?page)?\W*$", re.I
)
_CRUMB_SEP = re.compile(r"\s*[>»›→]\s*")
_BACK_MATTER = re.compile(
    r"^(?:(?:relevant|related|recent|further|other|more|selected)\b.{0,60}?"
    r"\b(?:reports?|reading|publications?|resources|links|articles|documents|materials)"
    r"|see also)\s*:?\s*$",
    re.I,
)
_CREDIT = re.compile(r"©\s*\d{4}|^\W*(©|\(c\)\s*\d{4}|copyright\s+(©|\(c\)|\d{4}))", re.I)
_PHOTO = re.compile(r"\b(photo|photograph|image|getty|reuters|afp|ap|epa)\b", re.I)
_TERMINAL = re.compile(r"[.!?;,…]['\"”’)\]]*$")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def read_html(data: bytes) -> ReadResult:
    """Read an HTML page into a ``ReadResult`` (format ``"html"``).

    Blocks come in reading order: HEADING (``level`` = the ``<hN>`` number, 0 for
    a bold line standing alone), PARAGRAPH, LIST_ITEM and FURNITURE (with a
    ``reason`` from ``DROP_REASONS``). ``hints`` holds ``"title"`` (the
    ``<title>``) and ``"source_url"`` (canonical link or ``og:url``) when present.

    Raises ``PipelineError`` when the page has no body text outside furniture.
    """
    text = _CONTROL.sub("", _XML_DECL.sub("", _decode(data)))
    if not text.strip():
        raise PipelineError("No text found in the web page: the file is empty.")
    try:
        root = lxml.html.document_fromstring(text)
    except etree.ParserError:  # nothing but comments or blanks
        raise PipelineError("No text found in the web page: the body is empty.") from None
    hints = _hints(root)
    etree.strip_elements(root, *_INVISIBLE, etree.Comment, etree.ProcessingInstruction)
    walker = _Walker()
    walker.walk(root, _Ctx())
    walker.flush()
    blocks = _mark_back_matter([_to_block(run) for run in walker.runs if run.text])
    if not any(b.kind != FURNITURE and word_total(b.text) for b in blocks):
        why = "it has only navigation and page furniture" if blocks else "the body is empty"
        raise PipelineError(f"No text found in the web page: {why}.")
    return ReadResult(format="html", blocks=tuple(blocks), hints=hints)


def _decode(data: bytes) -> str:
    """Bytes to text: a BOM wins, then a ``<meta charset>``, else UTF-8 (bad bytes replaced)."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    encoding = "utf-8"
    if match := _META_CHARSET.search(data[:4096]):
        with contextlib.suppress(LookupError):
            encoding = codecs.lookup(match[1].decode("ascii")).name
    # Browsers read "latin-1" as windows-1252 (curly quotes in 0x80-0x9f); a meta
    # tag readable as ASCII cannot really be UTF-16.
    if encoding in ("latin-1", "iso8859-1", "ascii"):
        encoding = "cp1252"
    elif encoding.startswith("utf-16"):
        encoding = "utf-8"
    return data.decode(encoding, errors="replace")


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _hints(root: etree._Element) -> dict[str, str]:
    """What the page says about itself outside the body: title and source URL."""
    hints = {}
    title = root.find("head/title")  # not an <svg><title> icon label in the body
    title = title if title is not None else root.find(".//title")
    if title is not None and _collapse(title.text_content()):
        hints["title"] = _collapse(title.text_content())
    urls = [
        link.get("href", "")
        for link in root.iter("link")
        if "canonical" in (link.get("rel") or "").lower().split()
    ]
    urls += [
        meta.get("content", "") for meta in root.iter("meta") if meta.get("property") == "og:url"
    ]
    if url := next((u.strip() for u in urls if u.strip()), ""):
        hints["source_url"] = url
    return hints


@dataclass(frozen=True)
class _Ctx:
    """What an element's text inherits from its ancestors."""

    kind: str = PARAGRAPH
    level: int = 0
    reason: str = ""  # set inside page chrome: everything below is furniture
    in_text: bool = False  # inside <p>/<li>/<hN>: a single <br> is only a line break
    bold: bool = False
    href: str | None = None


@dataclass
class _Run:
    """A block being collected: its text pieces with the link and boldness of each."""

    kind: str
    level: int
    reason: str
    parts: list[tuple[str, str | None, bool]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return _collapse("".join(part[0] for part in self.parts))


class _Walker:
    """Walks the DOM in document order, cutting text into runs at block boundaries."""

    def __init__(self) -> None:
        self.runs: list[_Run] = []
        self.current: _Run | None = None
        self.after_br = False

    def flush(self) -> None:
        if self.current is not None:
            self.runs.append(self.current)
        self.current = None
        self.after_br = False

    def add(self, text: str | None, ctx: _Ctx) -> None:
        if not text:
            return
        run = self.current
        if run is None or (run.kind, run.level, run.reason) != (ctx.kind, ctx.level, ctx.reason):
            if not text.strip():
                return  # leading whitespace of a block means nothing
            self.flush()
            self.current = run = _Run(ctx.kind, ctx.level, ctx.reason)
        run.parts.append((text, ctx.href, ctx.bold))
        self.after_br = self.after_br and not text.strip()

    def line_break(self, ctx: _Ctx) -> None:
        # Loose text is cut at every <br>; inside a paragraph only a blank line
        # (<br><br>) ends it, a single <br> is a space.
        if not ctx.in_text or self.after_br:
            self.flush()
        else:
            self.add(" ", ctx)
            self.after_br = True

    def walk(self, el: etree._Element, ctx: _Ctx) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag == "br":
            self.line_break(ctx)
            return
        inner = _inner_ctx(el, tag, ctx)
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
        self.add(el.text, inner)
        for child in el:
            self.walk(child, inner)
            self.add(child.tail, inner)
        if block:
            self.flush()


def _inner_ctx(el: etree._Element, tag: str, ctx: _Ctx) -> _Ctx:
    """The context for an element's own text and children."""
    reason = ctx.reason or _element_reason(el, tag)
    if tag in _HEADINGS:
        return replace(ctx, kind=HEADING, level=_HEADINGS[tag], reason=reason, in_text=True)
    if tag == "li":
        return replace(ctx, kind=LIST_ITEM, level=0, reason=reason, in_text=True)
    if tag in _LISTS:  # loose text in a list (no <li>) is still list items
        return replace(ctx, kind=LIST_ITEM, level=0, reason=reason, in_text=False)
    if tag == "p":
        kind = ctx.kind if ctx.in_text else PARAGRAPH  # a <p> inside an <li> stays an item
        return replace(ctx, kind=kind, reason=reason, in_text=True)
    if tag in _BLOCK_TAGS:
        return replace(ctx, reason=reason)
    bold = ctx.bold or tag in ("b", "strong") or bool(_BOLD_STYLE.search(el.get("style") or ""))
    href = ctx.href
    if tag == "a" and el.get("href") is not None and href is None:
        href = el.get("href", "").strip()
    return replace(ctx, reason=reason, bold=bold, href=href)


def _element_reason(el: etree._Element, tag: str) -> str:
    """Why an element and everything in it is page furniture ("" when it is not)."""
    if tag in ("nav", "aside"):
        return "navigation"
    if tag in ("figcaption", "caption"):
        return "caption"
    # A <header>/<footer> of the page is chrome; one inside an article is its own.
    if tag in ("header", "footer") and not any(
        a.tag in ("article", "main") for a in el.iterancestors()
    ):
        return "navigation"
    if (el.get("role") or "").lower() in _CHROME_ROLES and tag not in _NEVER_CHROME:
        return "navigation"
    if reason := _class_reason(el, tag):
        return reason
    if tag in _BLOCK_TAGS and el.find(".//a[@href]") is not None:
        links, other = [], []
        _split_links(el, links, other)
        reason = _links_reason(links, "".join(other))
        return "" if tag in _HEADINGS and reason == "links" else reason
    return ""


def _class_reason(el: etree._Element, tag: str) -> str:
    words = re.split(r"[^a-z0-9]+", f"{el.get('class', '')} {el.get('id', '')}".lower())
    reason = next((_CLASS_REASONS[w] for w in words if w in _CLASS_REASONS), "")
    if not reason or tag in _NEVER_CHROME:
        return ""
    # "page-with-sidebar" on a wrapper must not drop the page: chrome is the lesser part.
    body = next((a for a in el.iterancestors() if a.tag == "body"), None)
    if body is not None and len(el.text_content()) * 2 > len(body.text_content()):
        return ""
    return reason


def _split_links(el: etree._Element, links: list, other: list) -> None:
    """Collect an element's link texts as (text, href) and the text outside links."""
    if el.tag == "a" and el.get("href") is not None:
        links.append((el.text_content(), el.get("href", "").strip()))
        return
    other.append(el.text or "")
    for child in el:
        if isinstance(child.tag, str):
            _split_links(child, links, other)
        other.append(child.tail or "")


def _links_reason(links: list[tuple[str, str]], other: str) -> str:
    """Why text made only of links is furniture ("" when there is other text)."""
    if not links or _ALNUM.search(other):
        return ""
    hrefs = [href for _, href in links]
    if len(links) == 1 and (
        _BACK_TO_TOP.match(_collapse(links[0][0])) or hrefs[0] in ("#", "#top")
    ):
        return "navigation"
    if all(href.startswith("#") for href in hrefs):
        # Several jumps within the page are its contents; a lone one is a skip link.
        return "contents" if len(links) > 1 else "navigation"
    if len(links) > 1 and _CRUMB_SEP.search(other):
        return "navigation"  # breadcrumb: Home > Africa > Kenya
    return "links"


def _run_links(run: _Run) -> tuple[list[tuple[str, str]], str]:
    links: list[tuple[str, str]] = []
    other = []
    for text, href, _ in run.parts:
        if href is None:
            other.append(text)
        elif links and links[-1][1] == href:
            links[-1] = (links[-1][0] + text, href)
        else:
            links.append((text, href))
    return links, "".join(other)


def _is_breadcrumb(text: str) -> bool:
    """Short text of two or more capitalised labels joined by ">": a breadcrumb without links."""
    parts = [p for p in _CRUMB_SEP.split(text) if p]
    return (
        len(text) <= 150
        and len(parts) > 1
        and _CRUMB_SEP.search(text) is not None
        and not _TERMINAL.search(text)
        and all(p[0].isupper() or p[0].isdigit() for p in parts)
        and all(re.search(r"[^\W\d_]", p) and len(p.split()) <= 6 for p in parts)
    )


def _run_reason(run: _Run, text: str) -> str:
    """Why one run is furniture, from its own text and links ("" when it is body text)."""
    if run.reason:
        return run.reason
    reason = _links_reason(*_run_links(run))
    if reason and not (run.kind == HEADING and reason == "links"):
        return reason
    if _BACK_TO_TOP.match(text) or _is_breadcrumb(text):
        return "navigation"
    if _CREDIT.search(text) and word_total(text) <= 30:
        return "caption" if _PHOTO.search(text) else "header_footer"
    return ""


def _is_bold_heading(run: _Run, text: str) -> bool:
    """A paragraph that is all bold, short and not a sentence reads as a heading."""
    inked = [bold for part, _, bold in run.parts if part.strip()]
    return (
        run.kind == PARAGRAPH
        and all(inked)
        and word_total(text) > 0
        and len(text.split()) <= 15
        and not _TERMINAL.search(text)
    )


def _to_block(run: _Run) -> Block:
    text = run.text
    if reason := _run_reason(run, text):
        return Block(FURNITURE, text, reason=reason)
    if _is_bold_heading(run, text):
        return Block(HEADING, text, level=0)
    return Block(run.kind, text, level=run.level if run.kind == HEADING else 0)


def _mark_back_matter(blocks: list[Block]) -> list[Block]:
    """A heading such as "Relevant Reports:" and what follows it, up to the next heading."""
    out, in_back = [], False
    for block in blocks:
        if block.kind == HEADING:
            in_back = bool(_BACK_MATTER.match(block.text))
        if in_back and block.kind != FURNITURE:
            block = Block(FURNITURE, block.text, reason="back_matter")
        out.append(block)
    return out
