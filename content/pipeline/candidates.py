"""Answer candidates: the spans of a sentence that a question can ask about.

Every rule here reads the *form* of an HRW chapter, never one chapter's words:
numbers are followed by what they count, people are introduced by a title
("President Moon Jae-in") or an apposition ("X, the UN special rapporteur"),
organizations and treaties are capitalized phrases with a head word
("... Council", "Convention on ..."), acronyms are defined in parentheses after
their full name, and local terms are non-English words explained by the English
phrase before their parentheses ("political prisons (kwanliso)") or by an
apposition ("songbun, a socio-political classification system").

A first pass over the whole document (``read_sentences``) collects what is
defined once and mentioned again later: people's full names, acronyms and
terms. ``find_candidates`` then reads one sentence with that glossary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .normalize import NUMBER_WORDS
from .types import Candidate, Document

__all__ = [
    "ENTITY_KINDS",
    "Glossary",
    "country_names",
    "find_candidates",
    "acronyms_defined",
    "in_enumeration",
    "is_english_word",
    "normalized",
    "number_value",
    "ordinal_value",
    "word_frequency",
    "people_defined",
    "person_role_class",
    "same_country",
    "read_sentences",
    "SentenceReading",
    "terms_defined",
]

# Kinds whose values name one thing: two of them side by side in a list are
# usually both true for the same statement (see ``in_enumeration``).
ENTITY_KINDS = frozenset({"person", "country", "organization", "treaty", "acronym", "term"})

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH = "(?:" + "|".join(MONTHS) + ")"
_DATE = re.compile(
    rf"\b{_MONTH} (?:[1-9]|[12]\d|3[01])(?:, (?:1[5-9]\d\d|20\d\d))?\b(?!,?\d)"
    rf"|\b{_MONTH},? (?:1[5-9]\d\d|20\d\d)\b"
)
_YEAR = re.compile(r"(?<![\d,.$£€])\b(?:1[5-9]\d\d|20\d\d)\b(?!s\b|,\d|\.\d|\d| ?%)")

ORDINAL_WORDS = (
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
)
# "first" and "second" are left out: too often not a count ("at first", "a second").
_ORDINAL = re.compile(
    r"\b(?:the|a|an|its|his|her|their) (?P<ordinal>"
    + "|".join(ORDINAL_WORDS)
    + r"|\d+(?:st|nd|rd|th))\b(?= [a-z])",
    re.IGNORECASE,
)
# "zero" and "one" are left out: too often not a count ("one of the", "no one").
_NUMBER_WORDS = {w: v for w, v in NUMBER_WORDS.items() if v > 1}
_NUMBER = re.compile(
    r"(?<![\w.,$£€-])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?: (?:million|billion))?(?![\w-]|[.,]\d)"
    r"|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b(?!-)",
    re.IGNORECASE,
)
# Words that end the noun phrase after a number: the unit is what comes before.
_UNIT_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "without",
        "during",
        "between",
        "and",
        "or",
        "but",
        "as",
        "than",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "while",
        "when",
        "where",
        "since",
        "until",
        "into",
        "over",
        "under",
        "per",
        "each",
        "this",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "should",
        "shall",
        "not",
        "no",
        "more",
        "less",
        "most",
        "about",
        "around",
        "nearly",
        "almost",
        "over",
        "some",
    ]
)
_BARE_FIGURE_END = re.compile(r"^\s*(?:in|between|during|by|from|since|,|\.|;|$)")
_RANGE_AFTER = re.compile(r"^\s*(?:to|-|–|or|and)\s+(?:\d|" + "|".join(_NUMBER_WORDS) + r")\b")
_RANGE_BEFORE = re.compile(
    r"(?:\b(?:between|from)\s+|(?:\d|\b(?:" + "|".join(_NUMBER_WORDS) + r"))\s*(?:to|-|–)\s*)$",
    re.IGNORECASE,
)

_NAME_TOKEN = r"[A-Z\u00C0-\u00DE][a-z\u00DF-\u00FF]+(?:-[A-Za-z][a-z\u00DF-\u00FF]+)?"
_NAME = rf"{_NAME_TOKEN}(?: {_NAME_TOKEN}){{1,3}}"
_TITLES = (
    "Prime Minister|Foreign Minister|Defense Minister|Interior Minister|Vice President|"
    "Secretary-General|Secretary General|Secretary of State|Supreme Leader|Crown Prince|"
    "High Commissioner|Special Rapporteur|Attorney General|President|Premier|Chancellor|"
    "Minister|Secretary|Chairman|Chairwoman|King|Queen|Emperor|Emir|Sheikh|Ambassador|"
    "Governor|Senator|Commissioner|Judge|Mayor|Speaker|Pope|General|leader|Leader"
)
_ROLES_LOWER = (
    "prime minister|foreign minister|vice president|secretary-general|supreme leader|"
    "high commissioner|special rapporteur|rapporteur|president|premier|chancellor|minister|"
    "secretary|chairman|chairwoman|chair|king|queen|leader|ambassador|governor|senator|"
    "commissioner|envoy|spokesperson|spokesman|judge|mayor|head of state|head of government"
)
_PERSON_TITLED = re.compile(rf"\b(?P<role>{_TITLES}) (?P<name>{_NAME})\b(?![’'\w-])?")
_PERSON_APPOSED = re.compile(
    rf"(?<![\w’'-])(?P<name>{_NAME}), (?:the|a|an) (?:[\w’'-]+ ){{0,4}}?"
    rf"(?P<role>(?i:{_ROLES_LOWER}))\b"
)
_PERSON_WHO = re.compile(
    rf"(?<![\w’'-])(?P<name>{_NAME})\s*(?:—|–|,)\s*who "
    rf"(?:serves|served|is|was|has served|has been) (?:as )?(?:the )?(?:[\w’'-]+ ){{0,3}}?"
    rf"(?P<role>(?i:{_ROLES_LOWER}))\b"
)
_TITLE_WORD = re.compile(rf"(?:{_TITLES})")
_HEAD_ROLES = (
    "president",
    "premier",
    "chancellor",
    "king",
    "queen",
    "emperor",
    "emir",
    "sheikh",
    "leader",
    "chairman",
    "chairwoman",
    "chair",
    "prime minister",
    "head of state",
    "head of government",
)

_ORG_HEADS = frozenset(
    [
        "Council",
        "Commission",
        "Committee",
        "Agency",
        "Assembly",
        "Ministry",
        "Office",
        "Party",
        "Court",
        "Organization",
        "Organisation",
        "Union",
        "Foundation",
        "Fund",
        "Bank",
        "Programme",
        "Program",
        "Department",
        "Bureau",
        "Police",
        "Army",
        "Forces",
        "Parliament",
        "Congress",
        "Senate",
        "Tribunal",
        "Mission",
        "Institute",
        "Association",
        "Federation",
        "League",
        "Movement",
        "Front",
        "Service",
        "Secretariat",
        "Board",
        "Authority",
        "Government",
        "Nations",
        "Commissioner",
        "Cabinet",
        "Presidency",
        "Directorate",
    ]
)
_TREATY_HEADS = frozenset(
    [
        "Convention",
        "Covenant",
        "Protocol",
        "Treaty",
        "Charter",
        "Act",
        "Statute",
        "Accord",
        "Agreement",
        "Declaration",
        "Law",
        "Code",
        "Constitution",
    ]
)
_CONNECTORS = frozenset(
    {"of", "for", "on", "against", "and", "the", "with", "de", "del", "la", "du"}
)
# "Convention Relating to the Status of Refugees": a title word that takes "to".
_TO_LINKS = frozenset({"Relating", "Related", "Pertaining", "Regarding", "Relative"})
_PHRASE_TOKEN = re.compile(r"[A-Za-z\u00C0-\u024F][\w\u00C0-\u024F’'-]*")
_LEADING_DROPS = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "By",
        "For",
        "From",
        "Between",
        "During",
        "Since",
        "After",
        "Before",
        "But",
        "And",
        "However",
        "While",
        "When",
        "Where",
        "Although",
        "Though",
        "Despite",
        "Under",
        "Over",
        "Also",
        "Other",
        "Some",
        "Most",
        "Many",
        "Former",
        "Ordinary",
        "State",
    ]
)
# The report's author names itself everywhere; asking about it teaches nothing.
_AUTHOR = "Human Rights Watch"

_ACRONYM_DEF = re.compile(r"\((?P<acr>[A-Z][A-Z0-9]{1,9})(?:, [^()]{1,40})?\)")
_PAREN = re.compile(r"\((?P<inner>[^()]{2,40})\)")
_APPOSED_TERM = re.compile(
    r"\b(?P<term>[a-z][a-z\u00DF-\u00FF’'-]{2,}), (?P<meaning>(?:a|an) [a-z][^,.;:()]{4,80}?)"
    r"(?= that\b| which\b| who\b| in which\b| where\b|[,.;:)]|$)"
)
_KNOWN_AS = re.compile(
    r"\b(?:known as|called|termed)\s+(?P<term>[“\"]?[a-z][a-z\u00DF-\u00FF’'-]+"
    r"(?: [a-z][a-z\u00DF-\u00FF’'-]+)?[”\"]?)"
)
_QUOTED = re.compile(r"“(?P<q>[^“”]{2,60}?)[,.;:]?”")
_MEANING_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "into",
        "to",
        "of",
        "for",
        "from",
        "with",
        "by",
        "at",
        "on",
        "as",
        "and",
        "or",
        "these",
        "those",
        "this",
        "that",
        "its",
        "their",
        "his",
        "her",
        "our",
        "known",
        "called",
        "also",
        "such",
        "including",
        "are",
        "is",
        "was",
        "were",
        "be",
        "been",
    ]
)


@dataclass
class Glossary:
    """What the whole document defines once and mentions again."""

    people: dict[str, str] = field(default_factory=dict)  # full name -> role
    acronyms: dict[str, str] = field(default_factory=dict)  # acronym -> full name
    terms: dict[str, str] = field(default_factory=dict)  # term -> first meaning given
    subject: str = ""  # the country the chapter is about, as its title names it


@lru_cache(maxsize=1)
def _english_words() -> dict[str, int]:
    # pyspellchecker's English frequency list (about 160,000 words): the only
    # dictionary we need, to tell a local term ("kwanliso") from an English word.
    from spellchecker import SpellChecker

    return dict(SpellChecker().word_frequency.dictionary)


def is_english_word(word: str) -> bool:
    """Whether ``word`` is an ordinary English word (so not a local term)."""
    return word.lower().strip("’'-") in _english_words()


def word_frequency(word: str) -> int:
    """How often ``word`` occurs in the English frequency list (0 if never)."""
    return _english_words().get(word.lower().strip("’'-"), 0)


@lru_cache(maxsize=1)
def country_names() -> tuple[str, ...]:
    """Country names as English prose writes them, longest first.

    From ISO 3166 (pycountry) the short common forms only ("Korea, Republic of"
    reads "South Korea" in prose), plus the aliases reports use.
    """
    import pycountry

    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("common_name", "name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value and "(" not in value:
                names.add(value)
    names |= _COUNTRY_ALIASES
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


_COUNTRY_ALIASES = frozenset(
    {
        "North Korea",
        "South Korea",
        "Democratic People’s Republic of Korea",
        "Democratic People's Republic of Korea",
        "Republic of Korea",
        "Russia",
        "United States",
        "United States of America",
        "United Kingdom",
        "Britain",
        "Great Britain",
        "Burma",
        "Myanmar",
        "Ivory Coast",
        "Côte d’Ivoire",
        "Syria",
        "Iran",
        "Vietnam",
        "Laos",
        "Turkey",
        "Czech Republic",
        "Democratic Republic of Congo",
        "Democratic Republic of the Congo",
        "Republic of Congo",
        "Bolivia",
        "Venezuela",
        "Tanzania",
        "Moldova",
        "Palestine",
        "Taiwan",
        "Kosovo",
        "Macedonia",
        "North Macedonia",
        "Eswatini",
        "Swaziland",
        "Brunei",
        "Cape Verde",
        "East Timor",
        "Timor-Leste",
        "Micronesia",
        "Vatican",
    }
)


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern[str]:
    alternation = "|".join(re.escape(n).replace("’", "['’]") for n in country_names())
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")


_COUNTRY_CODES = {
    "north korea": "PRK",
    "democratic peoples republic of korea": "PRK",
    "dprk": "PRK",
    "south korea": "KOR",
    "republic of korea": "KOR",
    "russia": "RUS",
    "united states": "USA",
    "united states of america": "USA",
    "us": "USA",
    "usa": "USA",
    "britain": "GBR",
    "great britain": "GBR",
    "uk": "GBR",
    "burma": "MMR",
    "ivory coast": "CIV",
    "syria": "SYR",
    "iran": "IRN",
    "laos": "LAO",
    "turkey": "TUR",
    "czech republic": "CZE",
    "democratic republic of congo": "COD",
    "democratic republic of the congo": "COD",
    "republic of congo": "COG",
    "swaziland": "SWZ",
    "east timor": "TLS",
    "macedonia": "MKD",
    "cape verde": "CPV",
    "vatican": "VAT",
}


@lru_cache(maxsize=65536)
def normalized(text: str) -> str:
    """``normalize.normalize``, remembered: generation compares the same names and
    sentences many times over, and normalizing is the costliest step."""
    from .normalize import normalize

    return normalize(text)


@lru_cache(maxsize=4096)
def _country_code(name: str) -> str:
    import pycountry

    key = normalized(name).removeprefix("the ")
    if key in _COUNTRY_CODES:
        return _COUNTRY_CODES[key]
    try:
        return pycountry.countries.lookup(name.replace("’", "'")).alpha_3
    except LookupError:
        return key


def same_country(a: str, b: str) -> bool:
    """Whether two names denote one country ("DPRK", "North Korea")."""
    return _country_code(a) == _country_code(b)


def person_role_class(role: str) -> str:
    """ "head" for heads of state or government and party leaders, else "official"."""
    role = role.lower()
    if role.endswith(("vice president", "vice-president")):
        return "official"
    return "head" if role.endswith(_HEAD_ROLES) else "official"


@lru_cache(maxsize=16384)
def number_value(text: str) -> float | None:
    """The value of a number candidate's digits or word ("1,127" -> 1127, "five" -> 5)."""
    match = _NUMBER.match(text.strip())
    if not match:
        return None
    token = match.group().lower()
    if token in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[token])
    scale = 1
    if token.endswith(" million"):
        scale, token = 1_000_000, token[: -len(" million")]
    elif token.endswith(" billion"):
        scale, token = 1_000_000_000, token[: -len(" billion")]
    try:
        return float(token.replace(",", "")) * scale
    except ValueError:
        return None


