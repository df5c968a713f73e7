"""Item statistics of a quiz: difficulty, discrimination (point-biserial), option counts,
Cronbach's alpha, and their CSV. Like the gradebook, a fixed number of queries whatever the number
of attempts; access is decided by the caller.
"""

from __future__ import annotations

import csv
import io
import math
import statistics
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F

from quizzes.models import Attempt, QuestionType, Quiz, Response
from quizzes.questiontypes import AnswerShapeError, is_manually_marked, normalise_text, number_value
from quizzes.selectors.gradebook import csv_safe

STUDENT_NOT_FOUND = "No such student in this course."


@dataclass
class OptionCount:
    option: str  # choice id, "true"/"false", "left->right", or the normalised typed answer
    text: str
    count: int
    is_correct: bool | None = None


@dataclass
class ItemStatistics:
    question_id: int
    stem: str
    type: str
    attempts: int  # analysed attempts that had this question
    answered: int
    facility: float | None  # percent: mean score on the item / max, over the marked responses only
    discrimination: float | None  # percent: correlation of item score with the rest of the test
    options: list[OptionCount] = field(default_factory=list)
    number: int = 0  # as students saw it: its position in the attempts (in order of mean position)
    position_varies: bool = False  # shuffled or drawn: students saw it at different numbers
    # The analysed attempts' responses to this question, each linking to the instructor's view.
    responses: list[ItemResponse] = field(default_factory=list)
    # An essay's responses an instructor has marked (the facility is over these alone, an unmarked
    # essay being no score at all); None for a question graded automatically.
    marked: int | None = None


@dataclass
class QuizStatistics:
    items: list[ItemStatistics]
    attempts: int  # analysed attempts
    alpha: float | None  # Cronbach's alpha over the questions every analysed attempt had
    alpha_note: str  # why there is no alpha, or over what it was computed


# Below this many attempts, or two questions in common, alpha says more about chance than the quiz.
ALPHA_MIN_ATTEMPTS = 10


@dataclass(frozen=True)
class ItemResponse:
    attempt_id: int
    attempt_number: int
    student: str
    position: int  # where the student saw the question (the anchor in the attempt view)
    points: float | None
    max_points: float


def _analysed_attempts(quiz: Quiz) -> list[tuple[int, int, int, float, float]]:
    """(attempt_id, user_id, number, score, max_score) of the attempts Moodle's "graded attempts"
    setting analyses: the one the grading method picks per student, or all of them for average."""
    rows = list(
        Attempt.objects.filter(quiz=quiz, state=Attempt.State.GRADED, score__isnull=False)
        .order_by("user_id", "number")
        .values_list("id", "user_id", "number", "score", "max_score")
    )
    by_user: dict[int, list[tuple[int, int, int, float, float]]] = {}
    for attempt_id, user_id, number, score, max_score in rows:
        by_user.setdefault(user_id, []).append((attempt_id, user_id, number, float(score or 0), float(max_score)))
    picked = []
    for attempts in by_user.values():
        if quiz.grading_method == Quiz.GradingMethod.AVERAGE:
            picked += attempts
        elif quiz.grading_method == Quiz.GradingMethod.FIRST:
            picked.append(attempts[0])
        elif quiz.grading_method == Quiz.GradingMethod.LAST:
            picked.append(attempts[-1])
        else:
            picked.append(max(attempts, key=lambda a: (a[3] / a[4] if a[4] else 0.0, -a[2])))
    return picked


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    vx = sum((x - mx) ** 2 for x in xs)
    vy = sum((y - my) ** 2 for y in ys)
    if vx <= 0 or vy <= 0:
        return None
    return cov / math.sqrt(vx * vy)


def _chosen_options(qtype: str, answer: Any) -> list[str]:
    if answer is None:
        return []
    if qtype == QuestionType.SINGLE_CHOICE:
        return [str(answer)]
    if qtype == QuestionType.MULTIPLE_RESPONSE:
        return [str(a) for a in answer]
    if qtype == QuestionType.TRUE_FALSE:
        return ["true" if answer else "false"]
    if qtype == QuestionType.MATCHING and isinstance(answer, dict):
        return [f"{k}->{v}" for k, v in sorted(answer.items())]
    if qtype == QuestionType.ORDERING and isinstance(answer, list):
        return [">".join(map(str, answer))]
    if qtype == QuestionType.NUMERIC:
        try:
            return [f"{number_value(answer):g}"]  # "2,000" and "2000" are one option
        except AnswerShapeError:
            return [str(answer)]
    return [normalise_text(str(answer))]


