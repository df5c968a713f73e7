# ruff: noqa: RUF001, RUF003 -- the patterns and their comments use typographic quotes on purpose
"""Modules and lessons. Lessons are built from a reading's sections and then belong to the
instructor: editing, reordering or publishing a lesson never changes the reading.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core.text.acronyms import find_acronyms, spelled_out_after
from core.text.citations import citation_spans
from core.text.sentences import sentence_spans
from core.text.words import sentence_openers
from courseware.models import Course, Lesson, LessonCompletion, Module, Reading, Section
from courseware.permissions import RequestUser, signed_in

EMPTY_TITLE_MESSAGE = "A title is required."
EMPTY_BODY_MESSAGE = "A lesson needs some text."
NO_READING_MESSAGE = "Choose a reading for this module first."
FOREIGN_SECTION_MESSAGE = "These sections do not belong to the module's reading."
UNKNOWN_ITEMS_MESSAGE = "The new order must list exactly the items it reorders."
BAD_MINUTES_MESSAGE = "Reading time must be at least one minute."

# One lesson per body section by default; the conclusion is the reading's last word and is
# taught too. Abstracts (English or not), the title line and references are not lessons.
DEFAULT_LESSON_SECTION_KINDS = (Section.Kind.BODY, Section.Kind.CONCLUSION)
WORDS_PER_MINUTE = 200
SUMMARY_MAX_CHARS = 300
MAX_KEY_TERMS = 8


# --- modules -----------------------------------------------------------------------------------


def _next_order(items: Any) -> int:
    current = items.aggregate(top=Max("order"))["top"]
    return 0 if current is None else current + 1


def module_create(
    *,
    course: Course,
    title: str,
    description: str = "",
    reading: Reading | None = None,
    is_published: bool = False,
    opens_at: datetime | None = None,
) -> Module:
    title = (title or "").strip()
    if not title:
        raise ValidationError(EMPTY_TITLE_MESSAGE)
    return Module.objects.create(
        course=course,
        title=title,
        description=description or "",
        reading=reading,
        is_published=is_published,
        opens_at=opens_at,
        order=_next_order(course.modules.all()),
    )


def module_update(*, module: Module, title: str | None = None, description: str | None = None, opens_at: datetime | None = None) -> Module:
    if title is not None:
        if not title.strip():
            raise ValidationError(EMPTY_TITLE_MESSAGE)
        module.title = title.strip()
    if description is not None:
        module.description = description
    if opens_at is not None:
        module.opens_at = opens_at
    module.save()
    return module


def module_set_published(*, module: Module, is_published: bool) -> Module:
    Module.objects.filter(pk=module.pk).update(is_published=is_published)
    module.is_published = is_published
    return module


def _reorder(items: Any, ids: Sequence[int]) -> None:
    """Give ``items`` the order of ``ids``; the list must name each item exactly once."""
    current = list(items.values_list("pk", flat=True))
    if sorted(current) != sorted(ids) or len(set(ids)) != len(ids):
        raise ValidationError(UNKNOWN_ITEMS_MESSAGE)
    objects = list(items)
    position = {pk: index for index, pk in enumerate(ids)}
    for item in objects:
        item.order = position[item.pk]
    if objects:
        type(objects[0]).objects.bulk_update(objects, ["order"])


@transaction.atomic
def module_reorder(*, course: Course, module_ids: Sequence[int]) -> None:
    _reorder(course.modules.select_for_update(), list(module_ids))


# --- building lessons from a reading -----------------------------------------------------------


def _sentences(paragraph: str) -> list[str]:
    """The paragraph's sentences by the loose rule lessons have always used (see ``sentence_spans``)."""
    return [paragraph[start:end] for start, end in sentence_spans(paragraph, careful=False)]


def lesson_summary(text: str, *, max_chars: int = SUMMARY_MAX_CHARS) -> str:
    """The section's opening sentences, as many as fit in ``max_chars`` (at least one)."""
    first_paragraph = text.strip().split("\n\n", 1)[0]
    summary = ""
    for sentence in _sentences(first_paragraph):
        candidate = f"{summary} {sentence}".strip()
        if summary and len(candidate) > max_chars:
            break
        summary = candidate
    if len(summary) > max_chars:
        summary = summary[: max_chars - 1].rsplit(" ", 1)[0] + "…"
    return summary


def reading_minutes_for(text: str) -> int:
    return max(1, math.ceil(len(text.split()) / WORDS_PER_MINUTE))


_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*[A-Z0-9]\b")
_PROPER_PHRASE = re.compile(r"\b[A-Z][\w’'-]+(?:[ -](?:of |the |for |de |von )?[A-Z][\w’'-]+)+")
_POSSESSIVE = re.compile(r"[’']s$")
_NOT_TERMS = frozenset({"US", "U.S", "AND", "OR"})


