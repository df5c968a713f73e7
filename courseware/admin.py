from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from courseware.models import Citation, Course, Enrollment, Lesson, Module, Reading, RemovedSpan, Section, User


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


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    fields = ("order", "heading", "kind", "language", "start", "end")
    readonly_fields = fields
    show_change_link = True


class RemovedSpanInline(admin.TabularInline):
    model = RemovedSpan
    extra = 0
    readonly_fields = ("reason", "text", "order")


@admin.register(Reading)
class ReadingAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "version", "is_latest", "language", "imported_at")
    list_filter = ("kind", "is_latest", "language")
    search_fields = ("title", "source")
    readonly_fields = ("checksum", "imported_by", "imported_at", "version", "lineage")
    inlines = [SectionInline, RemovedSpanInline]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("reading", "order", "heading", "kind", "language")
    list_filter = ("kind", "language")


admin.site.register(Citation)
admin.site.register(Module)
admin.site.register(Lesson)
