# ruff: noqa: RUF001, RUF003 - the readings use typographic quotes and dashes, so the patterns must too
"""Rule-based extraction of mentions from one sentence. Pure functions: text in, mentions out.

Two sources work together:

1. the lexicon (terms with category and aliases, kept as data) for names a rule cannot
   guess (``Patriot``, ``Leopard 2``);
2. rules that need no lexicon, so an unseen reading still yields facts: acronym definitions
   (Schwartz-Hearst matching of an acronym to its long form), people with a role (a run of
   capitalised words whose last office word - Minister, President, Secretary ... - is
   followed by a name, or ``Name, who served as Role``), money with currency and scale,
   dates and years, ``Operation X`` and other named programmes, organisations by their head
   word (Bureau, Centre, Commission ...), ``<Name> <descriptor> system/missiles``,
   summits, and country and city gazetteers.

Traps handled on purpose: digits glued to a name (``Leopard 2``, ``F-16``, ``IRIS-T``) are
never quantities; a bare year is a year, not a day; citation parentheses ``(Marsh, 2023)``
produce nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from core.text.acronyms import find_acronyms as spelled_out_acronyms
from core.text.citations import citation_spans, strip_citations
from core.text.dates import FULL_DATE
from core.text.words import MONTH_NAMES_PATTERN, MONTHS, sentence_openers
from quizzes.generation.lexicon import Lexicon, cities, countries

_MONTH_RE = MONTH_NAMES_PATTERN

OFFICE_WORDS = {
    "Minister",
    "President",
    "Secretary",
    "General",
    "Secretary-General",
    "Commissioner",
    "Chancellor",
    "Ambassador",
    "Commander",
    "Chief",
    "Spokesperson",
    "Director",
    "Chair",
    "Chairman",
    "Chairwoman",
    "King",
    "Queen",
    "Premier",
    "Envoy",
    "Admiral",
    "Governor",
    "Mayor",
    "Representative",
}
ORG_WORDS = {
    "Organization",
    "Organisation",
    "Alliance",
    "Union",
    "Bank",
    "Council",
    "Commission",
    "Centre",
    "Center",
    "Group",
    "Bureau",
    "Agency",
    "Committee",
    "Office",
    "Headquarters",
    "Parliament",
    "Command",
    "Assembly",
    "Court",
    "Institute",
    "Forum",
    "Coalition",
    "Ministry",
    "Department",
    "Fleet",
    "Forces",
    "Army",
    "Navy",
    "Service",
    "Secretariat",
    "Directorate",
    "Battalion",
    "Brigade",
    "Corps",
}
PROGRAMME_WORDS = {
    "Initiative",
    "Fund",
    "Act",
    "Programme",
    "Program",
    "Package",
    "Agreement",
    "Agreements",
    "Plan",
    "Mission",
    "Strategy",
    "Treaty",
    "Charter",
    "Declaration",
    "Facility",
    "Compact",
    "Format",
    "Memorandum",
    "Accords",
    "Concept",
    "Exercise",
    "Partnership",
    "Pledge",
    "Model",
    "Framework",
    "Doctrine",
}
SYSTEM_WORDS = {
    "System",
    "Systems",
    "Missile",
    "Missiles",
    "Rocket",
    "Rockets",
    "Launcher",
    "Howitzer",
    "Tank",
    "Vehicle",
    "Drone",
    "Weapon",
}
# Capitalised words that open sentences; a capitalised run never starts with one. Openers that also
# begin names ("Under Secretary") stay: the rules below read offices and names.
_OPENERS = sentence_openers(with_name_starts=False)
# Words that may qualify a role ("Ukrainian President") but are never part of a name.
_NOT_NAMES = _OPENERS | {"Western", "Eastern", "European", "Allied", "Former", "Yes", "No"}
# A capitalised sentence opener that is an everyday word in lower case ("Context", "Energy",
# "Looking") is that word, not a name; names such as "Rutte" or "Stoltenberg" are rare words.
OPENER_ZIPF = 4.0


@cache
def is_demonym(word: str) -> bool:
    """ "Ukrainian", "Polish", "British": a demonym-shaped word whose first four letters begin a country's name."""
    if not _DEMONYM.match(word) or len(word) < 5:
        return False
    return any(name.startswith(word[:4]) for name in countries())