def _without_citations(text: str) -> str:
    """Each citation (by the loose rule, see ``citation_spans``) replaced by a space."""
    pieces, cursor = [], 0
    for start, end in citation_spans(text, loose=True):
        pieces += [text[cursor:start], " "]
        cursor = end
    return "".join(pieces) + text[cursor:]


def _term_candidates(text: str) -> Counter[str]:
    """Acronyms and multi-word names, with their weight. Citations are left out (an author's
    name is not a term of the lesson); a capitalised first word that the text also uses in
    lower case (“Despite”, “Stabilizing”) is only capitalised because it starts a sentence."""
    text = _without_citations(text)
    openers = sentence_openers()
    lower_words = set(re.findall(r"\b[a-z][\w’'-]*", text))
    counts: Counter[str] = Counter()
    for acronym in find_acronyms(text, loose=True):
        counts[acronym.short] += 3  # a term the author took care to define
    for match in _ACRONYM.finditer(text):
        if match.group(0) not in _NOT_TERMS:
            counts[match.group(0)] += 1
    for match in _PROPER_PHRASE.finditer(text):
        words = match.group(0).split(" ")
        # "Russia’s Black Sea Fleet" names the fleet; the owner before it is not part of the term.
        for index in range(len(words) - 1, 0, -1):
            if _POSSESSIVE.search(words[index - 1]):
                words = words[index:]
                break
        while words and (words[0].lower() in lower_words or words[0] in openers or words[0].endswith(("ing", "ly"))):
            words = words[1:]
        if words and words[0] in {"of", "the", "for", "de", "von"}:
            words = words[1:]
        phrase = _POSSESSIVE.sub("", " ".join(words))
        if " " in phrase:
            counts[phrase] += 2
    return counts


def lesson_key_terms(text: str, *, common: Iterable[str] = (), limit: int = MAX_KEY_TERMS) -> list[str]:
    """Names and acronyms that matter in this text: defined acronyms first, then multi-word
    names and acronyms by how often they occur. ``common`` terms (found in most sections of
    the reading, such as NATO in a paper about NATO) are left out: they say nothing about
    this particular lesson."""
    skip = set(common)
    counts = _term_candidates(text)
    ranked = sorted((term for term in counts if term not in skip), key=lambda term: (-counts[term], text.find(term)))
    chosen: list[str] = []
    for term in ranked:
        if any(term in other or other in term for other in chosen):
            continue
        chosen.append(term)
        if len(chosen) == limit:
            break
    return chosen


# "HIMARS is a ...", "Article 5, the alliance's collective-defence clause, ...", "X refers to ...": a sentence
# that says what the term is, right after naming it.
_DEFINING = r"(?:\s*\([^()]{1,80}\))?(?:,\s+(?:the|a|an)\s+[^,]{3,120},|\s+(?:is|are|was|were|refers to|means|denotes|stands for)\s+(?:a|an|the|one)\b)"


def key_term_definitions(terms: Sequence[str], text: str) -> dict[str, tuple[str, str]]:
    """For each term, what the reading says it is: ``("expansion", "High Mobility ...")`` for a defined
    acronym, ``("definition", sentence)`` for a sentence that defines it, else ``("mention", sentence)``
    with its first mention in context; terms the text never names are left out."""
    sentences = [sentence for paragraph in text.split("\n\n") for sentence in _sentences(paragraph)]
    found: dict[str, tuple[str, str]] = {}
    for term in terms:
        expansion = next((a.long for a in find_acronyms(text, loose=True) if a.long_first and a.short == term), None)
        if expansion is None:
            expansion = spelled_out_after(term, text)
        if expansion:
            found[term] = ("expansion", expansion)
            continue
        defining = re.compile(rf"\b{re.escape(term)}{_DEFINING}")
        mentions = [sentence for sentence in sentences if term in sentence]
        sentence = next((m for m in mentions if defining.search(m)), None)
        if sentence:
            found[term] = ("definition", _clip(sentence))
        elif mentions:
            found[term] = ("mention", _clip(mentions[0]))
    return found


def _clip(sentence: str, limit: int = 280) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


def _common_terms(sections: Sequence[Section]) -> set[str]:
    """Terms that occur in more than half of the reading's sections."""
    texts = [section.text for section in sections if section.text]
    if len(texts) < 3:
        return set()
    document_frequency: Counter[str] = Counter()
    for text in texts:
        document_frequency.update(set(_term_candidates(text)))
    return {term for term, count in document_frequency.items() if count > len(texts) / 2}


def _lesson_from_section(*, module: Module, section: Section, reading: Reading, order: int, common: set[str]) -> Lesson:
    return Lesson(
        module=module,
        section=section,
        order=order,
        title=(section.heading or reading.title)[:300],
        body=section.text,
        summary=lesson_summary(section.text),
        key_terms=lesson_key_terms(section.text, common=common),
        reading_minutes=reading_minutes_for(section.text),
        is_published=True,
    )


