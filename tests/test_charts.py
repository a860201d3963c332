"""The server-drawn SVG charts: accessible names, honest geometry, escaped labels."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup

from quiz.charts import PLOT_HEIGHT, ZERO_MARK, activity_chart, mastery_chart

TOPICS = [("Forced labor", 42), ("Borders, refugees and migration", 0), ("UN", 100)]


def svg_of(markup: str):
    soup = BeautifulSoup(markup, "html.parser")
    svgs = soup.find_all("svg")
    assert len(svgs) == 1
    return svgs[0]


def percent(value: str) -> float:
    assert value.endswith("%"), value
    return float(value[:-1])


def days(counts: list[int], last: date = date(2018, 12, 31)) -> list[tuple[date, int]]:
    first = last - timedelta(days=len(counts) - 1)
    return [(first + timedelta(days=n), count) for n, count in enumerate(counts)]


@pytest.mark.parametrize(
    "markup",
    [mastery_chart(TOPICS), activity_chart(days([0, 3, 1])), mastery_chart([]), activity_chart([])],
    ids=["mastery", "activity", "mastery-empty", "activity-empty"],
)
def test_each_chart_is_an_image_named_by_its_own_title_and_description(markup):
    svg = svg_of(markup)

    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find("title", id=title_id, recursive=False).get_text().strip()
    assert svg.find("desc", id=desc_id, recursive=False).get_text().strip()


def test_the_mastery_chart_writes_each_topic_and_its_percentage_as_text():
    svg = svg_of(mastery_chart(TOPICS))

    texts = [text.get_text() for text in svg.find_all("text")]
    assert texts == [
        "Forced labor",
        "42%",
        "Borders, refugees and migration",
        "0%",
        "UN",
        "100%",
    ]


def test_the_mastery_bars_are_as_long_as_the_percentages():
    svg = svg_of(mastery_chart(TOPICS))

    bars = [percent(rect["width"]) for rect in svg.select("rect.bar")]
    tracks = [percent(rect["width"]) for rect in svg.select("rect.track")]
    assert bars == [42, 100]  # a 0% topic has its track and no bar
    assert tracks == [100, 100, 100]


def test_the_mastery_description_lists_every_topic_with_its_number():
    desc = svg_of(mastery_chart(TOPICS)).find("desc").get_text()

    assert "3 topics" in desc
    for name, value in TOPICS:
        assert f"{name}: {value}%" in desc


def test_out_of_range_values_are_clamped_to_0_and_100():
    svg = svg_of(mastery_chart([("Over", 130), ("Under", -5)]))

    assert [text.get_text() for text in svg.select("text.value")] == ["100%", "0%"]
    assert [percent(rect["width"]) for rect in svg.select("rect.bar")] == [100]


def test_rows_do_not_overlap_and_the_chart_is_tall_enough_for_all_of_them():
    svg = svg_of(mastery_chart(TOPICS))

    tracks = svg.select("rect.track")
    tops = [int(rect["y"]) for rect in tracks]
    assert tops == sorted(tops)
    assert all(b - a >= int(tracks[0]["height"]) for a, b in zip(tops, tops[1:], strict=False))
    assert int(svg["height"]) >= tops[-1] + int(tracks[-1]["height"])


def test_topic_names_are_escaped_not_injected():
    markup = mastery_chart([('<script>alert("x")</script> & co', 10)])

    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup
    assert svg_of(markup).find("text").get_text() == '<script>alert("x")</script> & co'


def test_the_activity_chart_has_a_column_for_every_day_zero_days_included():
    counts = [0] * 30
    counts[3], counts[29] = 4, 8
    svg = svg_of(activity_chart(days(counts)))

    columns = svg.find_all("rect")
    assert len(columns) == 30
    assert [c["class"] for c in columns].count(["zero"]) == 28
    # Left to right, oldest first, none overlapping the next.
    lefts = [percent(c["x"]) for c in columns]
    assert lefts == sorted(lefts)
    assert all(
        percent(c["x"]) + percent(c["width"]) <= n
        for c, n in zip(columns[:-1], lefts[1:], strict=True)
    )
    assert percent(columns[-1]["x"]) + percent(columns[-1]["width"]) <= 100


def test_activity_columns_are_as_tall_as_their_counts_and_zero_days_are_a_sliver():
    svg = svg_of(activity_chart(days([0, 2, 8, 4])))

    heights = [int(c["height"]) for c in svg.find_all("rect")]
    assert heights == [ZERO_MARK, PLOT_HEIGHT // 4, PLOT_HEIGHT, PLOT_HEIGHT // 2]
    # All columns stand on one baseline.
    assert len({int(c["y"]) + int(c["height"]) for c in svg.find_all("rect")}) == 1


def test_each_activity_column_names_its_day_and_count_for_pointer_users():
    svg = svg_of(activity_chart(days([0, 5], last=date(2018, 12, 31))))

    assert [c.find("title").get_text() for c in svg.find_all("rect")] == [
        "Dec 30: 0",
        "Dec 31: 5",
    ]


def test_the_activity_description_sums_up_the_period():
    counts = [0] * 30
    counts[10], counts[20] = 7, 3
    desc = svg_of(activity_chart(days(counts, last=date(2018, 12, 31)))).find("desc").get_text()

    assert "30 days from Dec 2 to Dec 31" in desc
    assert "10 answers on 2 of those days" in desc
    assert "the most in one day was 7, on Dec 12" in desc


def test_an_empty_month_says_so_and_labels_its_ends():
    svg = svg_of(activity_chart(days([0] * 30, last=date(2018, 12, 31))))

    assert "No answers" in svg.find("desc").get_text()
    ticks = [t.get_text() for t in svg.select("text.tick")]
    assert ticks == ["Dec 2", "Dec 31"]
    assert svg.select("rect.bar") == []


def test_two_charts_on_one_page_keep_their_ids_apart():
    first = svg_of(mastery_chart(TOPICS, chart_id="a"))
    second = svg_of(activity_chart(days([1]), chart_id="b"))

    ids = {tag["id"] for svg in (first, second) for tag in svg.find_all(id=True)} | {
        first["id"],
        second["id"],
    }
    assert len(ids) == 6