def _common_opener(word: str) -> bool:
    from quizzes.generation.standalone import zipf

    return not word.isupper() and not is_demonym(word) and zipf(word.lower()) >= OPENER_ZIPF


_CITY_STOP = {
    "Split",
    "Nice",
    "Reading",
    "Bath",
    "Mobile",
    "Victoria",
    "Hamilton",
    "Lincoln",
    "March",
    "Independence",
    "Austin",
    "Orange",
    "Derby",
    "Hull",
    "Sale",
}
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ish|ese|an|ch|ic|i)$")

_YEAR = re.compile(r"(?<![\w$€£.,/-])((?:1[89]|20)\d\d)(?![\w%-]|,\d)")
_FULL_DATE = FULL_DATE
_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE}),?\s+((?:1[89]|20)\d\d)\b")
_DAY_MONTH = re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}})\b(?!,?\s*\d{{4}})")
_MONEY_PREFIX = re.compile(
    r"(?P<qual>(?:approximately|about|around|over|more than|nearly|almost|some|up to|at least|roughly|an estimated)\s+)?"
    r"(?P<cur>US\$|\$|€|£)\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*(?P<scale>trillion|billion|million|bn|m)\b)?"
)
_MONEY_SUFFIX = re.compile(
    r"(?P<qual>(?:approximately|about|around|over|more than|nearly|almost|some|up to|at least|roughly|an estimated)\s+)?"
    r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<scale>trillion|billion|million)?\s*(?P<cur>dollars|euros|pounds|USD|EUR|GBP)\b"
)
_CURRENCY = {
    "US$": "USD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "dollars": "USD",
    "euros": "EUR",
    "pounds": "GBP",
    "USD": "USD",
    "EUR": "EUR",
    "GBP": "GBP",
}
_SCALE = {"trillion": "trillion", "billion": "billion", "bn": "billion", "million": "million", "m": "million", None: ""}
_APPOSITION = re.compile(
    r"(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}), (?:who|a|an|the) (?:\w+ )?(?:(?:served|serves|is|was|has served|had served) as (?:the |a |an )?)?(?P<role>[^,.;()]{3,90})"
)
_SYSTEM_DESC = re.compile(
    r"(?P<name>[A-Z][\w/-]*(?: [A-Z0-9][\w/-]*){0,2}) (?P<desc>(?:[a-z][\w-]* ){0,3}(?:systems?|missiles?|tanks?|howitzers?|launchers?|drones?|jets?|aircraft|fighters?|rockets?|vehicles?))\b"
)
_SUMMIT_NEAR = re.compile(r"\bsummits?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    kind: str  # system, organisation, programme, summit, person_role, money, date, place, term, office
    value: str  # canonical form
    surface: str  # as written
    start: int  # offsets in the sentence text
    end: int
    category: str
    topic: str
    source: str  # "lexicon" or the rule that found it
    aliases: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.value, self.surface, *self.aliases)))


@dataclass(frozen=True)
class Acronym:
    short: str
    long: str
    start: int
    end: int
    head_kind: str


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _is_cap(token: str) -> bool:
    """A capitalised word in any Latin script ("Özkan", "IRIS-T", "Ukraine's" already trimmed)."""
    return token[0].isupper() and bool(re.fullmatch(r"[\w'’.&/-]+", token)) and not token.endswith((".", "’", "'"))


def _cap_runs(text: str) -> list[list[tuple[str, int, int]]]:
    """Runs of capitalised tokens, joined by single spaces and the connector ``of``.

    Punctuation before a token starts a new run; punctuation after it ends the run.
    """
    runs: list[list[tuple[str, int, int]]] = []
    current: list[tuple[str, int, int]] = []
    for m in re.finditer(r"\S+", text):
        word = m.group(0)
        lead = len(word) - len(word.lstrip("“”\"‘’'(["))
        core = word[lead:].rstrip("“”\"‘’'(),;:.!?]")
        if core.endswith(("’s", "'s")):
            core = core[:-2]
        offset = m.start() + lead
        closes = len(word[lead:]) != len(core)
        if lead and current:
            runs.append(current)
            current = []
        is_cap = bool(core) and _is_cap(core)
        if is_cap or (core == "of" and current):
            current.append((core, offset, offset + len(core)))
        else:
            if current:
                runs.append(current)
            current = []
        if closes and current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    cleaned = []
    for run in runs:
        while run and run[-1][0] == "of":
            run = run[:-1]
        while len(run) > 1 and (run[0][0] in _OPENERS or (run[0][1] == 0 and run[0][0] not in OFFICE_WORDS and _common_opener(run[0][0]))):
            run = run[1:]
        if run and run[0][0] != "of":
            cleaned.append(run)
    return cleaned