def ordinal_value(text: str) -> int | None:
    """The rank an ordinal names ("sixth" -> 6, "14th" -> 14)."""
    word = text.strip().lower()
    if word in ORDINAL_WORDS:
        return ORDINAL_WORDS.index(word) + 3
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word)
    return int(m.group(1)) if m else None


@dataclass(frozen=True)
class SentenceReading:
    """What the candidate finder reads in one sentence, found once and carried forward.

    ``people``: (name, role) pairs the sentence introduces; ``acronyms`` and
    ``terms``: (short form, meaning, offset in the sentence) it defines (a term's
    meaning completed from the sentence before); ``candidates``: the answer
    candidates, found against the whole chapter's glossary.
    """

    people: tuple[tuple[str, str], ...]
    acronyms: tuple[tuple[str, str, int], ...]
    terms: tuple[tuple[str, str, int], ...]
    candidates: tuple[Candidate, ...] = ()


def read_sentences(document: Document) -> tuple[Glossary, tuple[SentenceReading, ...]]:
    """One pass over the chapter: what each sentence defines, the glossary they make,
    then each sentence's candidates against that glossary. Later stages use these
    readings instead of sending the text back through the finder."""
    glossary = Glossary(subject=document.title.strip())
    readings: list[SentenceReading] = []
    previous = ""
    for sentence in document.sentences:
        text = sentence.text
        reading = SentenceReading(
            people=tuple(people_defined(text)),
            acronyms=acronyms_defined(text),
            terms=terms_defined(text, previous),
        )
        for name, role in reading.people:
            glossary.people.setdefault(name, role)
        for acronym, meaning, _start in reading.acronyms:
            glossary.acronyms.setdefault(acronym, meaning)
        for term, meaning, _start in reading.terms:
            glossary.terms.setdefault(term, meaning)
        readings.append(reading)
        previous = text
    previous = ""
    for i, sentence in enumerate(document.sentences):
        found = find_candidates(sentence.text, glossary, previous)
        readings[i] = replace(readings[i], candidates=found)
        previous = sentence.text
    return glossary, tuple(readings)


