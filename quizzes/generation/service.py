"""Generation with the database: load a reading, run the pure pipeline, save facts and drafts.

Regeneration rules (the review workflow depends on them):

1. A generated question is matched to its earlier run by ``generation_key``.
2. A question an instructor touched - edited (any version), approved or retired - is never
   overwritten or deleted; regeneration leaves every row of its version chain alone.
3. An untouched draft is refreshed in place; one the new run no longer produces is deleted
   unless an attempt or a quiz already points at it.
4. Facts are upserted by key, so kept questions keep their fact.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q

from courseware.models import Reading
from quizzes.generation.extract import Mention
from quizzes.generation.lexicon import Lexicon, lexicon_from_db, lexicon_seed_data
from quizzes.generation.pipeline import all_mentions, generate, reading_domain, reading_facts_in_domain
from quizzes.generation.text import SectionText
from quizzes.models import Fact, LexiconTerm, Question, QuestionBank, QuizQuestion, Response
from quizzes.questiontypes import key_terms

Progress = Callable[[int, str], None]


@dataclass
class GenerationReport:
    reading: int
    bank_id: int
    questions: int  # generated questions of the bank after this run (current versions, any status)
    created: int
    refreshed: int
    protected: int  # edited, approved or retired questions left alone
    deleted: int
    facts: int
    by_type: dict[str, int] = field(default_factory=dict)
    by_topic: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def lexicon_load_seed() -> int:
    """Create the seed lexicon's terms that are missing; terms already in the table (maybe edited by an admin) are kept."""
    existing = set(LexiconTerm.objects.values_list("term", flat=True))
    rows = [
        LexiconTerm(term=r["term"], category=r["category"], aliases=list(r.get("aliases") or []), description=r.get("description") or "")
        for r in lexicon_seed_data()
        if r["term"] not in existing
    ]
    LexiconTerm.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def lexicon_current() -> Lexicon:
    if not LexiconTerm.objects.exists():
        lexicon_load_seed()
    return lexicon_from_db()


def reading_section_texts(*, reading: Reading) -> list[SectionText]:
    return [
        SectionText(s.order, s.heading, s.kind, s.language, s.text, s.start, s.pk)
        for s in reading.sections.order_by("order").only("id", "order", "heading", "kind", "language", "text", "start")
    ]


def bank_for_reading(*, reading: Reading) -> QuestionBank:
    bank = QuestionBank.objects.filter(reading=reading, course__isnull=True).order_by("id").first()
    if bank is None:
        bank = QuestionBank.objects.create(name=f"{reading.title[:160]} (reading {reading.pk})", reading=reading)
    return bank


def _domain_ids(*, reading: Reading, lexicon: Lexicon) -> frozenset[str]:
    packs, _ = reading_domain(cleaned_text=reading.cleaned_text, lexicon=lexicon)
    return frozenset(p.id for p in packs)


def other_readings_mentions(
    *, reading: Reading, lexicon: Lexicon, cache: dict[int, tuple[frozenset[str], list[Mention]]] | None = None
) -> list[Mention]:
    """Names from the other latest readings of the same domain: more same-class distractors.

    A reading of another domain (or of none) lends nothing, so an Iran-deal article never
    offers a NATO body and a NATO paper never offers a photosynthesis term.
    """
    own = _domain_ids(reading=reading, lexicon=lexicon)
    if not own:
        return []
    out: list[Mention] = []
    for other in Reading.objects.filter(is_latest=True).exclude(pk=reading.pk).order_by("pk"):
        if cache is not None and other.pk in cache:
            domains, found = cache[other.pk]
        else:
            facts = reading_facts_in_domain(
                sections=reading_section_texts(reading=other),
                cleaned_text=other.cleaned_text,
                lexicon=lexicon,
                title=other.title,
                published_on=other.published_on,
            )
            domains, found = frozenset(p.id for p in facts.packs), all_mentions(facts)
            if cache is not None:
                cache[other.pk] = (domains, found)
        if domains & own:
            out += found
    return out


def _touched_keys(bank: QuestionBank) -> set[str]:
    rows = Question.objects.filter(bank=bank).exclude(generation_key="")
    touched = rows.filter(Q(is_edited=True) | ~Q(status=Question.Status.DRAFT) | ~Q(origin=Question.Origin.GENERATED) | Q(is_current=False))
    return set(touched.values_list("generation_key", flat=True))


def bank_generate_for_reading(
    *, reading: Reading, progress: Progress | None = None, mention_cache: dict[int, tuple[frozenset[str], list[Mention]]] | None = None
) -> GenerationReport:
    """Generate (or regenerate) the question bank of one reading and report what happened."""
    started = time.perf_counter()
    report_progress = progress or (lambda percent, message: None)
    report_progress(5, "loading the lexicon")
    lexicon = lexicon_current()
    sections = reading_section_texts(reading=reading)
    report_progress(15, "extracting facts")
    # The reading's date (front matter or dateline, found at import) resolves "tomorrow" and "last night" in stems.
    facts = reading_facts_in_domain(
        sections=sections, cleaned_text=reading.cleaned_text, lexicon=lexicon, title=reading.title, published_on=reading.published_on
    )
    if mention_cache is not None:
        mention_cache[reading.pk] = (frozenset(p.id for p in facts.packs), all_mentions(facts))
    others = other_readings_mentions(reading=reading, lexicon=lexicon, cache=mention_cache)
    report_progress(40, "writing questions")
    result = generate(
        reading_key=reading.checksum,
        cleaned_text=reading.cleaned_text,
        sections=sections,
        lexicon=lexicon,
        other_mentions=others,
        facts=facts,
        title=reading.title,
        published_on=reading.published_on,
    )
    report_progress(70, "saving the bank")
    report = _save(reading=reading, result_facts=facts.facts, drafts=result.questions)
    report.dropped = dict(Counter(f.gate for f in result.dropped))
    report.seconds = round(time.perf_counter() - started, 3)
    report_progress(100, f"{report.questions} questions")
    return report


