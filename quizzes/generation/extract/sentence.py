"""All mentions of one sentence: the lexicon's terms and every rule's, overlaps resolved."""

from __future__ import annotations

from typing import Any

from core.text.citations import citation_spans
from quizzes.generation.extract.figures import _dates, _money, _quantities
from quizzes.generation.extract.mentions import Mention, _inside
from quizzes.generation.extract.names import _named_groups, _named_runs, _persons, _rare_terms, _systems, find_acronyms
from quizzes.generation.extract.places import _summit_and_places
from quizzes.generation.lexicon import Lexicon

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
    candidates += _named_groups(text)
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
