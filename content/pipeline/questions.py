"""Question templates: how one sentence and one candidate become a stem.

Every stem starts from the *core statement* of a sentence around the fact it asks
about: the clause that holds the fact, with what the question does not need cut
away (discourse openers such as "But", parentheses, dashes, non-restrictive
"which ..." clauses, trailing participles and "including ..." lists), but the
time frame kept ("In 2017, ..."). A statement whose subject points back to an
earlier sentence ("It also ...", "These include ...") cannot stand alone and
yields no question.

The stems then take one of a few shapes, each with a template id that goes into
the fingerprint:

- ``mc-how-many-subject``  "how many X arrived ...?" (number as the subject)
- ``mc-how-many-sibling``  the same for a figure that shares a subject with another
  ("2,706 North Koreans arrived ... in 2011, compared to 1,127 in 2017")
- ``mc-how-many-object``   "how many X has/did Y ...?" (number as the direct object)
- ``mc-which-subject``     "which country/body/treaty ...?" (name as the subject)
- ``mc-which-term``        "Which term does the report use for X?"
- ``fill-blank`` / ``fill-known-as``   the statement with "_____" where the fact was
- ``tf-true`` / ``tf-false``           the statement as is / with one fact replaced
- ``card-term`` / ``card-acronym`` / ``card-fact``   flashcards
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .blocks import word_set
from .candidates import MONTHS, country_names, is_english_word, word_frequency
from .types import Candidate
from .wording import fix_articles, strip_connectives

__all__ = [
    "BLANK",
    "Casing",
    "WhQuestion",
    "attribute",
    "core_statement",
    "fill_in_stem",
    "marked",
    "plain",
    "replace_focus",
    "wh_question",
]


BLANK = "_____"
OPEN, CLOSE = "\x01", "\x02"
MAX_STATEMENT = 230

_MONTH = "(?:" + "|".join(MONTHS) + ")"
_OPENERS = re.compile(
    r"^(?:But|However|Yet|And|Moreover|Meanwhile|Furthermore|In addition|Instead|"
    r"Nevertheless|Nonetheless|Indeed|Thus|Therefore|Also|So|Still)\b,?\s+"
)
_LEADING_ADVERBIAL = re.compile(
    r"^(?:(?i:in|on|between|during|since|by|from|starting|until|after|before|as of|at|for|"
    r"throughout|over|under|to date|despite)\b[^,;:\x01\x02]{0,80},\s+)+"
)
_TIME = re.compile(rf"\b(?:1[5-9]\d\d|20\d\d|{_MONTH})\b")
_TRAILING_TIME = re.compile(
    r" ((?:in|during|since|by|between|until) [^,;]*\b(?:1[5-9]\d\d|20\d\d))[.!]?$"
)
_CLAUSE_SPLIT = re.compile(r",\s+(?:but|while|whereas|though|although|yet)\s+|;\s+")
_TAIL_CUT = re.compile(
    r",\s+(?:which|who|whom|whose|where|while|whereas|though|although|but|despite|including|"
    r"compared (?:to|with)|as well as|according to|even as|with|in addition to|[a-z]+ing)\b"
)
_MID_RELATIVE = re.compile(r",\s+(?:which|who|whom|whose|where)\s+(?:[^,;]|,(?=\d))*,\s+")
# A run-in label opening a paragraph ("Child Abuse: The law ...", "Administration: ..."):
# a few words, most of them capitalized, then a colon and a capital.
_RUN_IN_LABEL = re.compile(
    r"^(?:[A-Z][\w’'/-]*,? (?:(?:and|of|or|the|in|for|on|to) )?){0,7}[A-Z][\w’'/-]*: (?=[A-Z\x01])"
)
# "also" ties a statement to one before it: "the ICRC also visited" says "the ICRC visited".
_ALSO = re.compile(r"(?<=\w) also (?=[a-z])")
_PAREN = re.compile(r"(?<![\w\x02])\s*\(([^()]*)\)|\s+\(([^()]*)\)")
_DASH_PAIR = re.compile(r"\s*[—–]\s*([^—–]*?)\s*[—–]\s*")
_DASH_TAIL = re.compile(r"\s*[—–]([^—–]*)$")
_POINTING = word_set(
    "it they he she this these those that such other others its their his her we both them him"
)
_FIRST_WORDS = re.compile(
    r"([\x01\x02“\"]*)([A-Z][a-z’'-]*)\b(?: [\x01\x02]*(?P<next>[A-Z]\w*|_____))?"
)
_TITLE_WORD = re.compile(
    r"President|Premier|Minister|Chancellor|King|Queen|Governor|Senator|Judge|Mayor|Ambassador|"
    r"Commissioner|General|Secretary|Chairman|Leader"
)
_OWN_SOURCE = re.compile(r"\baccording to\b", re.IGNORECASE)
_DEMONSTRATIVE = re.compile(r"\b(?:[Tt]his|[Tt]hese|[Tt]hose) [a-z]")
_DETERMINERS = word_set(
    "the a an some many most all several both each every no one two three four five former ordinary"
)
_NEGATION = re.compile(r"\b(?:not|never|no|none|nor|neither|cannot)\b|n[’']t\b", re.IGNORECASE)
_FUNCTION_WORDS = word_set(
    "the a an in on at by for from between during since after before as of to with some many "
    "most all several both each every no other such this these those there women men children "
    "people state former ordinary guiding harsh"
)
# A predicate starts with a verb: an auxiliary, or a word in -s or -ed.
# Words that open a clause and are never the first word of a name.
_OPENING_WORDS = word_set(
    "under unlike while although though despite because when whenever if unless whereas "
    "following within without against among amid through throughout until upon via toward "
    "towards regarding including beyond per except besides once where whether"
)
_VERB_START = re.compile(
    r"^(?:(?:is|are|was|were|has|have|had|can|could|will|would|should|may|must|did|does|do)\b"
    r"|[a-z]+(?:s|ed)\b)"
)
# How often a word must occur in English text to count as a common word when it
# opens a sentence ("Harsh", "Guiding"); rarer capitalized words are names ("Beijing").
_COMMON_FREQUENCY = 500
_PREPOSITIONS = "in|on|at|between|during|from|to|by|since|for|after|before|under|across"
_QUANTIFIERS = (
    r"(?:only|approximately|about|some|nearly|almost|around|more than|over|at least|just)"
)


@dataclass(frozen=True)
class Casing:
    """What the chapter tells about capital letters: which words it writes in
    lowercase somewhere, so they are common words when they open a sentence."""

    lowercase_words: frozenset[str] = frozenset()
    proper_words: frozenset[str] = frozenset()

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Casing:
        lower: set[str] = set()
        proper: set[str] = set()
        for text in texts:
            words = re.findall(r"[A-Za-z][\w’'-]*", text)
            for i, word in enumerate(words):
                if word[0].islower():
                    lower.add(word)
                elif i > 0 and not word.isupper():
                    proper.add(word)
        return cls(frozenset(lower), frozenset(proper))

    def lower_first(self, text: str) -> str:
        """``text`` with its first word in lowercase if that word is a common word."""
        m = _FIRST_WORDS.match(text)
        if not m:
            return text
        word = m.group(2)
        if len(word) == 1 and word != "A" or text[m.end(2) : m.end(2) + 1] == ".":
            return text  # an initial or an abbreviation: "U.S. policy", "E. Smith"
        lowered = word.lower()
        following = m.group("next") or ""
        # A name follows: "Human Rights Watch", or a title before a blanked name
        # ("President _____ agreed"); a month is no name ("Starting March 2018").
        names_next = following not in MONTHS and (
            following[:1].isupper() or (following == BLANK and _TITLE_WORD.fullmatch(word))
        )
        if names_next and lowered not in _FUNCTION_WORDS | _OPENING_WORDS:
            return text  # the first word of a name ("Human Rights Watch documented ...")
        if lowered in _FUNCTION_WORDS or lowered in _OPENING_WORDS:
            pass  # a preposition or conjunction is never a name
        elif lowered in self.lowercase_words:
            pass  # the chapter itself writes it in lowercase: a common word
        elif (
            word.endswith("ing")
            and len(word) > 5
            and word not in self.proper_words
            and is_english_word(word)
            and word not in _name_openers()
        ):
            pass  # a gerund or participle opening a clause: "Overshadowing the talks, ..."
        elif word in self.proper_words or word in _name_openers():
            return text  # a name ("Beijing", "Russia remains ...")
        elif word_frequency(word) < _COMMON_FREQUENCY:
            return text
        return text[: m.start(2)] + lowered + text[m.end(2) :]


@lru_cache(maxsize=1)
def _name_openers() -> frozenset[str]:
    return frozenset(name.split()[0] for name in country_names()) | frozenset(MONTHS)


def marked(text: str, focus: Candidate | None) -> str:
    if focus is None:
        return text
    return text[: focus.start] + OPEN + text[focus.start : focus.end] + CLOSE + text[focus.end :]


def plain(text: str) -> str:
    return text.replace(OPEN, "").replace(CLOSE, "")


def _has_focus(fragment: str) -> bool:
    return OPEN in fragment or CLOSE in fragment


@lru_cache(maxsize=16384)
def core_statement(sentence: str, focus: Candidate | None = None) -> str | None:
    """The clause of ``sentence`` that holds ``focus`` (marked), trimmed to what a
    question needs; None when it cannot stand alone or is too long (or when the
    focus is a possessive, "Kim Jong-un’s government", which no blank can replace)."""
    if focus is not None and re.match(r"[’']s\b", sentence[focus.end :]):
        return None
    text = marked(sentence.strip(), focus)
    label = _RUN_IN_LABEL.match(text)
    if label and not _has_focus(label.group()):
        text = text[label.end() :]
    text = _ALSO.sub(" ", strip_connectives(text))
    leading = _LEADING_ADVERBIAL.match(text)
    time_frame = ""
    if leading and _TIME.search(leading.group()) and not _has_focus(leading.group()):
        time_frame = leading.group()
    text = _OPENERS.sub("", text)
    text = _PAREN.sub(
        lambda m: (
            m.group()
            if _has_focus(m.group()) or _TIME.search(m.group(1) or m.group(2) or "")
            else ""
        ),
        text,
    )
    pair = _DASH_PAIR.search(text)
    if pair and _has_focus(pair.group(1)):
        text = _relative_as_statement(text, pair)
        if text is None:
            return None
    text = _DASH_PAIR.sub(lambda m: m.group() if _has_focus(m.group()) else " ", text)
    tail = _DASH_TAIL.search(text)
    if tail and len(re.findall("[—–]", text)) % 2 and not _has_focus(tail.group()):
        text = text[: tail.start()] + _final_stop(tail.group())
    relative = _MID_RELATIVE.search(text)
    if relative and _has_focus(relative.group()):
        text = _subject_relative_as_statement(text, relative)
        if text is None:
            return None
    text = _MID_RELATIVE.sub(lambda m: m.group() if _has_focus(m.group()) else " ", text)
    text = _keep_focus_clause(text)
    if focus is not None:
        text = _cut_tail(text)
    colon = text.find(":")
    if colon > 0 and (focus is None or text.find(OPEN) < colon):
        text = text[:colon].rstrip() + "."
    text = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()
    if time_frame and time_frame.strip().rstrip(",") not in text:
        text = time_frame + _lower_article(text)
    text = _finish(text)
    if text is None or _points_back(text) or len(plain(text)) > MAX_STATEMENT:
        return None
    return text


def _relative_as_statement(text: str, pair: re.Match[str]) -> str | None:
    """ "Kim Jong-un—who serves as chairman of X—continues ..." asked about X: the
    dashes hold a statement of their own, "Kim Jong-un serves as chairman of X."."""
    inner = re.match(r"(?:who|which) (?P<rest>.+)$", pair.group(1))
    if not inner:
        return None
    owner = re.search(r"([A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*)$", text[: pair.start()])
    if not owner:
        return None
    return owner.group(1) + " " + inner.group("rest") + "."


def _subject_relative_as_statement(text: str, relative: re.Match[str]) -> str | None:
    """ "The X Act, which came into effect in 2016, requires ..." asked about 2016:
    the relative clause says something of the subject, "The X Act came into effect
    in 2016." Only when the subject is a plain name (no "of", which would leave it
    unclear what "which" refers to)."""
    subject = text[: relative.start()]
    lead = _LEADING_ADVERBIAL.match(subject)
    lead_text = lead.group() if lead else ""
    subject = subject[len(lead_text) :]
    if not re.fullmatch(r"(?:The |the )?[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*", subject):
        return None
    inner = re.match(r",\s+(?:which|who)\s+(?P<rest>.+?),\s+$", relative.group())
    if not inner:
        return None
    return lead_text + subject + " " + inner.group("rest") + "."


def _final_stop(fragment: str) -> str:
    m = re.search(r"[.?!][”\"]?$", fragment)
    return m.group() if m else ""


def _keep_focus_clause(text: str) -> str:
    cuts = list(_CLAUSE_SPLIT.finditer(text))
    if not cuts or OPEN not in text:
        return text
    focus_at = text.find(OPEN)
    before = [c for c in cuts if c.end() <= focus_at]
    after = [c for c in cuts if c.start() > focus_at]
    if after:
        text = text[: after[0].start()] + "."
    if before:
        right = text[before[-1].end() :]
        if _starts_with_subject(right):
            return right[0].upper() + right[1:]
    return text


def _cut_tail(text: str) -> str:
    close = text.find(CLOSE)
    if close < 0:
        return text
    m = _TAIL_CUT.search(text, close)
    if m:
        cut = text[: m.start()] + "."
        # What is left must still say something: a subject alone ("US President
        # Donald Trump.") is not a statement.
        if len(re.findall(r"(?<![\w\x01])[a-z][\w’'-]*", plain(_strip_leading(cut)))) >= 2:
            return cut
    return text


def _strip_leading(text: str) -> str:
    return text[_LEADING_ADVERBIAL.match(text).end() :] if _LEADING_ADVERBIAL.match(text) else text


def _first_word(text: str) -> str:
    m = re.match(r"[\x01\x02“\"]*([\w’'-]+)", _strip_leading(text))
    return m.group(1) if m else ""


def _starts_with_subject(text: str) -> bool:
    body = _strip_leading(text)
    if body.startswith(OPEN):
        return True
    word = _first_word(body)
    if not word:
        return False
    if word.lower() in _POINTING:
        return False
    return word[0].isupper() or word[0].isdigit() or word.lower() in _DETERMINERS


def _points_back(text: str) -> bool:
    # "These include ...", or "these enterprises" anywhere: what they are is in
    # another sentence.
    return _first_word(text).lower() in _POINTING or bool(_DEMONSTRATIVE.search(plain(text)))


def _lower_article(text: str) -> str:
    return re.sub(r"^(The|A|An) ", lambda m: m.group(1).lower() + " ", text)


def _finish(text: str) -> str | None:
    text = text.strip().rstrip(",;: ")
    if not text or text.endswith("?"):
        return None
    if not re.search(r"[.!][”\"]?$", text):
        text += "."
    text = re.sub(r"!([”\"]?)$", r".\1", text)
    start = 1 if text[0] in OPEN + '“"' else 0
    if start < len(text) and text[start].islower():
        text = text[:start] + text[start].upper() + text[start + 1 :]
    return text


def attribute(statement: str, casing: Casing) -> str:
    """``statement`` as the report's claim: "According to the report, ...", or "The
    report says that ..." when the statement names its own source ("..., according
    to lawyers"), which a second "according to" would make clumsy."""
    opening = (
        "The report says that " if _OWN_SOURCE.search(statement) else "According to the report, "
    )
    return fix_articles(opening + casing.lower_first(statement))