# --- acronyms -------------------------------------------------------------------------------------


def find_acronyms(text: str) -> list[Acronym]:
    """Acronyms the text spells out (``core.text.acronyms``, the careful rule), with the kind of thing their head word names."""
    return [Acronym(a.short, a.long, a.start, a.end, _head_kind(a.long)) for a in spelled_out_acronyms(text)]


def _head_kind(long: str) -> str:
    words = long.split(" of ")[0].split()
    head = words[-1] if words else ""
    if head in ORG_WORDS or head.rstrip("s") in ORG_WORDS:
        return "organisation"
    if head in PROGRAMME_WORDS:
        return "programme"
    if head in SYSTEM_WORDS:
        return "system"
    return "organisation"


# --- the gazetteer matcher --------------------------------------------------------------------------


@cache
def _gazetteer() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    names: dict[str, tuple[str, str]] = {}
    for surface, canonical in countries().items():
        names[surface] = ("country", canonical)
    for surface, canonical in cities().items():
        if surface not in _CITY_STOP:
            names.setdefault(surface, ("city", canonical))
    alternatives = sorted((re.escape(n) for n in names), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])"), names


# --- the extractor ----------------------------------------------------------------------------------

_TOPIC = {
    "system": "weapons-systems",
    "organisation": "organisations",
    "programme": "aid-and-finance",
    "summit": "summits-and-diplomacy",
    "person_role": "people-and-roles",
    "money": "aid-and-finance",
    "quantity": "figures",
    "date": "history",
    "place": "membership",
    "term": "history",
    "office": "people-and-roles",
}
_PRIORITY = {
    "lexicon": 0,
    "person": 1,
    "money": 1,
    "quantity": 2,
    "summit": 1,
    "acronym": 1,
    "programme": 2,
    "organisation": 2,
    "system": 2,
    "date": 3,
    "place": 3,
    "term": 5,
    "rare-word": 6,
}


def _role_office(role_tokens: list[str]) -> str:
    tokens = list(role_tokens)
    while len(tokens) > 1 and (tokens[0].isupper() or tokens[0] in countries() or _DEMONYM.match(tokens[0])) and tokens[1] != "of":
        tokens = tokens[1:]
    return " ".join(tokens)


def _persons(text: str, lexicon: Lexicon) -> list[Mention]:
    out: list[Mention] = []
    for run in _cap_runs(text):
        words = [w for w, _, _ in run]
        office_idx = [i for i, w in enumerate(words) if w in OFFICE_WORDS]
        if not office_idx:
            continue
        last = office_idx[-1]
        end_role = last
        while end_role + 2 < len(words) and words[end_role + 1] == "of":
            end_role += 2
        name = run[end_role + 1 : end_role + 4]
        if not name or any(
            w in OFFICE_WORDS or w.isupper() or w in countries() or w in _NOT_NAMES or w in MONTHS or is_demonym(w) for w, _, _ in name
        ):
            continue
        first_role = 0
        role_words = words[first_role : end_role + 1]
        if role_words and role_words[0] in _OPENERS:
            role_words = role_words[1:]
        if not role_words:
            continue
        full = text[name[0][1] : name[-1][2]]
        term = lexicon.lookup(full)
        value = term.term if term and term.category == "person" else full
        aliases = tuple(a for a in (term.aliases if term else ()) if a) + ((name[-1][0],) if len(name) > 1 else ())
        role = " ".join(role_words)
        out.append(
            Mention(
                "person_role",
                value,
                full,
                name[0][1],
                name[-1][2],
                "person",
                "people-and-roles",
                "person",
                aliases,
                {"role": role, "office": _role_office(role_words), "role_span": [run[0][1], run[end_role][2]]},
            )
        )
    for m in _APPOSITION.finditer(text):
        role = m.group("role").strip()
        role_words = role.split()
        if not any(w in OFFICE_WORDS for w in role_words[:4]) or m.group("name").split()[0] in _NOT_NAMES:
            continue
        full = m.group("name")
        if any(w in countries() or w.isupper() for w in full.split()):
            continue
        term = lexicon.lookup(full)
        value = term.term if term and term.category == "person" else full
        aliases = (*tuple(term.aliases if term else ()), full.split()[-1])
        out.append(
            Mention(
                "person_role",
                value,
                full,
                m.start("name"),
                m.end("name"),
                "person",
                "people-and-roles",
                "person",
                aliases,
                {"role": role, "office": role, "role_span": [m.start("role"), m.end("role")]},
            )
        )
    return out


