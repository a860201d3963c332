"""The topic taxonomy and the rules that file sentences under topics.

The taxonomy is curated for Human Rights Watch country chapters, not for one
country: the themes the World Report comes back to year after year. The rules
are plain keyword rules a reader can check by eye:

1. A section heading gives the section's *primary* topic: the first topic whose
   heading rule matches (``heading_topic``). The untitled opening and headings
   that match nothing fall back to ``overview``.
2. A sentence gets its section's primary topic, plus every topic whose sentence
   keywords it contains (``sentence_topics``), in taxonomy order.

So every sentence, and every question made from it, has at least one topic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .types import Topic

__all__ = ["FALLBACK", "TAXONOMY", "heading_topic", "outline_topics", "sentence_topics"]

FALLBACK = "overview"

TAXONOMY: tuple[Topic, ...] = (
    Topic(
        "overview",
        "Country overview",
        "The chapter's opening picture: who holds power, the overall state of rights, "
        "and the year's main events.",
    ),
    Topic(
        "political-control",
        "Political control and repression",
        "How the state controls its people: restrictions on expression, assembly, "
        "association and religion; the ruling party; surveillance; classification of "
        "citizens by loyalty; censorship and the absence of opposition or free media.",
    ),
    Topic(
        "detention-punishment",
        "Detention, torture and punishment",
        "Arrest, prisons and camps, torture and ill-treatment in custody, executions, "
        "and the punishments the state hands out.",
    ),
    Topic(
        "forced-labor",
        "Forced labor",
        "Unpaid and compulsory work demanded by the state: of workers, students, "
        "prisoners and labor brigades.",
    ),
    Topic(
        "border-refugees",
        "Borders, refugees and migration",
        "Leaving and returning: border controls, people who flee, asylum and refugee "
        "protection, forced returns and what happens to returnees.",
    ),
    Topic(
        "women-at-risk",
        "Women, children and at-risk groups",
        "Gender-based violence and discrimination, the rights of children, people with "
        "disabilities, older people, minorities and others at particular risk.",
    ),
    Topic(
        "un-accountability",
        "UN and accountability",
        "The UN human rights system and justice for abuses: treaties and their review, "
        "UN bodies and their resolutions, commissions of inquiry, special rapporteurs, "
        "crimes against humanity.",
    ),
    Topic(
        "international-actors",
        "International actors",
        "Other governments and their policies toward the country: diplomacy, summits, "
        "sanctions, trade and aid, and whether they raise human rights.",
    ),
    Topic(
        "conflict-security",
        "Armed conflict and security",
        "Military forces, weapons programs, armed conflict and its toll on civilians.",
    ),
)


@dataclass(frozen=True)
class _Rule:
    topic: str
    heading: re.Pattern[str]
    sentence: re.Pattern[str]


def _words(*stems: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(stems) + r")", re.IGNORECASE)


# Order matters only for headings (the first match is the primary topic); the
# keyword lists are word beginnings, so "detain" also matches "detainees".
_RULES: tuple[_Rule, ...] = (
    _Rule(
        "women-at-risk",
        _words(
            "women",
            "gender",
            "girls",
            "children",
            "child",
            "disabilit",
            "at-risk",
            "minorit",
            "sexual orientation",
            "lgbt",
            "older people",
        ),
        _words(
            "women",
            "woman",
            "girls",
            "gender",
            "sexual",
            "rape",
            "child",
            "disabilit",
            "forced marriage",
            "minorit",
            "lgbt",
            "older people",
            "discriminat",
        ),
    ),
    _Rule(
        "forced-labor",
        _words("forced labo", "labor", "labour", "work"),
        _words(
            "forced labo",
            "forced, unpaid labo",
            "unpaid labo",
            "compulsory labo",
            "labor brigade",
            "labor training",
            "to work",
            "work for free",
            "enslave",
            "slavery",
            "forced to work",
            "assigns jobs",
            "workplace",
            "brigades",
        ),
    ),
    _Rule(
        "border-refugees",
        _words("border", "refugee", "migra", "asylum", "displace", "exile"),
        _words(
            "border",
            "refugee",
            "asylum",
            "defect",
            "flee",
            "fled",
            "escape",
            "migra",
            "deport",
            "forcibly returned",
            "returnee",
            "cross-border",
            "arrived in",
            "traffick",
            "third country",
        ),
    ),
    _Rule(
        "detention-punishment",
        _words(
            "detention",
            "torture",
            "prison",
            "death penalty",
            "punishment",
            "justice",
            "police",
            "impunity",
        ),
        _words(
            "detain",
            "detention",
            "prison",
            "camp",
            "torture",
            "execution",
            "arrest",
            "custody",
            "punish",
            "death penalty",
            "ill-treatment",
            "inhuman",
            "jail",
        ),
    ),
    _Rule(
        "political-control",
        _words(
            "freedom",
            "expression",
            "religion",
            "assembly",
            "media",
            "elections",
            "political",
            "civil society",
            "surveillance",
            "repression",
        ),
        _words(
            "repressive",
            "political control",
            "civil and political liberties",
            "freedom of",
            "opposition",
            "independent media",
            "civil society",
            "trade unions",
            "ruling party",
            "workers[’']? party",
            "songbun",
            "political grounds",
            "classification",
            "censor",
            "surveillance",
            "propaganda",
            "loyal",
        ),
    ),
    _Rule(
        "un-accountability",
        _words(
            "international human rights mechanisms",
            "united nations",
            "un ",
            "accountability",
            "justice",
        ),
        _words(
            "un ",
            "united nations",
            "security council",
            "human rights council",
            "general assembly",
            "commission of inquiry",
            "special rapporteur",
            "high commissioner",
            "resolution",
            "crimes against humanity",
            "treaties",
            "treaty",
            "convention",
            "covenant",
            "accountab",
            "international criminal",
            "human rights mechanisms",
        ),
    ),
    _Rule(
        "international-actors",
        _words("international actors", "foreign", "diplomac", "relations"),
        _words(
            # Not "president": every chapter names its own country's president.
            "foreign minister",
            "summit",
            "sanction",
            "diplomatic",
            "met with",
            "meetings with",
            "negotiat",
            "trading partner",
            "energy suppl",
            "administration",
            "international actor",
        ),
    ),
    _Rule(
        "conflict-security",
        _words("armed conflict", "conflict", "security forces", "military", "war"),
        _words(
            "missile",
            "nuclear",
            "armed conflict",
            "airstrike",
            "shelling",
            "soldiers",
            "armed group",
            "military",
        ),
    ),
)


def heading_topic(heading: str) -> str:
    """The primary topic of a section, from its heading (``overview`` if none fits)."""
    for rule in _RULES:
        if rule.heading.search(heading + " "):
            return rule.topic
    return FALLBACK


def outline_topics(sections: Sequence[tuple[int, str]]) -> list[str]:
    """The primary topic of each section of an outline, given as (level, heading) in order.

    A sub-section whose own heading names no topic ("Trial Procedures", "Women" under a
    section on discrimination) takes the topic of the section above it, so the outline
    decides topics and not only the nearest heading.
    """
    found: list[str] = []
    above: dict[int, str] = {}
    for level, heading in sections:
        topic = heading_topic(heading)
        if topic == FALLBACK:
            topic = next((above[lv] for lv in sorted(above, reverse=True) if lv < level), FALLBACK)
        above = {lv: t for lv, t in above.items() if lv < level}
        above[level] = topic
        found.append(topic)
    return found


# Keywords that name a topic's actors rather than its subject: alone they file nothing.
_PASSING = frozenset({"military", "war", "soldiers", "government", "police"})


def sentence_topics(text: str, primary: str) -> tuple[str, ...]:
    """``primary`` first, then every topic the sentence is about.

    A sentence is about a topic when it names one of the topic's keywords ("missiles",
    "refugees", "forced labor"). A word that often stands in a sentence about something else
    (``_PASSING``: "joining the military" is not about armed conflict) counts only beside
    another keyword of the topic ("military" and "shelling").
    """
    found = {primary}
    for rule in _RULES:
        hits = {m.group().lower().strip() for m in rule.sentence.finditer(text + " ")}
        if hits - _PASSING or len(hits) >= 2:
            found.add(rule.topic)
    order = {t.slug: i for i, t in enumerate(TAXONOMY)}
    return (primary,) + tuple(sorted(found - {primary}, key=order.__getitem__))
