from __future__ import annotations

from django.urls import path

from quizzes import apis, apis_teach

urlpatterns = [
    path("quizzes/", apis.QuizListApi.as_view(), name="api-quiz-list"),
    path("quizzes/create/", apis.QuizCreateApi.as_view(), name="api-quiz-create"),
    path("quizzes/<id:quiz_id>/update/", apis.QuizUpdateApi.as_view(), name="api-quiz-update"),
    path("quizzes/<id:quiz_id>/", apis.QuizDetailApi.as_view(), name="api-quiz-detail"),
    path("quizzes/<id:quiz_id>/attempts/", apis.AttemptStartApi.as_view(), name="api-attempt-start"),
    path("attempts/", apis.AttemptListApi.as_view(), name="api-attempt-list"),
    path("attempts/<id:attempt_id>/", apis.AttemptDetailApi.as_view(), name="api-attempt-detail"),
    path("attempts/<id:attempt_id>/submit/", apis.AttemptSubmitApi.as_view(), name="api-attempt-submit"),
    path("attempts/<id:attempt_id>/responses/", apis.AttemptResponseListApi.as_view(), name="api-response-list"),
    path("attempts/<id:attempt_id>/responses/<id:question_id>/", apis.ResponseSaveApi.as_view(), name="api-response-save"),
    path("attempts/<id:attempt_id>/responses/<id:question_id>/flag/", apis_teach.ResponseFlagApi.as_view(), name="api-response-flag"),
    path("me/progress/", apis.MyProgressApi.as_view(), name="api-my-progress"),
    path("me/practice/", apis.MyPracticeApi.as_view(), name="api-my-practice"),
    path("me/practice/quizzes/", apis.PracticeQuizBuildApi.as_view(), name="api-practice-quiz-build"),
    path("courses/<id:course_id>/gradebook/", apis.GradebookApi.as_view(), name="api-gradebook"),
    path("courses/<id:course_id>/gradebook.csv", apis.GradebookCsvApi.as_view(), name="api-gradebook-csv"),
    path("courses/<id:course_id>/students/<id:student_id>/", apis.StudentDetailApi.as_view(), name="api-student-detail"),
    path("quizzes/<id:quiz_id>/item-statistics/", apis.ItemStatisticsApi.as_view(), name="api-item-statistics"),
    path("banks/", apis.BankListApi.as_view(), name="api-bank-list"),
    path("banks/create/", apis.BankCreateApi.as_view(), name="api-bank-create"),
    path("banks/<id:bank_id>/", apis.BankDetailApi.as_view(), name="api-bank-detail"),
    path("banks/<id:bank_id>/update/", apis.BankUpdateApi.as_view(), name="api-bank-update"),
    path("banks/<id:bank_id>/delete/", apis.BankDeleteApi.as_view(), name="api-bank-delete"),
    path("banks/<id:bank_id>/copy/", apis.BankCopyApi.as_view(), name="api-bank-copy"),
    path("banks/<id:bank_id>/questions/", apis.BankQuestionListApi.as_view(), name="api-bank-questions"),
    path("banks/<id:bank_id>/questions/create/", apis.QuestionCreateApi.as_view(), name="api-question-create"),
    path("banks/<id:bank_id>/approve/", apis.BankBulkApproveApi.as_view(), name="api-bank-bulk-approve"),
    path("banks/<id:bank_id>/import/", apis.BankImportApi.as_view(), name="api-bank-import"),
    path("banks/<id:bank_id>/export/", apis.BankExportApi.as_view(), name="api-bank-export"),
    path("questions/<id:question_id>/", apis.QuestionDetailApi.as_view(), name="api-question-detail"),
    path("questions/<id:question_id>/versions/", apis.QuestionVersionsApi.as_view(), name="api-question-versions"),
    path("questions/<id:question_id>/edit/", apis.QuestionEditApi.as_view(), name="api-question-edit"),
    path("questions/<id:question_id>/approve/", apis.QuestionApproveApi.as_view(), name="api-question-approve"),
    path("questions/<id:question_id>/retire/", apis.QuestionRetireApi.as_view(), name="api-question-retire"),
]
