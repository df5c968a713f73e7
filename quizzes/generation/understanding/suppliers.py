# ruff: noqa: RUF001, RUF002 - the readings use typographic apostrophes, so the patterns, docstrings and comments must too
"""Who supplied a named system: "NATO's provision of Javelin anti-tank missiles, primarily from the
United States, …" -> "According to the reading, which country primarily provided the Javelin anti-tank
missiles?".

A named weapons system (or a programme other than an "Operation X, led by …", which ``builders.names``
asks already) tied to one country by a plain construction of giving:

- "<system> (…), provided / supplied / delivered / donated / sent by (the) <country>";
- "the provision / supply / delivery / donation / transfer of <system> (descriptor), primarily from <country>";
- "<country> (has) provided / supplied / delivered … (Ukraine with) <system>";
- not "<country>’s <system> <descriptor>" ("Germany’s IRIS-T air defense system"): whose system it is, its maker, is
  known to anyone who knows the system (blind reviews 33, 35 and 36 rejected "which country's air defense system is
  IRIS-T?", both reviewers each time); nor a blank after "<country>’s" among systems (``review``).

The key is never one of the countries the reading is most about (its subject, its author's or speaker's
own, its adversary: ``ctx.trivial`` and ``review.most_named_countries``), which a student names without
reading. The options are countries the reading itself names as giving something, of the key's relation to
the pack's organisation (Allies among Allies: never the recipient, never an adversary), the ones the
reading names most first; none named in any sentence that names the system (it may have sent some too),
and no question when the reading ties the system to two countries or fewer than three options remain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizzes.generation.builders import Context, QuestionDraft, _base, _one_correct
from quizzes.generation.extract import Mention
from quizzes.generation.lexicon import countries
from quizzes.generation.review import most_named_countries, most_named_country
from quizzes.generation.text import Sentence, contains_term, digest, normalise_text
from quizzes.generation.understanding.sentences import _fact_key, _finish, _sentence_group, _topic
from quizzes.models import QuestionType

_VERBS = r"(?P<verb>provided|supplied|delivered|donated|sent|transferred)"
# A descriptor the reading writes after the name ("Javelin anti-tank missiles"): lower-case words, three at most.
_DESCRIPTOR = r"(?:\s+[a-z][\w-]*){0,3}"
# "<system> (…), provided by the <country>" / "<system> air defense systems supplied by <country>".
_BY = re.compile(
    r"^"
    + _DESCRIPTOR
    + r"(?:\s*\([^()]*\))?\s*,?\s+(?:(?:which|that)\s+(?:was|were|has\s+been|have\s+been)\s+)?"
    + _VERBS
    + r"\s+by\s+(?:the\s+)?$"
)
# "the provision of <system> …, primarily from the <country>": the noun of giving before, "from" after.
_GIVING_NOUN = re.compile(
    r"\b(?P<noun>provision|supply|supplies|delivery|deliveries|donation|donations|transfer|transfers|shipment|shipments)\s+of\s+(?:the\s+)?$"
)
_FROM = re.compile(r"^" + _DESCRIPTOR + r"\s*,?\s+(?:(?P<adv>primarily|mainly|mostly|largely|chiefly)\s+)?from\s+(?:the\s+)?$")
_NOUN_VERB = {
    "provision": "provided",
    "suppl": "supplied",
    "deliver": "delivered",
    "donation": "donated",
    "transfer": "transferred",
    "shipment": "shipped",
}
# "<country> has provided Ukraine with <system>" / "<country> delivered its <system>": the country gives.
_GIVES = re.compile(
    r"^\s+(?:(?:has|have|had)\s+)?(?:(?:also|already|recently)\s+)?" + _VERBS + r"\s+(?:[A-Z][\w’'-]*\s+with\s+)?(?:the\s+|its\s+)?"
    r"(?:[a-z][\w-]*\s+){0,2}$"
)
# A hedge or a wish is no fact of who gave what.
_MODAL = re.compile(r"\b(?:may|might|could|would|should|must|will|if|whether|reportedly)\b", re.I)
MIN_OPTIONS = 3
SUPPLIER_QUALITY = 0.72


@dataclass(frozen=True)
class Supply:
    sentence: Sentence
    thing: Mention  # the system (or programme)
    country: str  # canonical name
    stem: str


def _countries_in(sentence_mentions: list[Mention]) -> list[Mention]:
    return [m for m in sentence_mentions if m.kind == "place" and m.data.get("place") == "country" and m.value in countries()]


def _thing_name(thing: Mention) -> str:
    """The system as the stem names it: the reading's name, without an abbreviation's spelled-out form in brackets."""
    return thing.value if "(" in thing.surface else thing.surface


def _relation(sentence: Sentence, thing: Mention, country: Mention) -> str | None:
    """The stem asking for ``country`` when the sentence ties it to ``thing`` by giving; None when it does not."""
    text = sentence.text
    name = _thing_name(thing)
    descriptor = str(thing.data.get("descriptor") or "")
    named = f"the {name} {descriptor}".strip() if descriptor and text[thing.end :].lstrip().startswith(descriptor) else f"the {name}"
    if thing.end <= country.start:
        between = text[thing.end : country.start]
        if found := _BY.match(between):
            return f"According to the reading, which country {found.group('verb')} {named}?"
        before = _GIVING_NOUN.search(text[: thing.start])
        if before and (found := _FROM.match(between)):
            noun = before.group("noun")
            verb = next(v for stem, v in _NOUN_VERB.items() if noun.startswith(stem))
            adverb = f"{found.group('adv')} " if found.group("adv") else ""
            return f"According to the reading, which country {adverb}{verb} {named}?"
        return None
    between = text[country.end : thing.start]
    if found := _GIVES.match(between):
        return f"According to the reading, which country {found.group('verb')} {named}?"
    # "Germany's IRIS-T air defense system" is not asked: whose system it is, its maker, is a fact of the system, not of
    # the reading, known to anyone who knows it (blind reviews 33, 35 and 36: rejected by both reviewers each time).
    return None


def find_supplies(ctx: Context) -> list[Supply]:
    """Every system (or programme) the reading ties to a country by giving, in reading order."""
    out: list[Supply] = []
    for sentence in ctx.facts.sentences:
        if sentence.section.kind not in {"body", "conclusion", "abstract"} or _MODAL.search(sentence.text):
            continue
        mentions = ctx.facts.mentions.get(sentence.start, [])
        places = _countries_in(mentions)
        for thing in mentions:
            if thing.kind not in {"system", "programme"} or thing.data.get("leader"):
                continue  # "Operation UNIFIER, led by Canada": asked by ``builders.names``
            for country in places:
                stem = _relation(sentence, thing, country)
                if stem:
                    out.append(Supply(sentence, thing, countries()[country.value], stem))
    return out


def _known_without_reading(ctx: Context, country: str) -> bool:
    """The reading's subject, its author's or speaker's own country, or its other side: named without reading."""
    tops = {countries().get(c, c) for c in [most_named_country(ctx), *most_named_countries(ctx)]}
    return country in tops or any(normalise_text(n) in ctx.trivial for n in (country, *_spellings(country)))