def find_candidates(
    text: str, glossary: Glossary | None = None, previous: str = ""
) -> tuple[Candidate, ...]:
    """All non-overlapping candidates of one sentence, in reading order.

    ``previous`` is the sentence before, used only to complete a term's meaning
    when this sentence refers back to it ("These brigades (dolgyeokdae)").
    """
    glossary = glossary or Glossary()
    found: list[Candidate] = []
    found += _dates(text)
    found += _years(text)
    found += _numbers(text)
    found += [
        Candidate("ordinal", m.group("ordinal"), m.start("ordinal"), m.end("ordinal"))
        for m in _ORDINAL.finditer(text)
    ]
    found += _people(text, glossary)
    found += _countries(text)
    found += _phrases(text)
    found += _acronyms(text, glossary)
    found += _terms(text, glossary, previous)
    found += _quotes(text)
    return _without_overlaps(found)


# --- dates, years, numbers -------------------------------------------------------------


def _dates(text: str) -> list[Candidate]:
    out = []
    for m in _DATE.finditer(text):
        # "between January and September 2018": the second month closes a period,
        # it is not a date of its own.
        if re.search(
            rf"\b(?:between|from) {_MONTH}(?: \d{{1,2}})? (?:and|to|until) $", text[: m.start()]
        ):
            continue
        out.append(Candidate("date", m.group(), m.start(), m.end()))
    return out


