"""The instructors' page of a course's groups (Moodle's groups): create, rename, change members,
delete. Quizzes grant accommodations to these groups on their accommodations page.

Kept apart from ``courseware.views`` so that file stays small. Thin: the permission-checked
fetch is ``course_get_for_instructor``; writes go through ``courseware.services.groups``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from courseware.models import Course, User
from courseware.permissions import instructor_required
from courseware.selectors import course_get_for_instructor, course_students, group_get_for_course, group_list_for_course
from courseware.services.groups import group_create, group_delete, group_update

GROUP_CREATED = "Group “{name}” created."
GROUP_SAVED = "Group “{name}” saved."
GROUP_DELETED = "Group “{name}” deleted; its accommodations went with it."


class GroupForm(forms.Form):
    name = forms.CharField(max_length=100, label="Name", widget=forms.TextInput(attrs={"size": 40}))
    members = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple, label="Members"
    )

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members: Any = self.fields["members"]
        members.queryset = course_students(course=course)
        members.label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.username})"


@instructor_required
def course_groups(request: HttpRequest, course_id: int) -> HttpResponse:
    course = course_get_for_instructor(user=request.user, course_id=course_id)
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "delete":
        group = group_get_for_course(course=course, group_id=request.POST.get("group"))
        group_delete(group=group)
        messages.success(request, GROUP_DELETED.format(name=group.name))
        return redirect("course-groups", course_id=course.pk)

    # The form that was posted keeps its input and errors; every other group shows its saved state.
    posted_group = group_get_for_course(course=course, group_id=request.POST.get("group")) if action == "update" else None
    new_form = GroupForm(request.POST if action == "create" else None, course=course, prefix="new")
    if action == "create" and new_form.is_valid():
        try:
            group = group_create(course=course, name=new_form.cleaned_data["name"], members=new_form.cleaned_data["members"])
        except ValidationError as exc:
            new_form.add_error(None, exc)
        else:
            messages.success(request, GROUP_CREATED.format(name=group.name))
            return redirect("course-groups", course_id=course.pk)

    rows = []
    for group in group_list_for_course(course=course):
        members = list(group.members.all())
        if posted_group is not None and group.pk == posted_group.pk:
            form = GroupForm(request.POST, course=course, prefix=f"g{group.pk}")
            if form.is_valid():
                try:
                    group_update(group=group, name=form.cleaned_data["name"], members=form.cleaned_data["members"])
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(request, GROUP_SAVED.format(name=group.name))
                    return redirect(f"{request.path}#group-{group.pk}")
        else:
            form = GroupForm(initial={"name": group.name, "members": members}, course=course, prefix=f"g{group.pk}")
        rows.append({"group": group, "members": members, "form": form})
    return render(
        request,
        "courseware/course_groups.html",
        {"course": course, "rows": rows, "new_form": new_form, "has_students": course_students(course=course).exists()},
    )
