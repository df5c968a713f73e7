"""Distractors of the same kind as the answer, deterministic for a reading and a lexicon.

Pools come from the reading itself, the other readings of the library and the lexicon
(plus the gazetteers for places). A distractor is never the answer or one of its aliases,
never a word already in the sentence being asked about, and the choice among candidates
is a hash of the question's key, so the same inputs always give the same options.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from quizzes.generation.extract import Mention, is_demonym
from quizzes.generation.lexicon import (
    Lexicon,
    Term,
    countries,
    country_continents,
    country_prominence,
    geonames_cities,
    prominent_countries,
)
from quizzes.generation.text import contains_term, digest, normalise_text

# How much less known (Zipf) than the key a country topped up from its continent may be: Belgium (4.2) takes Romania
# (3.8) no more, Somalia (3.7) still takes Sudan and Tanzania.
PROMINENCE_MARGIN = 0.3
SYSTEM_CATEGORIES = {"air-defence", "anti-tank", "artillery", "missile", "armour", "aircraft", "drone", "aid-system"}
# Organisations by kind, from the head word of their name when the lexicon does not say.
_ORG_KIND = {
    **dict.fromkeys(["Council", "Commission", "Committee", "Assembly", "Forum", "Parliament", "Court"], "body"),
    **dict.fromkeys(["Agency", "Bureau", "Office", "Directorate", "Secretariat", "Service", "Department", "Ministry"], "agency"),
    **dict.fromkeys(["Bank", "Fund"], "financial-institution"),
    **dict.fromkeys(["Centre", "Center", "Institute"], "centre"),
    **dict.fromkeys(["Command", "Headquarters", "Forces", "Army", "Navy", "Fleet", "Brigade", "Battalion", "Corps"], "military"),
    **dict.fromkeys(["Alliance", "Union", "Organization", "Organisation", "Coalition", "Group"], "organisation"),
}
_PROGRAMME_KIND = {
    **dict.fromkeys(["Treaty", "Charter", "Accords", "Agreement", "Agreements", "Memorandum", "Compact", "Declaration"], "agreement"),
    **dict.fromkeys(["Fund", "Facility", "Package", "Pledge"], "fund"),
    **dict.fromkeys(["Mission", "Exercise"], "operation"),
    **dict.fromkeys(["Initiative", "Programme", "Program", "Plan", "Strategy", "Concept", "Format", "Partnership"], "programme"),
    # A law is offered with laws: "Which act created the CIA?" among strategies and plans gives the key away by
    # its form, and a false statement swapping a law for a plan is false on its face ("the Marshall Plan created
    # the Central Intelligence Agency"; blind review 18 on the Military Intelligence Program).
    **dict.fromkeys(["Act", "Law", "Statute"], "law"),
}
_LEGISLATIVE_COMMITTEE = re.compile(r"^(?:The\s+)?(?:U\.?S\.?\s+)?(?:Senate|House|Congressional|Joint)\b.*\bCommittees?\b")
_GIVING = re.compile(r"\b(?:provid|donat|suppl|pledg|deliver|sen[dt]|contribut|fund|gave|give|giv|transfer|train)\w*", re.I)
# The country a sentence has joining an alliance: named right after "newest Ally," / "the accession of", after "welcomed"
# or "admitted" with "as" / "into" after it, after "bring" with "into" after it, or right before "joined" / "'s accession".
_JOINING_BEFORE = re.compile(
    r"(?:\b(?:newest|new|latest)\s+(?:Ally|ally|member|member\s+state)\s*,\s*|\b(?:accession|admission|membership)\s+of\s+"
    # "the foreign ministers of all NATO Allies and invitee Sweden": a country invited is one not yet a member (review 71)
    r"|\b(?:[Ii]nvitees?|[Aa]spirants?|[Aa]pplicants?|[Cc]andidates?)(?:\s+(?:country|countries|state|states|nation|nations))?\s+)(?:the\s+)?$"
)
_JOINING_VERB_BEFORE = re.compile(r"\b(?P<verb>welcom\w*|admit(?:s|ted|ting)?|bring(?:s|ing)?|brought)\s+(?:the\s+)?$", re.I)
_JOINING_VERB_AFTER = re.compile(r"^\s+(?P<prep>as|into)\b")
_JOINING_AFTER = re.compile(
    r"^(?:\s+(?:joined|joins|acceded|accedes|became\s+(?:a|the)\s+\w*\s*(?:Ally|ally|member))|[\u2019']s?\s+(?:accession|admission|membership))\b"
)


def joining_country(key: str, sentence: str) -> bool:
    """Whether ``sentence`` has ``key`` joining an alliance ("welcomed NATO's newest Ally, Finland", "bring Sweden into
    the Alliance", "welcoming Sweden as NATO's 32nd Ally"): its fair options are countries that have not joined, not the
    alliance's old members. "welcomed Poland's President" or "bring Poland and Germany together" is no joining."""
    for m in re.finditer(r"(?<![\w-])" + re.escape(key) + r"(?![\w-])", sentence):
        before, after = sentence[: m.start()], sentence[m.end() :]
        if _JOINING_BEFORE.search(before) or _JOINING_AFTER.match(after):
            return True
        verb, prep = _JOINING_VERB_BEFORE.search(before), _JOINING_VERB_AFTER.match(after)
        if verb and prep and (prep.group("prep") == "into" or not verb.group("verb").lower().startswith("br")):
            return True
    return False


def office_class(office: str) -> str:
    """The kind of office, so a defence minister is offered with defence ministers ("Minister of Defence" = "Defense Minister")."""
    o = normalise_text(office).replace("defence", "defense").replace("secretary-general", "secretary general")
    if "secretary general" in o:
        return "secretary general"
    if "deputy prime" in o:
        return "deputy prime minister"
    if "prime minister" in o or "chancellor" in o or "premier" in o:
        return "head of government"
    if "defense" in o and ("minister" in o or "secretary" in o):
        return "defense minister"
    if ("foreign" in o and "minister" in o) or "secretary of state" in o or "foreign affairs" in o:
        return "foreign minister"
    if "vice president" in o:
        return "vice president"
    if "president" in o and "commission" in o:
        return "commission president"
    if "president" in o:
        return "president"
    words = o.split()
    return " ".join(words[-2:]) if words else ""


def fine_class(mention: Mention, term: Term | None = None) -> str:
    """The pool a name belongs to: its kind and, within it, the finest class known."""
    if mention.kind == "system":
        if mention.category in SYSTEM_CATEGORIES:
            return f"system:{mention.category}"
        # A system the pack does not know is only compared with the reading's other unknown systems
        # of the same descriptor ("Aegis Ashore missile defense" is not a cruise missile like Taurus).
        head = str(mention.data.get("descriptor", "")).split()[-1:] or ["system"]
        return f"system:described:{head[0].rstrip('s')}"
    if mention.kind == "place":
        return f"place:{mention.data.get('place', 'country')}"
    if mention.kind == "person_role":
        office = (term.office if term else "") or str(mention.data.get("office") or "")
        return f"person:{office_class(office)}" if office else "person:"
    if mention.kind == "organisation":
        kind = (term.fine if term else "") or _head_kind(mention.value, _ORG_KIND)
        if not (term and term.fine) and _LEGISLATIVE_COMMITTEE.match(mention.value):
            # "the chair of the Senate Foreign Relations Committee" among a council and a parliament: a senator
            # chairs a committee of a legislature, so only such committees are fair options.
            kind = "legislative-committee"
        return f"organisation:{kind}"
    if mention.kind == "programme":
        kind = (term.fine if term else "") or (
            "operation" if mention.value.startswith("Operation ") else _head_kind(mention.value, _PROGRAMME_KIND)
        )
        return f"programme:{kind}"
    if mention.kind == "term" and mention.source == "lexicon" and mention.category:
        # A concept of the domain pack, offered with the pack's other concepts; one the pack gives a finer class
        # ("extended deterrence", a nuclear doctrine) only with concepts of that class: beside "sanctions" or
        # "collective defence" the blank of "U.S. ____ … reassured our partners" has more than one answer.
        fine = term.fine if term is not None else ""
        return f"term:{fine or mention.category}"
    return mention.kind


def _head_kind(name: str, table: dict[str, str]) -> str:
    head = name.split(" of ")[0].split()
    return table.get(head[-1], "other") if head else "other"


@dataclass
class Candidate:
    value: str
    aliases: tuple[str, ...] = ()
    local: bool = False  # named in the reading being asked about
    era: tuple[int, int] | None = None
    relations: frozenset[str] = frozenset()
    role: str = ""  # a person's role as a reading writes it ("German Defense Minister")
    country: str = ""  # the country a person holds office in (the pack's, or the one their role names)
    surface: str = ""  # the name as the reading writes it ("Zelenskyy"), for the reading's own names


@dataclass
class Pools:
    """Candidate names per fine class (``system:air-defence``, ``person:defense minister``, ``place:country`` ...)."""

    names: dict[str, dict[str, Candidate]] = field(default_factory=dict)
    donors: set[str] = field(default_factory=set)  # countries the reading names as giving something
    offices: dict[str, str] = field(default_factory=dict)  # person -> office, as the pack or a reading gives it

    def add(self, pool: str, candidate: Candidate) -> None:
        entry = self.names.setdefault(pool, {})
        old = entry.get(candidate.value)
        if old is None:
            entry[candidate.value] = candidate
            return
        old.aliases = tuple(dict.fromkeys((*old.aliases, *candidate.aliases)))
        old.local = old.local or candidate.local
        old.era = old.era or candidate.era
        old.relations = old.relations | candidate.relations
        old.role = old.role or candidate.role
        old.country = old.country or candidate.country
        old.surface = old.surface or candidate.surface


def build_pools(
    *, lexicon: Lexicon, mentions: Iterable[Mention], other_mentions: Iterable[Mention] = (), sentences: dict[int, str] | None = None
) -> Pools:
    """Pools from the reading's own names (``mentions``), its domain's lexicon and same-domain readings (``other_mentions``)."""
    pools = Pools()
    for term in lexicon.terms:
        probe = Mention(
            {"country": "place"}.get(term.kind, term.kind),
            term.term,
            term.term,
            0,
            0,
            term.category,
            term.topic,
            "lexicon",
            term.aliases,
            {"place": "country"} if term.kind == "country" else {},
        )
        if term.kind == "person_role" and (term.office or term.description):
            pools.offices[term.term] = term.office or term.description
        if term.kind in {"system", "person_role", "organisation", "programme", "country"}:
            pools.add(
                fine_class(probe, term),
                Candidate(term.term, term.aliases, era=term.era, relations=frozenset(term.relations), country=term.country),
            )
        elif term.kind == "term" and term.category and term.term[:1].islower():
            pools.add(f"term:{term.fine or term.category}", Candidate(term.term, term.aliases))
        elif term.kind == "summit":
            pools.add("summit", Candidate(term.term.replace(" Summit", ""), (), era=(term.year, term.year) if term.year else None))
    for local, found in ((True, mentions), (False, other_mentions)):
        for mention in found:
            if mention.kind not in {"system", "person_role", "place", "summit", "organisation", "programme"}:
                continue
            if mention.kind == "person_role" and not local:
                continue  # another reading's people may be of another era
            if mention.kind == "person_role" and mention.data.get("office"):
                pools.offices.setdefault(mention.value, str(mention.data["office"]))
            known = lexicon.lookup(mention.value) if mention.source != "lexicon" else None
            role = str(mention.data.get("role") or "")
            country = (role_country(role) or (known.country if known else "")) if mention.kind == "person_role" else ""
            pools.add(
                fine_class(mention, known),
                Candidate(
                    mention.value, mention.aliases, local=local, role=role, surface=mention.surface if local else "", country=country
                ),
            )
    for start, text in (sentences or {}).items():
        del start
        if _GIVING.search(text):
            for surface, canonical in countries().items():
                if len(surface) > 3 and contains_term(text, surface) and not _not_giving(text, surface):
                    pools.donors.add(canonical)
    return pools


def _not_giving(text: str, surface: str) -> bool:
    """Whether a giving sentence names the country as the aggressor or the receiver, not a giver: "Since Russia's
    full-scale invasion, Allies have provided Ukraine with …" (Russia offered among donors to Ukraine: a fresh reading's
    blind review 67, both reviewers)."""
    name = re.escape(surface)
    return bool(
        re.search(name + r"(?:'s|\u2019s)\s+(?:[\w-]+\s+){0,2}(?:invasion|war|aggression|attacks?|offensive|occupation|annexation)\b", text)
        or re.search(r"\b(?:to|for)\s+(?:the\s+)?" + name + r"\b", text)
        or re.search(_GIVING.pattern + r"\s+(?:the\s+)?" + name + r"\b", text, re.I)
    )


@cache
@cache
def role_country(role: str) -> str:
    """The one country a person's role names, by name or by demonym ("Ukrainian Defense Minister" -> Ukraine,
    "UK Defense Secretary" -> United Kingdom), or "" when it names none or several."""
    found = {canonical for surface, canonical in countries().items() if len(surface) >= 2 and contains_term(role, surface)}
    for word in re.findall(r"\b[A-Z][a-z]{4,}\b", role):
        if is_demonym(word):
            matches = {c for c in countries().values() if c.startswith(word[:4])}
            found |= matches if len(matches) == 1 else set()
    return next(iter(found)) if len(found) == 1 else ""


def _city_names() -> frozenset[str]:
    """Every city name geonames knows, whatever its size (Vilnius, Washington, Newport)."""
    return frozenset(c["name"] for c in geonames_cities())


def is_city(name: str) -> bool:
    """Whether a summit's place is a city: a summit named after a country or a nation of one ("Wales Summit")
    is neither a fair option nor a fair key among cities."""
    name = name.removeprefix("The ").removeprefix("the ")
    return name not in countries() and (name in _city_names() or f"The {name}" in _city_names())


def pool_key(mention: Mention) -> str:
    return fine_class(mention)


def _excluded(candidate: str, aliases: tuple[str, ...], answer_names: set[str], sentence: str) -> bool:
    names = {normalise_text(n) for n in (candidate, *aliases)}
    if names & answer_names:
        return True
    # A name of two words or more inside one of the key's, or the other way round: "Strategic Arms Reduction Treaty"
    # (START I) beside New START, the "New Strategic Arms Reduction Treaty" (blind review 59: both reviewers edited it).
    # Not for countries: "Republic of Korea" (the South) runs inside the North's formal name.
    if candidate not in countries() and any(_within(a, b) or _within(b, a) for a in names for b in answer_names):
        return True
    # A name already in the sentence would make a "false" statement true or an option obvious.
    # Short aliases count only when written as acronyms ("EU"), not as everyday words.
    return any(contains_term(sentence, n) for n in (candidate, *aliases) if len(normalise_text(n)) > 2 or n.isupper())


def _within(part: str, whole: str) -> bool:
    """Whether the normalised name ``part``, two words or more, is a run of whole words of ``whole``."""
    return part != whole and " " in part and f" {part} " in f" {whole} "


_NAMED_A_MISSILE = re.compile(r"^\W*(?:[\w-]+\s+){0,2}missiles?\b", re.I)
_GUN = re.compile(r"\bguns?\b", re.I)


def candidates_for(
    *, pools: Pools, mention: Mention, sentence: str, lexicon: Lexicon | None = None, years: tuple[int, int] | None = None
) -> list[Candidate]:
    """Every fair distractor for ``mention``: same fine class, same era, same relation; the reading's own names first.

    - people: the same kind of office; a person from the domain pack only if their era meets the reading's last years;
    - countries: for a sentence about giving, the reading's donors; otherwise countries sharing a relation
      (member, partner) with the key, or, when the key has none, the reading's own unrelated countries;
    - systems by class, organisations and programmes by kind, summits with summits; other kinds get none.
    """
    term = lexicon.lookup(mention.value) if lexicon is not None else None
    pool = fine_class(mention, term)
    if pool.endswith(":") or pool.endswith(":other") or pool in {"term", "date", "money"}:
        return []
    out = list(pools.names.get(pool, {}).values())
    if mention.kind == "person_role":

        def in_era(c: Candidate) -> bool:
            if years:
                return c.local or (c.era is not None and c.era[1] >= years[1] - 4 and c.era[0] <= years[1])
            return c.local

        out = [c for c in out if in_era(c)]
        country = role_country(str(mention.data.get("role") or ""))
        if country:
            # A role naming its country ("Ukrainian Defense Minister") rules out everyone of another country at a
            # glance (Ben Wallace and Lloyd Austin beside the key: blind review 26, both reviewers), so the options are
            # that country's holders of the office, then its other office holders of the reading's years: never its head
            # of state (everyone knows Zelensky or Trump is no defence minister).
            same_office = [c for c in out if c.country == country]
            named = {c.value for c in same_office}
            others = sorted(
                (
                    c
                    for name, found in pools.names.items()
                    if name.startswith("person:") and name not in {pool, "person:president", "person:vice president"}
                    for c in found.values()
                    if c.country == country and c.value not in named and in_era(c)
                ),
                key=lambda c: not c.local,
            )
            out = same_office + others
    if pool == "place:country":
        key_relations = frozenset(term.relations) if term else frozenset()
        if _GIVING.search(sentence) and mention.value in pools.donors:
            out = [c for c in out if c.value in pools.donors]
        elif "member" in key_relations and joining_country(mention.value, sentence):
            # A newcomer among old members is the one option that fits "newest Ally" (blind reviews 2 and 3 turned such
            # choices down); among the countries that have not joined (partners, aspirants) the reading decides.
            out = [c for c in out if c.relations and "member" not in c.relations]
        elif key_relations:
            out = [c for c in out if c.relations & key_relations]
        else:
            out = [c for c in out if c.local and not c.relations and c.value in countries()]
            # With no relation to go by, a country is offered with countries of its own continent
            # ("al-Shabaab in ____": Somalia, Sudan, Tanzania, not China), topped up with the
            # continent's best-known ones when the reading names too few.
            continents = country_continents()
            continent = continents.get(mention.value) or continents.get(countries().get(mention.value, ""))
            if continent:
                out = [c for c in out if continents.get(c.value) == continent]
                if len(out) < 3:
                    # Only countries about as well known as the key: the three nuclear powers that signed the Budapest
                    # Memorandum, or the United States and Britain drawing up the Outer Space Treaty, offered beside
                    # Nicaragua, Guatemala or Honduras (the continent's most populous) make absurd options (blind review
                    # 91, both reviewers, three questions).
                    named = {c.value for c in out}
                    floor = country_prominence(mention.value) - PROMINENCE_MARGIN
                    out += [
                        Candidate(name)
                        for name in prominent_countries(continent)
                        if name not in named and name in countries() and country_prominence(name) >= floor
                    ]
        out = [c for c in out if c.value in countries()]
    if mention.kind == "system" and lexicon is not None and _NAMED_A_MISSILE.search(sentence.split(mention.surface, 1)[-1][:40]):
        # "supplied Ukraine with ____ surface-to-air missiles": the words after the blank say what the thing is, and a
        # gun of the same class (the Gepard) is ruled out by them (blind review 44, both reviewers).
        out = [c for c in out if not _GUN.search(getattr(lexicon.lookup(c.value), "description", "") or "")]
    if mention.kind == "system" and _GIVING.search(sentence):
        # "NATO member states supplied Ukraine with ____ surface-to-air missiles": another system of the class that the
        # reading names may have been supplied too, by its own account ("systems like the Patriot … and Germany's IRIS-T"),
        # which makes the option true (blind review 52); systems the reading does not name are offered instead.
        out = [c for c in out if not c.local]
    if pool == "place:city":
        out = [c for c in out if c.local]
    if pool == "summit":
        out = [c for c in out if is_city(c.value)]  # a question on a summit asks which city it met in
    return out


def pick(
    *,
    pools: Pools,
    mention: Mention,
    sentence: str,
    key: str,
    count: int,
    avoid: Iterable[str] = (),
    lexicon: Lexicon | None = None,
    years: tuple[int, int] | None = None,
    exclude: set[str] | None = None,
) -> list[str]:
    """Up to ``count`` fair distractors for ``mention`` (see ``candidates_for``), the reading's own first, then by a hash of ``key``."""
    answer_names = {normalise_text(n) for n in mention.names} | {normalise_text(a) for a in avoid}
    ranked = sorted(
        candidates_for(pools=pools, mention=mention, sentence=sentence, lexicon=lexicon, years=years),
        key=lambda c: (not c.local, digest(key, c.value)),
    )
    chosen: list[str] = []
    seen = set(answer_names)
    for cand in ranked:
        if len(chosen) >= count:
            break
        norm = normalise_text(cand.value)
        if norm in seen or (exclude and norm in exclude) or _excluded(cand.value, cand.aliases, answer_names, sentence):
            continue
        chosen.append(cand.value)
        seen.add(norm)
    return chosen


def money_variants(*, amount: float, key: str, count: int) -> list[float]:
    """Same currency and scale, clearly different amounts."""
    factors = [0.25, 0.5, 1.5, 2.0, 3.0, 4.0]
    ranked = sorted(factors, key=lambda f: digest(key, f))
    out: list[float] = []
    for f in ranked:
        value = round(amount * f, 1 if amount * f < 10 else 0)
        if value > 0 and value != amount and value not in out:
            out.append(value)
        if len(out) == count:
            break
    return out


def format_amount(value: float, *, like: str) -> str:
    """Format ``value`` the way ``like`` (``$280 billion``, ``€9 billion``) is written."""

    text = f"{value:g}" if value != int(value) else f"{int(value):,}"
    return re.sub(r"\d[\d,]*(?:\.\d+)?", text, like, count=1)