def _years(text: str) -> list[Candidate]:
    out = []
    for m in _YEAR.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()]
        # A year that closes a range ("between 1959 and 1984", "1959-1984") is half of one
        # fact, still askable; a year glued to digits is part of some other number.
        if re.search(r"\d[.,]$", before) or re.search(rf"{_MONTH},? $", before):
            continue
        out.append(Candidate("year", m.group(), m.start(), m.end()))
    return out


def _numbers(text: str) -> list[Candidate]:
    out: list[Candidate] = []
    last_unit = ""
    for m in _NUMBER.finditer(text):
        token = m.group()
        if _YEAR.fullmatch(token):
            continue  # a year, read by _years
        if _RANGE_BEFORE.search(text[: m.start()]) or _RANGE_AFTER.match(text[m.end() :]):
            continue  # a range ("three to six months") is one fact, not two numbers
        unit = _unit_after(text[m.end() :])
        if unit:
            last_unit = unit
        elif last_unit and _BARE_FIGURE_END.match(text[m.end() :]):
            # "2,706 North Koreans ..., compared to 1,127 in 2017": the bare figure
            # counts what the figure before it counted.
            unit = last_unit
        if unit:
            out.append(Candidate("number", token, m.start(), m.end(), meaning=unit))
    return out


def _unit_after(rest: str) -> str:
    """The noun phrase a number counts: up to four words, ending in its head noun."""
    if re.match(r"^\s*(?:%|percent\b)", rest):
        return "percent"
    words = []
    for m in re.finditer(r"\S+", rest[:80]):
        raw = m.group()
        word = raw.strip("“”\"'’(),.;:")
        if not word or word.lower() in _UNIT_STOP or not re.fullmatch(r"[A-Za-z][\w’'-]*", word):
            break
        words.append(word)
        if raw != word and not raw.endswith("’") or len(words) == 4:
            break  # punctuation after it ends the phrase
    # The head noun is the last plural among the words ("North Koreans arrived" ->
    # "North Koreans"); a singular count word stands for "1 month"-like units.
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
            if i + 1 < len(words) and words[i + 1][0].islower() and words[i + 1].endswith("s"):
                continue
            return " ".join(words[: i + 1])
    if words and words[-1].lower() in {"times", "people", "children", "women", "men", "police"}:
        return " ".join(words)
    for i, word in enumerate(words):
        if word.lower() in {"people", "children", "women", "men", "police", "personnel"}:
            return " ".join(words[: i + 1])
    return ""