def fill_in_stem(statement: str, focus: Candidate) -> tuple[str, str]:
    """(stem with the blank, template id). A term given in parentheses after its
    meaning becomes "..., known as _____" so the blank sits in a sentence."""
    known_as = re.search(rf"\s*\({OPEN}[^()]*{CLOSE}\)(?P<after>[.,;:]?)", statement)
    if focus.kind == "term" and known_as:
        after = statement[known_as.end() :]
        if known_as.group("after") == "." or not after.strip():
            stem = statement[: known_as.start()] + f", known as {BLANK}."
            return stem, "fill-known-as"
    if focus.kind == "term" and re.search(rf"\({OPEN}[^()]*{CLOSE}\)", statement):
        return replace_focus(statement, f"known as {BLANK}"), "fill-known-as"
    return replace_focus(statement, BLANK), "fill-blank"


def replace_focus(statement: str, text: str) -> str:
    """``statement`` with its marked focus replaced by ``text``; an "a"/"an" before it
    agrees with the new text ("a 18 percent" never happens)."""
    start, end = statement.find(OPEN), statement.find(CLOSE)
    original = statement[start + 1 : end]
    if original[:1].isupper() and text[:1].islower() and start == 0:
        text = text[0].upper() + text[1:]
    before = statement[:start]
    article = re.search(r"\b([Aa]n?) $", before)
    if article and text != BLANK and not text.startswith("known as"):
        agreed = fix_articles(f"{article.group(1)} {text}").split(" ", 1)[0]
        before = before[: article.start(1)] + agreed + " "
    return before + text + statement[end + 1 :]


