from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from courseware import selectors
from courseware.permissions import admin_required, instructor_required


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    courses = selectors.course_list_for_user(user=request.user)
    return render(request, "courseware/dashboard.html", {"courses": courses})


@instructor_required
def teach_home(request: HttpRequest) -> HttpResponse:
    courses = selectors.course_list_taught_by(user=request.user)
    return render(request, "courseware/teach_home.html", {"courses": courses})


@admin_required
def manage_home(request: HttpRequest) -> HttpResponse:
    readings = selectors.reading_list()
    return render(request, "courseware/manage_home.html", {"readings": readings})