# --- people ----------------------------------------------------------------------------


@lru_cache(maxsize=16384)
def people_defined(text: str) -> tuple[tuple[str, str], ...]:
    """(full name, role) of every person ``text`` introduces by a title or apposition."""
    return tuple(_people_defined(text))


def _people_defined(text: str) -> Iterator[tuple[str, str]]:
    for pattern in (_PERSON_TITLED, _PERSON_APPOSED, _PERSON_WHO):
        for m in pattern.finditer(text):
            name = _clean_name(m.group("name"))
            if name:
                yield name, m.group("role").lower()


def _clean_name(name: str) -> str:
    tokens = name.split()
    titled = [i for i, t in enumerate(tokens) if _TITLE_WORD.fullmatch(t)]
    if titled:
        tokens = tokens[titled[-1] + 1 :]
    while tokens and tokens[0] in _LEADING_DROPS:
        tokens = tokens[1:]
    if len(tokens) < 2:
        return ""
    if any(t in _ORG_HEADS or t in _TREATY_HEADS or t in MONTHS for t in tokens):
        return ""
    joined = " ".join(tokens)
    if _country_pattern().search(joined):
        return ""
    return joined


def _people(text: str, glossary: Glossary) -> list[Candidate]:
    out = []
    names = dict(glossary.people)
    for name, role in people_defined(text):
        names.setdefault(name, role)
    for name, start, end in _mentions(text, names):
        out.append(Candidate("person", name, start, end, meaning=names[name]))
    return out


