"""HTML forms of the quizzes app.

Two jobs that belong to the browser only:

- ``question_for_attempt``: what a student's browser may know about a question: built from
  ``quizzes.selectors_attempts.attempt_questions`` (the API's key-free view: stem, options in
  this student's order, the saved answer) plus the points and the numeric unit. No answer key,
  weights, per-option feedback, explanation or source passage reaches the template, so the
  quiz-taking HTML cannot leak them.
- ``answer_from_post``: turn the posted form fields of one question back into the answer shape
  of ``quizzes.questiontypes`` (which then checks it: this module does no validation of its own).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.conf import settings
from django.http import QueryDict

from quizzes.media import files_rewrite
from quizzes.models import Question, QuestionType, Quiz
from quizzes.questiontypes import BLANK, essay_settings, number_text
from quizzes.selectors.attempts import AttemptQuestion, question_text_format
from quizzes.services.quizzes import TIME_LIMIT_MAX_SECONDS


def answer_is_given(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


@dataclass
class StudentQuestion:
    response_id: int
    position: int
    question_id: int
    type: str
    stem: str
    points: Any
    answer: Any
    answered: bool
    options: list[dict[str, str]] = field(default_factory=list)
    left: list[dict[str, str]] = field(default_factory=list)
    cloze_before: str = ""
    cloze_after: str = ""
    unit: str = ""
    prefix: str = ""
    text_format: str = "plain"  # for the question_text template filters
    flagged: bool = False  # the student's "come back later" mark (attempt pages only)
    essay: dict[str, Any] = field(default_factory=dict)  # essays: word limit, box size, template
    number: int | None = None  # "Question 3" on attempt pages; None for a description (not a question)
    attachment: Any = None  # essays that take a file: the ResponseFile attached, if any (attempt pages only)


def _texts(items: Any) -> dict[str, str]:
    return {str(c["id"]): str(c.get("text", "")) for c in items or [] if isinstance(c, dict) and "id" in c}


def question_for_attempt(item: AttemptQuestion, *, points: Any, unit: str) -> StudentQuestion:
    """A question of an attempt, from the API's key-free selector (``attempt_questions``)."""
    view = _student_view(
        question_id=item.question_id,
        type=item.type,
        stem=item.stem,
        options=item.options,
        left=item.left,
        answer=item.answer,
        points=points,
        unit=unit,
        position=item.position,
        prefix=f"q{item.position}",
        response_id=item.response_id,
        text_format=item.text_format,
        flagged=item.flagged,
        essay=item.essay or {},
    )
    view.number = item.number
    return view


def student_question(
    *, question: Question, position: int, option_order: Any, points: Any, prefix: str, files_of: int | None = None
) -> StudentQuestion:
    """A question as a student would see it with the given option order: the instructor's
    "preview as student" and the review page, where there is no attempt yet. Its images come
    from the version ``files_of`` (by default the question itself; the editor's preview of text
    not saved yet shows the images of the version it edits)."""
    files_id = files_of if files_of is not None else question.pk
    order = [str(i) for i in (option_order or [])]
    options: list[dict[str, str]] = []
    left: list[dict[str, str]] = []
    if question.type == QuestionType.MATCHING:
        choices = question.choices if isinstance(question.choices, dict) else {}
        right = _texts(choices.get("right"))
        options = [{"id": i, "text": right[i]} for i in order or list(right) if i in right]
        left = [{"id": k, "text": v} for k, v in _texts(choices.get("left")).items()]
    elif isinstance(question.choices, list):
        texts = _texts(question.choices)
        options = [{"id": i, "text": texts[i]} for i in order or list(texts) if i in texts]
    unit = str((question.answer or {}).get("unit", "") or "") if question.type == QuestionType.NUMERIC else ""
    return _student_view(
        question_id=question.pk,
        type=question.type,
        stem=files_rewrite(question.stem, files_id),
        options=[{**o, "text": files_rewrite(o["text"], files_id)} for o in options],
        left=[{**o, "text": files_rewrite(o["text"], files_id)} for o in left],
        answer=None,
        points=points,
        unit=unit,
        position=position,
        prefix=prefix,
        text_format=question_text_format(question),
        essay=essay_settings(question.choices) if question.type == QuestionType.ESSAY else {},
    )