def _spellings(country: str) -> list[str]:
    return [surface for surface, canonical in countries().items() if canonical == country]


def _relations(ctx: Context, country: str) -> frozenset[str]:
    term = ctx.lexicon.lookup(country)
    return frozenset(term.relations) if term else frozenset()


def _options(ctx: Context, supply: Supply, tied: set[str]) -> list[str]:
    """Countries the reading names as giving something, of the key's relation to the pack's organisation, the most named
    first; none of its subject or sides (``ctx.trivial``), none named in a sentence that names the system, none the
    reading ties to it."""
    relations = _relations(ctx, supply.country)
    names = supply.thing.names
    beside = {
        countries()[m.value]
        for s in ctx.facts.sentences
        if any(contains_term(s.text, n) for n in names if len(n) > 2)
        for m in _countries_in(ctx.facts.mentions.get(s.start, []))
    }
    counts: dict[str, int] = {}
    for found in ctx.facts.mentions.values():
        for m in _countries_in(found):
            counts[countries()[m.value]] = counts.get(countries()[m.value], 0) + 1
    fair = [
        c
        for c in ctx.pools.donors
        if c in countries()
        and c != supply.country
        and c not in beside
        and c not in tied
        and _relations(ctx, c) & relations
        and not any(normalise_text(n) in ctx.trivial for n in (c, *_spellings(c)))
    ]
    # Another question's key printed as an option joins the two in one exclusion group: such a country is offered
    # only to make up three.
    ranked = sorted(
        fair,
        key=lambda c: (
            normalise_text(c) in ctx.keys_asked,
            -counts.get(c, 0),
            digest(ctx.reading_key, "supplier", supply.thing.value, c),
        ),
    )
    return ranked[:MIN_OPTIONS]


def build_supplier_questions(ctx: Context) -> list[QuestionDraft]:
    supplies = find_supplies(ctx)
    if not supplies:
        return []
    # Every country the reading ties to a system: a system tied to two is asked about neither.
    tied: dict[str, set[str]] = {}
    for s in supplies:
        tied.setdefault(s.thing.value, set()).add(s.country)
    out: list[QuestionDraft] = []
    asked: set[str] = set()
    for supply in supplies:
        if supply.thing.value in asked or len(tied[supply.thing.value]) > 1 or not _relations(ctx, supply.country):
            continue
        if _known_without_reading(ctx, supply.country):
            continue
        others = _options(ctx, supply, tied[supply.thing.value])
        if len(others) < MIN_OPTIONS:
            continue
        asked.add(supply.thing.value)
        # The same question typed in: one country answers it, in any of its spellings ("United Kingdom", "UK").
        typed = [supply.country, *(n for n in _spellings(supply.country) if n != supply.country and (len(n) > 3 or n.isupper()))]
        for qtype, answer in ((QuestionType.SINGLE_CHOICE, {}), (QuestionType.SHORT_ANSWER, {"accepted": typed})):
            draft = _base(
                ctx,
                supply.sentence,
                qtype,
                ("supplier", qtype, supply.sentence.start, supply.thing.value),
                stem=supply.stem,
                answer=answer,
                topic=supply.thing.topic or _topic(ctx, supply.sentence),  # the system's (a sentence's first fact may be NATO's)
                fact_key=_fact_key(ctx, supply.sentence),
                title=f"Supplier: {supply.thing.value}",
            )
            if qtype == QuestionType.SINGLE_CHOICE:
                _one_correct(draft, supply.country, others)
            notes = ["which country gave a named system, as the reading says", "options: other countries the reading names as giving"]
            out.append(
                _finish(
                    draft,
                    kind="definition",
                    group=_sentence_group(ctx, supply.sentence),
                    quality=SUPPLIER_QUALITY if qtype == QuestionType.SINGLE_CHOICE else SUPPLIER_QUALITY - 0.02,
                    notes=notes,
                    evidence_any=[supply.thing.surface, supply.thing.value],
                )
            )
    return out
