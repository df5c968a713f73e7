"""Forms of the question editor, one layout per question type, and their translation to and from
the stored shapes of ``quizzes.questiontypes``.

An instructor never types JSON or an option id: option ids travel as hidden fields (so an edit
keeps the ids earlier responses refer to; ``with_opaque_choice_ids`` in the review service
replaces any id it did not issue), rows of choices, pairs, items, accepted answers and rubric
criteria are Django formsets that can be added to, removed and reordered, and every rule the
grading relies on is still checked once, by ``questiontypes.validate_definition`` through the
review service. This module only checks what a person can get wrong on the form (no right
choice marked, a cloze stem without its blank) and says so next to the field.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.forms import BaseFormSet, formset_factory

from quizzes.models import Question, QuestionType
from quizzes.questiontypes import BLANK, CASE_SENSITIVE, TYPO_TOLERANCE, TYPO_TOLERANCE_DEFAULT, gap_numbers, gap_of_choice

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


def _number(value: Any) -> float | int:
    number = float(value)
    return int(number) if number.is_integer() else number


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)).normalize() if value not in (None, "") else None
    except ArithmeticError:
        return None


# --- stored question -> form initial data -----------------------------------------------------------


def initial_for(question: Question) -> dict[str, Any]:
    """The form's starting values for ``question``: {"common": ..., "settings": ..., prefix: [rows]}."""
    qtype, choices, answer = question.type, question.choices, question.answer if isinstance(question.answer, dict) else {}
    data: dict[str, Any] = {
        "common": {
            "stem": question.stem,
            "explanation": question.explanation,
            "topic": question.topic,
            "points": question.points,
            "exclusion_group": question.exclusion_group,
        },
        "settings": {},
    }
    if qtype in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE):
        correct = answer.get("correct")
        right_ids = set(correct) if isinstance(correct, list) else {correct}
        weights = answer.get("weights") or {}
        data[ROWS] = [
            {
                "id": c.get("id", ""),
                "text": c.get("text", ""),
                "correct": c.get("id") in right_ids,
                "credit": round(float(weights[c["id"]]) * 100) if c.get("id") in weights else None,
                "feedback": c.get("feedback", ""),
            }
            for c in choices or []
            if isinstance(c, dict)
        ]
    elif qtype == QuestionType.TRUE_FALSE:
        data["settings"] = {"correct": "true" if answer.get("correct") else "false"}
    elif qtype in (QuestionType.SHORT_ANSWER, QuestionType.CLOZE):
        weights = {k: float(v) for k, v in (answer.get("weights") or {}).items()}
        data["settings"] = {
            "typo_tolerance": bool(answer.get(TYPO_TOLERANCE, TYPO_TOLERANCE_DEFAULT)),
            "case_sensitive": bool(answer.get(CASE_SENSITIVE, False)),
        }
        data[ACCEPTED] = [{"text": a, "credit": round(weights.get(a, 1.0) * 100)} for a in answer.get("accepted") or []]
    elif qtype == QuestionType.NUMERIC:
        data["settings"] = {
            "value": _decimal(answer.get("value")),
            "tolerance": _decimal(answer.get("tolerance", 0)),
            "unit": answer.get("unit", ""),
        }
        data[ALTERNATIVES] = [
            {
                "value": _decimal(a.get("value")),
                "tolerance": _decimal(a.get("tolerance", 0)),
                "credit": round(float(a.get("weight", 1)) * 100),
            }
            for a in answer.get("alternatives") or []
            if isinstance(a, dict)
        ]
    elif qtype == QuestionType.MATCHING and isinstance(choices, dict):
        pairs = answer.get("pairs") or {}
        right = {c["id"]: c.get("text", "") for c in choices.get("right") or []}
        used = set()
        rows = []
        for c in choices.get("left") or []:
            match = pairs.get(c["id"], "")
            used.add(match)
            rows.append({"left_id": c["id"], "right_id": match, "left": c.get("text", ""), "right": right.get(match, "")})
        rows += [{"left_id": "", "right_id": rid, "left": "", "right": text} for rid, text in right.items() if rid not in used]
        data[ROWS] = rows
    elif qtype == QuestionType.ORDERING:
        texts = {c["id"]: c.get("text", "") for c in choices or [] if isinstance(c, dict)}
        data[ROWS] = [{"id": i, "text": texts.get(i, "")} for i in answer.get("order") or [] if i in texts]
    elif qtype == QuestionType.ESSAY:
        settings = choices if isinstance(choices, dict) else {}
        data["settings"] = {
            "word_limit": settings.get("word_limit"),
            "response_lines": settings.get("response_lines"),
            "response_template": settings.get("response_template", ""),
            "grader_info": answer.get("grader_info", ""),
        }
        data[CRITERIA] = [
            {
                "id": c.get("id", ""),
                "criterion": c.get("criterion", ""),
                "levels": "\n".join(f"{_number(lv['points'])} {lv.get('label', '')}".strip() for lv in c.get("levels") or []),
            }
            for c in answer.get("rubric") or []
        ]
    elif qtype == QuestionType.EMBEDDED:
        data[GAPS] = [_gap_initial(n, gap, choices) for n, gap in enumerate(answer.get("gaps") or [], start=1)]
    return data


