"""Which questions an attempt gets: the draw from the quiz's sources (seeded, so a retry or a
replayed request draws the same), exclusion groups, and the per-student option order.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import CharField, Q, QuerySet, Value
from django.db.models.expressions import Expression, RawSQL

from core.compiled import Compiled
from quizzes.models import Question, QuestionType, Quiz, QuizQuestion, QuizSource
from quizzes.questiontypes import printed_text, term_printed_in


@dataclass(frozen=True)
class DrawnQuestion:
    question: Question
    option_order: list[str]


def _option_order(question: Question, rng: random.Random, shuffle: bool) -> list[str]:
    """The order in which this student sees the question's options (choice ids)."""
    if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE):
        ids = [c["id"] for c in question.choices]
        if shuffle:
            rng.shuffle(ids)
        return ids
    if question.type == QuestionType.MATCHING:
        # The right-hand column is always shuffled: stored in key order it would give the answer away.
        ids = [c["id"] for c in question.choices.get("right", [])]
        rng.shuffle(ids)
        return ids
    if question.type == QuestionType.ORDERING:
        # Always shuffled and never shown already in the right order.
        ids = [c["id"] for c in question.choices]
        rng.shuffle(ids)
        if len(ids) > 1 and ids == list(question.answer.get("order", [])):
            ids = ids[1:] + ids[:1]
        return ids
    return []


# What an attempt needs of a drawn question: the option order (type, choices, the ordering key),
# its points, and what the student is shown (stem, meta's text format). Not the explanation or
# the source passage, which only the review after grading shows (read then).
_DRAWN_FIELDS = ("id", "root_id", "bank_id", "topic", "type", "stem", "choices", "answer", "points", "meta")

# What the exclusion rule needs beyond what an attempt needs: the group and the key's texts.
_RULE_FIELDS = ("exclusion_group", "key_terms")

# Question rows the draws of this process have read, by id: (row stamp, question, candidate). A
# classroom's starts draw from the same bank again and again, and reading its rows whole (stems,
# choices, keys, key terms: JSON decoded per row) was a third of a start's CPU. On PostgreSQL the
# stamp names the row version the database holds: xmin, the transaction that wrote it, and ctid,
# where it lies (a second change within one transaction keeps the xmin but moves the row). Any
# change to the row (approved, retired, choices renamed in place, regrouped), by whatever path,
# writes a new version with another stamp, so an entry is only ever used for the very row it was
# read from, and the draw needs no knowledge of who changes questions. SQLite has no such stamp:
# its draws read the rows each time. Bounded: cleared whole past _DRAWN_MAX entries.
_DRAWN: dict[int, tuple[str, Question, DrawCandidate]] = {}
_DRAWN_MAX = 5000
_ROW_STAMP = RawSQL('"quizzes_question"."xmin"::text || \'/\' || "quizzes_question"."ctid"::text', ())


def _row_stamp() -> Expression:
    """The row stamp where the database has one; NULL (nothing remembered) elsewhere."""
    return _ROW_STAMP if connection.vendor == "postgresql" else Value(None, output_field=CharField())


SHORT_DRAW = (
    "Draws {got} of the {wanted} questions asked from “{bank}”{topic}: the bank's other approved questions "
    "would give one of the drawn ones away (same exclusion group, or the key printed in another question)."
)
SHORT_BANK = "Draws {got} of the {wanted} questions asked from “{bank}”{topic}: it has only {got} approved questions to draw."


# Pairs of candidates (by identity) -> whether they give each other away. Bounded, cleared whole
# past _MET_MAX (a few MB): a bank of 77 has 2,926 pairs; a large bank's draws rarely meet one twice.
_MET: dict[tuple[int, int], tuple[DrawCandidate, DrawCandidate, bool]] = {}
_MET_MAX = 20_000