@dataclass(frozen=True)
class WhQuestion:
    question: str  # without attribution, ends with "?"
    statement: str  # the fact it asks about, as a plain declarative sentence
    template: str


def wh_question(
    sentence: str,
    focus: Candidate,
    candidates: tuple[Candidate, ...],
    casing: Casing,
) -> WhQuestion | None:
    """A question with the focus asked by "how many" or "which", when the sentence's
    shape allows one that reads naturally; None otherwise."""
    if focus.kind == "number":
        return _how_many(sentence, focus, candidates, casing)
    if focus.kind in {"country", "organization", "treaty"}:
        return _which_subject(sentence, focus, casing)
    return None


def _how_many(
    sentence: str, focus: Candidate, candidates: tuple[Candidate, ...], casing: Casing
) -> WhQuestion | None:
    unit = focus.meaning
    if unit.startswith(("percent", "per cent")):
        return None  # "how many percent" is no English: the sentence is completed instead
    after = sentence[focus.end :]
    if not after.startswith(" " + unit):
        return _how_many_sibling(sentence, focus, candidates)
    statement = core_statement(sentence, focus)
    if statement is None:
        return None
    leading = _LEADING_ADVERBIAL.match(statement)
    lead = leading.group() if leading else ""
    body = statement[len(lead) :]
    subject = re.match(rf"^(?:{_QUANTIFIERS} )?{OPEN}[^{CLOSE}]*{CLOSE} (?P<rest>.+)$", body, re.I)
    if subject and subject.group("rest").startswith(unit):
        rest = subject.group("rest")
        if _NEGATION.search(rest):
            return None
        question = _as_question(lead + "how many " + rest)
        return WhQuestion(question, plain(statement), "mc-how-many-subject")
    obj = re.match(
        rf"^(?P<subj>[^,;:\x01]+?) (?P<verb>(?:(?:has|have|had) )?[a-z]+) "
        rf"(?:{_QUANTIFIERS} )?{OPEN}[^{CLOSE}]*{CLOSE} (?P<rest>.+)$",
        body,
    )
    if not obj or not obj.group("rest").startswith(unit) or _NEGATION.search(obj.group("subj")):
        return None
    subj = obj.group("subj")
    if not _starts_with_subject(subj) or _NEGATION.search(obj.group("rest")):
        return None
    if re.search(r"\d|\b[a-z]+ed\b", subj):
        return None  # "authorities blocked 14 sites and": a clause, not a subject
    # The question keeps the object's own clause only: what follows a comma or a
    # second verb ("and conducted a sixth nuclear test") is another statement.
    rest = obj.group("rest")[len(unit) :].rstrip(".")
    rest = re.split(r"[,;:]| and [a-z]+ed\b", rest)[0]
    # "documented 26 cases of enforced disappearance between March and October":
    # what is counted is "cases of enforced disappearance".
    of_phrase = re.match(rf"^( of [^,;]*?)(?= (?:{_PREPOSITIONS})\b|$)", rest)
    if of_phrase:
        unit += of_phrase.group(1)
        rest = rest[of_phrase.end() :]
    verb = obj.group("verb")
    subj = casing.lower_first(subj)
    if " " in verb:
        aux, participle = verb.split(" ")
        question = f"{lead}how many {unit} {aux} {subj} {participle}{rest}?"
    else:
        lemma = _lemma(verb)
        if lemma is None:
            return None
        auxiliary = "does" if verb.endswith("s") and not verb.endswith("ed") else "did"
        question = f"{lead}how many {unit} {auxiliary} {subj} {lemma}{rest}?"
    question = _keep_time(question, plain(statement))
    return WhQuestion(_capital(question), plain(statement), "mc-how-many-object")