def _mentions(text: str, names: dict[str, str]) -> Iterator[tuple[str, int, int]]:
    """Where ``text`` mentions any of ``names`` as a whole word, longest name first."""
    if not names:
        return
    for m in _mention_pattern(tuple(sorted(names, key=lambda n: (-len(n), n)))).finditer(text):
        yield m.group(), m.start(), m.end()


@lru_cache(maxsize=1024)
def _mention_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")


# --- countries, organizations, treaties ------------------------------------------------


def _countries(text: str) -> list[Candidate]:
    out = []
    for m in _country_pattern().finditer(text):
        # "South Korea’s Moon administration" keeps "South Korea"; "Korean" never matches.
        out.append(Candidate("country", m.group(), m.start(), m.end()))
    return out


def _capitalized_runs(text: str) -> Iterable[tuple[int, int, list[str]]]:
    """Maximal runs of capitalized words joined by single spaces and connectors."""
    tokens = list(_PHRASE_TOKEN.finditer(text))
    i = 0
    while i < len(tokens):
        if not tokens[i].group()[0].isupper():
            i += 1
            continue
        j = i
        last_cap = i
        while j + 1 < len(tokens):
            gap = text[tokens[j].end() : tokens[j + 1].start()]
            if gap != " ":
                break
            nxt = tokens[j + 1].group()
            if nxt == "and" and j + 2 < len(tokens) and tokens[j + 2].group() == "the":
                break  # "the European Union and the United Kingdom" are two names
            if nxt[0].isupper():
                last_cap = j + 1
            elif nxt not in _CONNECTORS and not (nxt == "to" and tokens[j].group() in _TO_LINKS):
                break
            j += 1
        run = tokens[i : last_cap + 1]
        yield run[0].start(), run[-1].end(), [t.group() for t in run]
        i = last_cap + 1


def _phrases(text: str) -> list[Candidate]:
    out = []
    # A full name defined by its acronym is one phrase even across commas
    # ("International Covenant on Economic, Social and Cultural Rights (ICESCR)").
    for _acronym, meaning, start in acronyms_defined(text):
        begin = text.rfind(meaning, 0, start)
        kind = _phrase_kind(meaning.split())
        if begin >= 0 and kind and meaning != _AUTHOR:
            out.append(Candidate(kind, meaning, begin, begin + len(meaning)))
    for start, end, words in _capitalized_runs(text):
        # Trim words that only open the sentence or the phrase ("The", "In").
        while words and (words[0] in _LEADING_DROPS or words[0] in _CONNECTORS):
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else end
            words = words[1:]
        if len(words) < 2:
            continue
        # "Inspectors of the Organisation for ...": a common word that only opens the
        # sentence, with its "of the", is not part of the name.
        opener = start == 0 and len(words) > 2 and words[1] in _CONNECTORS
        if opener and words[0] not in _ORG_HEADS | _TREATY_HEADS:
            rest = list(words[1:])
            while rest and rest[0] in _CONNECTORS:
                rest = rest[1:]
            if len(rest) >= 2 and word_frequency(words[0]) >= 500:
                start = text.index(rest[0], start + len(words[0]))
                words = rest
        phrase = text[start:end]
        kind = _phrase_kind(words)
        if not kind or phrase == _AUTHOR or phrase.startswith(_AUTHOR + " "):
            continue
        out.append(Candidate(kind, phrase, start, end))
    return out


def _phrase_kind(words: list[str]) -> str:
    bare = [w.rstrip("’'").removesuffix("’s").removesuffix("'s").rstrip(",") for w in words]
    if any(w in _TREATY_HEADS for w in bare):
        return "treaty"
    if any(w in _ORG_HEADS for w in bare):
        return "organization"
    return ""


# --- acronyms --------------------------------------------------------------------------


@lru_cache(maxsize=16384)
def acronyms_defined(text: str) -> tuple[tuple[str, str, int], ...]:
    """(acronym, full name, offset of the acronym) for each "Full Name (FN)" in ``text``."""
    return tuple(_acronyms_defined(text))