class DrawCandidate:
    """A question as the draw sees it: its identity, its group, its key's texts and what it prints.

    What it prints is only put together when the draw's walk reaches it (most candidates of a
    large bank never are), and a term is looked for as a plain substring first: the word-boundary
    regex runs only on a hit.

    Whether two candidates may meet is remembered (``_MET``): a process keeps the candidates of
    a row version it drew (``_DRAWN``), so a classroom's starts draw the same few dozen
    questions and ask the same pairs again (the checks were a third of a draw's CPU on the
    benchmark's bank of 77: 1.65 -> 1.15 ms per draw remembered). Only between two such kept
    candidates (``kept``): one made for a single call (a fixed question, a practice build) could
    never be asked about again, and would only crowd out the pairs that are.
    """

    __slots__ = ("_choices", "_lowered", "_printed", "_stem", "_type", "group", "kept", "pk", "root", "terms")

    def __init__(self, pk: int, root: int, group: str, terms: Sequence[str], qtype: str, stem: str, choices: Any) -> None:
        self.pk, self.root, self.group, self.terms = pk, root, group, terms
        self._type, self._stem, self._choices = qtype, stem, choices
        self._printed: str | None = None
        self._lowered = ""
        self.kept = False  # remembered by the process (_DRAWN) for later draws

    @classmethod
    def of(cls, question: Question) -> DrawCandidate:
        return cls(
            question.pk,
            question.root_id_or_self,
            question.exclusion_group,
            question.key_terms or (),
            question.type,
            question.stem,
            question.choices,
        )

    def prints(self, term: str) -> bool:
        if self._printed is None:
            self._printed = printed_text(self._type, self._stem, self._choices)
            self._lowered = self._printed.lower()
        return term.lower() in self._lowered and term_printed_in(term, self._printed)

    def gives_away(self, other: DrawCandidate) -> bool:
        """Whether the two must not meet in one quiz: one group, or one's key printed in the other."""
        if not (self.kept and other.kept):
            return self._gives_away(other)
        low, high = (self, other) if id(self) < id(other) else (other, self)
        key = (id(low), id(high))
        known = _MET.get(key)
        # The entry holds both candidates, so a freed one's address, reused, never answers for another.
        if known is not None and known[0] is low and known[1] is high:
            return known[2]
        verdict = self._gives_away(other)
        if len(_MET) >= _MET_MAX:
            _MET.clear()
        _MET[key] = (low, high, verdict)
        return verdict

    def _gives_away(self, other: DrawCandidate) -> bool:
        if self.group and self.group == other.group:
            return True
        return any(other.prints(t) for t in self.terms) or any(self.prints(t) for t in other.terms)


def draw_compatible(
    candidates: Sequence[DrawCandidate], *, count: int, taken: list[DrawCandidate], rng: random.Random
) -> list[DrawCandidate]:
    """Up to ``count`` of ``candidates`` in a random order (from ``rng``), none giving another or
    anything in ``taken`` away; the picks are appended to ``taken``.

    Greedy over one shuffle: reproducible for a seed, and it reads each candidate's stem only when
    the walk reaches it, so the cost grows with the quiz, not the bank.
    """
    order = list(candidates)
    rng.shuffle(order)
    picked: list[DrawCandidate] = []
    for candidate in order:
        if len(picked) >= count:
            break
        if any(candidate.root == t.root or candidate.gives_away(t) for t in taken):
            continue
        picked.append(candidate)
        taken.append(candidate)
    return picked


@dataclass(frozen=True)
class ShortSource:
    """A source that drew fewer than its count: the rule kept questions out, or the bank is too small."""

    source: QuizSource
    got: int
    available: int  # approved questions the source could draw, before the exclusion rule

    @property
    def message(self) -> str:
        topic = f" (topic “{self.source.topic}”)" if self.source.topic else ""
        template = SHORT_DRAW if self.got < self.available else SHORT_BANK
        return template.format(got=self.got, wanted=self.source.count, bank=self.source.bank.name, topic=topic)


@dataclass(frozen=True)
class QuizDraw:
    questions: list[DrawnQuestion]
    short: list[ShortSource]