def _money(text: str) -> list[Mention]:
    out = []
    for pattern in (_MONEY_PREFIX, _MONEY_SUFFIX):
        for m in pattern.finditer(text):
            number = float(m.group("num").replace(",", ""))
            currency = _CURRENCY[m.group("cur")]
            scale = _SCALE[m.group("scale")]
            qualifier = (m.group("qual") or "").strip()
            start = m.start("cur") if pattern is _MONEY_PREFIX else m.start("num")
            surface = text[start : m.end()].strip()
            purpose = re.split(r"[,;.]| while | but ", strip_citations(text[m.end() :]))[0].strip()
            out.append(
                Mention(
                    "money",
                    surface,
                    surface,
                    start,
                    start + len(surface),
                    "money",
                    "aid-and-finance",
                    "money",
                    (),
                    {"amount": number, "currency": currency, "scale": scale, "qualifier": qualifier, "purpose": purpose},
                )
            )
    return out


_QUANTITY = re.compile(
    r"(?P<qual>(?:approximately|about|around|over|more than|nearly|almost|some|up to|at least|roughly|an estimated|as many as|fewer than|less than)\s+)?"
    r"(?<![\w$€£.,/-])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w.,]\d)\s*"
    # The counted noun may follow a name ("300,000 Afghan National Security Forces").
    r"(?P<unit>percent\b|per cent\b|%|(?:[A-Z][a-z]+\s){1,3}(?:Forces|Troops|Soldiers|Guards|Marines|Units)\b|"
    # "13 of our servicemembers": a part counted out of a whole the sentence names.
    r"of\s+(?:our|the|their|its)\s+(?:[a-z]+\s)?(?:servicemembers|service members|troops|soldiers|citizens|people|personnel|staff|members|Allies)\b|"
    r"(?:[a-z][a-z-]+\s){0,2}?(?:people|troops|servicemembers|soldiers|service members|personnel|civilians|citizens|refugees|"
    r"countries|nations|Allies|allies|members|states|weapons|warheads|missiles|tanks|aircraft|jets|fighters|systems|ships|vessels|"
    r"satellites|launchers|rounds|shells|drones|battalions|brigades|divisions|miles|kilometers|kilometres|tons|tonnes|years|days|"
    r"months|hours|sorties|flights|evacuees|Americans|Afghans|Ukrainians|partners|nuclear weapons|agencies|elements|organizations|"
    r"organisations|signatories|parties|Parties|facilities|reactors|centrifuges|casualties|deaths)\b)"
)


_NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}
_WORD_QUANTITY = re.compile(
    r"\b(?P<num>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)|"
    # "two" is left out: "our two countries", "the two Presidents" count nothing worth asking.
    + "|".join(sorted((w for w in _NUMBER_WORDS if w not in {"zero", "one", "two", "hundred"}), key=len, reverse=True))
    + r")\]?\s+(?P<unit>percent\b|per cent\b|(?:[a-z][a-z-]+\s)?(?:years|months|days|weeks|hours|States|states|countries|nations|members|Parties|parties|Allies|allies|texts|languages|copies|votes))\b",
    re.I,
)


# A lower-case word this rare in English (Zipf scale) is a term of the field: "safeguards" no, "fissionable" yes.
RARE_TERM_ZIPF = 2.7