def _student_view(
    *,
    question_id: int,
    type: str,
    stem: str,
    options: list[dict[str, str]],
    left: list[dict[str, str]],
    answer: Any,
    points: Any,
    unit: str,
    position: int,
    prefix: str,
    response_id: int = 0,
    text_format: str = "plain",
    flagged: bool = False,
    essay: dict[str, Any] | None = None,
) -> StudentQuestion:
    """Options (already in this student's order) marked with the student's saved answer."""
    if type == QuestionType.NUMERIC and isinstance(answer, int | float) and not isinstance(answer, bool):
        # Saved before numbers were kept as typed: shown as 2025, not 2025.0.
        answer = number_text(answer)
    sq = StudentQuestion(
        response_id=response_id,
        position=position,
        question_id=question_id,
        type=type,
        stem=stem,
        points=points,
        answer=answer,
        answered=answer_is_given(answer),
        prefix=prefix,
        text_format=text_format,
        flagged=flagged,
        essay=essay or {},
    )
    if type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE):
        chosen = set(answer if isinstance(answer, list) else [answer] if isinstance(answer, str) else [])
        sq.options = [{**o, "checked": "1" if o["id"] in chosen else ""} for o in options]
    elif type == QuestionType.TRUE_FALSE:
        sq.options = [
            {"id": "true", "text": "True", "checked": "1" if answer is True else ""},
            {"id": "false", "text": "False", "checked": "1" if answer is False else ""},
        ]
    elif type == QuestionType.MATCHING:
        given = answer if isinstance(answer, dict) else {}
        sq.options = list(options)
        sq.left = [{**item, "selected": str(given.get(item["id"], ""))} for item in left]
    elif type == QuestionType.ORDERING:
        # Once answered, the items stay in the student's own order.
        by_id = {o["id"]: o for o in options}
        saved = [str(i) for i in answer] if isinstance(answer, list) else []
        sq.options = [by_id[i] for i in saved] if sorted(saved) == sorted(by_id) and saved else list(options)
    elif type == QuestionType.EMBEDDED:
        # Each gap's drop-down options (ids g<n>-…); the template cuts the stem at its gaps.
        sq.options = list(options)
    elif type == QuestionType.CLOZE:
        before, _, after = stem.partition(BLANK)
        sq.cloze_before, sq.cloze_after = before, after
    elif type == QuestionType.NUMERIC:
        # The unit tells the student what to type a number of; it is not the answer.
        sq.unit = unit
    return sq


def answer_from_post(*, type: str, data: QueryDict) -> Any:
    """The answer a question's form fields describe; None means "no answer" (cleared)."""
    if type == QuestionType.SINGLE_CHOICE:
        return data.get("answer") or None
    if type == QuestionType.MULTIPLE_RESPONSE:
        chosen = data.getlist("answer")
        return chosen or None
    if type == QuestionType.TRUE_FALSE:
        value = data.get("answer")
        return {"true": True, "false": False}.get(value or "")
    if type in (QuestionType.CLOZE, QuestionType.SHORT_ANSWER, QuestionType.ESSAY):
        text = (data.get("answer") or "").strip()
        return text or None
    if type == QuestionType.NUMERIC:
        text = (data.get("answer") or "").strip()
        return text or None
    if type == QuestionType.MATCHING:
        pairs = {key[len("match-") :]: value for key, value in data.items() if key.startswith("match-") and value}
        return pairs or None
    if type == QuestionType.ORDERING:
        return data.getlist("order") or None
    if type == QuestionType.EMBEDDED:
        gaps = {key[len("gap-") :]: str(data.get(key) or "").strip() for key in data if key.startswith("gap-")}
        gaps = {number: value for number, value in gaps.items() if value}
        return gaps or None
    if type == QuestionType.DESCRIPTION:
        return None
    return data.get("answer") or None


