"""Instructors: question banks, their review, import and export, and the question form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from courseware import selectors as course_selectors
from courseware.permissions import instructor_required
from quizzes.forms import student_question
from quizzes.interop import CONTENT_TYPES, FILE_EXTENSIONS
from quizzes.media import files_rewrite
from quizzes.models import Question, QuestionBank, QuestionType
from quizzes.presenters import key_text
from quizzes.selectors.banks import bank_default_status, bank_get_for_user, bank_list_for_user, bank_questions, question_get_for_user
from quizzes.selectors.teach import banks_to_move_to, questions_selected, questions_to_retire
from quizzes.services import banks as bank_services
from quizzes.services import review as review_services
from quizzes.services.interop import EXPORT_FORMATS, IMPORT_FORMATS, questions_export, questions_import
from quizzes.topics import topic_label
from quizzes.views.posted import int_or_none


@instructor_required
def bank_list(request: HttpRequest) -> HttpResponse:
    banks = (
        bank_list_for_user(user=request.user)
        .select_related("reading", "course")
        .annotate(
            drafts=Count("questions", filter=Q(questions__is_current=True, questions__status=Question.Status.DRAFT)),
            approved=Count("questions", filter=Q(questions__is_current=True, questions__status=Question.Status.APPROVED)),
        )
        .order_by("name")
    )
    return render(request, "quizzes/bank_list.html", {"banks": banks})


REVIEW_PAGE_SIZE = 25


def _review_card(question: Question) -> dict[str, Any]:
    """A question as the student would see it, plus what only the reviewer sees beside it."""
    order = (
        [c["id"] for c in question.choices] if isinstance(question.choices, list) else [c["id"] for c in question.choices.get("right", [])]
    )
    shown = student_question(question=question, position=0, option_order=order, points=question.points, prefix=f"b{question.pk}")
    explanation = files_rewrite(question.explanation, question.pk)
    return {"question": question, "shown": shown, "key": key_text(shown, question.answer), "explanation": explanation}


@instructor_required
def bank_review(request: HttpRequest, bank_id: int) -> HttpResponse:
    from django.core.paginator import Paginator

    bank = bank_get_for_user(user=request.user, bank_id=bank_id)
    filters = {
        "status": request.GET.get("status") or bank_default_status(bank=bank),
        "type": request.GET.get("type", ""),
        "topic": request.GET.get("topic", ""),
        "text": request.GET.get("text", "").strip()[:200],
        "order": request.GET.get("order", "best"),
    }
    # Best first by default (the generator's quality), so the reviewer sees the keepers first.
    questions = bank_questions(
        bank=bank,
        status=filters["status"] if filters["status"] in Question.Status.values else None,
        type=filters["type"] if filters["type"] in QuestionType.values else None,
        topic=filters["topic"] or None,
        text=filters["text"] or None,
        order=filters["order"],
    )
    page = Paginator(questions, REVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    topics = list(
        Question.objects.filter(bank=bank, is_current=True).exclude(topic="").values_list("topic", flat=True).distinct().order_by("topic")
    )
    query = request.GET.copy()
    query.pop("page", None)
    cards = [_review_card(q) for q in page.object_list]
    can_change = bank_services.bank_can_change(user=request.user, bank=bank)
    return render(
        request,
        "quizzes/bank_review.html",
        {
            "bank": bank,
            "can_change": can_change,
            "copy_courses": [] if can_change else list(course_selectors.course_list_taught_by(user=request.user).order_by("title")),
            "cards": cards,
            "drafts_shown": any(card["question"].status == Question.Status.DRAFT for card in cards),
            "no_topic": NO_TOPIC,
            "page": page,
            "filters": filters,
            "topics": topics,
            "statuses": Question.Status.choices,
            "types": QuestionType.choices,
            "orders": [("best", "Best first"), ("reading", "Reading order")],
            "query": query.urlencode(),
            **_interop_context(),
        },
    )


# How the review page names the formats of quizzes.services.interop.
FORMAT_LABELS = {"gift": "GIFT", "moodle-xml": "Moodle XML", "aiken": "Aiken", "json": "JSON"}


class BankImportForm(forms.Form):
    format = forms.ChoiceField(choices=[(f, FORMAT_LABELS[f]) for f in IMPORT_FORMATS], label="Format")
    file = forms.FileField(label="File (UTF-8)")

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        if file.size > settings.READING_MAX_BYTES:
            raise forms.ValidationError(f"The file is larger than {settings.READING_MAX_BYTES // (1024 * 1024)} MB.")
        return file


def _interop_context() -> dict[str, Any]:
    return {
        "import_form": BankImportForm(auto_id="import-%s"),
        "export_formats": [(f, FORMAT_LABELS[f]) for f in EXPORT_FORMATS],
    }


@instructor_required
@require_POST
def bank_import(request: HttpRequest, bank_id: int) -> HttpResponse:
    """Import a file into the bank and show what happened: how many questions, which were
    refused and why, and what was imported only approximately."""
    bank = bank_get_for_user(user=request.user, bank_id=bank_id)
    form = BankImportForm(request.POST, request.FILES, auto_id="import-%s")
    if not form.is_valid():
        context = {"bank": bank, **_interop_context(), "import_form": form}
        return render(request, "quizzes/bank_import.html", context, status=400)
    try:
        report = questions_import(bank=bank, fmt=form.cleaned_data["format"], data=form.cleaned_data["file"].read(), user=request.user)
    except ValidationError as exc:
        form.add_error("file", exc.messages)
        context = {"bank": bank, **_interop_context(), "import_form": form}
        return render(request, "quizzes/bank_import.html", context, status=400)
    context = {"bank": bank, **_interop_context(), "report": report, "filename": form.cleaned_data["file"].name}
    return render(request, "quizzes/bank_import.html", context)


@instructor_required
@require_POST
def bank_copy(request: HttpRequest, bank_id: int) -> HttpResponse:
    """Copy a bank the instructor may read (a shared one) into a course they teach, to change it there."""
    bank = bank_get_for_user(user=request.user, bank_id=bank_id)
    course = course_selectors.course_get_for_instructor(user=request.user, course_id=int_or_none(request.POST.get("course")) or 0)
    try:
        copy = bank_services.bank_copy_to_course(bank=bank, course=course, user=request.user, name=request.POST.get("name", ""))
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect("bank-review", bank.pk)
    messages.success(request, f"Copied into {course.title}: this copy is yours to change.")
    return redirect("bank-review", copy.pk)


@instructor_required
def bank_export(request: HttpRequest, bank_id: int, fmt: str) -> HttpResponse:
    bank = bank_get_for_user(user=request.user, bank_id=bank_id)
    if fmt not in EXPORT_FORMATS:
        raise Http404("No such export format.")
    response = HttpResponse(questions_export(fmt=fmt, bank=bank), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="bank-{bank.pk}.{FILE_EXTENSIONS[fmt]}"'
    return response


def _back_to_bank(request: HttpRequest, bank: QuestionBank) -> HttpResponse:
    query = request.POST.get("query", "")
    url = reverse("bank-review", args=[bank.pk]) + (f"?{query}" if query else "")
    return redirect(url)


@instructor_required
@require_POST
def bank_bulk_approve(request: HttpRequest, bank_id: int) -> HttpResponse:
    """The review page's bulk form. By default it approves the picked drafts as they are, or (the
    page's drafts, or the whole bank) only each exclusion group's best: the same rule as the API's
    bank-wide approval. With ``action`` retire, move or retag, it does that to the picked questions
    (``_bulk_change``)."""
    bank = bank_get_for_user(user=request.user, bank_id=bank_id)
    if request.POST.get("action") in BULK_ACTIONS:
        return _bulk_change(request, bank)
    scope = request.POST.get("scope", "")
    held_back = 0
    if scope in ("page", "bank"):
        shown = [int(i) for i in request.POST.getlist("shown") if i.isdigit()] if scope == "page" else None
        approval = review_services.bank_approve_best(bank=bank, user=request.user, within=shown)
        changed, held_back = approval.approved, approval.held_back
    else:
        ids = [int(i) for i in request.POST.getlist("questions") if i.isdigit()]
        changed = review_services.questions_bulk_approve(questions=Question.objects.filter(bank=bank, pk__in=ids), user=request.user)
    message = f"{changed} question{'s' if changed != 1 else ''} approved."
    if held_back:
        message += HELD_BACK_MESSAGE.format(count=held_back, s="s" if held_back != 1 else "")
    messages.success(request, message)
    return _back_to_bank(request, bank)


BULK_ACTIONS = ("retire", "move", "retag")
NOTHING_SELECTED = "Select questions first (the boxes beside their numbers)."
CHOOSE_A_TOPIC = "Choose a topic, or type a new one."
# The topic select's "no topic" (an empty value means nothing was chosen; "-" is no slug a topic has).
NO_TOPIC = "-"


def _bulk_change(request: HttpRequest, bank: QuestionBank) -> HttpResponse:
    """Retire, move to another bank or retag the picked questions (one service each)."""
    action = request.POST["action"]
    ids = [int(i) for i in request.POST.getlist("questions") if i.isdigit()]
    if not ids:
        messages.error(request, NOTHING_SELECTED)
        return _back_to_bank(request, bank)
    if action == "retire" and not request.POST.get("confirmed"):
        # Before retiring: which questions, and how many attempts each regrade would touch.
        selected = questions_to_retire(bank=bank, question_ids=ids)
        context = {"bank": bank, "selected": selected, "query": request.POST.get("query", ""), "answered": sum(n for _, n in selected)}
        return render(request, "quizzes/bank_bulk_retire.html", context)
    if action == "move" and not request.POST.get("to_bank"):
        # Which bank: chosen on a page of its own, so the review page does not list every bank.
        context = {
            "bank": bank,
            "selected": questions_selected(bank=bank, question_ids=ids),
            "targets": banks_to_move_to(user=request.user, bank=bank),
            "query": request.POST.get("query", ""),
        }
        return render(request, "quizzes/bank_bulk_move.html", context)
    try:
        if action == "retire":
            retirement = review_services.questions_bulk_retire(bank=bank, question_ids=ids, user=request.user)
            message = f"{_count(retirement.retired)} retired; quizzes no longer draw {'it' if retirement.retired == 1 else 'them'}."
            if retirement.regrades:
                message += f" The attempts that answered {_count(retirement.regrades)} are being regraded (see Regrades)."
        elif action == "move":
            to_bank = bank_get_for_user(user=request.user, bank_id=int_or_none(request.POST.get("to_bank")) or 0)
            moved = review_services.questions_bulk_move(bank=bank, question_ids=ids, to_bank=to_bank, user=request.user)
            message = f"{_count(moved)} moved to “{to_bank.name}”."
        else:
            typed, chosen = request.POST.get("new_topic", "").strip(), request.POST.get("topic", "")
            if not typed and not chosen:
                raise ValidationError(CHOOSE_A_TOPIC)
            # A new topic is typed in words and stored as a slug; one that makes no slug ("?!") is refused below.
            topic = (slugify(typed) or typed) if typed else ("" if chosen == NO_TOPIC else chosen)
            retagged = review_services.questions_bulk_retag(bank=bank, question_ids=ids, topic=topic, user=request.user)
            message = (
                f"{_count(retagged)} now in the topic “{topic_label(topic)}”." if topic else f"{_count(retagged)} now without a topic."
            )
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return _back_to_bank(request, bank)
    messages.success(request, message)
    return _back_to_bank(request, bank)


def _count(n: int) -> str:
    return f"{n} question{'s' if n != 1 else ''}"


HELD_BACK_MESSAGE = (
    " {count} draft{s} left as draft{s}: another question of the same exclusion group is better or already approved"
    " (approve one explicitly if you want it too)."
)


@instructor_required
@require_POST
def question_status(request: HttpRequest, question_id: int) -> HttpResponse:
    question = question_get_for_user(user=request.user, question_id=question_id)
    action = request.POST.get("action")
    try:
        if action == "approve":
            question = review_services.question_approve(question=question, user=request.user)
        elif action == "retire":
            question = review_services.question_retire(question=question, user=request.user)
        else:
            raise ValidationError("Unknown action.")
    except ValidationError as exc:
        if getattr(request, "htmx", False):
            return HttpResponse("; ".join(exc.messages), status=422, content_type="text/plain")
        messages.error(request, "; ".join(exc.messages))
        return _back_to_bank(request, question.bank)
    if getattr(request, "htmx", False):
        # Replace just this question's card, so the reviewer keeps their place in the list.
        return render(
            request,
            "quizzes/partials/review_card.html",
            {"card": _review_card(question), "bank": question.bank, "query": request.POST.get("query", ""), "can_change": True},
        )
    messages.success(request, f"Question {action}d.")
    return _back_to_bank(request, question.bank)