@transaction.atomic
def _save(*, reading: Reading, result_facts: Iterable[Any], drafts: list[Any]) -> GenerationReport:
    # Two runs for the same reading (a retry racing a manual command) take turns here, so
    # neither creates a second bank or inserts a question the other just inserted.
    Reading.objects.select_for_update().filter(pk=reading.pk).first()
    bank = bank_for_reading(reading=reading)
    # 1. Facts, upserted by key.
    wanted = {f.key: f for f in result_facts}
    existing = {f.key: f for f in Fact.objects.filter(reading=reading)}
    new, changed = [], []
    for key, draft in wanted.items():
        section_id = draft.sentence.section.section_id
        values = {
            "kind": draft.kind,
            "topic": draft.topic,
            "value": draft.value[:300],
            "data": draft.data,
            "sentence": draft.sentence.text,
            "start": draft.sentence.start,
            "end": draft.sentence.end,
            "section_id": section_id,
        }
        if key in existing:
            fact = existing[key]
            if any(getattr(fact, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(fact, k, v)
                changed.append(fact)
        else:
            new.append(Fact(reading=reading, key=key, **values))
    Fact.objects.bulk_create(new)
    Fact.objects.bulk_update(changed, ["kind", "topic", "value", "data", "sentence", "start", "end", "section_id"])
    Fact.objects.filter(reading=reading).exclude(key__in=list(wanted)).delete()
    fact_ids = dict(Fact.objects.filter(reading=reading).values_list("key", "id"))

    # 2. Questions: refresh untouched drafts, never touch reviewed ones.
    touched = _touched_keys(bank)
    current = {
        q.generation_key: q
        for q in Question.objects.filter(bank=bank, origin=Question.Origin.GENERATED, is_current=True).exclude(generation_key="")
    }
    created, refreshed, protected = [], [], 0
    produced = set()
    for d in drafts:
        produced.add(d.key)
        values = {
            "type": d.type,
            "title": d.title[:200],
            "stem": d.stem,
            "choices": d.choices,
            "answer": d.answer,
            "explanation": d.explanation,
            "topic": d.topic,
            "difficulty": d.difficulty,
            "fact_id": fact_ids.get(d.fact_key) if d.fact_key else None,
            "source_section_id": d.section.section_id,
            "source_passage": d.passage,
            "source_start": d.start,
            "source_end": d.end,
            "meta": {**d.meta, "generator": "rules-v2"},
            "exclusion_group": d.group[:64],
            "quality": d.quality,
            "quality_notes": list(d.quality_notes),
            "key_terms": key_terms(d.type, d.choices, d.answer),
        }
        if d.key in touched:
            protected += 1
            continue
        if d.key in current:
            q = current[d.key]
            if any(getattr(q, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(q, k, v)
                refreshed.append(q)
        else:
            created.append(
                Question(bank=bank, generation_key=d.key, status=Question.Status.DRAFT, origin=Question.Origin.GENERATED, **values)
            )
    Question.objects.bulk_create(created)
    Question.objects.bulk_update(refreshed, list(_QUESTION_FIELDS))
    stale = (
        Question.objects.filter(bank=bank, origin=Question.Origin.GENERATED)
        .exclude(generation_key__in=produced | touched)
        .exclude(generation_key="")
    )
    referenced = set(Response.objects.filter(question__in=stale).values_list("question_id", flat=True)) | set(
        QuizQuestion.objects.filter(question__in=stale).values_list("question_id", flat=True)
    )
    deleted, _ = stale.exclude(pk__in=referenced).delete()

    kept = Question.objects.filter(bank=bank, origin=Question.Origin.GENERATED, is_current=True)
    return GenerationReport(
        reading=reading.pk,
        bank_id=bank.pk,
        questions=kept.count(),
        created=len(created),
        refreshed=len(refreshed),
        protected=protected,
        deleted=deleted,
        facts=len(wanted),
        by_type=dict(Counter(kept.values_list("type", flat=True))),
        by_topic=dict(Counter(kept.values_list("topic", flat=True))),
    )


_QUESTION_FIELDS = (
    "type",
    "title",
    "stem",
    "choices",
    "answer",
    "explanation",
    "topic",
    "difficulty",
    "fact_id",
    "source_section_id",
    "source_passage",
    "source_start",
    "source_end",
    "meta",
    "exclusion_group",
    "quality",
    "quality_notes",
    "key_terms",
)
