"""The bound editor of one question (``QuestionEditor``): its forms and formsets, their checks, and
the stored shapes they become; and the "add a row" that works without JavaScript."""

from __future__ import annotations

import contextlib
from typing import Any

from quizzes.editor.forms import (
    ACCEPTED,
    ADD_LABELS,
    ALTERNATIVES,
    CRITERIA,
    FORMSET_TITLES,
    GAPS,
    LAYOUTS,
    NEW_ID,
    ROWS,
    CommonForm,
    RowFormSet,
    plain_number,
)
from quizzes.models import Question, QuestionType
from quizzes.questiontypes import ATTACHMENT_KINDS, ATTACHMENTS_NONE, CASE_SENSITIVE, TYPO_TOLERANCE, gap_numbers, gap_of_choice


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
                "value": plain_number(settings["value"]),
                "tolerance": plain_number(settings.get("tolerance") or 0),
                "unit": settings.get("unit") or "",
            }
            alternatives = [
                {"value": plain_number(r["value"]), "tolerance": plain_number(r.get("tolerance") or 0), "weight": r["credit"] / 100}
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
            if settings.get("attachments") not in (None, "", ATTACHMENTS_NONE):
                essay["attachments"] = settings["attachments"]
                if settings.get("attachment_types"):
                    essay["attachment_types"] = [k for k in ATTACHMENT_KINDS if k in settings["attachment_types"]]
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
                gap.update({"value": plain_number(row["value"]), "tolerance": plain_number(row.get("tolerance") or 0)})
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
                levels.append({"id": level_id, "label": label, "points": plain_number(points)})
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
