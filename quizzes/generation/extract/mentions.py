# ruff: noqa: RUF001 - the readings use typographic quotes and dashes, so the patterns must too
"""What extraction returns (``Mention``, ``Acronym``) and the word lists and capitalised-run reader
the name rules share: office, organisation, programme and system head words, sentence openers,
demonyms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from core.text.words import sentence_openers
from quizzes.generation.lexicon import countries

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
    "Corporation",
    "Foundation",
    "Authority",
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


_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ish|ese|an|ch|ic|i)$")


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
    # A dash glued to a word ("the Washington Declaration—a step") separates like a space and ends the run.
    for m in re.finditer(r"[^\s—–]+|[—–]+", text):
        word = m.group(0)
        if word[0] in "—–":
            if current:
                runs.append(current)
            current = []
            continue
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
        # "The Iran-backed Houthi rebels": a word whose second half is lower case ("Iran-backed", "Saudi-led") describes
        # the name after it and is no part of it (blind review 83: "The ____ rebels", key "Iran-backed Houthi").
        while run and re.fullmatch(r"[A-Z][\w.]*-[a-z]+", run[0][0]):
            run = run[1:]
        if run and run[0][0] != "of":
            cleaned.append(run)
    return cleaned
