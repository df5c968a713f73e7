"""The courseware pages: what each role sees, that writes go through the services, and that
imported text is always shown escaped."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courseware.models import Lesson, Module, Reading
from tests.conftest import client_for
from tests.factories import LessonFactory, ModuleFactory, ReadingFactory, SectionFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"


def test_the_dashboard_lists_my_courses_and_open_quizzes(student, course):
    from tests.factories import QuizFactory

    quiz = QuizFactory(module=ModuleFactory(course=course), title="Summits quiz")
    html = client_for(student).get(reverse("dashboard")).content.decode()
    assert course.title in html
    assert quiz.title in html
    assert reverse("quiz-start", args=[quiz.pk]) in html


def test_a_lesson_shows_paragraphs_with_key_terms_highlighted_and_escaped(student, course):
    module = ModuleFactory(course=course)
    lesson = LessonFactory(module=module, body=f"Ukraine received HIMARS.\n\nThen {SCRIPT} happened.", key_terms=["HIMARS"])
    html = client_for(student).get(reverse("lesson-detail", args=[lesson.pk])).content.decode()
    assert '<mark class="term">HIMARS</mark>' in html
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html


def test_a_lesson_links_to_the_previous_and_next_lesson(student, course):
    module = ModuleFactory(course=course)
    first, second, third = (LessonFactory(module=module, order=i, title=f"L{i}") for i in range(3))
    html = client_for(student).get(reverse("lesson-detail", args=[second.pk])).content.decode()
    assert reverse("lesson-detail", args=[first.pk]) in html
    assert reverse("lesson-detail", args=[third.pk]) in html


def test_a_student_cannot_open_a_lesson_of_another_course(student, other_course):
    lesson = LessonFactory(module=ModuleFactory(course=other_course))
    assert client_for(student).get(reverse("lesson-detail", args=[lesson.pk])).status_code == 404


def test_a_reading_is_shown_as_escaped_text(instructor, course):
    reading = ReadingFactory(raw_text=f"Intro {SCRIPT}")
    SectionFactory(reading=reading, heading="Intro", text=f"Intro {SCRIPT}")
    html = client_for(instructor).get(reverse("reading-detail", args=[reading.pk])).content.decode()
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html


def test_an_instructor_creates_a_course_and_becomes_its_instructor(instructor):
    response = client_for(instructor).post(reverse("teach-home"), {"title": "Deterrence", "description": ""})
    assert response.status_code == 302
    from courseware.models import Course

    course = Course.objects.get(title="Deterrence")
    assert course.enrollments.filter(user=instructor, role="instructor").exists()


def test_an_instructor_builds_a_module_with_lessons_from_a_reading(instructor, course):
    reading = ReadingFactory()
    body = SectionFactory(reading=reading, heading="Aid", text="Ukraine received HIMARS in 2022.", kind="body")
    client = client_for(instructor)
    response = client.post(reverse("course-builder", args=[course.pk]), {"title": "Aid", "description": "", "reading": reading.pk})
    module = Module.objects.get(course=course, title="Aid")
    assert response["Location"] == reverse("module-builder", args=[module.pk])
    client.post(reverse("module-build-lessons", args=[module.pk]), {"sections": [body.pk]})
    assert list(module.lessons.values_list("section_id", flat=True)) == [body.pk]
    client.post(reverse("module-publish", args=[module.pk]), {"publish": "1"})
    module.refresh_from_db()
    assert module.is_published


def test_an_instructor_reorders_lessons_with_htmx(instructor, course):
    module = ModuleFactory(course=course)
    a, b = LessonFactory(module=module, order=0), LessonFactory(module=module, order=1)
    response = client_for(instructor).post(reverse("lesson-reorder", args=[module.pk]), {"order": [b.pk, a.pk]}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert list(Lesson.objects.filter(module=module).order_by("order").values_list("pk", flat=True)) == [b.pk, a.pk]


def test_an_instructor_cannot_change_a_module_of_another_course(instructor, other_course):
    module = ModuleFactory(course=other_course, is_published=False)
    response = client_for(instructor).post(reverse("module-publish", args=[module.pk]), {"publish": "1"})
    assert response.status_code == 404
    module.refresh_from_db()
    assert not module.is_published


def test_the_import_page_previews_sections_and_removed_boilerplate_then_imports(admin):
    client = client_for(admin)
    text = "A Test Reading\n\nIntroduction\n\nNATO agreed on new aid for Ukraine in 2024. The allies met in Washington.\n\nConclusion\n\nThe alliance endures and keeps its promises to its members.\n"
    response = client.post(reverse("reading-import"), {"step": "preview", "text": text, "title": "A Test Reading", "kind": "paper"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="preview-sections"' in html
    assert Reading.objects.count() == 0  # a preview saves nothing
    token = response.context["token"]
    response = client.post(reverse("reading-import"), {"step": "confirm", "token": token})
    reading = Reading.objects.get()
    assert response["Location"] == reverse("reading-progress-page", args=[reading.pk])
    assert reading.sections.exists()


def test_the_import_page_explains_a_bad_file(admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("empty.txt", b"", content_type="text/plain")
    response = client_for(admin).post(reverse("reading-import"), {"step": "preview", "file": upload, "kind": "paper"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert Reading.objects.count() == 0


def test_a_confirmation_with_a_forged_token_imports_nothing(admin):
    response = client_for(admin).post(reverse("reading-import"), {"step": "confirm", "token": "0" * 32})
    assert response.status_code == 302
    assert Reading.objects.count() == 0


def test_the_readings_list_shows_versions_with_a_fixed_number_of_queries(admin, django_assert_num_queries):
    first = ReadingFactory(title="Paper", version=1, is_latest=False)
    ReadingFactory(title="Paper", version=2, lineage=first)
    ReadingFactory(title="Other")
    client = client_for(admin)
    client.get(reverse("manage-home"))  # warm the session
    with django_assert_num_queries(3):  # session, user, readings with their section counts
        html = client.get(reverse("manage-home")).content.decode()
    assert "v1" in html and "v2" in html


def test_pages_carry_a_strict_content_security_policy(student, course):
    response = client_for(student).get(reverse("dashboard"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode().replace('<script src="', "")


def test_the_generation_progress_bar_polls_until_generation_is_done(admin):
    from quizzes.models import GenerationJob

    reading = ReadingFactory()
    job = GenerationJob.objects.create(reading=reading, state=GenerationJob.State.RUNNING, progress=40, message="section 2 of 5")
    client = client_for(admin)
    url = reverse("reading-progress", args=[reading.pk])
    running = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'value="40"' in running and 'hx-trigger="every 1s"' in running and "section 2 of 5" in running
    GenerationJob.objects.filter(pk=job.pk).update(state=GenerationJob.State.DONE, progress=100, questions=17)
    done = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "Questions generated: 17" in done and "hx-trigger" not in done


def test_an_admin_adds_and_edits_a_lexicon_term(admin):
    from quizzes.models import LexiconTerm

    client = client_for(admin)
    client.post(reverse("lexicon"), {"term": "Storm Shadow", "category": "system", "aliases": "SCALP-EG, Storm-Shadow", "is_active": "on"})
    term = LexiconTerm.objects.get(term="Storm Shadow")
    assert term.aliases == ["SCALP-EG", "Storm-Shadow"] and term.added_by == admin
    client.post(
        reverse("lexicon"),
        {"term_id": term.pk, "term": "Storm Shadow", "category": "system", "aliases": "", "description": "cruise missile"},
    )
    term.refresh_from_db()
    assert term.description == "cruise missile" and not term.is_active
    assert "Storm Shadow" in client.get(reverse("lexicon") + "?q=storm").content.decode()


def test_every_form_post_needs_the_csrf_token(student, course):
    from django.test import Client

    from tests.factories import QuestionFactory, QuizFactory, QuizSourceFactory

    quiz = QuizFactory(module=ModuleFactory(course=course))
    QuizSourceFactory(quiz=quiz, bank=QuestionFactory().bank, count=1)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(student)
    assert strict.post(reverse("quiz-start", args=[quiz.pk])).status_code == 403
    page = strict.get(reverse("quiz-start", args=[quiz.pk]))
    token = page.cookies["csrftoken"].value if "csrftoken" in page.cookies else strict.cookies["csrftoken"].value
    assert strict.post(reverse("quiz-start", args=[quiz.pk]), HTTP_X_CSRFTOKEN=token).status_code == 302


def test_a_module_offers_to_rebuild_its_lessons_from_a_newer_reading_version(instructor, course):
    old = ReadingFactory(title="Paper", version=1, is_latest=False)
    new = ReadingFactory(title="Paper", version=2, lineage=old)
    old_section = SectionFactory(reading=old, heading="Aid", text="Old text about aid.")
    SectionFactory(reading=new, heading="Aid", text="New text about aid.")
    module = ModuleFactory(course=course, reading=old)
    LessonFactory(module=module, section=old_section, title="Aid")
    client = client_for(instructor)
    assert "Rebuild lessons from v2" in client.get(reverse("module-builder", args=[module.pk])).content.decode()
    client.post(reverse("module-rebuild-lessons", args=[module.pk]))
    module.refresh_from_db()
    assert module.reading == new
    assert [lesson.section.reading_id for lesson in module.lessons.all()] == [new.pk]


def test_no_template_or_script_turns_text_into_markup():
    """Imported and question text reach the browser only through auto-escaping: no template
    marks anything safe, and our scripts never assign HTML strings."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    templates = [*root.glob("templates/**/*.html"), *root.glob("*/templates/**/*.html")]
    assert templates
    for path in templates:
        text = path.read_text()
        assert "|safe" not in text and "autoescape off" not in text, path
    for path in root.glob("static/js/*.js"):
        text = path.read_text()
        assert "innerHTML" not in text and "insertAdjacentHTML" not in text and "eval(" not in text, path


def test_an_instructor_hides_a_lesson_from_students(instructor, student, course):
    lesson = LessonFactory(module=ModuleFactory(course=course))
    client_for(instructor).post(reverse("lesson-publish", args=[lesson.pk]), {"publish": "0"})
    lesson.refresh_from_db()
    assert not lesson.is_published
    assert client_for(student).get(reverse("lesson-detail", args=[lesson.pk])).status_code == 404


@pytest.mark.parametrize("bad_id", ["abc", "1e3", "99999999999999999999999", "²"])
def test_a_lexicon_term_id_that_is_not_a_number_is_not_found(admin, bad_id):
    """F10: ``?edit=abc`` and ``term_id=abc`` were 500s (ValueError from the id lookup)."""
    from quizzes.models import LexiconTerm

    client = client_for(admin)
    assert client.get(reverse("lexicon"), {"edit": bad_id}).status_code == 404
    posted = client.post(reverse("lexicon"), {"term_id": bad_id, "term": "Storm Shadow", "category": "system", "aliases": ""})
    assert posted.status_code == 404
    assert not LexiconTerm.objects.filter(term="Storm Shadow").exists()
