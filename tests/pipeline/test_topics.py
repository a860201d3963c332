from __future__ import annotations

import pytest

from content.pipeline.topics import FALLBACK, TAXONOMY, heading_topic, sentence_topics

SLUGS = {topic.slug for topic in TAXONOMY}


def test_the_taxonomy_has_unique_slugs_names_and_a_description_for_each_topic():
    assert len(SLUGS) == len(TAXONOMY)
    assert len({t.name for t in TAXONOMY}) == len(TAXONOMY)
    assert all(len(t.description) > 40 and t.description.endswith(".") for t in TAXONOMY)
    assert all(t.slug == t.slug.lower() and " " not in t.slug for t in TAXONOMY)
    assert FALLBACK in SLUGS


@pytest.mark.parametrize(
    ("heading", "topic"),
    [
        ("International Human Rights Mechanisms", "un-accountability"),
        ("Rights of Women, Other At-Risk Groups", "women-at-risk"),
        ("Forced Labor", "forced-labor"),
        ("Border-Tightening", "border-refugees"),
        ("Key International Actors", "international-actors"),
        ("Freedom of Expression", "political-control"),
        ("Detention and Torture", "detention-punishment"),
        ("Refugees and Asylum Seekers", "border-refugees"),
        ("Children’s Rights", "women-at-risk"),
        ("Armed Conflict", "conflict-security"),
    ],
)
def test_a_heading_gives_its_section_a_primary_topic(heading, topic):
    assert heading_topic(heading) == topic


@pytest.mark.parametrize("heading", ["Overview", "Economy", "Events of the Year"])
def test_a_heading_that_matches_no_rule_falls_back_to_the_overview(heading):
    assert heading_topic(heading) == FALLBACK


def test_a_sentence_keeps_its_primary_topic_first_and_adds_keyword_topics():
    text = "Prisoners in political prisons face back-breaking forced labor."
    topics = sentence_topics(text, "forced-labor")
    assert topics[0] == "forced-labor"
    assert "detention-punishment" in topics
    assert len(set(topics)) == len(topics)
    assert set(topics) <= SLUGS


def test_a_sentence_without_keywords_has_only_its_primary_topic():
    assert sentence_topics("The weather was mild.", "overview") == ("overview",)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "Women face greater difficulty than men in being admitted to university.",
            "women-at-risk",
        ),
        ("China fails to protect refugees under the Refugee Convention.", "border-refugees"),
        ("The UN Security Council put rights on its agenda.", "un-accountability"),
        ("The DPRK fired 23 missiles during 16 tests.", "conflict-security"),
        ("It restricts freedom of expression and bans trade unions.", "political-control"),
        ("Kim met once with US President Donald Trump at a summit.", "international-actors"),
    ],
)
def test_keywords_file_a_sentence_under_more_topics(text, topic):
    assert topic in sentence_topics(text, "overview")


def test_topics_come_in_taxonomy_order_after_the_primary():
    order = [t.slug for t in TAXONOMY]
    topics = sentence_topics(
        "The UN says women in prison camps face torture and forced labor at the border.", "overview"
    )
    rest = list(topics[1:])
    assert rest == sorted(rest, key=order.index)


def test_a_sub_section_without_a_topic_of_its_own_takes_its_sections_topic() -> None:
    from content.pipeline.topics import FALLBACK, outline_topics

    topics = outline_topics(
        [
            (1, "Forced Labor"),
            (2, "Trial Procedures"),
            (1, "Executive Summary"),
            (2, "Trial Procedures"),
            (2, "Women"),
        ]
    )
    assert topics == ["forced-labor", "forced-labor", FALLBACK, FALLBACK, "women-at-risk"]


def test_a_passing_word_alone_files_no_topic():
    text = "Women face greater difficulty in joining the military."
    assert sentence_topics(text, "women-at-risk") == ("women-at-risk",)
    both = "The military continued shelling villages near the border."
    assert "conflict-security" in sentence_topics(both, "overview")