def _option_catalogue(question: Any) -> list[OptionCount]:
    """The options every student could choose, each counted even when nobody chose it."""
    qtype, choices, key = question.type, question.choices, question.answer
    if qtype == QuestionType.SINGLE_CHOICE:
        return [OptionCount(c["id"], c["text"], 0, c["id"] == key.get("correct")) for c in choices]
    if qtype == QuestionType.MULTIPLE_RESPONSE:
        correct = set(key.get("correct", []))
        return [OptionCount(c["id"], c["text"], 0, c["id"] in correct) for c in choices]
    if qtype == QuestionType.TRUE_FALSE:
        return [OptionCount("true", "True", 0, key.get("correct") is True), OptionCount("false", "False", 0, key.get("correct") is False)]
    if qtype == QuestionType.MATCHING:
        right = {c["id"]: c["text"] for c in choices.get("right", [])}
        pairs = key.get("pairs", {})
        return [
            OptionCount(f"{left['id']}->{rid}", f"{left['text']} → {rtext}", 0, pairs.get(left["id"]) == rid)
            for left in choices.get("left", [])
            for rid, rtext in right.items()
        ]
    if qtype == QuestionType.ORDERING and isinstance(key.get("order"), list):
        # Only the right order is known in advance; the orders students gave are added as met.
        return [OptionCount(">".join(map(str, key["order"])), _order_text(question, key["order"]), 0, True)]
    return []


def _order_text(question: Any, ids: list[Any]) -> str:
    """An ordering answer as its items' texts (ids mean nothing to a teacher)."""
    texts = {c["id"]: c["text"] for c in question.choices if isinstance(c, dict)} if isinstance(question.choices, list) else {}
    return " → ".join(texts.get(i, str(i)) for i in ids)


def _cronbach_alpha(columns: list[list[float]]) -> float | None:
    """k/(k-1) * (1 - sum of item variances / variance of the totals), sample variances."""
    k, n = len(columns), len(columns[0]) if columns else 0
    if k < 2 or n < 2:
        return None
    totals = [sum(column[i] for column in columns) for i in range(n)]
    variance_total = statistics.variance(totals)
    if variance_total <= 0:
        return None
    return k / (k - 1) * (1 - sum(statistics.variance(column) for column in columns) / variance_total)


def quiz_item_statistics(*, quiz: Quiz) -> list[ItemStatistics]:
    """Per question: see ``quiz_statistics``."""
    return quiz_statistics(quiz=quiz).items


