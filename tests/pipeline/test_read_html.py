"""The HTML reader: web pages to headings, paragraphs, list items and furniture."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from content.pipeline.blocks import FURNITURE, HEADING, LIST_ITEM, PARAGRAPH, Block
from content.pipeline.read_html import read_html
from content.pipeline.types import PipelineError

# The real pages, with their expectations and provenance (corpus/README.md): tests only.
PAGES = Path(__file__).resolve().parent / "corpus"
CORPUS = sorted(p.stem for p in PAGES.glob("hrw-*.html"))


def _read(body: str, head: str = "<title>T</title>") -> tuple[Block, ...]:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return read_html(html.encode("utf-8")).blocks


def _kinds(blocks) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in blocks]


def _furniture(blocks) -> list[tuple[str, str]]:
    return [(b.reason, b.text) for b in blocks if b.kind == FURNITURE]


def _body_text(blocks) -> str:
    return " ".join(b.text for b in blocks if b.kind != FURNITURE)


PROSE = "<p>The courts imposed cruel punishments on many prisoners in 2000.</p>"


# --- text inside blocks ---------------------------------------------------------------


def test_inline_tags_join_text_without_gluing_words_or_adding_spaces() -> None:
    blocks = _read(
        "<p>The PSO<b> </b>contributed to it.</p>"
        "<p>A militant<b>, </b>Abu <i>Hamza</i>, was held (See <a href='x.html'>Rights</a>.)</p>"
        "<p>Go<span>ing</span> <em>fast</em>; <font>slow</font>!</p>"
    )
    assert [b.text for b in blocks] == [
        "The PSO contributed to it.",
        "A militant, Abu Hamza, was held (See Rights.)",
        "Going fast; slow!",
    ]


def test_whitespace_collapsed_entities_decoded_and_non_ascii_kept() -> None:
    blocks = _read("<p>  In\n Petit-Go&acirc;ve &amp;\tJérémie&nbsp;&nbsp;it rained.  </p>")
    assert [b.text for b in blocks] == ["In Petit-Goâve & Jérémie it rained."]


def test_h_tags_are_headings_with_their_own_level_and_text_as_written() -> None:
    blocks = _read("".join(f"<h{n}> Head <i>{n}</i> </h{n}>" for n in range(1, 7)) + PROSE)
    assert [(b.kind, b.level, b.text) for b in blocks[:6]] == [
        (HEADING, n, f"Head {n}") for n in range(1, 7)
    ]
    assert _read("<h4><br/><a name='x'>HUMAN RIGHTS DEVELOPMENTS</a></h4>" + PROSE)[0] == Block(
        HEADING, "HUMAN RIGHTS DEVELOPMENTS", level=4
    )


def test_bold_line_alone_is_a_level_0_heading() -> None:
    blocks = _read(
        "<b><font face='Arial'>Human Rights Developments</font></b>\n"
        + PROSE
        + "<p><strong>Defending Rights:</strong> </p>"
        + PROSE
    )
    assert blocks[0] == Block(HEADING, "Human Rights Developments", level=0)
    assert blocks[2] == Block(HEADING, "Defending Rights:", level=0)


@pytest.mark.parametrize(
    "body",
    [
        "<p><b>The police beat him.</b></p>",  # a sentence, not a title
        "<p><b>Women</b> faced discrimination</p>",  # only partly bold
        "<p><b>" + "word " * 20 + "</b></p>",  # too long for a heading
        "<ul><li><b>Children</b></li></ul>",  # a list item stays a list item
    ],
)
def test_bold_text_that_is_not_a_heading_stays_body_text(body: str) -> None:
    assert all(b.kind != HEADING for b in _read(body))


def test_br_splits_loose_text_but_a_single_br_in_a_paragraph_is_a_space() -> None:
    blocks = _read(
        "<font>First loose run.<br>Second loose run.</font>"
        "<p>One line<br>continues.<br><br>New paragraph.</p>"
        "<div>In a div.<div>Nested div.</div>Tail of div.</div>"
        "<table><tr><td>Cell one.</td><td>Cell two.</td></tr></table>"
    )
    assert _kinds(blocks) == [
        (PARAGRAPH, "First loose run."),
        (PARAGRAPH, "Second loose run."),
        (PARAGRAPH, "One line continues."),
        (PARAGRAPH, "New paragraph."),
        (PARAGRAPH, "In a div."),
        (PARAGRAPH, "Nested div."),
        (PARAGRAPH, "Tail of div."),
        (PARAGRAPH, "Cell one."),
        (PARAGRAPH, "Cell two."),
    ]


def test_list_items_and_paragraphs_inside_them() -> None:
    blocks = _read(PROSE + "<ol><li>First item.</li><li><p>Second</p><p>part.</p></li></ol>")
    assert _kinds(blocks)[1:] == [
        (LIST_ITEM, "First item."),
        (LIST_ITEM, "Second"),
        (LIST_ITEM, "part."),
    ]


# --- what vanishes and what the page says about itself ----------------------------------


def test_head_scripts_styles_and_comments_vanish_even_from_furniture() -> None:
    head = (
        "<title>World Report: Yemen</title><style>body { font-family: Arial; }</style>"
        "<link rel='canonical' href='https://example.org/yemen'>"
    )
    body = (
        "<script>var x = 'tracking';</script><noscript>Enable JavaScript</noscript>"
        "<template><p>Hidden template</p></template><!-- a comment -->" + PROSE
    )
    result = read_html(f"<html><head>{head}</head><body>{body}</body></html>".encode())
    assert _kinds(result.blocks) == [(PARAGRAPH, PROSE[3:-4])]
    assert result.format == "html"
    assert result.hints == {
        "title": "World Report: Yemen",
        "source_url": "https://example.org/yemen",
    }


def test_og_url_is_the_source_url_when_there_is_no_canonical_link() -> None:
    head = "<meta property='og:url' content='https://example.org/page'>"
    html = f"<html><head>{head}</head><body>{PROSE}</body></html>"
    assert read_html(html.encode()).hints == {"source_url": "https://example.org/page"}


# --- furniture --------------------------------------------------------------------------


def test_page_chrome_elements_are_navigation_furniture() -> None:
    blocks = _read(
        "<header><p>Site name</p></header><nav><ul><li>Home</li><li>About</li></ul></nav>"
        "<div class='breadcrumbs'>Home / Africa</div><div role='navigation'>Skip</div>"
        + PROSE
        + "<aside><p>Sidebar text</p></aside><div id='site-footer'>Contact us</div>"
        "<footer>Privacy policy</footer>"
    )
    assert _furniture(blocks) == [
        ("navigation", "Site name"),
        ("navigation", "Home"),
        ("navigation", "About"),
        ("navigation", "Home / Africa"),
        ("navigation", "Skip"),
        ("navigation", "Sidebar text"),
        ("navigation", "Contact us"),
        ("navigation", "Privacy policy"),
    ]
    assert _body_text(blocks) == PROSE[3:-4]


def test_share_related_and_toc_boxes_by_class_are_furniture() -> None:
    blocks = _read(
        "<div id='toc'>Contents</div>"
        + PROSE
        + "<div class='share-bar'>Share this</div><div class='related'>More</div>"
    )
    assert _furniture(blocks) == [
        ("contents", "Contents"),
        ("links", "Share this"),
        ("links", "More"),
    ]


def test_header_inside_an_article_and_a_chrome_sounding_wrapper_are_kept() -> None:
    blocks = _read(
        "<div class='page-with-sidebar'><article><header><h1>Kenya</h1></header>"
        + PROSE
        + "</article></div>"
    )
    assert _kinds(blocks) == [(HEADING, "Kenya"), (PARAGRAPH, PROSE[3:-4])]


def test_a_chrome_sounding_class_on_body_or_main_does_not_drop_the_page() -> None:
    html = f"<html><body class='has-sidebar'><h1>Kenya</h1>{PROSE}</body></html>"
    assert not _furniture(read_html(html.encode()).blocks)
    for tag in ("main", "article"):
        html = f"<body><{tag} class='menu-open'><h1>Kenya</h1>{PROSE}</{tag}><p>Short.</p></body>"
        assert not _furniture(read_html(html.encode()).blocks)


def test_breadcrumbs_with_or_without_links_are_navigation() -> None:
    blocks = _read(
        "<h5><a href='contents.html'>Table of Contents</a> &gt; <a href='africa.html'>Africa</a>"
        " &gt; </h5>" + PROSE + "<p>Home &gt; Africa &gt; Kenya</p><p>Value x &gt; 5 here.</p>"
    )
    assert _furniture(blocks) == [
        ("navigation", "Table of Contents > Africa >"),
        ("navigation", "Home > Africa > Kenya"),
    ]
    assert "Value x > 5 here." in _body_text(blocks)


def test_in_page_contents_list_is_contents_furniture() -> None:
    blocks = _read(
        "<ul><br/><a href='#dev'>Human Rights Developments</a><br/><br/>"
        "<a href='#def'>Defending Human Rights</a><br/></ul>"
        "<h4><a name='dev'>HUMAN RIGHTS DEVELOPMENTS</a></h4>" + PROSE
    )
    assert _furniture(blocks) == [
        ("contents", "Human Rights Developments"),
        ("contents", "Defending Human Rights"),
    ]
    assert blocks[2] == Block(HEADING, "HUMAN RIGHTS DEVELOPMENTS", level=4)


@pytest.mark.parametrize(
    "link", ["<a href='#top'>Back to Top</a>", "<a href='#'>Top</a>", "Back to top ↑"]
)
def test_back_to_top_is_navigation(link: str) -> None:
    assert _furniture(_read(PROSE + f"<p>{link}</p>"))[0][0] == "navigation"


def test_relevant_reports_heading_and_its_list_are_back_matter_until_the_next_heading() -> None:
    blocks = _read(
        PROSE + "<h4><br/><font>RELEVANT HUMAN RIGHTS WATCH REPORTS:</font></h4>"
        "<p><i><a href='http://x.org/r'>In the Shadow of Death</a></i>, 6/01"
        "<p>Another report, 2/01</p>"
        "<h4>Annex</h4><p>Body again.</p>"
    )
    assert _furniture(blocks) == [
        ("back_matter", "RELEVANT HUMAN RIGHTS WATCH REPORTS:"),
        ("back_matter", "In the Shadow of Death, 6/01"),
        ("back_matter", "Another report, 2/01"),
    ]
    assert _kinds(blocks)[-2:] == [(HEADING, "Annex"), (PARAGRAPH, "Body again.")]


def test_headings_that_merely_start_like_back_matter_stay_headings() -> None:
    blocks = _read("<h4>Recent Developments</h4>" + PROSE + "<h4>Other Concerns</h4>" + PROSE)
    assert not _furniture(blocks)


def test_link_lists_are_links_but_a_linked_heading_stays_a_heading() -> None:
    blocks = _read(
        "<h2><a href='/story'>A story</a></h2>"
        + PROSE
        + "<ul><li><a href='/a'>Report A</a></li><li><a href='/b'>Report B</a></li></ul>"
    )
    assert blocks[0] == Block(HEADING, "A story", level=2)
    assert _furniture(blocks) == [("links", "Report A"), ("links", "Report B")]


def test_captions_and_photo_credits_are_caption_furniture() -> None:
    blocks = _read(
        "<figure><img src='a.jpg'><figcaption>Protesters in Nairobi.</figcaption></figure>"
        "<p>© 2018 AP Photo/Jane Doe</p>" + PROSE + "<p>© 2003 Human Rights Watch</p>"
    )
    assert _furniture(blocks) == [
        ("caption", "Protesters in Nairobi."),
        ("caption", "© 2018 AP Photo/Jane Doe"),
        ("header_footer", "© 2003 Human Rights Watch"),
    ]


# --- bytes and broken markup ------------------------------------------------------------


def test_meta_charset_is_honoured() -> None:
    html = "<html><head><meta charset='iso-8859-1'></head><body><p>Petit-Goâve “x”</p></body>"
    blocks = read_html(html.encode("cp1252")).blocks
    assert blocks[0].text == "Petit-Goâve “x”"


def test_bom_wins_and_bad_utf8_bytes_are_replaced() -> None:
    assert read_html(b"\xef\xbb\xbf<p>G\xc3\xa9rard spoke.</p>").blocks[0].text == "Gérard spoke."
    assert read_html(b"<p>G\xe9rard spoke.</p>").blocks[0].text == "G\ufffdrard spoke."
    utf16 = "<p>Ekéus spoke.</p>".encode("utf-16")
    assert read_html(utf16).blocks[0].text == "Ekéus spoke."


def test_xml_declaration_and_control_characters_do_not_break_parsing() -> None:
    data = b'<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>A\x00B\x0bC.</p></body></html>'
    assert read_html(data).blocks[0].text == "ABC."


def test_malformed_nesting_keeps_text_in_order() -> None:
    blocks = _read(
        "<font face='GENEVA'><h1>Kenya</h1><p>First <b>bold <i>both</b> italic</i> end."
        "<p>Unclosed one<p>Second</font></p></p><li>Stray item</div>"
    )
    assert _kinds(blocks) == [
        (HEADING, "Kenya"),
        (PARAGRAPH, "First bold both italic end."),
        (PARAGRAPH, "Unclosed one"),
        (PARAGRAPH, "Second"),
        (LIST_ITEM, "Stray item"),
    ]


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"", "empty"),
        (b"  \n", "empty"),
        (b"<html><head><title>T</title></head><body>  </body></html>", "empty"),
        (b"<html><body><script>x()</script><!-- c --></body></html>", "empty"),
        (b"<body><nav><a href='/'>Home</a></nav><p><a href='#top'>Top</a></p></body>", "furn"),
        (b"<body><ul><li><a href='/a'>A</a></li><li><a href='/b'>B</a></li></ul></body>", "furn"),
    ],
)
def test_no_body_text_raises_a_one_line_pipeline_error(data: bytes, why: str) -> None:
    with pytest.raises(PipelineError, match=r"^No text found in the web page: ") as error:
        read_html(data)
    message = str(error.value)
    assert "\n" not in message
    assert ("furniture" in message) == (why == "furn")


# --- the real pages ---------------------------------------------------------------------


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("name", CORPUS)
def test_corpus_page_keeps_chapter_and_drops_chrome(name: str) -> None:
    expect = json.loads((PAGES / "expect" / f"{name}.json").read_text(encoding="utf-8"))
    data = (PAGES / f"{name}.html").read_bytes()
    result = read_html(data)
    title = re.search(rb"<title>(.*?)</title>", data, re.S)[1].decode("utf-8")
    assert result.hints["title"] == _squash(title)
    headings = [b.text for b in result.blocks if b.kind == HEADING]
    assert expect["title"] in headings
    for heading in expect["headings"]:
        assert heading in headings
    body = _squash(_body_text(result.blocks))
    for probe in expect["probes"]:
        assert _squash(probe) in body
    for chrome in expect["chrome"]:
        assert chrome not in body
        assert not any(chrome in b.text for b in result.blocks if b.kind != FURNITURE)


def test_corpus_pages_have_four_pages() -> None:
    assert CORPUS == ["hrw-haiti-2003", "hrw-kenya-2002", "hrw-ukraine-2003", "hrw-yemen-2001"]


def test_yemen_heading_is_bold_text_and_its_quirks_read_cleanly() -> None:
    blocks = read_html((PAGES / "hrw-yemen-2001.html").read_bytes()).blocks
    assert Block(HEADING, "Human Rights Developments", level=0) in blocks
    assert not _furniture(blocks)
    body = _body_text(blocks)
    assert "The PSO contributed to" in body
    assert "militant, Abu" in body
    assert "  " not in body


def test_kenya_furniture_reasons_and_cross_reference() -> None:
    blocks = read_html((PAGES / "hrw-kenya-2002.html").read_bytes()).blocks
    assert [reason for reason, _ in _furniture(blocks)] == (
        ["navigation"] + ["contents"] * 3 + ["back_matter"] * 2 + ["navigation"] * 2
    )
    assert "(See Children's Rights.)" in _body_text(blocks)
    assert Block(HEADING, "European Union", level=4) in blocks


def test_haiti_keeps_the_untitled_opening_and_accents() -> None:
    blocks = read_html((PAGES / "hrw-haiti-2003.html").read_bytes()).blocks
    kept = [b for b in blocks if b.kind != FURNITURE]
    assert [b.kind for b in kept[:4]] == [HEADING, PARAGRAPH, PARAGRAPH, HEADING]
    assert _body_text(blocks).count("Petit-Goâve") == 4
