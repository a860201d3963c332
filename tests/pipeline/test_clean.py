from __future__ import annotations

from pathlib import Path

import pytest

from content.pipeline.blocks import HEADING, PARAGRAPH, Block
from content.pipeline.body import find_body
from content.pipeline.clean import is_heading_like, normalize_whitespace, split_lines
from content.pipeline.read_text import read_text
from content.pipeline.title import is_title_line

SEED = Path(__file__).resolve().parents[2] / "content" / "reports" / "north-korea-2018.txt"

PARA_A = "The government restricts all liberties. It also bans all opposition parties."
PARA_B = "Women face discrimination at school and at work. Few reach positions of power."
PARA_C = "Workers must perform unpaid labor every year. Refusing is punished by camps."


def _body(text: str) -> list[Block]:
    body = find_body(read_text(text).blocks, is_title=is_title_line, stacked_headings=False)
    assert body is not None
    return list(body.blocks)


def _texts(blocks: list[Block]) -> list[str]:
    return [block.text for block in blocks]


def test_whitespace_becomes_plain_single_spaces_and_lines_are_stripped() -> None:
    raw = "  Kim\u00a0Jong-un\u2014who  rules\t \u201ccontrol\u201d.\u00a0 \r\n \nNext\u202fline "
    assert (
        normalize_whitespace(raw) == "Kim Jong-un\u2014who rules \u201ccontrol\u201d.\n\nNext line"
    )


def test_invisible_characters_are_dropped_and_words_kept() -> None:
    assert normalize_whitespace("\ufeffNorth\u200b Korea\u2019s") == "North Korea\u2019s"


def test_lines_of_only_spaces_count_as_blank_lines() -> None:
    lines = split_lines(normalize_whitespace("Title\n \n\u00a0\nText here."))
    assert [(line.text, line.after_blank) for line in lines] == [
        ("Title", True),
        ("Text here.", True),
    ]


def test_single_newlines_keep_paragraphs_and_headings_apart() -> None:
    text = f"{PARA_A}\nForced Labor\n{PARA_C}"
    assert [line.text for line in split_lines(text)] == [PARA_A, "Forced Labor", PARA_C]


def test_a_line_continuing_in_lowercase_is_joined_to_the_one_before() -> None:
    text = (
        "The government restricts all civil and political liberties including\n"
        "freedom of expression."
    )
    assert [line.text for line in split_lines(text)] == [
        "The government restricts all civil and political liberties including "
        "freedom of expression."
    ]


def test_hard_wrapped_paragraphs_are_joined_even_at_a_capital_or_a_full_stop() -> None:
    text = (
        "The state of emergency was renewed several times in 2018 by the\n"
        "President. The Interior Ministry placed at least 134 people under\n"
        "house arrest.\n"
        "\n"
        "Detention\n"
        "\n"
        "Courts sentenced several people to prison terms for insulting the\n"
        "army on Facebook."
    )
    assert [line.text for line in split_lines(text)] == [
        "The state of emergency was renewed several times in 2018 by the President. "
        "The Interior Ministry placed at least 134 people under house arrest.",
        "Detention",
        "Courts sentenced several people to prison terms for insulting the army on Facebook.",
    ]


def test_long_lines_are_never_treated_as_wrapped() -> None:
    text = f"{PARA_A} {PARA_B}\nForced Labor\n\n{PARA_C} {PARA_A}"
    assert len(split_lines(text)) == 3


@pytest.mark.parametrize(
    "text",
    [
        "Forced Labor",
        "Rights of Women, Other At-Risk Groups",
        "Border-Tightening",
        "2018 Elections",
    ],
)
def test_short_capitalised_lines_without_a_full_stop_look_like_headings(text: str) -> None:
    assert is_heading_like(text)


@pytest.mark.parametrize(
    "text",
    [
        "The camps remain open.",
        "illustration",
        "201901wr_equatorialguinea_human_rights",
        "Share this via Facebook",
        "Skip to main content",
        "© 2018 AP Photo/Evan Vucci",
        "Can Algorithms Save Us from Human Error?",
        "A line that goes on and on with far too many words to be any kind of a heading at all",
        "Including:",
    ],
)
def test_sentences_chrome_and_long_lines_are_not_headings(text: str) -> None:
    assert not is_heading_like(text)


def test_the_seed_body_starts_at_its_first_paragraph_not_at_the_caption() -> None:
    body = find_body(read_text(SEED.read_text(encoding="utf-8")).blocks, is_title=is_title_line)
    assert body is not None
    assert body.blocks[0].text.startswith(
        "North Korea remains one of the world\u2019s most repressive states."
    )


