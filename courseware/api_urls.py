from __future__ import annotations

from django.urls import path

from courseware.apis import auth, builder, courses, readings

urlpatterns = [
    path("auth/token/", auth.TokenApi.as_view(), name="api-token"),
    path("courses/", courses.CourseListApi.as_view(), name="api-course-list"),
    path("courses/create/", builder.CourseCreateApi.as_view(), name="api-course-create"),
    path("courses/<id:course_id>/modules/reorder/", builder.ModuleReorderApi.as_view(), name="api-module-reorder"),
    path("modules/create/", builder.ModuleCreateApi.as_view(), name="api-module-create"),
    path("modules/<id:module_id>/update/", builder.ModuleUpdateApi.as_view(), name="api-module-update"),
    path("modules/<id:module_id>/publish/", builder.ModulePublishApi.as_view(), name="api-module-publish"),
    path("modules/<id:module_id>/lessons/build/", builder.LessonsBuildApi.as_view(), name="api-lessons-build"),
    path("modules/<id:module_id>/lessons/rebuild/", builder.LessonsRebuildApi.as_view(), name="api-lessons-rebuild"),
    path("modules/<id:module_id>/lessons/reorder/", builder.LessonReorderApi.as_view(), name="api-lesson-reorder"),
    path("lessons/<id:lesson_id>/update/", builder.LessonUpdateApi.as_view(), name="api-lesson-update"),
    path("lessons/<id:lesson_id>/delete/", builder.LessonDeleteApi.as_view(), name="api-lesson-delete"),
    path("courses/<id:course_id>/", courses.CourseDetailApi.as_view(), name="api-course-detail"),
    path("modules/", courses.ModuleListApi.as_view(), name="api-module-list"),
    path("modules/<id:module_id>/", courses.ModuleDetailApi.as_view(), name="api-module-detail"),
    path("lessons/", courses.LessonListApi.as_view(), name="api-lesson-list"),
    path("lessons/<id:lesson_id>/", courses.LessonDetailApi.as_view(), name="api-lesson-detail"),
    path("lessons/<id:lesson_id>/completion/", courses.LessonCompletionApi.as_view(), name="api-lesson-completion"),
    path("readings/", readings.ReadingListApi.as_view(), name="api-reading-list"),
    path("readings/import/", readings.ReadingImportApi.as_view(), name="api-reading-import"),
    path("readings/<id:reading_id>/generation/", readings.ReadingGenerationApi.as_view(), name="api-reading-generation"),
    path("readings/<id:reading_id>/", readings.ReadingDetailApi.as_view(), name="api-reading-detail"),
    path("sections/", readings.SectionListApi.as_view(), name="api-section-list"),
    path("sections/<id:section_id>/", readings.SectionDetailApi.as_view(), name="api-section-detail"),
]
