"""How a stem reads on its own: what it leans on, whose claim it states, and its grammar.

Pure Python helpers shared by the generator (which repairs what it can) and the gate
(``gate_reading``, which holds back what it cannot). The rules come from
``question-quality.md``: a stem stands on its own or carries its context; claims keep their
source; references stay whole; articles agree with the word after them.

- ``leans_on(stem, earlier)`` lists the words of a stem whose referent is outside it
  ("him", "the defendants" when the earlier sentence names them, "these measures",
  "others", "the same", "also").
- ``attribution_markers(text)`` lists who a sentence says a claim comes from ("according to
  Amnesty International", "said", "reportedly").
- ``fix_articles(text)`` makes "a"/"an" agree with the next word ("a 18 percent" →
  "an 18 percent"), with inflect's rules (numbers are read as words first).
- ``related_forms(answer)`` gives the forms of an answer that give it away in a stem: a
  country's demonym ("Syria" → "Syrian"), from countryinfo's data.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .blocks import word_set
from .candidates import is_english_word

__all__ = [
    "CONNECTIVES",
    "opens_on_referent",
    "attribution_markers",
    "fix_articles",
    "leans_on",
    "related_forms",
    "strip_connectives",
]


# Third-person pronouns whose referent a reader must find. "it" is left out: it is mostly
# an expletive in report prose ("it is illegal to ...").
_PERSON_PRONOUNS = word_set("he she him his her hers himself herself")
_SUBJECT_OR_POSSESSIVE = frozenset(["he", "she", "his", "hers"])
_GROUP_PRONOUNS = frozenset(["they", "them", "their", "theirs", "themselves", "its"])
_POINTING = re.compile(
    r"\b(?:[Tt]his|[Tt]hese|[Tt]hose|[Ss]uch) (?!as\b|that\b|is\b|was\b|are\b|were\b)[a-z][\w-]*"
)
_OTHERS = re.compile(
    r"\b(?:others|the same(?! time)|the remaining|the rest|another"
    r"|the (?:former|latter)(?=[,.;]| (?:was|is|had|has|were|are|said))"
    r"|the two|the three|both of them|the other\b|also|subsequent(?:ly)?|the aforementioned"
    r"|previously|resulting|last year|the following (?:day|week|month|year)|the incident"
    r"|the attack|the case|the cases|as well(?! as)|other (?!than\b)[a-z]+s\b|some groups"
    r"|that (?:law|bill|case|decision|incident|attack|group|report|measure|policy|order"
    r"|ruling|agreement|plan|proposal|amendment|investigation|trial|event|year|month))\b",
    re.IGNORECASE,
)
# Nouns every chapter uses for its usual actors and frames: "the government" or "the law"
# (the country's own) is understood without the sentence before.
_EVERYDAY = word_set(
    "government governments authorities authority police military army state states country "
    "countries president minister ministry courts law laws constitution year years month "
    "months report people population public media press security forces force parliament "
    "legislature judiciary region regions capital city international community world election "
    "elections war conflict day week time end beginning start past future number majority "
    "rest north south east west country's government's president's law's nation economy "
    "opposition prime court culture society family families community communities camps camp "
    "senate house assembly congress cabinet interior"
)
# "the" and a bare common noun that nothing in the stem identifies ("the mission", "the
# rally", "the special court"): a reader asks "which?". A noun followed by "of", "for",
# "in", "on", "against", "to", "that", "who", "which", or a name, is identified there.
# Words that end a noun phrase after "the": prepositions, conjunctions, pronouns and
# auxiliaries.
_NOT_IN_PHRASE = word_set(
    "of the a an and or but nor to in on for by with at from as that which who whom whose "
    "where when while is was were are had has have be been being will would could should may "
    "might must can did does do not no against between into about over under after before "
    "during since without within through upon among amid it its their his her them they he "
    "she him this these those there than then also only"
)
# A phrase followed by one of these is identified right there ("the head of the mission").
_IDENTIFIED_BY = word_set("of for on against to that who whom which where between")
_ADJECTIVE_OK = frozenset(
    [
        "same",
        "following",
        "first",
        "last",
        "next",
        "previous",
        "remaining",
        "preceding",
        "upcoming",
        "existing",
        "governing",
        "ruling",
    ]
)
_DEFINITE = re.compile(r"\b[Tt]he ((?:[a-z][\w-]* ){0,2}?)([a-z][a-z-]{3,})\b")
_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_LEAD_IN = re.compile(
    r"^(?:According to the report, |The report says that |Human Rights Watch reports that "
    r"|What does the term .+ refer to in the report\?|What does .+ stand for in the report\?)"
)

CONNECTIVES = re.compile(
    r"(?:^|(?<=, ))(?:[Hh]owever|[Ff]or example|[Ff]or instance|[Mm]oreover|[Ff]urthermore"
    r"|[Nn]evertheless|[Nn]onetheless|[Tt]herefore|[Tt]hus|[Ii]n addition|[Ii]n turn"
    r"|[Aa]dditionally"
    r"|[Ii]ndeed|[Mm]eanwhile|[Ii]nstead|[Ii]n particular|[Ll]ikewise|[Ss]imilarly|[Aa]s a result"
    r"|[Ii]n contrast|[Oo]n the other hand|[Bb]y contrast|[Nn]otably|[Ii]n fact|[Hh]ence)\b"
)
_MID_CONNECTIVE = re.compile(
    r"(?P<mark>[,;])\s+(?:however|for example|for instance|moreover|furthermore|nevertheless"
    r"|nonetheless"
    r"|therefore|thus|in addition|in turn|indeed|in particular|likewise|similarly|notably"
    r"|in fact|as a result|by contrast|in contrast)\s*,"
)
_LEADING_CONNECTIVE = re.compile(CONNECTIVES.pattern + r",?\s+")


def strip_connectives(text: str) -> str:
    """``text`` without the connectives that tie it to a sentence a question does not
    carry: "However, the court ..." → "The court ...", "the court, however, ruled" →
    "the court ruled"."""
    text = _MID_CONNECTIVE.sub(lambda m: ";" if m.group("mark") == ";" else "", text)
    match = _LEADING_CONNECTIVE.match(text)
    if match and match.end() < len(text):
        text = text[match.end() :]
        text = text[0].upper() + text[1:]
    return text


def _stem_body(stem: str) -> str:
    return _LEAD_IN.sub("", stem)


_PLURALS = frozenset({"women", "men", "children", "people", "police", "staff", "youth"})
_NOT_NAMES = word_set(
    "January February March April May June July August September October November December "
    "Which What Who Whom Whose When Where How According The A An In On At"
)


def _is_name(word: str) -> bool:
    return word[0].isupper() and word not in _NOT_NAMES and not word.isupper()


_OPENS_ON_REFERENT = re.compile(
    r"^(?:In response|In addition|As a result|However|Meanwhile|Instead|Also|Nevertheless)\b"
    r"|^(?:It|This|That|These|Those|They|He|She|Such)\b(?! (?:is|was) (?:not )?(?:illegal|legal"
    r"|unclear|possible|impossible|difficult|common|estimated|reported|alleged)\b)"
)


def opens_on_referent(text: str) -> bool:
    """Whether a sentence opens by pointing back ("It condemned ...", "They were ...")."""
    return bool(_OPENS_ON_REFERENT.match(text.strip('“"')))


def leans_on(stem: str, earlier: str = "") -> list[str]:
    """The words of ``stem`` that point to something it does not say (empty: it stands
    alone). ``earlier`` is the text before the source sentence in its paragraph: a
    definite noun ("the defendants") counts only when that text names it first.

    A personal pronoun counts unless a name (a capitalized word after the first) comes
    before it in the stem; "they", "them", "their", "its" count unless a noun phrase does.
    """
    body = _stem_body(stem)
    found: list[str] = []
    words = list(_WORD.finditer(body))
    for position, match in enumerate(words):
        word = match.group()
        lowered = word.lower()
        if lowered in _PERSON_PRONOUNS:
            before = [w.group() for w in words[1:position]]
            # A name or a noun phrase ("an officer ... his uniform") before it may be its
            # referent; "which court sentenced him" has neither.
            # An object pronoun ("sentenced him") is rarely the subject before it: only a
            # name will do there.
            phrase_ok = lowered in _SUBJECT_OR_POSSESSIVE
            if not any(
                _is_name(w) or (phrase_ok and w.lower() in ("a", "an", "the")) for w in before
            ):
                found.append(word)
        elif lowered in _GROUP_PRONOUNS:
            before = [w.group() for w in words[:position]]
            named = any(_is_name(w) for w in before[1:])
            nouny = any(
                w.lower() in ("the", "a", "an") or w.lower().endswith("s") or w.lower() in _PLURALS
                for w in before
            )
            if not (named or nouny):
                found.append(word)
    found += [m.group() for m in _POINTING.finditer(body)]
    found += [m.group() for m in _OTHERS.finditer(body)]
    found += _bare_definites(body)
    if earlier:
        found += _bare_surnames(body, earlier)
        earlier_words = {w.lower() for w in _WORD.findall(earlier)}
        for match in _DEFINITE.finditer(body):
            noun = match.group(2).lower()
            if noun in _EVERYDAY or noun not in earlier_words:
                continue
            if noun in {w.lower() for w in _WORD.findall(body[: match.start()])}:
                continue  # introduced earlier in the stem itself
            found.append(match.group())
    return found


def _bare_definites(body: str) -> list[str]:
    """ "the" and up to three words that nothing in the stem identifies: "the mission",
    "the special court", "the riots" (not "the head of the mission", "the Supreme Court",
    "the government", "the worst forms", nor a noun the stem used before)."""
    tokens = [(m.group(), m.start()) for m in re.finditer(r"[\w’'-]+", body)]
    found = []
    for i, (token, _) in enumerate(tokens):
        if token.lower() != "the":
            continue
        phrase: list[str] = []
        j = i + 1
        while j < len(tokens) and len(phrase) < 3:
            word = tokens[j][0]
            if not word[0].islower() or word in _NOT_IN_PHRASE:
                break
            if phrase and (word.endswith(("ed", "ly")) or word in _VERBISH):
                break
            phrase.append(word)
            j += 1
        if not phrase:
            continue
        following = tokens[j][0] if j < len(tokens) else ""
        if following in _IDENTIFIED_BY or following[:1].isupper():
            continue
        words = {re.sub(r"[’']s$", "", w) for w in phrase}
        if words & (_EVERYDAY | _ADJECTIVE_OK) or any(
            w.endswith("est") or w in _RANKING for w in words
        ):
            continue
        used_before = {w.lower() for w, _ in tokens[:i]}
        if words & used_before:
            continue  # introduced earlier in the same stem
        if any(not is_english_word(w) for w in words):
            continue  # a local term names the thing: "the kwanliso system"
        found.append("the " + " ".join(phrase))
    return found


_VERBISH = word_set(
    "remains remained said says continued continues reported received took made held began "
    "found noted stated claimed ruled"
)
_RANKING = word_set("worst best most least first last only main entire whole new")


def _bare_surnames(body: str, earlier: str) -> list[str]:
    """Surnames used alone whose full name is in the earlier text ("Kamara" after "Paul
    Kamara"), unless the stem gives the full name too."""
    found = []
    for match in re.finditer(r"(?:(?<=[a-z,] )|^)([A-Z][a-z’'-]{2,})\b", body):
        name = match.group(1)
        full = re.search(rf"\b[A-Z][a-z’'.-]+ {re.escape(name)}\b", earlier)
        if full and full.group() not in body:
            found.append(name)
    return found


# Who a claim is said to come from. "according to" keeps its source's first word.
_ACCORDING = re.compile(r"\baccording to (?!the report\b)(?:the )?([A-Za-z][\w’'-]*)", re.I)
_SAYING = re.compile(
    r"\b(?:reportedly|allegedly|alleged|alleging|purportedly|apparently|claimed|claims|claiming"
    r"|said|says|stated|told|asserted|accused|charged|contended|maintained|insisted|denied"
    r"|estimated|believed|suspected|testified|testimony)\b",
    re.IGNORECASE,
)


def attribution_markers(text: str) -> set[str]:
    """The attribution words of ``text``, lowercased: "according to amnesty", "said"...
    The report's own voice ("according to the report") is not one."""
    found = {f"according to {m.group(1).lower()}" for m in _ACCORDING.finditer(text)}
    found |= {m.group().lower() for m in _SAYING.finditer(text)}
    return found


@lru_cache(maxsize=1)
def _inflect():
    import inflect

    return inflect.engine()


_ARTICLE = re.compile(r"(?<![\w’'-])([Aa]n?) ([\w$€£%][\w,.%-]*)")


def _spoken(word: str) -> str:
    """How a reader says the word, for the article: "18" → "eighteen"."""
    digits = re.match(r"[$€£]?(\d[\d,]*)", word)
    if digits:  # "an $80 million grant" is read "an eighty million dollar grant"
        return _inflect().number_to_words(digits.group(1).replace(",", "")) or word
    return word


def fix_articles(text: str) -> str:
    """ "a"/"an" agreeing with the word after it, by inflect's rules ("an 18 percent",
    "a European", "an MSF team"). A word the rules cannot read is left as it is."""

    def agree(match: re.Match[str]) -> str:
        article, word = match.group(1), match.group(2)
        if word.lower() in ("a", "an") or not re.search(r"[A-Za-z0-9]", word):
            return match.group()
        if article == "A" and re.search(r"[A-Za-z][\w’'-]* $", text[: match.start()]):
            return match.group()  # a label, not an article: "Plan A is", "Annex A of"
        wanted = _inflect().a(_spoken(word.rstrip(",.")).split()[0]).split()[0]
        if wanted.lower() == article.lower():
            return match.group()
        wanted = wanted.capitalize() if article[0].isupper() else wanted.lower()
        return f"{wanted} {word}"

    return _ARTICLE.sub(agree, text)


def articles_agree(text: str) -> bool:
    """Whether every "a"/"an" in ``text`` already agrees with the word after it."""
    return fix_articles(text) == text


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, frozenset[str]]:
    """Country name (lowercase, every spelling countryinfo gives) → its demonyms."""
    from countryinfo import all_countries

    table: dict[str, set[str]] = {}
    for country in all_countries():
        demonym = (country.demonym() or "").strip()
        if not demonym:
            continue
        forms = {demonym}
        if not demonym.endswith(("s", "sh", "ch", "ese")):
            forms.add(demonym + "s")  # "Syrians"
        names = {country.name().lower()}
        names |= {n.lower() for n in country.alt_spellings() if len(n) > 3}
        for name in names:
            table.setdefault(name, set()).update(forms)
    return {name: frozenset(forms) for name, forms in table.items()}


def related_forms(answer: str) -> frozenset[str]:
    """Words that name ``answer`` in another form: a country's demonyms ("Syria" →
    "Syrian", "Syrians"; "the United States" → "American"). Empty for anything else."""
    name = re.sub(r"^the ", "", answer.strip().lower())
    return _demonyms().get(name, frozenset())