def _acronyms_defined(text: str) -> Iterator[tuple[str, str, int]]:
    for m in _ACRONYM_DEF.finditer(text):
        acronym = m.group("acr")
        meaning = _expansion_before(text[: m.start()].rstrip(), acronym)
        if meaning:
            yield acronym, meaning, m.start("acr")


def _expansion_before(before: str, acronym: str) -> str:
    """The capitalized phrase ending ``before`` whose word initials spell ``acronym``."""
    words = re.findall(r"[\w\u00C0-\u024F’'-]+", before[-200:])
    letters = acronym.lower()
    for size in range(2, min(len(words), 14) + 1):
        phrase = words[-size:]
        if not phrase[0][0].isupper() or phrase[0][0].lower() != letters[0]:
            continue
        if not _initials_spell(phrase, letters):
            continue
        candidate = " ".join(phrase)
        # The words must stand in the text exactly like that (no commas in between
        # except inside a name such as "Economic, Social and Cultural Rights").
        if before.endswith(candidate):
            return candidate
        with_commas = re.search(r"(" + r"[,\s]+".join(map(re.escape, phrase)) + r")$", before)
        if with_commas:
            return with_commas.group(1)
    return ""


def _initials_spell(words: list[str], letters: str) -> bool:
    """Whether the acronym's letters are the words' initials, read in order: the
    first and last word count, small words may ("against" in CEDAW), and at most
    two capitalized words may be passed over ("All Forms" in CEDAW). Each
    capitalized part of a hyphenated word counts ("Anti-Terrorism" gives A and T)."""
    units = [unit for word in words for unit in _initial_units(word)]
    if units[0].lower() != letters[0] or units[-1].lower() != letters[-1]:
        return False
    i = 0
    passed_capitals = 0
    for unit in units:
        if i < len(letters) and unit.lower() == letters[i]:
            i += 1
        elif unit.isupper():
            passed_capitals += 1
    return i == len(letters) and passed_capitals <= 2


def _initial_units(word: str) -> list[str]:
    parts = [part for part in word.split("-") if part]
    if len(parts) > 1 and all(part[0].isupper() for part in parts):
        return [part[0] for part in parts]
    return [word[0]]


def _acronyms(text: str, glossary: Glossary) -> list[Candidate]:
    out = []
    known = dict(glossary.acronyms)
    for acronym, meaning, _start in acronyms_defined(text):
        known.setdefault(acronym, meaning)
    for acronym, start, end in _mentions(text, known):
        out.append(Candidate("acronym", acronym, start, end, meaning=known[acronym]))
    return out


# --- terms and quoted phrases ----------------------------------------------------------


def _is_foreign_phrase(phrase: str) -> bool:
    if re.fullmatch(r"[A-Z]{2,}s", phrase):  # an acronym's plural: "NGOs"
        return False
    words = re.findall(r"[^\s]+", phrase)
    if not 1 <= len(words) <= 3:
        return False
    if any(not re.fullmatch(r"[A-Za-z\u00C0-\u024F’'-]+", w) for w in words):
        return False
    if words[0][0].isupper() and (len(words) > 1 or phrase.isupper()):
        return False
    unknown = [w for w in words if not is_english_word(w)]
    return len(unknown) * 2 >= len(words) and len(unknown) >= 1


@lru_cache(maxsize=16384)
def terms_defined(text: str, previous: str = "") -> tuple[tuple[str, str, int], ...]:
    """(term, meaning, offset of the term) for each local term ``text`` explains."""
    return tuple(_terms_defined(text, previous))


def _terms_defined(text: str, previous: str = "") -> Iterator[tuple[str, str, int]]:
    for m in _PAREN.finditer(text):
        inner = m.group("inner").strip()
        if not _is_foreign_phrase(inner):
            continue
        meaning, anaphoric = _noun_phrase_before(text[: m.start()])
        if anaphoric and previous:
            meaning = _antecedent(previous, meaning) or meaning
        if meaning and meaning.lower() != inner.lower():
            yield inner, meaning, m.start("inner")
    for m in _APPOSED_TERM.finditer(text):
        term = m.group("term")
        if is_english_word(term) or term in _MEANING_STOP:
            continue
        meaning = m.group("meaning").strip()
        yield term, meaning, m.start("term")
    for m in _KNOWN_AS.finditer(text):
        term = m.group("term").strip('“”"')
        if not _is_foreign_phrase(term):
            continue
        meaning, _ = _noun_phrase_before(text[: m.start()].rstrip(" ,"))
        if meaning:
            yield term, meaning, m.start("term") + (1 if m.group("term")[0] in '“"' else 0)


