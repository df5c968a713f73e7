"""The question editor pages: write or edit a question through forms of its type, preview it as a
student sees it, and read its version history.

Thin views: the forms live in ``quizzes.editor``, every write goes through
``quizzes.services.review`` (one service per write, so the versioning rules hold), and the
history is built by ``quizzes.editor.history``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from courseware.permissions import instructor_required
from quizzes import media
from quizzes.editor.forms import LAYOUTS
from quizzes.editor.history import question_history
from quizzes.editor.initial import initial_for
from quizzes.editor.question_editor import QuestionEditor, with_added_row
from quizzes.forms import student_question
from quizzes.media import CheckedImage
from quizzes.models import Question, QuestionBank, QuestionType
from quizzes.questiontypes import QuestionDefinitionError, validate_definition
from quizzes.selectors.banks import bank_get_for_user, question_get_for_user
from quizzes.selectors.files import question_files
from quizzes.services import banks as bank_services
from quizzes.services import review as review_services
from quizzes.services.question_files import question_image_check

# How many empty rows a new question starts with, per formset.
START_ROWS = {"rows": 4, "accepted": 1, "alternatives": 0, "criteria": 0, "gaps": 2}
START_ROWS_OF_TYPE: dict[str, int] = {QuestionType.MATCHING: 3, QuestionType.ORDERING: 4}
CHOOSE_AGAIN = "Nothing was saved: choose another image, or none, and save again."


def _shown(question: Question, points: Any, *, files_of: int | None = None) -> dict[str, Any]:
    choices = question.choices
    order = [c["id"] for c in choices.get("right", [])] if isinstance(choices, dict) else [c["id"] for c in choices or []]
    shown = student_question(question=question, position=0, option_order=order, points=points, prefix="preview", files_of=files_of)
    return {"shown": shown}


def _preview(editor: QuestionEditor, *, original: Question | None) -> dict[str, Any]:
    """The question as a student would see it, from the editor's (valid) data, or why not yet."""
    if not editor.is_bound and original is not None:
        return _shown(original, original.points)
    if not editor.is_valid():
        return {"problem": "Fix the errors in the form to see the preview."}
    definition = editor.definition()
    try:
        validate_definition(type=definition["type"], choices=definition["choices"], answer=definition["answer"])
    except QuestionDefinitionError as exc:
        return {"problem": f"Not ready to preview: {exc}."}
    unsaved = Question(
        type=definition["type"],
        stem=definition["stem"],
        choices=definition["choices"],
        answer=definition["answer"],
        meta=original.meta if original else {},
    )
    # Text not saved yet shows the images of the version it edits.
    return _shown(unsaved, definition.get("points", 0), files_of=original.pk if original else None)


def _image_upload(request: HttpRequest) -> tuple[list[CheckedImage], str | None]:
    """The image the instructor chose to add with this save, checked, or why it is refused.
    Refused before anything is saved, so the question stays as it was and the form keeps what
    was typed (a browser cannot keep the chosen file; the message says to choose it again)."""
    upload = request.FILES.get("image")
    if upload is None:
        return [], None
    name = upload.name or "image"
    if upload.size is not None and upload.size > settings.QUESTION_FILE_MAX_BYTES:
        # Said without reading it: the size alone refuses it.
        limit = settings.QUESTION_FILE_MAX_BYTES // 1024
        return [], f"{media.TOO_BIG.format(name=name, size=-(-upload.size // 1024), limit=limit)} {CHOOSE_AGAIN}"
    try:
        return [question_image_check(name=name, data=upload.read())], None
    except media.ImageRefused as exc:
        return [], f"{exc} {CHOOSE_AGAIN}"


def _editor_for(request: HttpRequest, *, qtype: str, original: Question | None, base: Question | None) -> tuple[QuestionEditor, str]:
    """The bound editor and the name of the button that was pressed ("save", "preview", "add-…")."""
    if request.method != "POST":
        editor = QuestionEditor(qtype, original=base, initial=initial_for(base) if base else None)
        if base is None:
            for prefix, formset in editor.formsets.items():
                formset.extra = START_ROWS_OF_TYPE.get(qtype, START_ROWS[prefix]) if prefix == "rows" else START_ROWS[prefix]
        return editor, ""
    data = request.POST
    pressed = next((name for name in data if name.startswith("add-")), "preview" if "preview" in data else "save")
    if pressed.startswith("add-"):
        data = with_added_row(data, pressed.removeprefix("add-"))
    return QuestionEditor(qtype, data, original=base), pressed


