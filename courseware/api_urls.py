from __future__ import annotations

from django.urls import path

from courseware import apis

urlpatterns = [
    path("auth/token/", apis.TokenApi.as_view(), name="api-token"),
    path("courses/", apis.CourseListApi.as_view(), name="api-course-list"),
    path("courses/create/", apis.CourseCreateApi.as_view(), name="api-course-create"),
    path("courses/<id:course_id>/modules/reorder/", apis.ModuleReorderApi.as_view(), name="api-module-reorder"),
    path("modules/create/", apis.ModuleCreateApi.as_view(), name="api-module-create"),
    path("modules/<id:module_id>/update/", apis.ModuleUpdateApi.as_view(), name="api-module-update"),
    path("modules/<id:module_id>/publish/", apis.ModulePublishApi.as_view(), name="api-module-publish"),
    path("modules/<id:module_id>/lessons/build/", apis.LessonsBuildApi.as_view(), name="api-lessons-build"),
    path("modules/<id:module_id>/lessons/rebuild/", apis.LessonsRebuildApi.as_view(), name="api-lessons-rebuild"),
    path("modules/<id:module_id>/lessons/reorder/", apis.LessonReorderApi.as_view(), name="api-lesson-reorder"),
    path("lessons/<id:lesson_id>/update/", apis.LessonUpdateApi.as_view(), name="api-lesson-update"),
    path("lessons/<id:lesson_id>/delete/", apis.LessonDeleteApi.as_view(), name="api-lesson-delete"),
    path("courses/<id:course_id>/", apis.CourseDetailApi.as_view(), name="api-course-detail"),
    path("modules/", apis.ModuleListApi.as_view(), name="api-module-list"),
    path("modules/<id:module_id>/", apis.ModuleDetailApi.as_view(), name="api-module-detail"),
    path("lessons/", apis.LessonListApi.as_view(), name="api-lesson-list"),
    path("lessons/<id:lesson_id>/", apis.LessonDetailApi.as_view(), name="api-lesson-detail"),
    path("lessons/<id:lesson_id>/completion/", apis.LessonCompletionApi.as_view(), name="api-lesson-completion"),
    path("readings/", apis.ReadingListApi.as_view(), name="api-reading-list"),
    path("readings/import/", apis.ReadingImportApi.as_view(), name="api-reading-import"),
    path("readings/<id:reading_id>/generation/", apis.ReadingGenerationApi.as_view(), name="api-reading-generation"),
    path("readings/<id:reading_id>/", apis.ReadingDetailApi.as_view(), name="api-reading-detail"),
    path("sections/", apis.SectionListApi.as_view(), name="api-section-list"),
    path("sections/<id:section_id>/", apis.SectionDetailApi.as_view(), name="api-section-detail"),
]