@transaction.atomic
def lessons_build_from_reading(
    *,
    module: Module,
    reading: Reading | None = None,
    section_ids: Sequence[int] | None = None,
    kinds: Sequence[str] = DEFAULT_LESSON_SECTION_KINDS,
) -> list[Lesson]:
    """Add one lesson per section of ``reading`` (default: the module's reading) to ``module``.

    Without ``section_ids`` every body and conclusion section with text in the reading's own
    language is used (so never the foreign-language abstract). Sections that already have a
    lesson in this module are skipped, so building twice creates nothing new. Returns the
    lessons created.
    """
    reading = reading or module.reading
    if reading is None:
        raise ValidationError(NO_READING_MESSAGE)
    all_sections = list(reading.sections.order_by("order"))
    if section_ids is not None:
        wanted = set(section_ids)
        chosen = [section for section in all_sections if section.pk in wanted]
        if len(chosen) != len(wanted):
            raise ValidationError(FOREIGN_SECTION_MESSAGE)
    else:
        chosen = [s for s in all_sections if s.kind in kinds and s.language == reading.language and s.text.strip()]
    module = Module.objects.select_for_update().get(pk=module.pk)
    if module.reading_id is None:
        Module.objects.filter(pk=module.pk).update(reading=reading)
    existing = set(module.lessons.exclude(section=None).values_list("section_id", flat=True))
    common = _common_terms(all_sections)
    order = _next_order(module.lessons.all())
    lessons: list[Lesson] = []
    for section in chosen:
        if section.pk in existing:
            continue
        lessons.append(_lesson_from_section(module=module, section=section, reading=reading, order=order, common=common))
        order += 1
    return Lesson.objects.bulk_create(lessons)


@transaction.atomic
def lessons_rebuild_from_reading(*, module: Module, reading: Reading) -> list[Lesson]:
    """Switch a module to another version of its reading: lessons built from earlier versions
    of that reading are replaced by lessons from ``reading``; lessons from other readings and
    lessons the instructor wrote by hand stay."""
    lineage = reading.lineage_id or reading.pk
    Lesson.objects.filter(module=module, section__reading__lineage_id=lineage).exclude(section__reading=reading).delete()
    Lesson.objects.filter(module=module, section__reading_id=lineage).exclude(section__reading=reading).delete()
    Module.objects.filter(pk=module.pk).update(reading=reading)
    module.reading = reading
    return lessons_build_from_reading(module=module, reading=reading)


# --- editing lessons ---------------------------------------------------------------------------


def lesson_update(
    *,
    lesson: Lesson,
    title: str | None = None,
    body: str | None = None,
    summary: str | None = None,
    key_terms: Sequence[str] | None = None,
    reading_minutes: int | None = None,
    is_published: bool | None = None,
) -> Lesson:
    """Edit the lesson's own copy; the section and reading it came from stay as imported."""
    if title is not None:
        if not title.strip():
            raise ValidationError(EMPTY_TITLE_MESSAGE)
        lesson.title = title.strip()
    if body is not None:
        # Normalise paragraph breaks (browsers send \r\n) so the body stays "paragraphs
        # separated by blank lines".
        paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", body.replace("\r\n", "\n"))]
        paragraphs = [paragraph for paragraph in paragraphs if paragraph]
        if not paragraphs:
            raise ValidationError(EMPTY_BODY_MESSAGE)
        lesson.body = "\n\n".join(paragraphs)
    if summary is not None:
        lesson.summary = summary.strip()
    if key_terms is not None:
        lesson.key_terms = [term.strip() for term in key_terms if term and term.strip()]
    if reading_minutes is not None:
        if reading_minutes < 1:
            raise ValidationError(BAD_MINUTES_MESSAGE)
        lesson.reading_minutes = reading_minutes
    if is_published is not None:
        lesson.is_published = is_published
    lesson.save()
    return lesson


def lesson_set_published(*, lesson: Lesson, is_published: bool) -> Lesson:
    Lesson.objects.filter(pk=lesson.pk).update(is_published=is_published)
    lesson.is_published = is_published
    return lesson


@transaction.atomic
def lesson_reorder(*, module: Module, lesson_ids: Sequence[int]) -> None:
    _reorder(module.lessons.select_for_update(), list(lesson_ids))


def lesson_delete(*, lesson: Lesson) -> None:
    lesson.delete()


def lesson_complete(*, user: RequestUser, lesson: Lesson) -> LessonCompletion:
    """Mark a lesson done for a student; done twice is done once (the first time is kept)."""
    completion, _ = LessonCompletion.objects.get_or_create(user=user, lesson=lesson, defaults={"completed_at": timezone.now()})
    return completion


def lesson_uncomplete(*, user: RequestUser, lesson: Lesson) -> None:
    LessonCompletion.objects.filter(user=signed_in(user), lesson=lesson).delete()
