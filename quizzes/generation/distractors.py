"""Distractors of the same kind as the answer, deterministic for a reading and a lexicon.

Pools come from the reading itself, the other readings of the library and the lexicon
(plus the gazetteers for places). A distractor is never the answer or one of its aliases,
never a word already in the sentence being asked about, and the choice among candidates
is a hash of the question's key, so the same inputs always give the same options.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from quizzes.generation.extract import Mention
from quizzes.generation.lexicon import Lexicon, countries
from quizzes.generation.text import contains_term, digest, normalise_text

# Names every reading repeats; as options they are noise.
TRIVIAL = {"nato", "ukraine", "russia", "north atlantic treaty organization"}
_SYSTEM_CATEGORIES = {"air-defence", "anti-tank", "artillery", "missile", "armour", "aircraft", "drone", "aid-system", "system"}


@dataclass
class Pools:
    """Candidate names per pool key (``system:air-defence``, ``person``, ``place:country`` ...)."""

    names: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # pool -> value -> aliases
    offices: dict[str, str] = field(default_factory=dict)  # person -> office

    def add(self, pool: str, value: str, aliases: Iterable[str] = ()) -> None:
        entry = self.names.setdefault(pool, {})
        entry[value] = tuple(dict.fromkeys((*entry.get(value, ()), *aliases)))


def pool_key(mention: Mention) -> str:
    if mention.kind == "system":
        return f"system:{mention.category}" if mention.category in _SYSTEM_CATEGORIES else "system:system"
    if mention.kind == "place":
        return f"place:{mention.data.get('place', 'country')}"
    return mention.kind


def build_pools(*, lexicon: Lexicon, mentions: Iterable[Mention]) -> Pools:
    pools = Pools()
    for term in lexicon.terms:
        if term.kind == "system":
            pools.add(f"system:{term.category}", term.term, term.aliases)
        elif term.kind == "person_role":
            pools.add("person_role", term.term, term.aliases)
            if term.description:
                pools.offices[term.term] = term.description
        elif term.kind == "country":
            pools.add("place:country", term.term, term.aliases)
        elif term.kind == "summit":
            pools.add("summit", term.term.replace(" Summit", ""), ())
        elif term.kind in {"organisation", "programme"}:
            pools.add(term.kind, term.term, term.aliases)
    for mention in mentions:
        if mention.kind in {"person_role"} and mention.data.get("office"):
            pools.offices.setdefault(mention.value, mention.data["office"])
        if mention.kind in {"system", "person_role", "place", "summit", "organisation", "programme", "term"}:
            pools.add(pool_key(mention), mention.value, mention.aliases)
    return pools


def _excluded(candidate: str, aliases: tuple[str, ...], answer_names: set[str], sentence: str) -> bool:
    if {normalise_text(n) for n in (candidate, *aliases)} & answer_names:
        return True
    # A name already in the sentence would make a "false" statement true or an option obvious.
    # Short aliases count only when written as acronyms ("EU"), not as everyday words.
    return any(contains_term(sentence, n) for n in (candidate, *aliases) if len(normalise_text(n)) > 2 or n.isupper())


def pick(*, pools: Pools, mention: Mention, sentence: str, key: str, count: int, avoid: Iterable[str] = ()) -> list[str]:
    """Up to ``count`` same-kind names for ``mention``; same sub-kind first (another air-defence system)."""
    answer_names = {normalise_text(n) for n in mention.names} | {normalise_text(a) for a in avoid}
    primary = pool_key(mention)
    order = [primary]
    if mention.kind == "system":
        order += sorted(k for k in pools.names if k.startswith("system:") and k != primary)
    if mention.kind == "person_role":
        office = normalise_text(str(mention.data.get("office", "")))
        same_office = {p for p, o in pools.offices.items() if office and normalise_text(o) == office}
    else:
        same_office = set()
    chosen: list[str] = []
    seen = set(answer_names)
    for pool in order:
        candidates = pools.names.get(pool, {})
        ranked = sorted(candidates, key=lambda c: (c not in same_office, digest(key, c)))
        for cand in ranked:
            if len(chosen) >= count:
                return chosen
            if normalise_text(cand) in seen or normalise_text(cand) in TRIVIAL or _excluded(cand, candidates[cand], answer_names, sentence):
                continue
            if mention.kind == "place" and mention.data.get("place") == "country" and cand not in countries():
                continue
            chosen.append(cand)
            seen.add(normalise_text(cand))
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
    import re

    text = f"{value:g}" if value != int(value) else f"{int(value):,}"
    return re.sub(r"\d[\d,]*(?:\.\d+)?", text, like, count=1)