def _rare_terms(text: str) -> list[Mention]:
    """Rare lower-case words ("disarmament", "centrifuges"): key terms a rule cannot see by capitals."""
    from quizzes.generation.standalone import zipf

    out = []
    for m in re.finditer(r"(?<![\w'’-])([a-z][a-z]{6,}(?:-[a-z]+)?)(?![\w'’-])", text):
        word = m.group(1)
        before = text[: m.start(1)].split()[-1:] or [""]
        if before[0].lower() in _VERB_BEFORE:
            continue  # "we must rebalance", "to underwrite": a verb, whatever the word list says
        if 0 < zipf(word) < RARE_TERM_ZIPF and is_noun(word):
            out.append(Mention("term", word, word, m.start(1), m.end(1), "term", "history", "rare-word"))
    return out


_VERB_BEFORE = {"to", "must", "will", "would", "can", "could", "should", "may", "might", "shall", "not", "we", "they", "i", "you"}
_NOUN_ENDINGS = ("ion", "ment", "ity", "ism", "ance", "ence", "ure", "ors", "ers", "ads", "eads", "ists")


def is_noun(word: str) -> bool:
    """Whether ``word`` is a noun: lemminflect's lexicon when it knows the word, a noun ending when it does not.

    A blank over a verb or an adjective ("steeled", "broadest") tests the speaker's wording, not a term.
    """
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word)
    if lemmas:
        # "underscores" is also a verb: only a noun ending settles a word that can be both.
        return "NOUN" in lemmas and ("VERB" not in lemmas or word.endswith(_NOUN_ENDINGS))
    return word.endswith(_NOUN_ENDINGS)


def _word_number(word: str) -> int:
    return sum(_NUMBER_WORDS[p] for p in word.lower().split("-"))


# A rank in a series the reading counts ("NATO's 32nd Ally", "the 75th anniversary"): a figure of the reading's own.
_ORDINAL = re.compile(
    r"(?<![\w$€£.,/-])(?P<num>\d{1,3})(?:st|nd|rd|th)\s+(?P<unit>(?:[a-z]+\s)?(?:Ally|member|member state|anniversary|Summit|summit|"
    r"signatory|country|nation|round|session|Congress|congress|Party|party)\b)"
)


_ORDINAL_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "second",
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
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],
        start=2,
    )
}
# "the ninth consecutive year": a count the reading gives in words ("first" is left out: any first meeting is one).
_WORD_ORDINAL = re.compile(
    r"\b(?P<num>" + "|".join(_ORDINAL_WORDS) + r")\s+(?P<unit>consecutive (?:year|month|time)|straight year|year in a row|"
    r"anniversary|round|(?:[a-z]+\s)?(?:Ally|member|Summit|summit))\b",
    re.I,
)


def _quantities(text: str) -> list[Mention]:
    """Counted things and percentages ("1,500 nuclear warheads", "2 percent", "five years"); years and money are found elsewhere."""
    out = []
    for m in _WORD_ORDINAL.finditer(text):
        raw = m.group("num")
        data = {"amount": float(_ORDINAL_WORDS[raw.lower()]), "unit": m.group("unit"), "qualifier": "", "ordinal": True, "written": "words"}
        out.append(Mention("quantity", raw, raw, m.start("num"), m.end("num"), "quantity", "figures", "quantity", (), data))
    for m in _ORDINAL.finditer(text):
        raw = text[m.start("num") : m.start("unit")].rstrip()
        data = {"amount": float(m.group("num")), "unit": m.group("unit"), "qualifier": "", "ordinal": True}
        out.append(Mention("quantity", raw, raw, m.start("num"), m.start("num") + len(raw), "quantity", "figures", "quantity", (), data))
    for m in _WORD_QUANTITY.finditer(text):
        raw = m.group("num")
        data = {"amount": float(_word_number(raw)), "unit": m.group("unit"), "qualifier": "", "written": "words"}
        out.append(Mention("quantity", raw, raw, m.start("num"), m.end("num"), "quantity", "figures", "quantity", (), data))
    for m in _QUANTITY.finditer(text):
        raw = m.group("num")
        number = float(raw.replace(",", ""))
        if "," not in raw and 1800 <= number <= 2100 and "." not in raw:
            continue  # a year
        if text[max(0, m.start("num") - 1) : m.start("num")] in {"$", "€", "£"}:
            continue
        unit = m.group("unit").strip()
        out.append(
            Mention(
                "quantity",
                raw,
                raw,
                m.start("num"),
                m.end("num"),
                "quantity",
                "figures",
                "quantity",
                (),
                {"amount": number, "unit": unit, "qualifier": (m.group("qual") or "").strip()},
            )
        )
    return out