def _noun_phrase_before(before: str) -> tuple[str, bool]:
    """The noun phrase that ends ``before`` (up to four words), and whether it was
    introduced by a pointing word ("these", "this", "such") that refers back."""
    words = before.rstrip().split(" ")
    picked: list[str] = []
    anaphoric = False
    for word in reversed(words):
        bare = word.strip()
        if not bare or bare.lower() in _MEANING_STOP or not re.fullmatch(r"[\w-]+", bare):
            anaphoric = bare.lower() in {"these", "this", "those", "such", "that"}
            if bare.endswith(("’s", "'s")):
                anaphoric = False
            break
        if bare[0].isupper() and picked:
            break
        picked.insert(0, bare)
        if len(picked) == 4:
            break
    if picked and picked[0][0].isupper():
        picked[0] = picked[0].lower() if is_english_word(picked[0]) else picked[0]
    return " ".join(picked), anaphoric


def _antecedent(previous: str, head: str) -> str:
    """A fuller phrase for ``head`` in the previous sentence ("brigades" ->
    "paramilitary forced labor brigades")."""
    last = head.split()[-1] if head else ""
    if not last:
        return ""
    m = re.search(rf"((?:[\w-]+ ){{0,4}}){re.escape(last)}\b", previous)
    if not m:
        return ""
    fuller, _ = _noun_phrase_before(previous[: m.end()])
    return fuller if len(fuller.split()) > len(head.split()) else ""


def _terms(text: str, glossary: Glossary, previous: str) -> list[Candidate]:
    out = []
    known = dict(glossary.terms)
    defined: dict[str, str] = {}
    for term, meaning, _start in terms_defined(text, previous):
        defined.setdefault(term, meaning)
        known.setdefault(term, meaning)
    for term, start, end in _mentions(text, known):
        # Where the sentence gives its own meaning, that is the one to keep.
        meaning = defined.get(term, known[term])
        out.append(Candidate("term", term, start, end, meaning=meaning))
    return out


def _quotes(text: str) -> list[Candidate]:
    out = []
    for m in _QUOTED.finditer(text):
        words = m.group("q").split()
        if 1 <= len(words) <= 6:
            out.append(Candidate("quote", m.group("q"), m.start("q"), m.end("q")))
    return out


# --- overlaps and lists ----------------------------------------------------------------

_PRIORITY = {
    "date": 0,
    "treaty": 1,
    "organization": 2,
    "person": 3,
    "country": 4,
    "acronym": 5,
    "term": 6,
    "number": 7,
    "ordinal": 7,
    "year": 8,
    "quote": 9,
}


def _without_overlaps(found: list[Candidate]) -> tuple[Candidate, ...]:
    # Longer spans win ("North Korea Human Rights Foundation" over "North Korea"),
    # then the more specific kind; a quoted phrase yields to anything inside it.
    ranked = sorted(
        found,
        key=lambda c: (c.kind == "quote", -(c.end - c.start), _PRIORITY.get(c.kind, 99), c.start),
    )
    kept: list[Candidate] = []
    for cand in ranked:
        if any(cand.start < k.end and k.start < cand.end for k in kept):
            continue
        kept.append(cand)
    return tuple(sorted(kept, key=lambda c: (c.start, c.end)))


def in_enumeration(candidate: Candidate, candidates: Iterable[Candidate], text: str) -> bool:
    """Whether ``candidate`` sits in a list of things of its kind ("A, B, and C").

    The members of such a list usually share one predicate, so any of them is as
    true as the others: none can be asked about alone, nor serve as a distractor.
    """
    if candidate.kind not in ENTITY_KINDS | {"quote"}:
        return False
    for other in candidates:
        if other is candidate or other.kind != candidate.kind:
            continue
        left, right = sorted((candidate, other), key=lambda c: c.start)
        between = text[left.end : right.start]
        between = re.sub(r"\s*\([^()]*\)", "", between)
        between = between.replace("”", "").replace("“", "")
        if re.fullmatch(r"\s*(?:,|,? and|,? or)?\s*(?:the\s+)?", between):
            return True
    return False
