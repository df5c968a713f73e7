from __future__ import annotations

from django.urls import path

from courseware.views import builder, groups, manage, student

urlpatterns = [
    path("", student.dashboard, name="dashboard"),
    path("courses/<int:course_id>/", student.course_detail, name="course-detail"),
    path("modules/<int:module_id>/", student.module_detail, name="module-detail"),
    path("lessons/<int:lesson_id>/", student.lesson_detail, name="lesson-detail"),
    path("lessons/<int:lesson_id>/completion/", student.lesson_completion, name="lesson-completion"),
    path("readings/<int:reading_id>/", student.reading_detail, name="reading-detail"),
    # instructors
    path("teach/", builder.teach_home, name="teach-home"),
    path("teach/courses/<int:course_id>/", builder.course_builder, name="course-builder"),
    path("teach/courses/<int:course_id>/groups/", groups.course_groups, name="course-groups"),
    path("teach/courses/<int:course_id>/reorder/", builder.module_reorder, name="module-reorder"),
    path("teach/modules/<int:module_id>/", builder.module_builder, name="module-builder"),
    path("teach/modules/<int:module_id>/publish/", builder.module_publish, name="module-publish"),
    path("teach/modules/<int:module_id>/build/", builder.module_build_lessons, name="module-build-lessons"),
    path("teach/modules/<int:module_id>/rebuild/", builder.module_rebuild_lessons, name="module-rebuild-lessons"),
    path("teach/modules/<int:module_id>/reorder/", builder.lesson_reorder, name="lesson-reorder"),
    path("teach/lessons/<int:lesson_id>/", builder.lesson_edit, name="lesson-edit"),
    path("teach/lessons/<int:lesson_id>/publish/", builder.lesson_publish, name="lesson-publish"),
    path("teach/sections/<int:section_id>/visibility/", student.section_visibility, name="section-visibility"),
    # admins
    path("manage/", manage.manage_home, name="manage-home"),
    path("manage/import/", manage.reading_import, name="reading-import"),
    path("manage/readings/<int:reading_id>/questions/", manage.reading_progress_page, name="reading-progress-page"),
    path("manage/readings/<int:reading_id>/progress/", manage.reading_progress, name="reading-progress"),
    path("manage/lexicon/", manage.lexicon, name="lexicon"),
]
