"""HTML forms of courseware. They only parse and check input shapes; the rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from courseware.models import Lesson, Reading

PASTE_OR_FILE = "Upload a file or paste the text, not both."
NOTHING_GIVEN = "Upload a file or paste the text of the reading."
TITLE_NEEDED_FOR_PASTE = "Give a title for pasted text."


class CourseForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ModuleForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reading = forms.ModelChoiceField(
        queryset=Reading.objects.none(),
        required=False,
        empty_label="No reading (add lessons by hand)",
        help_text="lessons are built from its sections",
    )

    def __init__(self, *args: Any, readings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reading"].queryset = readings  # type: ignore[attr-defined]


class LessonEditForm(forms.Form):
    title = forms.CharField(max_length=300)
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 14}), help_text="paragraphs separated by a blank line")
    key_terms = forms.CharField(required=False, help_text="comma-separated")
    reading_minutes = forms.IntegerField(min_value=1, max_value=600, label="Reading time (minutes)")
    is_published = forms.BooleanField(required=False, label="Published")

    def __init__(self, *args: Any, lesson: Lesson, **kwargs: Any) -> None:
        terms = [t if isinstance(t, str) else t.get("term", "") for t in (lesson.key_terms or []) if isinstance(t, str | dict)]
        initial = {
            "title": lesson.title,
            "summary": lesson.summary,
            "body": lesson.body,
            "key_terms": ", ".join(t for t in terms if t),
            "reading_minutes": lesson.reading_minutes,
            "is_published": lesson.is_published,
        }
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["key_terms"] = [t.strip() for t in data["key_terms"].split(",") if t.strip()]
        return data


class ReadingImportForm(forms.Form):
    file = forms.FileField(required=False, help_text="plain text, Markdown, PDF with a text layer, or HTML")
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 10}), label="Or paste the text")
    title = forms.CharField(max_length=300, required=False, help_text="taken from the reading when left empty")
    kind = forms.ChoiceField(choices=Reading.Kind.choices, initial=Reading.Kind.PAPER, label="Kind of reading")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if upload and text:
            raise forms.ValidationError(PASTE_OR_FILE)
        if not upload and not text:
            raise forms.ValidationError(NOTHING_GIVEN)
        if upload and upload.size > settings.READING_MAX_BYTES:
            # Checked again by the import service; here so the message names the limit early.
            raise forms.ValidationError(f"The file is larger than the {settings.READING_MAX_BYTES // (1024 * 1024)} MB limit.")
        return data


class LexiconTermForm(forms.Form):
    term = forms.CharField(max_length=200)
    category = forms.CharField(max_length=40)
    aliases = forms.CharField(required=False, help_text="comma-separated")
    description = forms.CharField(max_length=300, required=False)
    is_active = forms.BooleanField(required=False, initial=True, label="Active")

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["aliases"] = [a.strip() for a in data["aliases"].split(",") if a.strip()]
        return data
