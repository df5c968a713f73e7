# ruff: noqa: RUF001 - the readings use typographic apostrophes, so the patterns must too
"""3. Matching across sections: named programmes, operations and organisations to the year the
reading gives for them, and actors to what the reading reports they did; and within one sentence, a list
of names each with its place.
"""

from __future__ import annotations

import re
from collections import defaultdict

from quizzes.generation.builders import Context, QuestionDraft
from quizzes.generation.text import Sentence, contains_term, digest, normalise_text, word_count
from quizzes.generation.understanding.sentences import (
    _IRREGULAR_PAST,
    _MODALS,
    _PLURAL_NOUNS,
    AUXILIARIES,
    _clean,
    _finish,
    _subject,
    fragment_stands_alone,
    matching_draft,
    reading_acronyms,
    sentence_stands_alone,
)

_NAMED_KINDS = {"programme", "organisation", "summit"}


def _named_years(ctx: Context) -> list[tuple[str, int, Sentence]]:
    """(name, year, sentence) where a named programme or body opens a sentence with exactly one year,
    and the reading dates it to no other year anywhere."""
    years_of: dict[str, set[int]] = defaultdict(set)
    first: dict[str, tuple[str, Sentence]] = {}
    for sentence in ctx.facts.sentences:
        mentions = ctx.facts.mentions.get(sentence.start, [])
        years = {int(m.data["year"]) for m in mentions if m.kind == "date" and m.data.get("year")}
        if not years:
            continue
        subject = _subject(ctx, sentence)
        for m in mentions:
            if m.kind not in _NAMED_KINDS | {"term"} or not m.value[:1].isupper():
                continue
            key = normalise_text(m.value)
            if m is subject and len(years) == 1 and sentence_stands_alone(ctx, sentence):
                years_of[key] |= years
                first.setdefault(key, (m.value, sentence))
            else:
                years_of[key] |= {-y for y in years}  # dated in passing: makes its year unclear
    out = []
    for key, years in years_of.items():
        if key in first and len(years) == 1:
            name, sentence = first[key]
            out.append((name, next(iter(years)), sentence))
    return out


def _deeds(ctx: Context) -> list[tuple[str, str, Sentence]]:
    """(actor, what the reading says the actor did, sentence) from sentences that open with a named actor."""
    out = []
    acronyms = reading_acronyms(ctx)
    for sentence in ctx.facts.sentences:
        if not sentence_stands_alone(ctx, sentence):
            continue
        subject = _subject(ctx, sentence)
        actor, after = "", ""
        if subject is not None and subject.kind in {"person_role", "organisation", "place"}:
            if subject.kind != "place" or subject.data.get("place") == "country":
                actor, after = subject.surface, sentence.text[subject.end :].strip()
        elif (m := re.match(r"(?:The )?([A-Z][A-Za-z]{1,9})\s", sentence.text)) and m.group(1) in acronyms:
            # An acronym the reading spelled out earlier ("NRO builds and operates satellites").
            actor, after = m.group(1), sentence.text[m.end() :].strip()
        if not actor:
            continue
        words = after.split(" ")
        verb, following = words[0], (words[1].lower() if len(words) > 1 else "")
        past = verb.endswith("ed") or verb in _IRREGULAR_PAST
        # "builds", "specializes" - but not a plural noun after a name used as a modifier ("NATO members must").
        present = (
            bool(re.fullmatch(r"[a-z]{3,}(?<!s)s", verb))
            and verb not in _PLURAL_NOUNS | {"has", "was", "does", "is"}
            and following not in AUXILIARIES | _MODALS | {"like", "such"}
        )
        if not (past or present):
            continue
        deed = _clean(re.split(r",\s|;\s| while | which | who | whose | that | but |\(", after)[0])
        if 3 <= word_count(deed) <= 14 and fragment_stands_alone(deed):
            out.append((actor, deed, sentence))
    return out


# A list of three or more named actors, each with where it is ("threats from al-Shabaab in Somalia; al Qaeda
# affiliates in Syria and the Arabian Peninsula; and ISIS attempting to create a caliphate in Syria and Iraq, …"):
# items split at semicolons, an item's name before "in" (or before the -ing clause that leads to it), its place after.
_LIST_ITEM = re.compile(
    r"^(?:and\s+)?(?P<who>[A-Za-z][\w’'-]*(?:\s+[A-Za-z][\w’'-]*){0,3}?)(?:\s+[a-z]+ing\b[^,;]*?)?\s+in\s+"
    r"(?P<where>(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:(?:and|the)\s+)*[A-Z][\w’'-]*)*)(?=$|,)"
)
MIN_LIST_ITEMS = 3


