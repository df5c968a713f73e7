from __future__ import annotations

from django.urls import path

from courseware import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("teach/", views.teach_home, name="teach-home"),
    path("manage/", views.manage_home, name="manage-home"),
]