# --- instructor forms -------------------------------------------------------------------------------


# What students see after an attempt, said as instructors choose it (walk-through #22: the
# model's short labels read "All of that and feedback with the source passage"). Each level
# includes the ones before it. The students' wording is ``review_policy.REVIEW_FOR_STUDENTS``.
REVIEW_CHOICES = [
    (Quiz.Review.NOTHING, "Nothing yet"),
    (Quiz.Review.SCORE, "Their score"),
    (Quiz.Review.CORRECTNESS, "Their score and which answers were right"),
    (Quiz.Review.ANSWERS, "Their score, which were right, and the correct answers"),
    (Quiz.Review.FEEDBACK, "Everything, with feedback quoting the reading"),
]


class QuizSettingsForm(forms.Form):
    # Dates are entered in the site's time zone (settings.TIME_ZONE), which the labels name
    # (walk-through #25: a datetime-local input says nothing of its zone).
    title = forms.CharField(max_length=200, widget=forms.TextInput(attrs={"size": 60}))
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    questions_per_page = forms.IntegerField(
        min_value=0, max_value=100, initial=0, label="Questions per page", help_text="0 = all questions on one page"
    )
    time_limit_minutes = forms.IntegerField(
        min_value=1,
        max_value=TIME_LIMIT_MAX_SECONDS // 60,
        required=False,
        label="Time limit (minutes)",
        help_text="empty = no time limit; at most 7 days",
    )
    attempts_allowed = forms.IntegerField(min_value=1, required=False, label="Attempts allowed", help_text="empty = unlimited")
    opens_at = forms.DateTimeField(
        required=False,
        label=f"Opens ({settings.TIME_ZONE})",
        help_text=f"date and time in {settings.TIME_ZONE}; empty = open now",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    closes_at = forms.DateTimeField(
        required=False,
        label=f"Closes ({settings.TIME_ZONE})",
        help_text=f"date and time in {settings.TIME_ZONE}; empty = never closes",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    grading_method = forms.ChoiceField(choices=Quiz.GradingMethod.choices, label="Grade kept when there are several attempts")
    pass_mark = forms.DecimalField(min_value=0, max_value=100, decimal_places=2, initial=50, label="Pass mark (%)")
    review_after_submit = forms.TypedChoiceField(
        choices=REVIEW_CHOICES, coerce=int, initial=Quiz.Review.FEEDBACK, label="After submitting, students see"
    )
    review_after_close = forms.TypedChoiceField(
        choices=REVIEW_CHOICES, coerce=int, initial=Quiz.Review.FEEDBACK, label="After the quiz closes, students see"
    )
    shuffle_questions = forms.BooleanField(required=False, initial=True, label="Shuffle the questions")
    shuffle_options = forms.BooleanField(required=False, initial=True, label="Shuffle the options of each question")
    is_published = forms.BooleanField(required=False, label="Published")
    anonymous_marking = forms.BooleanField(required=False, label="Anonymous essay marking", help_text="markers see no student names")

    @classmethod
    def initial_for(cls, quiz: Quiz) -> dict[str, Any]:
        return {
            "title": quiz.title,
            "description": quiz.description,
            "questions_per_page": quiz.questions_per_page,
            "time_limit_minutes": quiz.time_limit_seconds // 60 if quiz.time_limit_seconds else None,
            "attempts_allowed": quiz.attempts_allowed,
            "opens_at": quiz.opens_at,
            "closes_at": quiz.closes_at,
            "grading_method": quiz.grading_method,
            "pass_mark": quiz.pass_mark,
            "review_after_submit": quiz.review_after_submit,
            "review_after_close": quiz.review_after_close,
            "shuffle_questions": quiz.shuffle_questions,
            "shuffle_options": quiz.shuffle_options,
            "is_published": quiz.is_published,
            "anonymous_marking": quiz.anonymous_marking,
        }

    def settings(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        minutes = data.pop("time_limit_minutes")
        data["time_limit_seconds"] = minutes * 60 if minutes else None
        return data