def _dates(text: str, blocked: list[tuple[int, int]]) -> list[Mention]:
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, data: dict[str, Any]) -> None:
        if _inside(blocked, start, end) or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        surface = text[start:end]
        out.append(Mention("date", surface, surface, start, end, "date", "history", "date", (), data))

    for m in _FULL_DATE.finditer(text):
        month = m.group(1) or m.group(5)
        day = int(m.group(2) or m.group(4))
        year = int(m.group(3) or m.group(6))
        add(m.start(), m.end(), {"year": year, "month": MONTHS.index(month) + 1, "day": day, "precision": "day"})
    for m in _MONTH_YEAR.finditer(text):
        add(m.start(), m.end(), {"year": int(m.group(2)), "month": MONTHS.index(m.group(1)) + 1, "day": None, "precision": "month"})
    for m in _DAY_MONTH.finditer(text):
        if 1 <= int(m.group(2)) <= 31:
            add(
                m.start(),
                m.end(),
                {"year": None, "month": MONTHS.index(m.group(1)) + 1, "day": int(m.group(2)), "precision": "day-no-year"},
            )
    for m in _YEAR.finditer(text):
        # A bare year is a year: never a day, never a month.
        add(m.start(1), m.end(1), {"year": int(m.group(1)), "month": None, "day": None, "precision": "year"})
    return out


def _named_runs(text: str) -> list[Mention]:
    """Programmes, organisations and plain multi-word names found by the shape of a capitalised run."""
    out = []
    for m in re.finditer(r"\bOperation ([A-Z][\w-]+(?: [A-Z][\w-]+)?)", text):
        led = re.match(r",? led by (?:the )?([A-Z][\w ]+?)(?:[,.;]| has| have)", text[m.end() :])
        data = {"leader": led.group(1).strip()} if led else {}
        out.append(
            Mention(
                "programme", m.group(0), m.group(0), m.start(), m.end(), "programme", "aid-and-finance", "programme", (m.group(1),), data
            )
        )
    for run in _cap_runs(text):
        words = [w for w, _, _ in run]
        head_words = words[: words.index("of")] if "of" in words else words
        head = head_words[-1] if head_words else ""
        start, end = run[0][1], run[-1][2]
        surface = text[start:end]
        if head in PROGRAMME_WORDS and len(head_words) >= 2:
            out.append(Mention("programme", surface, surface, start, end, "programme", "aid-and-finance", "programme"))
        elif head in ORG_WORDS and len(head_words) >= 2:
            out.append(Mention("organisation", surface, surface, start, end, "organisation", "organisations", "organisation"))
        elif len(words) >= 2 and start > 0 and not any(w in OFFICE_WORDS or (w.isupper() and len(w) > 1) for w in words):
            # A key term ("Cold War", "Eastern Europe"); runs holding an acronym ("European NATO") are not terms.
            out.append(Mention("term", surface, surface, start, end, "term", "history", "term"))
    return out


def _systems(text: str, lexicon: Lexicon) -> list[Mention]:
    out = []
    for m in _SYSTEM_DESC.finditer(text):
        name = m.group("name")
        first = name.split()[0]
        if re.search(r"-[a-z]+ed$", name):
            continue  # "AI-enabled systems", "NATO-led missions": a modifier, not a name
        if first in _NOT_NAMES or first in countries() or (_DEMONYM.match(first) and not any(c.isdigit() or c == "-" for c in name)):
            # "Germany’s IRIS-T": keep only what follows a possessive country.
            continue
        term = lexicon.lookup(name)
        if term is None and name.isalpha() and _common_opener(name):
            # "Capabilities like hypersonic missiles": a capitalised everyday word, not a system's name.
            continue
        value = term.term if term else name
        out.append(
            Mention(
                "system",
                value,
                name,
                m.start("name"),
                m.end("name"),
                term.category if term else "system",
                "weapons-systems",
                "system",
                tuple(term.aliases) if term else (),
                {"descriptor": m.group("desc")},
            )
        )
    return out


