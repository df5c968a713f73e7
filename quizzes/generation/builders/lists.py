"""Lists in a sentence ("Estonia, Latvia and Lithuania") as multiple-response questions."""

from __future__ import annotations

import re
from itertools import zip_longest

from quizzes.generation.builders.drafts import Context, QuestionDraft, _all_correct, _base, _noun, opens_with_unresolved_reference, quote
from quizzes.generation.distractors import is_city
from quizzes.generation.facts import FactDraft
from quizzes.generation.text import Sentence, contains_term, digest, normalise_text
from quizzes.models import QuestionType
from quizzes.questiontypes import BLANK

_LIST_GLUE = re.compile(r"^(?:,\s*(?:and\s+|or\s+)?(?:the\s+)?|\s+(?:and|or)\s+(?:the\s+)?)$")


def sentence_lists(ctx: Context, sentence: Sentence) -> list[list[FactDraft]]:
    facts = sorted(
        (
            f
            for f in ctx.by_sentence.get(sentence.start, [])
            if f.mention is not None and f.kind in {"system", "place", "organisation", "person_role", "summit"}
        ),
        key=lambda f: f.mention.start if f.mention else 0,
    )
    lists: list[list[FactDraft]] = []
    current: list[FactDraft] = []
    for fact in facts:
        m = fact.mention
        assert m is not None
        if current:
            prev = current[-1].mention
            assert prev is not None
            same = prev.kind == m.kind and prev.data.get("place") == m.data.get("place")
            if same and _LIST_GLUE.match(sentence.text[prev.end : m.start]):
                current.append(fact)
                continue
            if len(current) >= 2:
                lists.append(current)
        current = [fact]
    if len(current) >= 2:
        lists.append(current)
    return lists


MAX_LIST = 6
_CONJUNCT_BEFORE = re.compile(r"\b[A-Z][\w'-]*\s+and\s+$")


def build_list_question(ctx: Context, items: list[FactDraft]) -> QuestionDraft | None:
    sentence = items[0].sentence
    first, last = items[0].mention, items[-1].mention
    assert first is not None and last is not None
    # The option shows the name as the sentence writes it ("IMF") when the canonical form is not there.
    names = [
        f.mention.value if contains_term(sentence.text, f.mention.value) else f.mention.surface for f in items if f.mention is not None
    ]
    if len({normalise_text(n) for n in names}) != len(names) or any(ctx.is_trivial(f.mention) for f in items if f.mention is not None):
        return None
    if first.kind == "summit" and not all(is_city(n) for n in names):
        return None  # the options are cities: "the Wales and Warsaw summits" names a nation among them
    if len(items) > MAX_LIST or sum(len(found) for found in sentence_lists(ctx, sentence)) > MAX_LIST:
        # "The 1,201 military personnel were from Argentina, Australia, Austria, Bolivia, … and Uruguay": a roster to
        # memorise, not a fact (blind review 97, both reviewers, both halves of a sixteen-country list).
        return None
    if _CONJUNCT_BEFORE.search(sentence.text[: first.start]):
        # "… involving China, the United States, North and ____" (South Korea, Japan, Russia): the list began a word
        # earlier than the names found, and the blank reads as one country (blind review 95, both reviewers).
        return None
    shown = quote(sentence, [(first.start, last.end, BLANK)])
    if opens_with_unresolved_reference(shown):
        return None
    key = digest(ctx.reading_key, "list", first.start)
    count = max(2, 5 - len(names))
    others = ctx.distractors(first, sentence, key=key, count=count, avoid=names)
    if first.kind == "place":
        # Countries of several continents ("The United States, France and Britain requested …"): wrong options from
        # each listed country's continent in turn, not all from the first one's (blind review 81: Guatemala and Panama
        # beside the three Western powers).
        per_item = [ctx.distractors(f.mention, sentence, key=key, count=count, avoid=names) for f in items if f.mention is not None]
        # Round by round, a country whose continent gives none no longer ending the rounds for the others.
        mixed = [o for round_ in zip_longest(*per_item) for o in round_ if o]
        others = list(dict.fromkeys(mixed))[:count] if len(set(mixed)) >= 2 else others
    if len(others) < 2:
        return None
    noun = _noun(first)
    plural = {"person": "people", "city": "cities", "country": "countries", "weapons system": "weapons systems"}.get(noun, noun + "s")
    draft = _base(
        ctx,
        sentence,
        QuestionType.MULTIPLE_RESPONSE,
        ("list", first.start),
        stem=f"Which {plural} belong in the blank of {ctx.from_the_reading(sentence)}? Select all that apply. “{shown}”",
        answer={},
        topic=items[0].topic,
        fact_key=items[0].key,
        title=", ".join(names),
        meta={"quoted": shown},
    )
    return _all_correct(draft, names, others)
