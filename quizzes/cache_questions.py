"""Prepared questions: what every student is shown of a question version, built once and shared.

A question's stem, options, text format and essay settings are the same for every student who
draws that version; only the option order is theirs (``Response.option_order``). So the part
shown while answering is prepared once per version, in the form the page and the API send it,
and kept in the Django cache (Redis in production: shared by every web process). An attempt's
reads then fetch its response rows without the questions' texts, and build each student's
payload from the prepared one by putting the options in their order.

The key is the question version's id: every edit makes a new version, a new row with its own id
(``quizzes.services.review.question_edit``), so the id names one version, a new version gets a
new key, and a prepared entry never needs forgetting for an edit. (The version number itself is
not in the key: a start's draw reads the questions without it, and the reads need no join to
the question table to find their keys.) Choice ids renamed in place
(``quizzes.services.option_ids``) are never those of a question an attempt in progress shows,
and every start writes its questions' entries from the rows it drew (unless this process wrote
them from the very same row versions lately, ``prepared_questions_store_drawn``): whatever an
attempt in progress reads was prepared from the row version it drew or a later one. Never the key, the explanation or the
source passage (of the key, only a numeric answer's unit, which the page prints): nothing here
is secret from the student who sees the question.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any, TypedDict

from django.core.cache import cache

from quizzes.media import files_rewrite
from quizzes.models import Question, QuestionType
from quizzes.questiontypes import essay_settings, is_manually_marked

# Bump the version when PreparedQuestion's shape or content changes (v2: image references as URLs; v3: essays' attachment settings): entries of the old shape are then never read.
_KEY = "quizzes:prepared-question:v3:{id}"
# A day: an entry of a version nobody draws any more goes away by itself.
TIMEOUT_SECONDS = 24 * 60 * 60


class PreparedQuestion(TypedDict):
    type: str
    stem: str
    text_format: str
    # Choices (or matching's right-hand column) by id, each {id, text}; ``order`` is their
    # stored order, shown when a response has no order of its own.
    options: dict[str, dict[str, str]]
    order: list[str]
    left: list[dict[str, str]]  # matching only: the fixed left column
    essay: dict[str, Any] | None
    unit: str  # numeric: the unit printed beside the answer box (the only part of the key shown)


def question_text_format(question: Question) -> str:
    """Imported questions keep Moodle's text format (html, moodle, markdown); ours are plain."""
    meta = question.meta if isinstance(question.meta, dict) else {}
    return str(meta.get("format") or "plain")


def question_prepare(question: Question) -> PreparedQuestion:
    """What every student is shown of ``question`` while answering (needs type, stem, choices,
    meta, and the key for a numeric question's unit). Its images' references point at this
    version's serving URL (``quizzes.media``)."""
    options: dict[str, dict[str, str]] = {}
    left: list[dict[str, str]] = []
    pk = question.pk
    if question.type == QuestionType.MATCHING:
        choices = question.choices if isinstance(question.choices, dict) else {}
        options = {c["id"]: {"id": c["id"], "text": files_rewrite(c["text"], pk)} for c in choices.get("right", [])}
        left = [{"id": c["id"], "text": files_rewrite(c["text"], pk)} for c in choices.get("left", [])]
    elif isinstance(question.choices, list) and question.choices:
        options = {c["id"]: {"id": c["id"], "text": files_rewrite(c["text"], pk)} for c in question.choices}
    return PreparedQuestion(
        type=question.type,
        stem=files_rewrite(question.stem, pk),
        text_format=question_text_format(question),
        options=options,
        order=list(options),
        left=left,
        essay=essay_settings(question.choices) if is_manually_marked(question.type) else None,
        unit=str(question.answer.get("unit") or "") if isinstance(question.answer, dict) else "",
    )


def options_in_order(prepared: PreparedQuestion, order: list[str]) -> list[dict[str, str]]:
    """The options in this student's order; ids unknown to the version are left out.

    Matching shows its right-hand column only in the student's order (its stored order gives
    the key away); other types fall back to the stored order.
    """
    options = prepared["options"]
    ids = order if order or prepared["type"] == QuestionType.MATCHING else prepared["order"]
    return [dict(options[i]) for i in ids if i in options]


def _key(question_id: int) -> str:
    return _KEY.format(id=question_id)


def prepared_questions_store(questions: Iterable[Question]) -> dict[int, PreparedQuestion]:
    """Prepare ``questions`` (rows just read in full, e.g. by a start's draw), store them and
    return them by id (one cache round trip)."""
    prepared = {q.pk: question_prepare(q) for q in questions}
    cache.set_many({_key(pk): entry for pk, entry in prepared.items()}, TIMEOUT_SECONDS)
    return prepared


# What this process stored from rows it read with a row stamp (quizzes.services.draws: on
# PostgreSQL, the row version the database held), by question id: (stamp, when). A classroom's
# starts draw the same twenty versions again and again, and storing them afresh at every start was
# 7-9 % of a start's CPU. A version stored here from the very same row version within
# RESTORE_SECONDS is not stored again: its entry holds what the row holds (a row changed in place,
# by whatever path, has another stamp), and an entry gone meanwhile (forgotten, evicted, the cache
# cleared) costs the next reader one query, as any miss does (``prepared_questions``).
RESTORE_SECONDS = 10 * 60
_STORED: dict[int, tuple[str, float]] = {}
_STORED_MAX = 5000


def prepared_questions_store_drawn(questions: Iterable[Question]) -> None:
    """``prepared_questions_store`` for a start's drawn rows, leaving out versions this process
    stored from the same row version in the last RESTORE_SECONDS."""
    now = time.monotonic()
    fresh = []
    for question in questions:
        stamp = getattr(question, "stamp", None)
        stored = _STORED.get(question.pk)
        if stamp is not None and stored is not None and stored[0] == stamp and now - stored[1] < RESTORE_SECONDS:
            continue
        fresh.append(question)
    if not fresh:
        return
    prepared_questions_store(fresh)
    if len(_STORED) + len(fresh) > _STORED_MAX:
        _STORED.clear()
    for question in fresh:
        stamp = getattr(question, "stamp", None)
        if stamp is not None:
            _STORED[question.pk] = (stamp, now)


def prepared_questions(question_ids: Iterable[int]) -> dict[int, PreparedQuestion]:
    """The prepared questions of these question versions by id: from the cache, and what it
    lacks from the database in one query (then stored for the next reader)."""
    keys = {_key(pk): pk for pk in question_ids}
    if not keys:
        return {}
    found: dict[str, PreparedQuestion] = cache.get_many(list(keys))
    prepared = {keys[key]: entry for key, entry in found.items()}
    missing = [pk for pk in keys.values() if pk not in prepared]
    if missing:
        rows = Question.objects.filter(pk__in=missing).only("id", "type", "stem", "choices", "meta", "answer")
        prepared.update(prepared_questions_store(rows))
    return prepared


def prepared_questions_forget(question_ids: Iterable[int]) -> None:
    """Drop these versions' prepared entries: for whatever rewrites a version's shown part in
    place (the next read prepares it again from the row)."""
    cache.delete_many([_key(pk) for pk in question_ids])