def quiz_draw_questions(*, quiz: Quiz, seed: int) -> list[DrawnQuestion]:
    """The questions (in order, with option orders) an attempt with ``seed`` gets; see ``quiz_draw``."""
    return quiz_draw(quiz=quiz, seed=seed).questions


def _draw_prefix(count: int) -> int:
    """How many of a source's shuffled candidates the draw reads at first: enough for the count
    and a few that turn out to give another away."""
    return count + count // 2 + 4


def _shuffled_around_descriptions(questions: list[Question], rng: random.Random) -> list[Question]:
    """The questions shuffled, each description kept where its author placed it (it introduces
    what follows it). Without descriptions this is exactly ``rng.shuffle``, so the draws of
    existing seeds do not change."""
    movable = [q for q in questions if q.type != QuestionType.DESCRIPTION]
    rng.shuffle(movable)
    moved = iter(movable)
    return [q if q.type == QuestionType.DESCRIPTION else next(moved) for q in questions]


def _candidates(sources: Sequence[tuple[int, str]]) -> QuerySet[Question, tuple[int, int | None, int, str, str | None]]:
    """The approved current questions (id, root, bank, topic, row stamp) of these (bank, topic) sources, by id."""
    condition = Q()
    for bank_id, topic in sources:
        condition |= Q(bank_id=bank_id, topic=topic) if topic else Q(bank_id=bank_id)
    return (
        Question.objects.filter(condition, is_current=True, status=Question.Status.APPROVED)
        # A description is text an author places between questions on purpose: a draw
        # never picks one (it would sit in a random place and stand in for a question).
        .exclude(type=QuestionType.DESCRIPTION)
        .order_by("id")
        .annotate(stamp=_row_stamp())
        .values_list("id", "root_id", "bank_id", "topic", "stamp")
    )


# The candidates' query compiled once per shape of the quiz's sources (how many, which with a
# topic): a quiz has one or a few, so this stays small; past _COMPILED_SOURCES the ORM builds it.
_CANDIDATES: dict[tuple[bool, ...], Compiled[tuple[int, int | None, int, str, str | None]]] = {}
_COMPILED_SOURCES = 4


def _candidate_rows(sources: Sequence[QuizSource]) -> list[tuple[int, int | None, int, str, str | None]]:
    pairs = [(source.bank_id, source.topic) for source in sources]
    if len(pairs) > _COMPILED_SOURCES:
        return list(_candidates(pairs))
    shape = tuple(bool(topic) for _, topic in pairs)
    values: dict[str, Any] = {}
    for index, (bank_id, topic) in enumerate(pairs):
        values[f"bank{index}"] = bank_id
        if topic:
            values[f"topic{index}"] = topic
    compiled = _CANDIDATES.get(shape)
    if compiled is None:

        def build(**placeholders: Any) -> QuerySet[Question, Any]:
            return _candidates([(placeholders[f"bank{i}"], placeholders.get(f"topic{i}", "")) for i in range(len(shape))])

        compiled = _CANDIDATES.setdefault(shape, Compiled(build, **{name: type(value) for name, value in values.items()}))
    return compiled.all(**values)


# Read at every start (core.compiled: built and compiled once per process).
_FIXED: Compiled[QuizQuestion] = Compiled(
    lambda quiz_id: QuizQuestion.objects.filter(quiz_id=quiz_id).select_related("question").order_by("position"), quiz_id=int
)
_SOURCES: Compiled[QuizSource] = Compiled(
    lambda quiz_id: QuizSource.objects.filter(quiz_id=quiz_id).select_related("bank").order_by("id"), quiz_id=int
)


