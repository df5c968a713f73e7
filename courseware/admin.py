from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.safestring import mark_safe

from courseware.ingest.render import text_to_html
from courseware.models import Citation, Course, CourseGroup, Enrollment, Lesson, Module, Reading, RemovedSpan, Section, User
from courseware.permissions import is_site_admin
from courseware.services.groups import NOT_STUDENTS, group_members_announce
from courseware.services.readings import (
    STAGING_EXPIRED_MESSAGE,
    ReadingImportError,
    reading_import_staged,
    reading_preview_upload,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "role", "is_staff", "is_active")
    list_filter = ("role", "is_staff", "is_active")
    fieldsets = (*BaseUserAdmin.fieldsets, ("Strategikon", {"fields": ("role",)}))  # type: ignore[misc]


class EnrollmentInline(admin.TabularInline):
    model = Enrollment
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "created_at")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [EnrollmentInline]


class CourseGroupForm(forms.ModelForm):
    class Meta:
        model = CourseGroup
        fields = ("course", "name", "members")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        course, members = data.get("course"), data.get("members")
        if course is not None and members is not None:
            students = set(Enrollment.objects.filter(course=course, role=Enrollment.Role.STUDENT).values_list("user_id", flat=True))
            if {m.pk for m in members} - students:
                raise forms.ValidationError(NOT_STUDENTS)
        return data


@admin.register(CourseGroup)
class CourseGroupAdmin(admin.ModelAdmin):
    """Course groups, as on the instructors' groups page; a change of members is announced as the
    page's service does, so the quizzes app re-times the attempts in progress it affects."""

    form = CourseGroupForm
    list_display = ("name", "course", "created_at")
    list_filter = ("course",)
    search_fields = ("name",)
    filter_horizontal = ("members",)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        before = set(form.instance.members.values_list("pk", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        group_members_announce(group=form.instance, user_ids=before ^ set(form.instance.members.values_list("pk", flat=True)))

    def delete_model(self, request: HttpRequest, obj: CourseGroup) -> None:
        members = set(obj.members.values_list("pk", flat=True))
        super().delete_model(request, obj)
        group_members_announce(group=obj, user_ids=members)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for group in queryset:
            self.delete_model(request, group)


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ("order", "heading", "level", "kind", "language", "start", "end")
    readonly_fields = fields
    show_change_link = True
    can_delete = False


class RemovedSpanInline(admin.TabularInline):
    model = RemovedSpan
    extra = 0
    readonly_fields = ("reason", "text", "order")
    can_delete = False


class ReadingUploadForm(forms.Form):
    file = forms.FileField(required=False, help_text="plain text, Markdown, HTML or a PDF with a text layer")
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 8, "cols": 90}), label="or paste the text")
    title = forms.CharField(required=False, max_length=300, help_text="default: the title found in the text")
    kind = forms.ChoiceField(choices=[("", "guess from the text"), *Reading.Kind.choices], required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(UPLOAD_NOTHING_MESSAGE)
        if data.get("file") and (data.get("text") or "").strip():
            raise forms.ValidationError(UPLOAD_BOTH_MESSAGE)
        return data


UPLOAD_NOTHING_MESSAGE = "Choose a file or paste the text."
UPLOAD_BOTH_MESSAGE = "Choose a file or paste text, not both."
UPLOAD_SESSION_KEY = "admin_reading_upload"


@admin.register(Reading)
class ReadingAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "version", "is_latest", "language", "source_format", "imported_at")
    list_filter = ("kind", "is_latest", "language", "source_format")
    search_fields = ("title", "source")
    readonly_fields = (
        "checksum",
        "source_format",
        "original_filename",
        "language",
        "imported_by",
        "imported_at",
        "version",
        "lineage",
        "is_latest",
        "cleaned_text_html",
    )
    # Imported text is never edited here: lessons are the editable copy.
    exclude = ("raw_text", "cleaned_text")
    inlines = [SectionInline, RemovedSpanInline]
    change_list_template = "admin/courseware/reading/change_list.html"

    @admin.display(description="cleaned text")
    def cleaned_text_html(self, obj: Reading) -> str:
        return mark_safe(text_to_html(obj.cleaned_text))  # noqa: S308 - escaped, then sanitised by nh3

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Readings come in through the upload page (preview, then confirm), never a blank form.
        return False

    def get_urls(self) -> list[Any]:
        upload = path("upload/", self.admin_site.admin_view(self.upload_view), name="courseware_reading_upload")
        return [upload, *super().get_urls()]

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        """Upload a file or paste text, preview the sections and removed boilerplate, confirm."""
        if not is_site_admin(request.user):
            raise PermissionDenied("Only admins import readings.")
        if request.method == "POST" and request.POST.get("step") == "confirm":
            return self._upload_confirm(request)
        form = ReadingUploadForm(request.POST or None, request.FILES or None)
        preview = None
        token = ""
        if request.method == "POST" and form.is_valid():
            try:
                staged = reading_preview_upload(
                    upload=form.cleaned_data["file"],
                    text=form.cleaned_data["text"],
                    title=form.cleaned_data["title"] or None,
                    kind=form.cleaned_data["kind"] or None,
                )
            except ReadingImportError as exc:
                form.add_error(None, str(exc))
            else:
                preview, token = staged.preview, staged.token
                request.session[UPLOAD_SESSION_KEY] = staged.staged
        sections = []
        if preview is not None:
            sections = [
                {"section": section, "html": mark_safe(text_to_html(section.text[:600] + ("…" if len(section.text) > 600 else "")))}  # noqa: S308 - sanitised by nh3
                for section in preview.parsed.sections
            ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Upload a reading",
            "form": form,
            "preview": preview,
            "sections": sections,
            "token": token,
        }
        return TemplateResponse(request, "admin/courseware/reading/upload.html", context)

    def _upload_confirm(self, request: HttpRequest) -> HttpResponse:
        staged = request.session.get(UPLOAD_SESSION_KEY) or {}
        token = request.POST.get("token", "")
        if not token or staged.get("token") != token:
            messages.error(request, STAGING_EXPIRED_MESSAGE)
            return redirect("admin:courseware_reading_upload")
        try:
            result = reading_import_staged(staged=staged, token=token, imported_by=request.user)
        except ReadingImportError as exc:
            messages.error(request, str(exc))
            return redirect("admin:courseware_reading_upload")
        finally:
            request.session.pop(UPLOAD_SESSION_KEY, None)
        if result.created:
            messages.success(
                request, f"Imported “{result.reading.title}” (version {result.reading.version}) with {len(result.sections)} sections."
            )
        else:
            messages.info(request, f"These bytes were imported before as “{result.reading.title}”; nothing new was created.")
        return redirect("admin:courseware_reading_change", result.reading.pk)


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    readonly_fields = ("authors", "year", "as_cited", "start")
    can_delete = False


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("reading", "order", "heading", "kind", "language")
    list_filter = ("kind", "language")
    readonly_fields = ("reading", "order", "heading", "level", "language", "start", "end", "text_html")
    exclude = ("text",)
    inlines = [CitationInline]

    @admin.display(description="text")
    def text_html(self, obj: Section) -> str:
        return mark_safe(text_to_html(obj.text))  # noqa: S308 - escaped, then sanitised by nh3


admin.site.register(Module)
admin.site.register(Lesson)
