from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from quizzes.models import Attempt, Fact, LexiconTerm, Question, QuestionBank, Quiz, QuizSource, RegradeLog
from quizzes.questiontypes import key_terms
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


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ("id", "type", "status", "topic", "bank", "version", "is_current")
    list_filter = ("status", "type", "topic", "origin", "is_current")
    search_fields = ("stem",)
    readonly_fields = ("key_terms",)

    def save_model(self, request: HttpRequest, obj: Question, form: Any, change: bool) -> None:
        # The admin edits a row in place; its key's texts follow the key, as in every service.
        obj.key_terms = key_terms(obj.type, obj.choices, obj.answer)
        super().save_model(request, obj, form, change)


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
class AttemptAdmin(admin.ModelAdmin):
    list_display = ("id", "user", "quiz", "number", "state", "score", "max_score")
    list_filter = ("state",)


admin.site.register(QuestionBank)
admin.site.register(RegradeLog)