def quiz_draw(*, quiz: Quiz, seed: int) -> QuizDraw:
    """The questions an attempt with ``seed`` gets, and the sources that fell short.

    Reproducible: the same seed and the same approved questions give the same draw. No two
    drawn questions share a non-empty exclusion group or print each other's key (fixed
    questions are the instructor's explicit choice and are all kept, but nothing drawn may give
    one of them away); a source that cannot fill its count under that rule (or has too few
    approved questions) draws fewer and is listed in ``short`` (the preview says so). Sources
    never draw descriptions; fixed ones stay where the author put them, even when the quiz
    shuffles its questions.

    Queries, whatever the size of the quiz or the bank: fixed questions, sources (with their
    banks' names), the candidates' ids (four narrow columns), then each source's shuffled
    candidates up to ``_draw_prefix`` of them read whole with their groups and key terms (the
    walk takes the first that give nothing away). Only when a source's prefix runs out (many
    of its questions give each other away) is the rest of the remaining sources read, in one
    fifth query.
    """
    rng = random.Random(seed)
    fixed = [qq.question for qq in _FIXED.all(quiz_id=quiz.pk)]
    chosen = list(fixed)
    taken = [DrawCandidate.of(q) for q in fixed]
    short: list[ShortSource] = []
    sources = _SOURCES.all(quiz_id=quiz.pk)
    if sources:
        stamp = _row_stamp()
        rows = _candidate_rows(sources)
        stamps = {pk: row_stamp for pk, _, _, _, row_stamp in rows}
        orders = []
        for source in sources:
            pool = [
                (pk, root_id or pk)
                for pk, root_id, bank_id, topic, _ in rows
                if bank_id == source.bank_id and (not source.topic or topic == source.topic)
            ]
            rng.shuffle(pool)
            orders.append(pool)
        loaded: dict[int, Question] = {}
        candidates: dict[int, DrawCandidate] = {}

        def load(pks: set[int]) -> None:
            missing = set()
            for pk in pks:
                hit = _DRAWN.get(pk)
                if hit is not None and hit[0] == stamps.get(pk):
                    loaded[pk], candidates[pk] = hit[1], hit[2]
                else:
                    missing.add(pk)
            if not missing:
                return
            fresh = Question.objects.only(*_DRAWN_FIELDS, *_RULE_FIELDS).annotate(stamp=stamp).in_bulk(missing)
            if len(_DRAWN) + len(fresh) > _DRAWN_MAX:
                _DRAWN.clear()
            for pk, question in fresh.items():
                loaded[pk] = question
                candidates[pk] = DrawCandidate.of(question)
                # Stamped as read by this query: if the row changed since the candidates' query,
                # the entry carries the newer stamp, and content and stamp still agree.
                if question.stamp is not None:  # type: ignore[attr-defined]  # the annotation
                    candidates[pk].kept = True
                    _DRAWN[pk] = (question.stamp, question, candidates[pk])  # type: ignore[attr-defined]

        load({pk for source, order in zip(sources, orders, strict=True) for pk, _ in order[: _draw_prefix(source.count)]})
        picked_ids: list[int] = []
        for index, (source, order) in enumerate(zip(sources, orders, strict=True)):
            available = len({root for _, root in order} - {t.root for t in taken})
            got = 0
            for pk, root in order:
                if got >= source.count:
                    break
                if pk not in loaded:
                    load({p for rest in orders[index:] for p, _ in rest if p not in loaded})
                candidate = candidates[pk]
                if any(root == t.root or candidate.gives_away(t) for t in taken):
                    continue
                taken.append(candidate)
                picked_ids.append(pk)
                got += 1
            if got < source.count:
                short.append(ShortSource(source, got, available))
        # Copies: the rows remembered above are shared by every later draw of this process. Shallow,
        # as a deep copy of the JSON would cost what remembering saves: nothing changes a drawn
        # question's choices or key in place (edits make new versions, renames new lists).
        chosen.extend(copy.copy(loaded[pk]) for pk in picked_ids)
    if quiz.shuffle_questions:
        chosen = _shuffled_around_descriptions(chosen, rng)
    return QuizDraw([DrawnQuestion(q, _option_order(q, rng, quiz.shuffle_options)) for q in chosen], short)
