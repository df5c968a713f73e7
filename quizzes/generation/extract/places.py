"""Countries and cities from the gazetteers, and summits by the city they were held in."""

from __future__ import annotations

import re
from functools import cache

from quizzes.generation.extract.mentions import Mention
from quizzes.generation.lexicon import Lexicon, cities, countries

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


_SUMMIT_NEAR = re.compile(r"\bsummits?\b", re.IGNORECASE)


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


def _summit_and_places(text: str, lexicon: Lexicon) -> list[Mention]:
    pattern, names = _gazetteer()
    has_summit = bool(_SUMMIT_NEAR.search(text))
    out = []
    for m in pattern.finditer(text):
        kind, canonical = names[m.group(0)]
        if m.start() == 0 and kind == "city":
            continue
        if kind == "city" and re.search(r"\b(?:New|Saint|St\.|San|Santa|Fort|Port)\s$", text[max(0, m.start() - 7) : m.start()]):
            continue  # the tail of a longer name: "York" of a dateline's "New York" (a fresh reading's blind review 69)
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