def _editor_page(request: HttpRequest, *, bank: QuestionBank, qtype: str, question: Question | None) -> HttpResponse:
    # The form starts from the edit waiting for approval, if there is one: the instructor goes on
    # from their latest words, not from the version students still get.
    pending = review_services.question_pending_version(question=question) if question else None
    base = pending or question
    editor, pressed = _editor_for(request, qtype=qtype, original=question, base=base)
    preview: dict[str, Any] = {}
    images, refused = _image_upload(request) if pressed == "save" else ([], None)
    if pressed == "save" and refused:
        editor.is_valid()  # the form's own errors are shown with the image's
        editor.key_errors = [*editor.key_errors, refused]
    elif pressed == "save" and editor.is_valid():
        alt = request.POST.get("image_alt", "")[:200]
        try:
            if question is None:
                saved = review_services.question_create_manual(
                    bank=bank, user=request.user, images=images, image_alt=alt, **editor.definition()
                )
            else:
                saved = review_services.question_edit(
                    question=base or question, user=request.user, images=images, image_alt=alt, **editor.definition()
                )
        except ValidationError as exc:
            editor.key_errors = exc.messages
        else:
            if question is not None and not saved.is_current:
                messages.success(
                    request,
                    f"Saved as version {saved.version}, waiting for approval. Quizzes keep using the approved "
                    f"version {question.version} until you approve the new one.",
                )
                return redirect("question-edit", question_id=question.pk)
            messages.success(request, "Question saved as a draft: approve it to use it in quizzes.")
            return redirect(reverse("bank-review", args=[bank.pk]) + f"?status={saved.status}#question-{saved.pk}")
    elif pressed == "preview" or (question is not None and request.method != "POST"):
        preview = _preview(editor, original=base)
    return render(
        request,
        "quizzes/question_editor.html",
        {
            "editor": editor,
            "bank": bank,
            "question": question,
            "pending": pending,
            "qtype": qtype,
            "type_label": QuestionType(qtype).label,
            "preview": preview,
            "files": _files_listed(base),
            "image_limit_kb": settings.QUESTION_FILE_MAX_BYTES // 1024,
        },
    )


def _files_listed(question: Question | None) -> list[dict[str, str]]:
    """The images of the version the form edits: a thumbnail and the reference to write in the text."""
    if question is None:
        return []
    return [
        {"name": f.name, "url": media.files_rewrite(media.file_reference(f.name), question.pk), "reference": media.file_reference(f.name)}
        for f in question_files(question_id=question.pk)
    ]


@instructor_required
def question_new(request: HttpRequest, bank_id: int) -> HttpResponse:
    bank = bank_get_for_user(user=request.user, bank_id=bank_id)
    bank_services.bank_check_can_change(user=request.user, bank=bank)
    qtype = request.POST.get("type") or request.GET.get("type") or ""
    if qtype not in LAYOUTS:
        types = [(value, label) for value, label in QuestionType.choices if value in LAYOUTS]
        return render(request, "quizzes/question_type_choice.html", {"bank": bank, "types": types})
    return _editor_page(request, bank=bank, qtype=qtype, question=None)


@instructor_required
def question_edit(request: HttpRequest, question_id: int) -> HttpResponse:
    question = question_get_for_user(user=request.user, question_id=question_id)
    if not question.is_current:
        current = (
            Question.objects.filter(root_id=question.root_id_or_self, is_current=True).first()
            or Question.objects.filter(pk=question.root_id_or_self, is_current=True).first()
        )
        if current is None:
            raise Http404("This is an old version of the question.")
        return redirect("question-edit", question_id=current.pk)
    bank_services.bank_check_can_change(user=request.user, bank=question.bank)
    if question.type not in LAYOUTS:
        raise Http404("This question type has no editor.")
    return _editor_page(request, bank=question.bank, qtype=question.type, question=question)


@instructor_required
@require_POST
def question_preview(request: HttpRequest, bank_id: int) -> HttpResponse:
    """The live preview pane (htmx posts the editor's fields here as the instructor types)."""
    bank = bank_get_for_user(user=request.user, bank_id=bank_id)
    bank_services.bank_check_can_change(user=request.user, bank=bank)
    qtype = request.POST.get("type", "")
    if qtype not in LAYOUTS:
        raise Http404("No such question type.")
    original = None
    if request.POST.get("question", "").isdigit():
        original = question_get_for_user(user=request.user, question_id=int(request.POST["question"]))
    editor = QuestionEditor(qtype, request.POST, original=original)
    return render(request, "quizzes/partials/question_preview.html", {"preview": _preview(editor, original=original)})


@instructor_required
@require_POST
def question_discard_pending(request: HttpRequest, question_id: int) -> HttpResponse:
    question = question_get_for_user(user=request.user, question_id=question_id)
    try:
        discarded = review_services.question_discard_pending(question=question, user=request.user)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, f"Version {discarded.version} discarded; the approved version stays in use.")
    return redirect("question-edit", question_id=question.pk)


@instructor_required
def question_history_page(request: HttpRequest, question_id: int) -> HttpResponse:
    question = question_get_for_user(user=request.user, question_id=question_id)
    entries = question_history(question=question)
    current = next((e.question for e in entries if e.question.is_current), question)
    return render(request, "quizzes/question_history.html", {"question": current, "entries": entries, "bank": question.bank})
