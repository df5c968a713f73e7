"""The pure part of generation: sections and a lexicon in, facts and kept question drafts out.

No database access here, so the whole pipeline is testable on plain text and runs the same
in a worker, a management command and a test.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from quizzes.generation.assemble import build_all
from quizzes.generation.builders import Context, QuestionDraft
from quizzes.generation.distractors import build_pools
from quizzes.generation.extract import Mention
from quizzes.generation.facts import ReadingFacts, reading_facts
from quizzes.generation.gates import GateFailure, GateItem, filter_items
from quizzes.generation.lexicon import Lexicon
from quizzes.generation.packs import Pack, packs_for_text
from quizzes.generation.quality import draft_key_texts, rank_and_group
from quizzes.generation.text import SectionText, normalise_text


@dataclass
class GenerationResult:
    facts: ReadingFacts
    questions: list[QuestionDraft]
    dropped: list[GateFailure]


def gate_item(draft: QuestionDraft) -> GateItem:
    return GateItem(
        ref=draft,
        type=draft.type,
        stem=draft.stem,
        choices=draft.choices,
        answer=draft.answer,
        passage=draft.passage,
        meta=draft.meta,
        section_kind=draft.section.kind,
        section_language=draft.section.language,
    )


def all_mentions(facts: ReadingFacts) -> list[Mention]:
    return [m for found in facts.mentions.values() for m in found]


def generation_warm_up() -> None:
    """Load what the first generation of a process would otherwise load on the way (word lists,
    gazetteers, packs, the city data: about 2 s of CPU), so a worker's first reading costs what the others do."""
    from lemminflect import getAllLemmas

    from quizzes.generation.distractors import is_city
    from quizzes.generation.extract import _gazetteer
    from quizzes.generation.packs import load_packs
    from quizzes.generation.review import city_countries
    from quizzes.generation.standalone import zipf

    zipf("alliance")
    getAllLemmas("treaty")
    _gazetteer()
    load_packs()
    # The city data: every city geonames knows (summit options) and the countries of each city name.
    is_city("Vilnius")
    city_countries()


def reading_domain(*, cleaned_text: str, lexicon: Lexicon) -> tuple[tuple[Pack, ...], Lexicon]:
    """The packs a reading is of, and the lexicon cut down to their terms (none for an off-domain reading)."""
    packs = tuple(packs_for_text(cleaned_text))
    return packs, lexicon.restricted_to({p.id for p in packs})


def reading_facts_in_domain(*, sections: list[SectionText], cleaned_text: str, lexicon: Lexicon, title: str = "") -> ReadingFacts:
    packs, own = reading_domain(cleaned_text=cleaned_text, lexicon=lexicon)
    return reading_facts(sections=sections, lexicon=own, packs=packs, title=title)


def generate(
    *,
    reading_key: str,
    cleaned_text: str,
    sections: list[SectionText],
    lexicon: Lexicon,
    other_mentions: Iterable[Mention] = (),
    facts: ReadingFacts | None = None,
    title: str = "",
) -> GenerationResult:
    """Facts and kept questions for one reading; ``other_mentions`` (other readings) widen the distractor pools."""
    packs, own = reading_domain(cleaned_text=cleaned_text, lexicon=lexicon)
    facts = facts or reading_facts(sections=sections, lexicon=own, packs=packs, title=title)
    pools = build_pools(
        lexicon=own,
        mentions=all_mentions(facts),
        other_mentions=other_mentions,
        sentences={s.start: s.text for s in facts.sentences},
    )
    title = title or next((s.text for s in sections if s.kind == "title"), "")
    ctx = Context(reading_key=reading_key, cleaned_text=cleaned_text, facts=facts, pools=pools, lexicon=own, title=title)
    drafts = build_all(ctx)
    # Second pass with the first pass's keys kept out of the options (see ``Context.keys_asked``).
    ctx.keys_asked = {normalise_text(k) for d in drafts for k in draft_key_texts(d)}
    drafts = build_all(ctx)
    # One draft per key: a builder asked twice about the same thing keeps its first answer.
    unique = list({d.key: d for d in reversed(drafts)}.values())[::-1]
    kept, dropped = filter_items(gate_item(d) for d in unique)
    ranked, weak = rank_and_group(ctx, [i.ref for i in kept])
    return GenerationResult(facts, ranked, dropped + [GateFailure(d, reason, f"quality {d.quality}") for d, reason in weak])
