# ruff: noqa: RUF001, RUF003 - the readings use typographic quotes and dashes, so the patterns must too
"""Names a rule finds without the lexicon: acronyms with their head word's kind, people with a role,
named programmes and organisations, weapon systems, and rare terms.
"""

from __future__ import annotations

import re
from itertools import pairwise

from core.text.acronyms import find_acronyms as spelled_out_acronyms
from core.text.words import MONTHS
from quizzes.generation.extract.mentions import (
    _DEMONYM,
    _NOT_NAMES,
    _OPENERS,
    OFFICE_WORDS,
    ORG_WORDS,
    PROGRAMME_WORDS,
    SYSTEM_WORDS,
    Acronym,
    Mention,
    _cap_runs,
    _common_opener,
    is_demonym,
)
from quizzes.generation.lexicon import Lexicon, cities, countries

_APPOSITION = re.compile(
    r"(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}), (?:who|a|an|the) (?:\w+ )?(?:(?:served|serves|is|was|has served|had served) as (?:the |a |an )?)?(?P<role>[^,.;()]{3,90})"
)


_SYSTEM_DESC = re.compile(
    # A name starts a word: "9M729" whole, never its tail "M729" (blind review 68: "the 9____ missile").
    # The words between name and head describe the system ("Patriot air defence systems"), never a phrase going on past
    # the name ("provided … by DarkSide to restore the system", blind review 73: a ransomware gang as a weapons system).
    r"(?<![\w/-])(?P<name>(?:[A-Z]|\d+[A-Z])[\w/-]*(?: [A-Z0-9][\w/-]*){0,2}) "
    r"(?P<desc>(?:(?!(?:to|the|a|an|and|or|by|for|of|with|in|on|at|from|its|their|his|her|our|this|that|these|those)\b)[a-z][\w-]* ){0,3}(?:systems?|missiles?|tanks?|howitzers?|launchers?|drones?|jets?|aircraft|fighters?|rockets?|vehicles?))\b"
)


# --- people named without a role ------------------------------------------------------------------

NAME_RUN = re.compile(r"^[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?: [A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){1,2}$")


def person_like(run: str) -> bool:
    """A run of two or three capitalised words none of which is an English word, a place or a people: a person's
    name ("Rupert Wingfield-Hayes", "Bruce Bennett"; not "Lithuanian Americans" nor "Berlin Wall")."""
    from lemminflect import getAllLemmas

    if not NAME_RUN.match(run):
        return False
    for word in run.split():
        for part in word.split("-"):
            if getAllLemmas(part.lower()) or part in countries() or part in cities() or is_demonym(part.removesuffix("s")):
                return False
    return True


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