def test_a_caption_with_its_credit_is_never_the_body_start() -> None:
    text = (
        "Police detain a protester in the capital on May 1, 2018. Hundreds were held.\n\n"
        "\u00a9 2018 Reuters\n\n"
        f"{PARA_A}\n\n{PARA_B}"
    )
    assert _texts(_body(text)) == [PARA_A, PARA_B]


def test_teasers_and_navigation_before_the_body_are_dropped() -> None:
    text = (
        "Skip to main content\nKeynote\nEssays\n\u00a0\nillustration\n"
        "Can Algorithms Save Us from Human Error?\n\n"
        "Human Judgment and Responsibility in the Age of Technology\n\n"
        f"{PARA_A}\n\n{PARA_B}"
    )
    assert _texts(_body(text)) == [PARA_A, PARA_B]


def test_headings_between_paragraphs_are_kept_as_headings() -> None:
    blocks = _body(f"{PARA_A}\n\nForced Labor\n\n{PARA_C}")
    assert blocks == [
        Block(PARAGRAPH, PARA_A),
        Block(HEADING, "Forced Labor"),
        Block(PARAGRAPH, PARA_C),
    ]


def test_short_lines_not_followed_by_prose_are_dropped() -> None:
    blocks = _body(f"{PARA_A}\n\nillustration\n\n{PARA_B}\n\nSome Teaser Title\n\n{PARA_C}\n\nEnd")
    # "Some Teaser Title" is followed by prose, so it stays as a heading; the
    # navigation word and the dangling last line go.
    assert _texts(blocks) == [PARA_A, PARA_B, "Some Teaser Title", PARA_C]


def test_list_items_inside_the_body_are_kept_as_paragraphs() -> None:
    items = [
        "\u2022 Release all political prisoners;",
        "\u2022 Close the labor camps;",
        "\u2022 Allow monitors into the country.",
        "1. Ratify the torture convention",
    ]
    blocks = _body("\n".join([PARA_A, "Recommendations", *items, PARA_B]))
    assert _texts(blocks) == [PARA_A, "Recommendations", *items, PARA_B]


def test_a_navigation_word_between_a_heading_and_its_prose_is_dropped() -> None:
    blocks = _body(f"{PARA_A}\n\nForced Labor\n\nillustration\n\n{PARA_C}")
    assert blocks == [
        Block(PARAGRAPH, PARA_A),
        Block(HEADING, "Forced Labor"),
        Block(PARAGRAPH, PARA_C),
    ]


def test_a_caption_and_credit_inside_the_body_are_dropped() -> None:
    text = (
        f"{PARA_A}\n\n"
        "A nurse checks on a newborn baby at a hospital in the capital.\n\n"
        "\u00a9 2018 Jane Doe for Human Rights Watch\n\n"
        f"{PARA_B}"
    )
    assert _texts(_body(text)) == [PARA_A, PARA_B]


def test_a_copyright_footer_ends_the_body_without_eating_the_last_paragraph() -> None:
    text = f"{PARA_A}\n\n{PARA_B}\n\n\u00a9 2019 Human Rights Watch\n\nPrivacy Policy"
    assert _texts(_body(text)) == [PARA_A, PARA_B]


def test_trailing_share_links_donate_and_related_content_end_the_body() -> None:
    text = (
        f"{PARA_A}\n\nForced Labor\n\n{PARA_C}\n\n"
        "Share this via Facebook\nShare this via Twitter\nDonate\n"
        "Your gift can help stop human rights violations and save lives around the world.\n"
        "Related Content\nChina: New Crackdown\n"
        "A report on the crackdown in the west of the country.\n"
    )
    assert _texts(_body(text)) == [PARA_A, "Forced Labor", PARA_C]


def test_a_run_of_short_lines_ends_the_body() -> None:
    text = (
        f"{PARA_A}\n\n{PARA_B}\n\nAsia\nNorth Korea\nWomen\u2019s Rights\n"
        "Some Campaign Name\nThe campaign asks governments to act. Join it today, please."
    )
    assert _texts(_body(text)) == [PARA_A, PARA_B]


def test_no_prose_means_no_body() -> None:
    blocks = read_text("Home\nNews\nNorth Korea\nEvents of 2018\napple banana cherry").blocks
    assert find_body(blocks, is_title=is_title_line) is None
