"""Charts drawn on the server as inline SVG, so the progress page needs no chart script.

Each chart is an ``<svg role="img">`` named by its own ``<title>`` and ``<desc>`` (through
``aria-labelledby``), with every number also written as text, so it reads without colour and
without sight; the page shows the same numbers in a table as well.

Lengths across the chart are percentages of the SVG's own width and lengths down it are
pixels: the bars stretch with the column from a 320 px phone to a wide screen while the text
stays at the page's size (a viewBox would shrink the labels on a phone).

The markup is built with ElementTree, which escapes every label and attribute, so a topic name
can never inject markup into the page.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import date

from django.utils.safestring import SafeString, mark_safe

SVG_NS = "http://www.w3.org/2000/svg"

# Topic chart: one row per topic, the name and percentage above a bar.
ROW_HEIGHT = 52
LABEL_BASELINE = 20
BAR_TOP = 28
BAR_HEIGHT = 14

# Activity chart: one column per day.
PLOT_TOP = 24
PLOT_HEIGHT = 120
AXIS_HEIGHT = 26
ZERO_MARK = 2  # a day without answers still shows as a sliver on the baseline
COLUMN_GAP = 0.6  # percent of the width between two days


def _svg(chart_id: str, title: str, desc: str, height: int, css_class: str) -> ET.Element:
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "class": f"chart {css_class}",
            "width": "100%",
            "height": str(height),
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "id": chart_id,
        },
    )
    ET.SubElement(svg, "title", {"id": f"{chart_id}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-desc"}).text = desc
    return svg


def _render(svg: ET.Element) -> SafeString:
    # ElementTree escaped every text and attribute value while serializing.
    return mark_safe(ET.tostring(svg, encoding="unicode"))


def _percent(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def mastery_chart(
    rows: Sequence[tuple[str, int]],
    *,
    chart_id: str = "mastery-chart",
    title: str = "Mastery per topic",
) -> SafeString:
    """A horizontal bar per topic: ``rows`` are (topic name, mastery 0-100)."""
    clamped = [(name, max(0, min(100, round(value)))) for name, value in rows]
    if clamped:
        listed = "; ".join(f"{name}: {value}%" for name, value in clamped)
        desc = f"Mastery from 0 to 100% for {len(clamped)} topics. {listed}."
    else:
        desc = "No topics to show yet."
    svg = _svg(chart_id, title, desc, max(ROW_HEIGHT, ROW_HEIGHT * len(clamped)), "bars")
    for index, (name, value) in enumerate(clamped):
        top = index * ROW_HEIGHT
        row = ET.SubElement(svg, "g", {"class": "row"})
        ET.SubElement(
            row, "text", {"x": "0", "y": str(top + LABEL_BASELINE), "class": "label"}
        ).text = name
        ET.SubElement(
            row,
            "text",
            {"x": "100%", "y": str(top + LABEL_BASELINE), "text-anchor": "end", "class": "value"},
        ).text = f"{value}%"
        geometry = {"x": "0", "y": str(top + BAR_TOP), "height": str(BAR_HEIGHT), "rx": "3"}
        ET.SubElement(row, "rect", {**geometry, "width": "100%", "class": "track"})
        if value:
            ET.SubElement(row, "rect", {**geometry, "width": _percent(value), "class": "bar"})
    return _render(svg)


def _day_label(day: date) -> str:
    return f"{day:%b} {day.day}"


def activity_chart(
    days: Sequence[tuple[date, int]],
    *,
    chart_id: str = "activity-chart",
    title: str = "Answers per day",
) -> SafeString:
    """A column per day, oldest first: ``days`` are (date, answers that day), zero days included."""
    height = PLOT_TOP + PLOT_HEIGHT + AXIS_HEIGHT
    if not days:
        return _render(_svg(chart_id, title, "No days to show.", height, "columns"))
    counts = [max(0, count) for _, count in days]
    total, peak = sum(counts), max(counts)
    first, last = days[0][0], days[-1][0]
    span = f"{len(days)} days from {_day_label(first)} to {_day_label(last)}"
    if total:
        active = sum(1 for count in counts if count)
        peak_day = days[counts.index(peak)][0]
        desc = (
            f"Answers per day over {span}: {total} answers on {active} of those days; "
            f"the most in one day was {peak}, on {_day_label(peak_day)}."
        )
    else:
        desc = f"No answers in the {span}."
    svg = _svg(chart_id, title, desc, height, "columns")

    baseline = PLOT_TOP + PLOT_HEIGHT
    ET.SubElement(
        svg,
        "text",
        {"x": "0", "y": str(PLOT_TOP - 8), "class": "scale"},
    ).text = f"{peak} answers" if peak != 1 else "1 answer"
    ET.SubElement(
        svg,
        "line",
        {"x1": "0", "y1": str(PLOT_TOP), "x2": "100%", "y2": str(PLOT_TOP), "class": "gridline"},
    )
    slot = 100 / len(days)
    for index, ((day, _), count) in enumerate(zip(days, counts, strict=True)):
        bar_height = round(PLOT_HEIGHT * count / peak) if count else ZERO_MARK
        bar_height = max(bar_height, ZERO_MARK)
        column = ET.SubElement(
            svg,
            "rect",
            {
                "x": _percent(index * slot + COLUMN_GAP / 2),
                "y": str(baseline - bar_height),
                "width": _percent(slot - COLUMN_GAP),
                "height": str(bar_height),
                "class": "bar" if count else "zero",
            },
        )
        # A tooltip for pointer users; screen readers get the description and the table.
        ET.SubElement(column, "title").text = f"{_day_label(day)}: {count}"
    ET.SubElement(
        svg,
        "line",
        {"x1": "0", "y1": str(baseline), "x2": "100%", "y2": str(baseline), "class": "axis"},
    )
    label_y = str(baseline + AXIS_HEIGHT - 6)
    ET.SubElement(svg, "text", {"x": "0", "y": label_y, "class": "tick"}).text = _day_label(first)
    ET.SubElement(
        svg, "text", {"x": "100%", "y": label_y, "text-anchor": "end", "class": "tick"}
    ).text = _day_label(last)
    return _render(svg)