# The words an office's field ends on after its first one ("of National Intelligence", "of Homeland Security",
# "of Foreign Affairs"): read as the person's name they made "Intelligence" a person of the reading.
_OFFICE_FIELD_WORDS = {
    "Intelligence",
    "Security",
    "Affairs",
    "Policy",
    "Operations",
    "Staff",
    "Development",
    "Relations",
    "Services",
    "Forces",
    "Resources",
    "Trade",
    "Justice",
    "Defense",
    "Defence",
    "Energy",
    "Cooperation",
    "Integration",
    "Health",
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
            # "Director of National Intelligence Avril Haines": an office's field runs on past its first word.
            while end_role + 1 < len(words) and words[end_role + 1] in _OFFICE_FIELD_WORDS:
                end_role += 1
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


# Heads of a body's or an instrument's name, for joining runs ``_cap_runs`` cut apart.
_HEADS = ORG_WORDS | PROGRAMME_WORDS | {"Administration", "Convention", "Conference", "Board", "Protocol"}


def _head(words: list[str]) -> str:
    head_words = words[: words.index("of")] if "of" in words else words
    return head_words[-1] if head_words else ""


def _shared_head(words_1: list[str], words_2: list[str]) -> bool:
    """ "Extended Deterrence Strategy and Consultation Group": a programme's head word ("Strategy") coordinated with an
    abstract noun of activity before a body's head is what that body does, not a name of its own. Two names stay two:
    "the World Bank and International Monetary Fund" (the first ends on a body's head), "the Paris Agreement and
    Climate Council" (a place in the first; "Climate" names no activity), "the Marshall Plan and …" (a person's name)."""
    from lemminflect import getAllLemmas

    if len(words_1) < 2 or "of" in words_1 or words_1[-1] not in PROGRAMME_WORDS or len(words_2) != 2 or words_2[1] not in ORG_WORDS:
        return False
    if not all(getAllLemmas(w.lower()) and w not in countries() and w not in cities() for w in words_1):
        return False
    activity = words_2[0]
    lemmas = getAllLemmas(activity.lower())
    return (
        activity not in _HEADS
        and "NOUN" in lemmas
        and "ADJ" not in lemmas
        and activity.endswith(("tion", "sion", "ment", "ning", "ance", "ence"))
    )


def _joined_runs(text: str) -> list[list[tuple[str, int, int]]]:
    """Names ``_cap_runs`` cuts at "and", "on" or "for": "Intelligence Reform and Terrorism Prevention Act",
    "Office of Security and Intelligence", "Joint Committee on Atomic Energy".

    Joined by "and": a run without a head of its own and one that closes the name with a head ("Energy Research
    and Development Administration"), or an "of" phrase going on ("Office of Security and Intelligence");
    two runs that each have a head are two names ("the World Bank and International Monetary Fund").
    Joined by "on" or "for": a run ending on a head, then one without ("Committee on Atomic Energy").
    A country, an abbreviation or an office in either run keeps them apart ("Commission for Ukraine").
    """
    runs = _cap_runs(text)
    out = []
    for first, second in pairwise(runs):
        glue = text[first[-1][2] : second[0][1]]
        if glue not in {" and ", " on ", " for "}:
            continue
        words_1, words_2 = [w for w, _, _ in first], [w for w, _, _ in second]
        if any(w in countries() or (w.isupper() and len(w) > 1) or w in OFFICE_WORDS for w in words_1 + words_2):
            continue
        if glue == " and ":
            closes = "of" not in words_1 and words_1[-1] not in _HEADS and words_2[-1] in _HEADS and "of" not in words_2
            goes_on = "of" in words_1 and _head(words_1) in _HEADS and not (set(words_2) & _HEADS) and "of" not in words_2
            if not (closes or goes_on or _shared_head(words_1, words_2)):
                continue
        elif words_1[-1] not in _HEADS or set(words_2) & _HEADS:
            continue
        if re.match(r",? (?:and|on|for|of) [A-Z]", text[second[-1][2] :]):
            continue  # "Center for Strategic and International Studies": the name goes on past two runs
        out.append(first + second)
    return out


def _named_runs(text: str) -> list[Mention]:
    """Programmes, organisations and plain multi-word names found by the shape of a capitalised run."""
    out = []
    # A transcript editor's correction in brackets is the name as meant ("Our Operation <s>Allied Rescue</s> [Allies
    # Refuge]", the struck words removed at import): the name is the bracketed words, the surface keeps the brackets.
    for m in re.finditer(r"\bOperation (\[)?([A-Z][\w-]+(?: [A-Z][\w-]+)?)(?(1)\])", text):
        led = re.match(r",? led by (?:the )?([A-Z][\w ]+?)(?:[,.;]| has| have)", text[m.end() :])
        data = {"leader": led.group(1).strip()} if led else {}
        # A bracketed code name is the mention ("Our Operation ____ ended up …"): the speaker's own word "Operation" stays
        # and says what is asked; an unbracketed name is the whole "Operation X", as the pack's terms are.
        value, start = "Operation " + m.group(2), m.start(1) if m.group(1) else m.start()
        out.append(
            Mention(
                "programme", value, text[start : m.end()], start, m.end(), "programme", "aid-and-finance", "programme", (m.group(2),), data
            )
        )
    for run in [*_cap_runs(text), *_joined_runs(text)]:
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
            # A person's name without a role ("The BBC's correspondent, Rupert Wingfield-Hayes, …") is a person,
            # so "he" and "his" after it resolve to them.
            category = "person" if person_like(surface) else "term"
            out.append(Mention("term", surface, surface, start, end, category, "history", "term"))
    return out


# "the criminal hacking group DarkSide", "the Lebanese militant group Hezbollah", "the terrorist group al-Shabaab": a
# group named after what it is. One word, or a name the capitalised-run rules miss (blind review 73: the gang behind the
# Colonial Pipeline attack was never asked).
_NAMED_GROUP = re.compile(
    r"\b(?:militant|terrorist|armed|rebel|hacking|hacker|ransomware|criminal|cybercriminal|mercenary|extremist|jihadist|"
    r"insurgent|paramilitary|separatist|Islamist)\s+(?:[a-z]+\s+){0,2}?(?:group|gang|organi[sz]ation|movement|network|militia|"
    r"collective)\s+(?P<name>(?:al-|el-|ad-)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})"
)


def _named_groups(text: str) -> list[Mention]:
    out = []
    for m in _NAMED_GROUP.finditer(text):
        name = re.sub(r"[’']s$", "", m.group("name"))
        if name.split()[0] in _NOT_NAMES:
            continue
        start = m.start("name")
        out.append(Mention("organisation", name, name, start, start + len(name), "armed group", "organisations", "named group"))
    return out


# Abbreviations of a field, not a system's name: "paralysing IT systems" (blind review 77's reading: "the name of the
# missing weapons system" for IT), "AI systems".
_FIELD_ABBREVIATIONS = frozenset({"IT", "AI", "ICT", "OT", "HR", "PC", "ML", "IoT"}) | {
    # … nor a class of weapon: "Iran's UAV and ballistic missile programs" (blind review 81: "the name of the missing
    # weapons system", UAV), "ICBM launchers".
    "UAV", "UAVs", "UAS", "ICBM", "ICBMs", "SLBM", "SLBMs", "IRBM", "SRBM", "MRBM", "ASAT", "MANPADS", "SAM", "SAMs",
}  # fmt: skip


def _systems(text: str, lexicon: Lexicon) -> list[Mention]:
    out = []
    for m in _SYSTEM_DESC.finditer(text):
        name = m.group("name")
        first = name.split()[0]
        if name in _FIELD_ABBREVIATIONS:
            continue
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
