"""Admins: the manage home, importing a reading and following its question generation, the lexicon."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from courseware import selectors
from courseware.forms import LexiconTermForm, ReadingImportForm
from courseware.models import Reading
from courseware.permissions import admin_required
from courseware.services import readings as reading_services
from quizzes.models import LexiconTerm, QuestionBank
from quizzes.selectors.generation import generation_job_latest


@admin_required
def manage_home(request: HttpRequest) -> HttpResponse:
    readings = list(selectors.reading_list().select_related("imported_by").annotate(section_count=Count("sections")))
    # Group versions under their lineage so the list shows each reading once with its history.
    lineages: dict[int, list[Reading]] = {}
    for reading in readings:
        lineages.setdefault(reading.lineage_id or reading.pk, []).append(reading)
    groups = sorted((sorted(v, key=lambda r: -r.version) for v in lineages.values()), key=lambda v: v[0].title.lower())
    return render(request, "courseware/manage_home.html", {"groups": groups})


# --- admins: import ------------------------------------------------------------------------------------

# The uploaded bytes wait in the readings service between the preview and the confirmation (as on the
# admin's upload page), named by a random token kept in the session.


@admin_required
def reading_import(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and request.POST.get("step") == "confirm":
        staged = request.session.get("reading_import") or {}
        token = request.POST.get("token", "")
        if staged.get("token") != token:
            messages.error(request, reading_services.STAGING_EXPIRED_MESSAGE)
            return redirect("reading-import")
        try:
            result = reading_services.reading_import_staged(staged=staged, token=token, imported_by=request.user)
        except reading_services.ReadingImportError as exc:
            messages.error(request, str(exc))
            return redirect("reading-import")
        finally:
            request.session.pop("reading_import", None)
        if result.created:
            messages.success(request, f"“{result.reading.title}” imported with {len(result.sections)} sections.")
        else:
            messages.info(request, f"This file was imported before as “{result.reading.title}”; nothing new was created.")
        return redirect("reading-progress-page", reading_id=result.reading.pk)

    form = ReadingImportForm(request.POST or None, request.FILES or None)
    preview = None
    token = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        title = form.cleaned_data["title"] or None
        if not upload and not title:
            form.add_error("title", "Give a title for pasted text.")
        else:
            try:
                staged = reading_services.reading_preview_upload(
                    upload=upload, text=form.cleaned_data["text"], title=title, kind=form.cleaned_data["kind"]
                )
            except reading_services.ReadingImportError as exc:
                form.add_error("file" if upload else "text", str(exc))
            else:
                preview, token = staged.preview, staged.token
                request.session["reading_import"] = staged.staged
    return render(request, "courseware/reading_import.html", {"form": form, "preview": preview, "token": token})


@admin_required
def reading_progress_page(request: HttpRequest, reading_id: int) -> HttpResponse:
    reading = selectors.reading_get_for_user(user=request.user, reading_id=reading_id)
    sections = list(reading.sections.order_by("order"))
    removed = list(reading.removed_spans.order_by("order"))
    banks = list(QuestionBank.objects.filter(reading=reading))
    return render(
        request,
        "courseware/reading_progress_page.html",
        {"reading": reading, "sections": sections, "removed": removed, "progress": generation_job_latest(reading=reading), "banks": banks},
    )


@admin_required
def reading_progress(request: HttpRequest, reading_id: int) -> HttpResponse:
    """The progress bar alone, polled by htmx every second until generation has finished."""
    reading = selectors.reading_get_for_user(user=request.user, reading_id=reading_id)
    progress = generation_job_latest(reading=reading)
    # Once done, the partial links to the bank to review (only then: the poll stays one query until it ends).
    banks = list(QuestionBank.objects.filter(reading=reading)) if progress and progress.state == "done" else []
    return render(request, "courseware/partials/generation_progress.html", {"reading": reading, "progress": progress, "banks": banks})


# --- admins: lexicon -------------------------------------------------------------------------------------


def _term_id(value: str) -> int:
    """A lexicon term id from the query or form, or Http404: text that is not a (storable)
    number names no term, like a number no term has."""
    if not (value.isascii() and value.isdigit() and len(value) <= 18):
        raise Http404("No such lexicon term.")
    return int(value)


@admin_required
def lexicon(request: HttpRequest) -> HttpResponse:
    editing = None
    if request.GET.get("edit"):
        editing = get_object_or_404(LexiconTerm, pk=_term_id(request.GET["edit"]))
    initial = (
        {
            "term": editing.term,
            "category": editing.category,
            "aliases": ", ".join(editing.aliases or []),
            "description": editing.description,
            "is_active": editing.is_active,
        }
        if editing
        else None
    )
    form = LexiconTermForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        term_id = request.POST.get("term_id", "")
        target = LexiconTerm.objects.filter(pk=_term_id(term_id)).first() if term_id else None
        if target is None:
            LexiconTerm.objects.update_or_create(term=values.pop("term"), defaults={**values, "added_by": request.user})
        else:
            for key, value in values.items():
                setattr(target, key, value)
            target.save()
        messages.success(request, "Lexicon saved. Regenerating a reading's questions picks the change up.")
        return redirect("lexicon")
    query = request.GET.get("q", "").strip()
    terms = LexiconTerm.objects.all()
    if query:
        terms = terms.filter(Q(term__icontains=query) | Q(category__icontains=query))
    return render(request, "courseware/lexicon.html", {"form": form, "terms": terms[:300], "query": query, "editing": editing})
