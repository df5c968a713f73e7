"""Forms of the question editor, one layout per question type; ``initial`` and ``question_editor``
translate them from and to the stored shapes of ``quizzes.questiontypes``.

An instructor never types JSON or an option id: option ids travel as hidden fields (so an edit
keeps the ids earlier responses refer to; ``with_opaque_choice_ids`` in the review service
replaces any id it did not issue), rows of choices, pairs, items, accepted answers and rubric
criteria are Django formsets that can be added to, removed and reordered, and every rule the
grading relies on is still checked once, by ``questiontypes.validate_definition`` through the
review service. The editor (these forms and ``question_editor``) only checks what a person can
get wrong on the form (no right choice marked, a cloze stem without its blank) and says so next
to the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.forms import BaseFormSet, formset_factory

from quizzes.attachments import LABELS
from quizzes.models import QuestionType
from quizzes.questiontypes import (
    ATTACHMENT_KINDS,
    ATTACHMENTS_NONE,
    ATTACHMENTS_OPTIONAL,
    ATTACHMENTS_REQUIRED,
    BLANK,
    TYPO_TOLERANCE_DEFAULT,
)

# Placeholder ids of options added on the form: the review service swaps them for random ones.
NEW_ID = "new"
# Formset prefixes; the "add a row" buttons are named "add-<prefix>".
ROWS, ACCEPTED, ALTERNATIVES, CRITERIA, GAPS = "rows", "accepted", "alternatives", "criteria", "gaps"


class CommonForm(forms.Form):
    """What every question has, whatever its type."""

    stem = forms.CharField(label="Question text", widget=forms.Textarea(attrs={"rows": 3}))
    explanation = forms.CharField(
        label="General feedback",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="shown to every student after answering, when the quiz's review options allow feedback",
    )
    topic = forms.CharField(max_length=60, required=False)
    points = forms.DecimalField(min_value=0, max_digits=6, decimal_places=2, initial=1)
    exclusion_group = forms.CharField(
        max_length=64, required=False, help_text="questions that give each other away share a group; a quiz draws at most one"
    )

    def __init__(self, *args: Any, type: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.type = type
        if type == QuestionType.CLOZE:
            self.fields["stem"].help_text = f"write {BLANK} (four underscores) where the missing term goes"
        if type == QuestionType.EMBEDDED:
            self.fields["stem"].help_text = "write [[1]], [[2]]… where the gaps go, in order; describe each gap below"
        if type == QuestionType.DESCRIPTION:
            # Text between questions: nothing to answer, so no points and no feedback on an answer.
            self.fields["stem"].label = "Text shown between questions"
            del self.fields["points"], self.fields["explanation"]

    def clean_stem(self) -> str:
        stem = str(self.cleaned_data.get("stem") or "").strip()
        if self.type == QuestionType.CLOZE and stem.count(BLANK) != 1:
            raise forms.ValidationError(f"Put exactly one blank, {BLANK} (four underscores), where the missing term goes.")
        return stem


# --- rows -----------------------------------------------------------------------------------------


class ChoiceRow(forms.Form):
    id = forms.CharField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label="Choice", max_length=1000)
    correct = forms.BooleanField(label="Right answer", required=False)
    credit = forms.IntegerField(
        label="Credit %", required=False, min_value=-100, max_value=100, help_text="empty: full credit if right, none if wrong"
    )
    feedback = forms.CharField(label="Feedback for this choice", required=False, max_length=1000)


class PairRow(forms.Form):
    left_id = forms.CharField(required=False, widget=forms.HiddenInput)
    right_id = forms.CharField(required=False, widget=forms.HiddenInput)
    left = forms.CharField(label="Item", max_length=1000, required=False, help_text="empty: the match below is a distractor")
    right = forms.CharField(label="Its match", max_length=1000)


class ItemRow(forms.Form):
    id = forms.CharField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label="Item", max_length=1000)


class AcceptedRow(forms.Form):
    text = forms.CharField(label="Accepted answer", max_length=1000)
    credit = forms.IntegerField(label="Credit %", min_value=0, max_value=100, initial=100)


class AlternativeRow(forms.Form):
    value = forms.DecimalField(label="Also accepted value", max_digits=30, decimal_places=10)
    tolerance = forms.DecimalField(label="± tolerance", min_value=0, max_digits=30, decimal_places=10, initial=0, required=False)
    credit = forms.IntegerField(label="Credit %", min_value=0, max_value=100, initial=50)


class CriterionRow(forms.Form):
    id = forms.CharField(required=False, widget=forms.HiddenInput)
    criterion = forms.CharField(label="Criterion", max_length=500)
    levels = forms.CharField(
        label="Levels",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="one level per line: its points, then its description, e.g. “4 Weighs both sides with evidence”",
    )

    def clean_levels(self) -> list[tuple[float, str]]:
        levels = []
        for number, line in enumerate(str(self.cleaned_data.get("levels") or "").splitlines(), start=1):
            if not line.strip():
                continue
            head, _, label = line.strip().partition(" ")
            try:
                points = float(head.replace(",", "."))
            except ValueError:
                raise forms.ValidationError(f"Line {number} should start with its points, e.g. “2 Partly argued”.") from None
            if points < 0:
                raise forms.ValidationError(f"Line {number}: points cannot be negative.")
            levels.append((points, label.strip() or f"{head} points"))
        if not levels:
            raise forms.ValidationError("Give at least one level.")
        return levels


class GapRow(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of gap", choices=[("text", "Typed answer"), ("numeric", "Number"), ("choice", "Drop-down list")], initial="text"
    )
    answers = forms.CharField(
        label="Answers",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="typed answer: each accepted answer on its own line; drop-down: each option on its own line, "
        "the right one starting with * (e.g. “*Lord Ismay”)",
    )
    value = forms.DecimalField(label="Number", required=False, max_digits=30, decimal_places=10, help_text="number gaps only")
    tolerance = forms.DecimalField(label="± tolerance", required=False, min_value=0, max_digits=30, decimal_places=10)
    points = forms.IntegerField(label="Share of the marks", min_value=1, max_value=100, initial=1)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        lines = [line.strip() for line in str(data.get("answers") or "").splitlines() if line.strip()]
        if kind == "text" and not lines:
            self.add_error("answers", "Give at least one accepted answer, one per line.")
        elif kind == "choice":
            if len(lines) < 2:
                self.add_error("answers", "Give at least two options, one per line.")
            elif sum(1 for line in lines if line.startswith("*")) != 1:
                self.add_error("answers", "Start exactly one option with * to mark it right.")
        elif kind == "numeric" and data.get("value") is None:
            self.add_error("value", "Give the right number.")
        data["lines"] = lines
        return data


class RowFormSet(BaseFormSet):
    """Rows that can be added, removed (DELETE) and reordered (ORDER, then the form's own order)."""

    min_rows = 0
    too_few = ""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "ORDER" in form.fields:
            form.fields["ORDER"].label = "Position"
            form.fields["ORDER"].help_text = ""
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this row"

    def rows(self) -> list[dict[str, Any]]:
        """The kept rows' data, in the order the instructor gave them."""
        kept = [f for f in self.forms if f.has_changed() or f.initial]
        kept = [f for f in kept if not (self.can_delete and f.cleaned_data.get("DELETE"))]
        if self.can_order:
            kept.sort(key=lambda f: (f.cleaned_data.get("ORDER") is None, f.cleaned_data.get("ORDER") or 0))
        return [f.cleaned_data for f in kept]

    def clean(self) -> None:
        if any(self.errors):
            return
        if len(self.rows()) < self.min_rows:
            raise forms.ValidationError(self.too_few)


def _formset(row: type[forms.Form], *, minimum: int, too_few: str, order: bool = True) -> type[RowFormSet]:
    base = type(f"{row.__name__}Set", (RowFormSet,), {"min_rows": minimum, "too_few": too_few})
    return cast(type[RowFormSet], formset_factory(row, formset=base, extra=0, can_delete=True, can_order=order))


GapSet = _formset(GapRow, minimum=1, too_few="Give at least one gap.", order=False)
ChoiceSet = _formset(ChoiceRow, minimum=2, too_few="Give at least two choices.")
PairSet = _formset(PairRow, minimum=2, too_few="Give at least two pairs.")
ItemSet = _formset(ItemRow, minimum=2, too_few="Give at least two items.")
AcceptedSet = _formset(AcceptedRow, minimum=1, too_few="Give at least one accepted answer.", order=False)
AlternativeSet = _formset(AlternativeRow, minimum=0, too_few="", order=False)
CriterionSet = _formset(CriterionRow, minimum=0, too_few="")


# --- per-type settings ------------------------------------------------------------------------------


class TrueFalseSettings(forms.Form):
    correct = forms.TypedChoiceField(
        label="The statement is", choices=[("true", "True"), ("false", "False")], widget=forms.RadioSelect, coerce=lambda v: v == "true"
    )


class TextSettings(forms.Form):
    typo_tolerance = forms.BooleanField(
        label="Forgive a small spelling mistake in long words", required=False, initial=TYPO_TOLERANCE_DEFAULT
    )
    case_sensitive = forms.BooleanField(label="Capitals must match (“NATO” is not “Nato”)", required=False)


class NumericSettings(forms.Form):
    value = forms.DecimalField(label="Right value", max_digits=30, decimal_places=10)
    tolerance = forms.DecimalField(
        label="± tolerance",
        min_value=0,
        max_digits=30,
        decimal_places=10,
        initial=0,
        required=False,
        help_text="0 or empty: only the exact value",
    )
    unit = forms.CharField(label="Unit", max_length=40, required=False, help_text="shown beside the box, e.g. “km” or “billion USD”")


class EssaySettings(forms.Form):
    word_limit = forms.IntegerField(min_value=1, required=False, help_text="empty: no limit")
    response_lines = forms.IntegerField(label="Box height (lines)", min_value=1, max_value=60, required=False, initial=15)
    response_template = forms.CharField(
        label="Starting text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="what the box holds before the student writes",
    )
    attachments = forms.ChoiceField(
        label="Attached file",
        choices=[(ATTACHMENTS_NONE, "none"), (ATTACHMENTS_OPTIONAL, "optional: one file"), (ATTACHMENTS_REQUIRED, "required: one file")],
        initial=ATTACHMENTS_NONE,
        required=False,
        help_text="whether the student may attach a file to the essay (kept privately, seen by the course's markers)",
    )
    attachment_types = forms.MultipleChoiceField(
        label="Kinds of file",
        choices=[(kind, LABELS[kind]) for kind in ATTACHMENT_KINDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="none ticked: any of these (judged by the file's content)",
    )
    grader_info = forms.CharField(
        label="Information for markers", required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="never shown to students"
    )


@dataclass(frozen=True)
class TypeLayout:
    settings: type[forms.Form] | None = None
    rows: type[RowFormSet] | None = None
    rows_title: str = ""
    extra: dict[str, type[RowFormSet]] = field(default_factory=dict)


LAYOUTS: dict[str, TypeLayout] = {
    QuestionType.SINGLE_CHOICE: TypeLayout(rows=ChoiceSet, rows_title="Choices (mark the one right answer)"),
    QuestionType.MULTIPLE_RESPONSE: TypeLayout(rows=ChoiceSet, rows_title="Choices (mark every right answer)"),
    QuestionType.TRUE_FALSE: TypeLayout(settings=TrueFalseSettings),
    QuestionType.SHORT_ANSWER: TypeLayout(settings=TextSettings, extra={ACCEPTED: AcceptedSet}),
    QuestionType.CLOZE: TypeLayout(settings=TextSettings, extra={ACCEPTED: AcceptedSet}),
    QuestionType.NUMERIC: TypeLayout(settings=NumericSettings, extra={ALTERNATIVES: AlternativeSet}),
    QuestionType.MATCHING: TypeLayout(rows=PairSet, rows_title="Pairs"),
    QuestionType.ORDERING: TypeLayout(rows=ItemSet, rows_title="Items, in the right order (students see them shuffled)"),
    QuestionType.ESSAY: TypeLayout(settings=EssaySettings, extra={CRITERIA: CriterionSet}),
    QuestionType.DESCRIPTION: TypeLayout(),
    QuestionType.EMBEDDED: TypeLayout(extra={GAPS: GapSet}),
}
FORMSET_TITLES = {
    ACCEPTED: "Accepted answers",
    ALTERNATIVES: "Other accepted values, for partial credit",
    CRITERIA: "Rubric (optional): criteria and their levels",
    GAPS: "Gaps, in the order of their marks [[1]], [[2]]… in the text",
}


ADD_LABELS = {
    f"{ROWS}:{QuestionType.SINGLE_CHOICE}": "Add a choice",
    f"{ROWS}:{QuestionType.MULTIPLE_RESPONSE}": "Add a choice",
    f"{ROWS}:{QuestionType.MATCHING}": "Add a pair",
    f"{ROWS}:{QuestionType.ORDERING}": "Add an item",
    ACCEPTED: "Add an accepted answer",
    ALTERNATIVES: "Add a value",
    CRITERIA: "Add a criterion",
    GAPS: "Add a gap",
}


def plain_number(value: Any) -> float | int:
    """A number as a person writes it: 2, not 2.0."""
    number = float(value)
    return int(number) if number.is_integer() else number


def decimal_or_none(value: Any) -> Decimal | None:
    """A stored number as a form's decimal field shows it; None when there is none (or it is not a number)."""
    try:
        return Decimal(str(value)).normalize() if value not in (None, "") else None
    except ArithmeticError:
        return None