def _places_in_a_list(ctx: Context) -> list[list[tuple[str, str, Sentence]]]:
    """Per sentence with such a list: (name, its place, sentence), every place one the reading names as a place,
    every name and every place different (two items in one place could be matched either way)."""
    out = []
    for sentence in ctx.facts.sentences:
        if sentence.text.count(";") < MIN_LIST_ITEMS - 1 or not ctx.facts.stands_alone(sentence):
            continue
        places = {m.surface for m in ctx.facts.mentions.get(sentence.start, []) if m.kind == "place"}
        items = [i.strip() for i in _clean(sentence.text).split(";")]
        items[0] = re.split(r"\b(?:from|between|among|including)\s+|:\s*", items[0])[-1]
        pairs = []
        for item in items:
            m = _LIST_ITEM.match(item)
            if m is None:
                break
            where_names = [re.sub(r"^the\s+", "", w) for w in re.split(r"\s+and\s+", m.group("where"))]
            if not all(w in places or (f"the {w}" in sentence.text and w.split()[-1] in _REGION_WORDS) for w in where_names):
                break
            pairs.append((m.group("who"), m.group("where"), sentence))
        lefts = {normalise_text(a) for a, _, _ in pairs}
        rights = {normalise_text(b) for _, b, _ in pairs}
        if len(pairs) == len(items) >= MIN_LIST_ITEMS and len(lefts) == len(rights) == len(pairs):
            out.append(pairs)
    return out


# A region the place list names with "the" ("the Arabian Peninsula", "the Middle East").
_REGION_WORDS = {"Peninsula", "East", "Gulf", "Sea", "Basin", "Sahel", "Caucasus", "Balkans", "Horn"}


def _cross_section_pairs(ctx: Context, name: str, items: list[tuple[str, str, Sentence]]) -> list[tuple[str, str, Sentence]]:
    """Up to five pairs, distinct on both sides, from at least two sections (else none)."""
    chosen: list[tuple[str, str, Sentence]] = []
    lefts: set[str] = set()
    rights: set[str] = set()
    for item in sorted(items, key=lambda it: digest(ctx.reading_key, name, it[0])):
        left, right = normalise_text(item[0]), normalise_text(item[1])
        if left in lefts or right in rights or any(contains_term(item[1], other[0]) for other in items):
            continue
        chosen.append(item)
        lefts.add(left)
        rights.add(right)
        if len(chosen) == 5:
            break
    sections = {it[2].section.order for it in chosen}
    return chosen if len(chosen) >= 3 and len(sections) >= 2 else []


def build_matching_questions(ctx: Context) -> list[QuestionDraft]:
    out: list[QuestionDraft] = []
    specs = [
        (
            "named-years",
            [(n, str(y), s) for n, y, s in _named_years(ctx)],
            "Match each of these to the year the reading gives for it.",
            "dated names, each with one year in the reading",
        ),
        (
            "deeds",
            _deeds(ctx),
            "Match each actor with the action the reading reports.",
            "actors opening a sentence with what they did or do",
        ),
    ]
    for name, items, stem, note in specs:
        pairs = _cross_section_pairs(ctx, name, items)
        if not pairs:
            continue
        draft = matching_draft(ctx, f"understanding-{name}", pairs, stem)
        sections = len({s.section.order for _, _, s in pairs})
        out.append(
            _finish(
                draft,
                kind="matching",
                group=draft.key[:16],
                quality=0.7 + 0.05 * min(sections - 2, 2),
                notes=[note, f"pairs from {sections} sections"],
            )
        )
    for pairs in _places_in_a_list(ctx):
        # What the list is of, when the sentence says ("threats from al-Shabaab in Somalia; …"): the stem says it too.
        of = re.match(r"^[^;]*?\b(?P<what>[a-z]{4,}s)\s+from\s", pairs[0][2].text)
        stem = (
            f"The reading lists {of.group('what')} from each of these. Match each one to the place the reading gives for it."
            if of
            else "Match each of these to the place the reading gives for it."
        )
        draft = matching_draft(ctx, f"understanding-list-places-{pairs[0][2].start}", pairs, stem)
        out.append(
            _finish(
                draft, kind="matching", group=draft.key[:16], quality=0.7, notes=["a list of names, each with its place, in one sentence"]
            )
        )
    return out
