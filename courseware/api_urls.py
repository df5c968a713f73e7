from __future__ import annotations

from django.urls import path

from courseware import apis

urlpatterns = [
    path("auth/token/", apis.TokenCreateApi.as_view(), name="api-token"),
    path("courses/", apis.CourseListApi.as_view(), name="api-course-list"),
    path("courses/<id:course_id>/", apis.CourseDetailApi.as_view(), name="api-course-detail"),
    path("modules/", apis.ModuleListApi.as_view(), name="api-module-list"),
    path("modules/<id:module_id>/", apis.ModuleDetailApi.as_view(), name="api-module-detail"),
    path("lessons/", apis.LessonListApi.as_view(), name="api-lesson-list"),
    path("lessons/<id:lesson_id>/", apis.LessonDetailApi.as_view(), name="api-lesson-detail"),
    path("readings/", apis.ReadingListApi.as_view(), name="api-reading-list"),
    path("readings/import/", apis.ReadingImportApi.as_view(), name="api-reading-import"),
    path("readings/<id:reading_id>/", apis.ReadingDetailApi.as_view(), name="api-reading-detail"),
    path("sections/", apis.SectionListApi.as_view(), name="api-section-list"),
    path("sections/<id:section_id>/", apis.SectionDetailApi.as_view(), name="api-section-detail"),
]
