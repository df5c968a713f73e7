from __future__ import annotations

from django.urls import path

from quizzes import views, views_editor, views_marking, views_teach

urlpatterns = [
    path("quizzes/<int:quiz_id>/", views.quiz_start, name="quiz-start"),
    path("attempts/<int:attempt_id>/", views.attempt_take, name="attempt-take"),
    path("attempts/<int:attempt_id>/answer/", views.attempt_answer, name="attempt-answer"),
    path("attempts/<int:attempt_id>/flag/", views_teach.attempt_flag, name="attempt-flag"),
    path("attempts/<int:attempt_id>/submit/", views.attempt_submit, name="attempt-submit"),
    path("attempts/<int:attempt_id>/result/", views.attempt_result, name="attempt-result"),
    path("progress/", views.progress, name="progress"),
    path("practice/", views.practice_start, name="practice-start"),
    # instructors
    path("teach/banks/", views.bank_list, name="bank-list"),
    path("teach/banks/<int:bank_id>/", views.bank_review, name="bank-review"),
    path("teach/banks/<int:bank_id>/bulk-approve/", views.bank_bulk_approve, name="bank-bulk-approve"),
    path("teach/banks/<int:bank_id>/import/", views.bank_import, name="bank-import"),
    path("teach/banks/<int:bank_id>/copy/", views.bank_copy, name="bank-copy"),
    path("teach/banks/<int:bank_id>/export/<slug:fmt>/", views.bank_export, name="bank-export"),
    path("teach/banks/<int:bank_id>/new/", views_editor.question_new, name="question-new"),
    path("teach/banks/<int:bank_id>/preview/", views_editor.question_preview, name="question-preview"),
    path("teach/questions/<int:question_id>/edit/", views_editor.question_edit, name="question-edit"),
    path("teach/questions/<int:question_id>/history/", views_editor.question_history_page, name="question-history"),
    path("teach/questions/<int:question_id>/discard-pending/", views_editor.question_discard_pending, name="question-discard-pending"),
    path("teach/questions/<int:question_id>/status/", views.question_status, name="question-status"),
    path("teach/modules/<int:module_id>/quizzes/new/", views.quiz_new, name="quiz-new"),
    path("teach/quizzes/<int:quiz_id>/", views.quiz_edit, name="quiz-edit"),
    path("teach/quizzes/<int:quiz_id>/preview/", views.quiz_preview, name="quiz-preview"),
    path("teach/quizzes/<int:quiz_id>/accommodations/", views_teach.quiz_accommodations, name="quiz-accommodations"),
    path("teach/quizzes/<int:quiz_id>/marking/", views_marking.quiz_marking, name="quiz-marking"),
    path("teach/marking/<int:response_id>/", views_marking.essay_mark_page, name="essay-mark"),
    path("teach/quizzes/<int:quiz_id>/stats/", views.quiz_stats, name="quiz-stats"),
    path("teach/quizzes/<int:quiz_id>/stats.csv", views.quiz_stats_csv, name="quiz-stats-csv"),
    path("teach/questions/<int:question_id>/<slug:action>/confirm/", views_teach.question_change_confirm, name="question-change-confirm"),
    path("teach/regrades/<int:log_id>/", views_teach.regrade_report, name="regrade-report"),
    path("teach/banks/<int:bank_id>/regrades/", views_teach.bank_regrades, name="bank-regrades"),
    path("teach/attempts/<int:attempt_id>/", views_teach.attempt_inspect, name="attempt-inspect"),
    path("teach/courses/<int:course_id>/gradebook/", views.gradebook, name="gradebook"),
    path("teach/courses/<int:course_id>/gradebook.csv", views.gradebook_csv, name="gradebook-csv"),
    path("teach/courses/<int:course_id>/students/<int:user_id>/", views.student_detail, name="student-detail"),
]
