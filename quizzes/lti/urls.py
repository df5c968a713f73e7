from __future__ import annotations

from django.urls import path

from quizzes.lti import apis, views

app_name = "lti"

urlpatterns = [
    path("jwks/", views.jwks, name="jwks"),
    path("login/", views.oidc_login, name="login"),
    path("launch/", views.launch, name="launch"),
    path("deep-link/<str:launch_id>/", views.deep_link, name="deep-link"),
    path("setup/", views.setup, name="setup"),
    path("register/", views.dynamic_registration, name="register"),
    path("quizzes/<int:quiz_id>/sync/", views.quiz_sync_status, name="quiz-sync"),
    path("contexts/<int:context_id>/roster/", views.roster_pull, name="roster-pull"),
    path("api/platforms/", apis.PlatformCreateApi.as_view(), name="api-platforms"),
]
