from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from quizzes.models import Attempt, Fact, LexiconTerm, Question, QuestionBank, Quiz, QuizSource, RegradeLog
from quizzes.services.quizzes import quiz_settings_applied


@admin.register(LexiconTerm)
class LexiconTermAdmin(admin.ModelAdmin):
    list_display = ("term", "category", "is_active", "updated_at")
    list_filter = ("category", "is_active")
    search_fields = ("term",)


@admin.register(Fact)
class FactAdmin(admin.ModelAdmin):
    list_display = ("kind", "value", "topic", "reading")
    list_filter = ("kind", "topic")
    search_fields = ("value", "sentence")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never changed here: attempts point at these rows, so an edit in place would change
    what students answered and were graded on with no new version and no regrade log. Questions
    are changed through the review screen (``question_edit`` makes a new version, a key change
    regrades); attempts only through the attempt and grading services."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    list_display = ("id", "type", "status", "topic", "bank", "version", "is_current")
    list_filter = ("status", "type", "topic", "origin", "is_current")
    search_fields = ("stem",)


class QuizSourceInline(admin.TabularInline):
    model = QuizSource
    extra = 0


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = ("title", "module", "is_published", "opens_at", "closes_at")
    inlines = [QuizSourceInline]

    def save_model(self, request: Any, obj: Quiz, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change:
            # The same consequences as quiz_update: a close moved into the past closes the attempts in progress.
            quiz_settings_applied(quiz=obj, changed=set(form.changed_data))


@admin.register(Attempt)
class AttemptAdmin(ReadOnlyAdmin):
    list_display = ("id", "user", "quiz", "number", "state", "score", "max_score")
    list_filter = ("state",)


@admin.register(RegradeLog)
class RegradeLogAdmin(ReadOnlyAdmin):
    """The record of why scores changed: an audit trail is not edited."""


admin.site.register(QuestionBank)