def _keep_time(question: str, statement: str) -> str:
    """Put back a closing time frame the question's cut lost ("... in 2017")."""
    trailing = _TRAILING_TIME.search(statement)
    if trailing and not _TIME.search(question):
        return question[:-1] + " " + trailing.group(1) + "?"
    return question


def _how_many_sibling(
    sentence: str, focus: Candidate, candidates: tuple[Candidate, ...]
) -> WhQuestion | None:
    unit = focus.meaning
    leads = [
        c
        for c in candidates
        if c.kind == "number"
        and c.meaning == unit
        and c.start < focus.start
        and sentence[c.end :].startswith(" " + unit)
    ]
    if not leads:
        return None
    lead = leads[0]
    before = _strip_leading(sentence[: lead.start] + "\x00").rstrip("\x00")
    before = re.sub(rf"^(?:{_QUANTIFIERS} )$", "", before, flags=re.I)
    if before.strip():
        return None  # the lead figure is not the subject of its clause
    predicate = re.match(r"[^,;.]+", sentence[lead.end + len(unit) + 1 :])
    own_time = re.match(
        r"\s+((?:in|between|during|from|since|by)\b[^,;]*?)[.,;]?$|"
        r"\s+((?:in|between|during|from|since|by)\b[^,;]*?),",
        sentence[focus.end :],
    )
    if not predicate or not own_time:
        return None
    when = own_time.group(1) or own_time.group(2)
    if not _TIME.search(when) or _NEGATION.search(predicate.group()):
        return None
    pred = predicate.group().strip()
    question = f"How many {unit} {pred} {when}?"
    statement = f"{focus.text} {unit} {pred} {when}."
    return WhQuestion(question, statement, "mc-how-many-sibling")