def _gap_initial(number: int, gap: dict[str, Any], choices: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"kind": gap.get("kind"), "points": gap.get("points", 1)}
    if gap.get("kind") == "text":
        row["answers"] = "\n".join(gap.get("accepted") or [])
    elif gap.get("kind") == "numeric":
        row["value"], row["tolerance"] = _decimal(gap.get("value")), _decimal(gap.get("tolerance", 0))
    else:
        options = [c for c in choices or [] if gap_of_choice(str(c.get("id", ""))) == number]
        row["answers"] = "\n".join(("*" if c["id"] == gap.get("correct") else "") + c.get("text", "") for c in options)
    return row


# --- the bound editor --------------------------------------------------------------------------------


class QuestionEditor:
    """The whole editor of one type: the common form, the type's settings, its row formsets.

    ``definition()`` (once ``is_valid()``) gives the keyword arguments of the review service's
    ``question_create_manual`` / ``question_edit``. ``original`` is the version being edited: its
    choices' extra keys and its key's extra entries (an import's idnumber-like extras) are kept.
    """

    def __init__(self, type: str, data: Any = None, *, original: Question | None = None, initial: dict[str, Any] | None = None) -> None:
        if type not in LAYOUTS:
            raise ValueError(f"no editor for question type {type!r}")
        self.type = type
        self.original = original
        self.layout = LAYOUTS[type]
        initial = initial or {}
        self.common = CommonForm(data, type=type, initial=initial.get("common"), prefix="q")
        self.settings = self.layout.settings(data, initial=initial.get("settings"), prefix="s") if self.layout.settings else None
        self.formsets: dict[str, RowFormSet] = {}
        if self.layout.rows:
            self.formsets[ROWS] = self.layout.rows(data, initial=initial.get(ROWS), prefix=ROWS)
        for prefix, formset in self.layout.extra.items():
            self.formsets[prefix] = formset(data, initial=initial.get(prefix), prefix=prefix)
        self.key_errors: list[str] = []  # problems of the key as a whole, shown above the rows

    @property
    def is_bound(self) -> bool:
        return self.common.is_bound

    @property
    def rows(self) -> RowFormSet | None:
        return self.formsets.get(ROWS)

    def sections(self) -> list[tuple[str, str, str, RowFormSet]]:
        """Each formset with its title and the label of its "add" button, in page order."""
        out = []
        for prefix, fs in self.formsets.items():
            title = self.layout.rows_title if prefix == ROWS else FORMSET_TITLES[prefix]
            add = ADD_LABELS.get(f"{prefix}:{self.type}") or ADD_LABELS.get(prefix, "Add a row")
            out.append((prefix, title, add, fs))
        return out

    def is_valid(self) -> bool:
        parts = [self.common.is_valid(), *(fs.is_valid() for fs in self.formsets.values())]
        if self.settings is not None:
            parts.append(self.settings.is_valid())
        if not all(parts):
            return False
        self.key_errors = self._key_problems()
        return not self.key_errors

    def _key_problems(self) -> list[str]:
        if self.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE):
            marked = sum(1 for r in self.formsets[ROWS].rows() if r.get("correct"))
            if self.type == QuestionType.SINGLE_CHOICE and marked != 1:
                return ["Mark exactly one choice as the right answer."]
            if marked == 0:
                return ["Mark at least one choice as a right answer."]
        if self.type == QuestionType.MATCHING and sum(1 for r in self.formsets[ROWS].rows() if r.get("left")) < 2:
            return ["Give at least two items with their matches."]
        if self.type == QuestionType.EMBEDDED:
            wanted = list(range(1, len(self.formsets[GAPS].rows()) + 1))
            if gap_numbers(self.common.cleaned_data.get("stem", "")) != wanted:
                marks = ", ".join(f"[[{n}]]" for n in wanted)
                return [f"The text must mark each of the {len(wanted)} gaps once, in order: {marks}."]
        return []

    # The definition in the stored shapes.

    def definition(self) -> dict[str, Any]:
        common = dict(self.common.cleaned_data)
        common["exclusion_group"] = common.get("exclusion_group") or ""
        choices, answer = self._choices_and_key()
        kept = (
            {k: v for k, v in (self.original.answer or {}).items() if k not in answer and k not in _MANAGED_KEYS.get(self.type, ())}
            if self.original and self.original.type == self.type
            else {}
        )
        return {**common, "type": self.type, "choices": choices, "answer": {**kept, **answer}}

    def _original_choice(self, choice_id: str) -> dict[str, Any]:
        choices = self.original.choices if self.original is not None else []
        items = [*choices.get("left", []), *choices.get("right", [])] if isinstance(choices, dict) else choices or []
        return next((dict(c) for c in items if isinstance(c, dict) and c.get("id") == choice_id), {})

    def _choices_and_key(self) -> tuple[Any, dict[str, Any]]:
        settings = self.settings.cleaned_data if self.settings is not None else {}
        if self.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE):
            rows = self.formsets[ROWS].rows()
            choices, right, weights = [], [], {}
            for n, row in enumerate(rows, start=1):
                choice_id = row.get("id") or f"{NEW_ID}{n}"
                choice = {**self._original_choice(choice_id), "id": choice_id, "text": row["text"]}
                choice.pop("feedback", None)
                if row.get("feedback"):
                    choice["feedback"] = row["feedback"]
                choices.append(choice)
                if row.get("correct"):
                    right.append(choice_id)
                if row.get("credit") is not None:
                    weights[choice_id] = row["credit"] / 100
            answer: dict[str, Any] = {"correct": right[0] if self.type == QuestionType.SINGLE_CHOICE else right}
            if weights:
                # Moodle-style fractions: a choice without its own credit earns full credit if right, none if wrong.
                answer["weights"] = {c["id"]: weights.get(c["id"], 1.0 if c["id"] in right else 0.0) for c in choices}
            return choices, answer
        if self.type == QuestionType.TRUE_FALSE:
            return [], {"correct": bool(settings["correct"])}
        if self.type in (QuestionType.SHORT_ANSWER, QuestionType.CLOZE):
            rows = self.formsets[ACCEPTED].rows()
            answer = {"accepted": [r["text"].strip() for r in rows]}
            if any(r["credit"] != 100 for r in rows):
                answer["weights"] = {r["text"].strip(): r["credit"] / 100 for r in rows}
            if not settings.get("typo_tolerance"):
                answer[TYPO_TOLERANCE] = False
            if settings.get("case_sensitive"):
                answer[CASE_SENSITIVE] = True
            return [], answer
        if self.type == QuestionType.NUMERIC:
            answer = {
                "value": _number(settings["value"]),
                "tolerance": _number(settings.get("tolerance") or 0),
                "unit": settings.get("unit") or "",
            }
            alternatives = [
                {"value": _number(r["value"]), "tolerance": _number(r.get("tolerance") or 0), "weight": r["credit"] / 100}
                for r in self.formsets[ALTERNATIVES].rows()
            ]
            if alternatives:
                answer["alternatives"] = alternatives
            return [], answer
        if self.type == QuestionType.MATCHING:
            left, right, pairs = [], [], {}
            for n, row in enumerate(self.formsets[ROWS].rows(), start=1):
                right_id = row.get("right_id") or f"{NEW_ID}r{n}"
                right.append({**self._original_choice(right_id), "id": right_id, "text": row["right"]})
                if row.get("left"):
                    left_id = row.get("left_id") or f"{NEW_ID}l{n}"
                    left.append({**self._original_choice(left_id), "id": left_id, "text": row["left"]})
                    pairs[left_id] = right_id
            return {"left": left, "right": right}, {"pairs": pairs}
        if self.type == QuestionType.ORDERING:
            items = [
                {**self._original_choice(row.get("id") or ""), "id": row.get("id") or f"{NEW_ID}{n}", "text": row["text"]}
                for n, row in enumerate(self.formsets[ROWS].rows(), start=1)
            ]
            return items, {"order": [i["id"] for i in items]}
        if self.type == QuestionType.ESSAY:
            essay: dict[str, Any] = {}
            for name in ("word_limit", "response_lines", "response_template"):
                if settings.get(name):
                    essay[name] = settings[name]
            answer = {}
            if settings.get("grader_info"):
                answer["grader_info"] = settings["grader_info"]
            rubric = self._rubric(self.formsets[CRITERIA].rows())
            if rubric:
                answer["rubric"] = rubric
            return essay, answer
        if self.type == QuestionType.DESCRIPTION:
            return [], {}
        if self.type == QuestionType.EMBEDDED:
            return self._gaps(self.formsets[GAPS].rows())
        raise ValueError(self.type)

    def _gaps(self, rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        """Gaps and drop-down options; an option the question had (same gap, same text) keeps its
        id, and a gap of the same kind keeps its extras (feedback, weights from an import)."""
        old_choices = self.original.choices if self.original is not None and self.original.type == self.type else []
        old_gaps = (self.original.answer or {}).get("gaps") or [] if self.original is not None and self.original.type == self.type else []
        old_ids = {(gap_of_choice(str(c["id"])), c.get("text")): c["id"] for c in old_choices or []}
        choices: list[dict[str, Any]] = []
        gaps = []
        for number, row in enumerate(rows, start=1):
            before = old_gaps[number - 1] if number <= len(old_gaps) and old_gaps[number - 1].get("kind") == row["kind"] else {}
            gap: dict[str, Any] = {
                k: v for k, v in before.items() if k in ("feedback", "other_feedback", "moodle_kind", TYPO_TOLERANCE, CASE_SENSITIVE)
            }
            gap.update({"kind": row["kind"], "points": row["points"]})
            if row["kind"] == "text":
                gap["accepted"] = row["lines"]
                weights = {k: v for k, v in (before.get("weights") or {}).items() if k in row["lines"]}
                if weights:
                    gap["weights"] = weights
            elif row["kind"] == "numeric":
                gap.update({"value": _number(row["value"]), "tolerance": _number(row.get("tolerance") or 0)})
            else:
                for n, line in enumerate(row["lines"], start=1):
                    text = line.removeprefix("*").strip()
                    choice_id = old_ids.get((number, text)) or f"g{number}-{NEW_ID}{n}"
                    choices.append({"id": choice_id, "text": text})
                    if line.startswith("*"):
                        gap["correct"] = choice_id
            gaps.append(gap)
        return choices, {"gaps": gaps}

    def _rubric(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Criteria with their levels; ids of criteria and levels the question had are kept (marks
        given refer to them), matched by the criterion's hidden id and the level's description."""
        old = {c.get("id"): c for c in ((self.original.answer or {}).get("rubric") or [])} if self.original else {}
        taken = {str(c) for c in old}
        rubric = []
        for n, row in enumerate(rows, start=1):
            criterion_id = row.get("id") if row.get("id") in old else _fresh(taken, f"c{n}")
            old_levels = {lv.get("label"): lv.get("id") for lv in (old.get(criterion_id) or {}).get("levels") or []}
            level_ids: set[str] = set(v for v in old_levels.values() if v)
            levels = []
            for m, (points, label) in enumerate(row["levels"], start=1):
                level_id = old_levels.get(label) or _fresh(level_ids, f"l{m}")
                level_ids.add(level_id)
                levels.append({"id": level_id, "label": label, "points": _number(points)})
            rubric.append({"id": criterion_id, "criterion": row["criterion"], "levels": levels})
        return rubric

    def errors_text(self) -> list[str]:
        """Every error, as sentences (for a summary at the top of the page)."""
        messages = list(self.key_errors) + [str(e) for e in self.common.non_field_errors()]
        for fs in self.formsets.values():
            messages += [str(e) for e in fs.non_form_errors()]
        return messages


_MANAGED_KEYS: dict[str, tuple[str, ...]] = {
    QuestionType.SINGLE_CHOICE: ("correct", "weights"),
    QuestionType.MULTIPLE_RESPONSE: ("correct", "weights"),
    QuestionType.SHORT_ANSWER: ("accepted", "weights", TYPO_TOLERANCE, CASE_SENSITIVE),
    QuestionType.CLOZE: ("accepted", "weights", TYPO_TOLERANCE, CASE_SENSITIVE),
    # "text" is the value as a reading printed it: it would be stale once the value is edited.
    QuestionType.NUMERIC: ("value", "tolerance", "unit", "alternatives", "text"),
    QuestionType.ESSAY: ("grader_info", "rubric"),
    QuestionType.EMBEDDED: ("gaps",),
}


def _fresh(taken: set[str], wanted: str) -> str:
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    taken.add(candidate)
    return candidate


def with_added_row(data: Any, prefix: str) -> Any:
    """The posted data with one more (empty) row in formset ``prefix``: the "Add" buttons work
    without JavaScript by posting the form and getting it back one row longer."""
    copy = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    with contextlib.suppress(ValueError):  # a mangled count: the formset reports it as missing data
        copy[key] = str(int(copy.get(key, "0")) + 1)
    return copy
