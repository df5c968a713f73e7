from __future__ import annotations

from django.urls import path

from quizzes.views import authoring, banks, editor, files, gradebook, marking, progress, taking, teach

urlpatterns = [
    path("quizzes/<int:quiz_id>/", taking.quiz_start, name="quiz-start"),
    path("attempts/<int:attempt_id>/", taking.attempt_take, name="attempt-take"),
    path("attempts/<int:attempt_id>/answer/", taking.attempt_answer, name="attempt-answer"),
    path("attempts/<int:attempt_id>/flag/", teach.attempt_flag, name="attempt-flag"),
    path("attempts/<int:attempt_id>/attach/", taking.attempt_attach, name="attempt-attach"),
    path("attempts/<int:attempt_id>/submit/", taking.attempt_submit, name="attempt-submit"),
    path("attempts/<int:attempt_id>/result/", taking.attempt_result, name="attempt-result"),
    path("progress/", progress.progress, name="progress"),
    # question images, for whoever may see the question (quizzes.media builds these URLs)
    path("question-files/<int:question_id>/<str:name>", files.question_file, name="question-file"),
    # a file attached to an essay, for its student and the quiz's markers
    path("essay-files/<int:response_id>/", files.response_file, name="response-file"),
    path("practice/", progress.practice_start, name="practice-start"),
    # instructors
    path("teach/banks/", banks.bank_list, name="bank-list"),
    path("teach/banks/<int:bank_id>/", banks.bank_review, name="bank-review"),
    path("teach/banks/<int:bank_id>/bulk-approve/", banks.bank_bulk_approve, name="bank-bulk-approve"),
    path("teach/banks/<int:bank_id>/import/", banks.bank_import, name="bank-import"),
    path("teach/banks/<int:bank_id>/copy/", banks.bank_copy, name="bank-copy"),
    path("teach/banks/<int:bank_id>/export/<slug:fmt>/", banks.bank_export, name="bank-export"),
    path("teach/banks/<int:bank_id>/new/", editor.question_new, name="question-new"),
    path("teach/banks/<int:bank_id>/preview/", editor.question_preview, name="question-preview"),
    path("teach/questions/<int:question_id>/edit/", editor.question_edit, name="question-edit"),
    path("teach/questions/<int:question_id>/history/", editor.question_history_page, name="question-history"),
    path("teach/questions/<int:question_id>/discard-pending/", editor.question_discard_pending, name="question-discard-pending"),
    path("teach/questions/<int:question_id>/status/", banks.question_status, name="question-status"),
    path("teach/modules/<int:module_id>/quizzes/new/", authoring.quiz_new, name="quiz-new"),
    path("teach/quizzes/<int:quiz_id>/", authoring.quiz_edit, name="quiz-edit"),
    path("teach/quizzes/<int:quiz_id>/preview/", authoring.quiz_preview, name="quiz-preview"),
    path("teach/quizzes/<int:quiz_id>/accommodations/", teach.quiz_accommodations, name="quiz-accommodations"),
    path("teach/quizzes/<int:quiz_id>/marking/", marking.quiz_marking, name="quiz-marking"),
    path("teach/marking/<int:response_id>/", marking.essay_mark_page, name="essay-mark"),
    path("teach/quizzes/<int:quiz_id>/stats/", gradebook.quiz_stats, name="quiz-stats"),
    path("teach/quizzes/<int:quiz_id>/stats.csv", gradebook.quiz_stats_csv, name="quiz-stats-csv"),
    path("teach/questions/<int:question_id>/<slug:action>/confirm/", teach.question_change_confirm, name="question-change-confirm"),
    path("teach/regrades/<int:log_id>/", teach.regrade_report, name="regrade-report"),
    path("teach/banks/<int:bank_id>/regrades/", teach.bank_regrades, name="bank-regrades"),
    path("teach/attempts/<int:attempt_id>/", teach.attempt_inspect, name="attempt-inspect"),
    path("teach/courses/<int:course_id>/gradebook/", gradebook.gradebook, name="gradebook"),
    path("teach/courses/<int:course_id>/gradebook.csv", gradebook.gradebook_csv, name="gradebook-csv"),
    path("teach/courses/<int:course_id>/students/<int:user_id>/", gradebook.student_detail, name="student-detail"),
]