_WHICH = (
    (re.compile(r"\bMinistry\b"), "which ministry"),
    (re.compile(r"\bParty\b"), "which party"),
    (re.compile(r"\bAgency\b"), "which agency"),
    (re.compile(r"\b(?:Council|Assembly|Committee|Commission)\b"), "which body"),
    (re.compile(r"\b(?:Court|Tribunal)\b"), "which court"),
)


def _which_phrase(focus: Candidate) -> str:
    if focus.kind == "country":
        return "which country"
    if focus.kind == "treaty":
        return "which law" if re.search(r"\b(?:Act|Law|Code)\b", focus.text) else "which treaty"
    for pattern, phrase in _WHICH:
        if pattern.search(focus.text):
            return phrase
    return "which organization"


def _which_subject(sentence: str, focus: Candidate, casing: Casing) -> WhQuestion | None:
    statement = core_statement(sentence, focus)
    if statement is None:
        return None
    leading = _LEADING_ADVERBIAL.match(statement)
    lead = leading.group() if leading else ""
    body = statement[len(lead) :]
    m = re.match(rf"^(?:[Tt]he )?{OPEN}[^{CLOSE}]*{CLOSE} (?P<rest>[a-z][^\x01\x02]+)$", body)
    if not m or _NEGATION.search(m.group("rest")):
        return None
    if not _VERB_START.match(m.group("rest")):
        return None  # "The United States government is ...": the name is not the subject
    question = _as_question(lead + _which_phrase(focus) + " " + m.group("rest"))
    return WhQuestion(question, plain(statement), "mc-which-subject")


def _as_question(text: str) -> str:
    """End a statement as a question: "... “the nation.”" -> "... “the nation”?"."""
    text = re.sub(r"[.!]([”\"]?)$", r"\1", text.rstrip())
    return _capital(text) + "?"


def _capital(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def _lemma(verb: str) -> str | None:
    """The base form of a regular past or third-person verb ("fired" -> "fire")."""
    if verb.endswith("ied"):
        options = [verb[:-3] + "y"]
    elif verb.endswith("ed"):
        options = [verb[:-1], verb[:-2]]
        if len(verb) > 4 and verb[-3] == verb[-4]:
            options.append(verb[:-3])
    elif verb.endswith("ies"):
        options = [verb[:-3] + "y"]
    elif verb.endswith("es"):
        options = [verb[:-1], verb[:-2]]
    elif verb.endswith("s"):
        options = [verb[:-1]]
    else:
        return None
    for option in options:
        if is_english_word(option):
            return option
    return None
