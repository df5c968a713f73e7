from __future__ import annotations

from django.urls import path

from courseware import views, views_groups

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("courses/<int:course_id>/", views.course_detail, name="course-detail"),
    path("modules/<int:module_id>/", views.module_detail, name="module-detail"),
    path("lessons/<int:lesson_id>/", views.lesson_detail, name="lesson-detail"),
    path("lessons/<int:lesson_id>/completion/", views.lesson_completion, name="lesson-completion"),
    path("readings/<int:reading_id>/", views.reading_detail, name="reading-detail"),
    # instructors
    path("teach/", views.teach_home, name="teach-home"),
    path("teach/courses/<int:course_id>/", views.course_builder, name="course-builder"),
    path("teach/courses/<int:course_id>/groups/", views_groups.course_groups, name="course-groups"),
    path("teach/courses/<int:course_id>/reorder/", views.module_reorder, name="module-reorder"),
    path("teach/modules/<int:module_id>/", views.module_builder, name="module-builder"),
    path("teach/modules/<int:module_id>/publish/", views.module_publish, name="module-publish"),
    path("teach/modules/<int:module_id>/build/", views.module_build_lessons, name="module-build-lessons"),
    path("teach/modules/<int:module_id>/rebuild/", views.module_rebuild_lessons, name="module-rebuild-lessons"),
    path("teach/modules/<int:module_id>/reorder/", views.lesson_reorder, name="lesson-reorder"),
    path("teach/lessons/<int:lesson_id>/", views.lesson_edit, name="lesson-edit"),
    path("teach/lessons/<int:lesson_id>/publish/", views.lesson_publish, name="lesson-publish"),
    path("teach/sections/<int:section_id>/visibility/", views.section_visibility, name="section-visibility"),
    # admins
    path("manage/", views.manage_home, name="manage-home"),
    path("manage/import/", views.reading_import, name="reading-import"),
    path("manage/readings/<int:reading_id>/questions/", views.reading_progress_page, name="reading-progress-page"),
    path("manage/readings/<int:reading_id>/progress/", views.reading_progress, name="reading-progress"),
    path("manage/lexicon/", views.lexicon, name="lexicon"),
]
