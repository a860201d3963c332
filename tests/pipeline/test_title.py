from __future__ import annotations

import pytest

from content.pipeline.title import TitleCandidate, choose_title, find_title_candidates


@pytest.mark.parametrize(
    ("lines", "name", "period"),
    [
        (["North Korea", "Events of 2018"], "North Korea", "Events of 2018"),
        (["Skip to main content", "Burundi", "Events of 2017"], "Burundi", "Events of 2017"),
        (["World Report 2019 - Kenya"], "Kenya", "Events of 2018"),
        (["World Report 2019 \u2013 Kenya"], "Kenya", "Events of 2018"),
        (["World Report 2019 \u2014 Kenya"], "Kenya", "Events of 2018"),
        (["World Report 2019: Kenya"], "Kenya", "Events of 2018"),
        (["World Report 2020 - Sri Lanka"], "Sri Lanka", "Events of 2019"),
        (["World Report 2018 - Burma: Events of 2017"], "Burma", "Events of 2017"),
        (["World Report 2018 \u2014 Burma \u2014 Events of 2017"], "Burma", "Events of 2017"),
        (["World Report 2019 - Kenya", "Events of 2018"], "Kenya", "Events of 2018"),
        (["Cambodia: Events of 2017"], "Cambodia", "Events of 2017"),
        (["Cambodia \u2013 Events of 2017"], "Cambodia", "Events of 2017"),
        (
            ["World Report 2019: Rights Trends in Tunisia | Human Rights Watch"],
            "Tunisia",
            "Events of 2018",
        ),
        (
            ["Democratic Republic of Congo", "events of 2018"],
            "Democratic Republic of Congo",
            "Events of 2018",
        ),
    ],
)
def test_each_title_layout_gives_the_name_and_period(
    lines: list[str], name: str, period: str
) -> None:
    candidates = find_title_candidates(lines)
    assert [(c.name, c.period) for c in candidates] == [(name, period)]


@pytest.mark.parametrize(
    "lines",
    [
        ["Skip to main content", "Keynote", "Essays"],
        ["The government restricts all liberties.", "Events of 2018"],
        ["201901wr_equatorialguinea_human_rights", "Events of 2018"],
        ["Events of 2018"],
        ["illustration", "Events of 2018"],
        [],
    ],
)
def test_lines_without_a_country_name_give_no_title(lines: list[str]) -> None:
    assert find_title_candidates(lines) == []


def test_every_country_and_events_pair_is_a_candidate_in_order() -> None:
    lines = ["North Korea", "Events of 2018", "illustration", "Equatorial Guinea", "Events of 2018"]
    assert [c.name for c in find_title_candidates(lines)] == ["North Korea", "Equatorial Guinea"]


def test_the_name_the_body_uses_most_wins_even_when_it_comes_last() -> None:
    candidates = [
        TitleCandidate("Equatorial Guinea", "Events of 2018", 0),
        TitleCandidate("North Korea", "Events of 2018", 3),
    ]
    body = "North Korea remains repressive. North Korea fired missiles. China helped."
    assert choose_title(candidates, body) == candidates[1]


def test_demonyms_count_for_the_country() -> None:
    candidates = [
        TitleCandidate("Lebanon", "Events of 2018", 0),
        TitleCandidate("Syria", "Events of 2018", 2),
    ]
    body = "The Syrian government retook Daraa. Syrians fled to Lebanon. Syrian forces advanced."
    assert choose_title(candidates, body) == candidates[1]


def test_a_longer_name_is_not_counted_for_a_shorter_one() -> None:
    candidates = [
        TitleCandidate("Niger", "Events of 2018", 0),
        TitleCandidate("Nigeria", "Events of 2018", 2),
    ]
    body = "Nigeria held elections. Nigerian forces fought Boko Haram in Nigeria's north."
    assert choose_title(candidates, body) == candidates[1]


def test_words_of_the_name_break_a_tie_when_the_body_never_spells_it_out() -> None:
    candidates = [
        TitleCandidate("Central African Republic", "Events of 2018", 0),
        TitleCandidate("Democratic Republic of Congo", "Events of 2018", 2),
    ]
    body = "Congo's president delayed the vote. Violence in Congo displaced many. The Republic..."
    assert choose_title(candidates, body) == candidates[1]


def test_on_a_full_tie_the_first_candidate_wins() -> None:
    candidates = [
        TitleCandidate("Kenya", "Events of 2018", 0),
        TitleCandidate("Uganda", "Events of 2018", 2),
    ]
    assert choose_title(candidates, "Nothing about either country.") == candidates[0]


def test_no_candidates_choose_nothing() -> None:
    assert choose_title([], "North Korea remains repressive.") is None