def _summit_and_places(text: str, lexicon: Lexicon) -> list[Mention]:
    pattern, names = _gazetteer()
    has_summit = bool(_SUMMIT_NEAR.search(text))
    out = []
    for m in pattern.finditer(text):
        kind, canonical = names[m.group(0)]
        if m.start() == 0 and kind == "city":
            continue
        if kind == "city" and has_summit:
            term = lexicon.lookup(f"{canonical} Summit")
            year = int(term.description) if term and term.description.isdigit() else None
            out.append(
                Mention(
                    "summit",
                    canonical,
                    m.group(0),
                    m.start(),
                    m.end(),
                    "summit",
                    "summits-and-diplomacy",
                    "summit",
                    (canonical[4:],) if canonical.startswith("The ") else (),
                    {"city": canonical, "year": year},
                )
            )
        else:
            out.append(
                Mention("place", canonical, m.group(0), m.start(), m.end(), kind, "membership", "place", (m.group(0),), {"place": kind})
            )
    return out


def _lexicon(text: str, lexicon: Lexicon) -> list[Mention]:
    out = []
    for start, end, term in lexicon.find(text):
        if term.kind == "summit":
            city = term.term.replace(" Summit", "")
            year = int(term.description) if term.description.isdigit() else None
            out.append(
                Mention(
                    "summit",
                    city,
                    text[start:end],
                    start,
                    end,
                    term.category,
                    term.topic,
                    "lexicon",
                    term.names,
                    {"city": city, "year": year},
                )
            )
            continue
        kind = {"country": "place", "office": "office"}.get(term.kind, term.kind)
        data: dict[str, Any] = {"description": term.description}
        if term.category == "person" and term.description:
            data["office"] = term.description
        out.append(Mention(kind, term.term, text[start:end], start, end, term.category, term.topic, "lexicon", term.aliases, data))
    return out


def extract_mentions(text: str, lexicon: Lexicon) -> list[Mention]:
    """All mentions of a sentence, overlaps resolved (longest span, then the more specific source)."""
    blocked = citation_spans(text)
    candidates: list[Mention] = []
    candidates += _lexicon(text, lexicon)
    candidates += _persons(text, lexicon)
    candidates += _money(text)
    candidates += _quantities(text)
    candidates += _rare_terms(text)
    candidates += _named_runs(text)
    candidates += _systems(text, lexicon)
    candidates += _summit_and_places(text, lexicon)
    money_spans = [(m.start, m.end) for m in candidates if m.kind == "money"]
    candidates += _dates(text, blocked + money_spans)
    candidates = [m for m in candidates if not _inside(blocked, m.start, m.end)]
    for acr in find_acronyms(text):
        if _inside(blocked, acr.start, acr.end):
            continue
        term = lexicon.lookup(acr.short) or lexicon.lookup(acr.long)
        kind = term.kind if term else acr.head_kind
        kind = {"country": "place"}.get(kind, kind)
        topic = term.topic if term else _TOPIC.get(kind, "organisations")
        value = term.term if term else acr.long
        aliases = tuple(dict.fromkeys((acr.short, acr.long, *(term.aliases if term else ()))))
        candidates.append(
            Mention(
                kind,
                value,
                text[acr.start : acr.end],
                acr.start,
                acr.end,
                term.category if term else kind,
                topic,
                "acronym",
                aliases,
                {"short": acr.short, "long": acr.long},
            )
        )

    candidates.sort(key=lambda m: (-(m.end - m.start), _PRIORITY.get(m.source, 4), m.start))
    kept: list[Mention] = []
    for cand in candidates:
        clash = next((k for k in kept if k.start < cand.end and cand.start < k.end), None)
        if clash is None:
            kept.append(cand)
        elif (clash.start, clash.end) == (cand.start, cand.end) and clash.kind == cand.kind:
            # Same name found twice (lexicon and a rule): keep one, with both sets of details.
            merged = Mention(
                clash.kind,
                clash.value,
                clash.surface,
                clash.start,
                clash.end,
                clash.category,
                clash.topic,
                clash.source,
                tuple(dict.fromkeys((*clash.aliases, *cand.aliases))),
                {**cand.data, **clash.data},
            )
            kept[kept.index(clash)] = merged
    kept.sort(key=lambda m: m.start)
    return kept