def quiz_statistics(*, quiz: Quiz) -> QuizStatistics:
    """Per question: facility index, discrimination index (Moodle's definitions) and how often each
    option was chosen, over the attempts the quiz's grading method counts; for the quiz, Cronbach's
    alpha where enough attempts share enough questions. Two queries.

    - facility index F = 100 * mean(points / max points) over the analysed attempts;
    - discrimination index D = 100 * correlation between the points on this question and the
      points on the rest of the quiz (attempt score minus this question's points).
    """
    analysed = _analysed_attempts(quiz)
    totals = {a[0]: a[3] for a in analysed}
    responses = (
        Response.objects.filter(attempt_id__in=list(totals))
        .exclude(question__type=QuestionType.DESCRIPTION)  # text between questions: no item to analyse
        .select_related("question")
        .annotate(student=F("attempt__user__username"), attempt_number=F("attempt__number"))
        .order_by("question_id", "attempt_id")
        if totals
        else Response.objects.none()
    )
    grouped: dict[int, list[Response]] = {}
    for response in responses:
        grouped.setdefault(response.question_id, []).append(response)
    stats = []
    mean_position: dict[int, float] = {}
    for question_id, items in grouped.items():
        question = items[0].question
        counted = [r for r in items if r.points is not None and r.max_points]
        fractions = [float(r.points or 0) / float(r.max_points) for r in counted]
        rest = [totals[r.attempt_id] - float(r.points or 0) for r in counted]
        corr = _pearson([float(r.points or 0) for r in counted], rest)
        options = _option_catalogue(question)
        by_option = {o.option: o for o in options}
        answered = 0
        # An essay's text is not an option other students could choose, nor right or wrong as a
        # whole: it is counted as answered, and read through the marks' links, not listed here.
        manual = is_manually_marked(question.type)
        for response in items:
            chosen = _chosen_options(question.type, response.answer)
            answered += bool(chosen)
            if manual:
                continue
            full_marks = response.fraction is not None and float(response.fraction) >= 1.0
            for option in chosen:
                if option not in by_option:
                    text = _order_text(question, list(response.answer or [])) if question.type == QuestionType.ORDERING else option
                    # A typed or ordered answer is right when it earned full marks (the key may accept many forms).
                    by_option[option] = OptionCount(option, text, 0, full_marks if response.fraction is not None else None)
                    options.append(by_option[option])
                by_option[option].count += 1
        positions = [r.position for r in items]
        mean_position[question_id] = sum(positions) / len(positions)
        stats.append(
            ItemStatistics(
                question_id=question_id,
                stem=question.stem,
                type=question.type,
                attempts=len(items),
                answered=answered,
                facility=100.0 * sum(fractions) / len(fractions) if fractions else None,
                discrimination=None if corr is None else 100.0 * corr,
                options=options,
                position_varies=len(set(positions)) > 1,
                marked=len(counted) if manual else None,
                responses=sorted(
                    (
                        ItemResponse(
                            attempt_id=r.attempt_id,
                            attempt_number=r.attempt_number,  # type: ignore[attr-defined]
                            student=r.student,  # type: ignore[attr-defined]
                            position=r.position,
                            points=None if r.points is None else float(r.points),
                            max_points=float(r.max_points),
                        )
                        for r in items
                    ),
                    key=lambda r: (r.student, r.attempt_number),
                ),
            )
        )
    stats.sort(key=lambda item: (mean_position[item.question_id], item.question_id))
    for number, item in enumerate(stats, 1):
        item.number = number
    alpha, note = _quiz_alpha(grouped, attempts=len(totals))
    return QuizStatistics(items=stats, attempts=len(totals), alpha=alpha, alpha_note=note)


def _quiz_alpha(grouped: dict[int, list[Response]], *, attempts: int) -> tuple[float | None, str]:
    """Alpha over the questions that every analysed attempt had and that were all marked."""
    if attempts < ALPHA_MIN_ATTEMPTS:
        return None, f"needs at least {ALPHA_MIN_ATTEMPTS} graded attempts (there are {attempts})"
    common = {
        question_id: {r.attempt_id: float(r.points or 0) / float(r.max_points) for r in items if r.points is not None and r.max_points}
        for question_id, items in grouped.items()
    }
    common = {question_id: scores for question_id, scores in common.items() if len(scores) == attempts}
    if len(common) < 2:
        return None, "needs at least 2 questions that every analysed attempt had (drawn quizzes may share fewer)"
    order = sorted(next(iter(common.values())))
    alpha = _cronbach_alpha([[scores[a] for a in order] for scores in common.values()])
    if alpha is None:
        return None, "every attempt scored the same"
    return alpha, f"over the {len(common)} questions all {attempts} analysed attempts had"


def quiz_statistics_csv(*, quiz: Quiz) -> str:
    """The item statistics as CSV, one row per question in the students' numbering; every cell
    through ``csv_safe`` (stems and typed answers come from users)."""
    result = quiz_statistics(quiz=quiz)
    out = io.StringIO()
    writer = csv.writer(out)
    header = [
        "number",
        "question id",
        "type",
        "question",
        "attempts",
        "answered",
        "facility %",
        "discrimination %",
        "answers (✓ right)",
        "marked",
    ]
    writer.writerow([csv_safe(cell) for cell in header])
    for item in result.items:
        answers = "; ".join(f"{o.text}{' ✓' if o.is_correct else ''}: {o.count}" for o in item.options)
        cells = [
            str(item.number),
            str(item.question_id),
            item.type,
            item.stem,
            str(item.attempts),
            str(item.answered),
            "" if item.facility is None else f"{item.facility:.1f}",
            "" if item.discrimination is None else f"{item.discrimination:.1f}",
            answers,
            "" if item.marked is None else f"{item.marked} of {item.attempts}",
        ]
        writer.writerow([csv_safe(cell) for cell in cells])
    alpha = "" if result.alpha is None else f"{result.alpha:.3f}"
    writer.writerow([csv_safe(cell) for cell in ["Cronbach's alpha", alpha, result.alpha_note]])
    return out.getvalue()
