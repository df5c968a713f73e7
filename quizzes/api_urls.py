from __future__ import annotations

from django.urls import path

from quizzes import apis

urlpatterns = [
    path("quizzes/", apis.QuizListApi.as_view(), name="api-quiz-list"),
    path("quizzes/<id:quiz_id>/", apis.QuizDetailApi.as_view(), name="api-quiz-detail"),
    path("quizzes/<id:quiz_id>/attempts/", apis.AttemptStartApi.as_view(), name="api-attempt-start"),
    path("attempts/", apis.AttemptListApi.as_view(), name="api-attempt-list"),
    path("attempts/<id:attempt_id>/", apis.AttemptDetailApi.as_view(), name="api-attempt-detail"),
    path("attempts/<id:attempt_id>/submit/", apis.AttemptSubmitApi.as_view(), name="api-attempt-submit"),
    path("attempts/<id:attempt_id>/responses/", apis.AttemptResponseListApi.as_view(), name="api-response-list"),
    path("attempts/<id:attempt_id>/responses/<id:question_id>/", apis.ResponseSaveApi.as_view(), name="api-response-save"),
    path("me/progress/", apis.MyProgressApi.as_view(), name="api-my-progress"),
    path("me/practice/", apis.MyPracticeApi.as_view(), name="api-my-practice"),
    path("me/practice/quizzes/", apis.PracticeQuizBuildApi.as_view(), name="api-practice-quiz-build"),
    path("courses/<id:course_id>/gradebook/", apis.GradebookApi.as_view(), name="api-gradebook"),
    path("courses/<id:course_id>/gradebook.csv", apis.GradebookCsvApi.as_view(), name="api-gradebook-csv"),
    path("courses/<id:course_id>/students/<id:student_id>/", apis.StudentDetailApi.as_view(), name="api-student-detail"),
    path("quizzes/<id:quiz_id>/item-statistics/", apis.ItemStatisticsApi.as_view(), name="api-item-statistics"),
]
