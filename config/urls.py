from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config import health
from config.views import LoginView

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("healthz/web", health.healthz_web, name="healthz-web"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", include("config.api_urls")),
    path("lti/", include("quizzes.lti.urls")),
    path("", include("courseware.urls")),
    path("", include("quizzes.urls")),
]
