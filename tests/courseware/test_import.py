"""reading_import: what an import saves, idempotency, versions, and bad input (nothing saved)."""

from __future__ import annotations

import hashlib
import random

import pytest
from django.test import override_settings

from courseware.ingest import errors
from courseware.ingest.render import sanitize_html, text_to_html
from courseware.models import Citation, Reading, RemovedSpan, Section
from courseware.services.readings import (
    INVALID_KIND_MESSAGE,
    ReadingImportError,
    reading_import,
    reading_preview,
    reading_versions,
)
from tests.courseware.readings_support import PAPER_HEADINGS, SEED_NEWS_VILNIUS, SEED_PAPER, pdf_without_text

pytestmark = pytest.mark.django_db


def import_paper(**kwargs):
    return reading_import(data=SEED_PAPER.read_bytes(), filename=SEED_PAPER.name, kind="paper", **kwargs)


def assert_nothing_saved() -> None:
    assert Reading.objects.count() == 0
    assert Section.objects.count() == 0
    assert Citation.objects.count() == 0
    assert RemovedSpan.objects.count() == 0


def test_importing_the_seed_paper_saves_the_reading_its_sections_and_citations(admin):
    result = import_paper(title="NATO's response to the war in Ukraine", imported_by=admin)
    reading = result.reading
    assert result.created is True
    assert reading.title == "NATO's response to the war in Ukraine"
    assert (reading.kind, reading.language, reading.version, reading.is_latest) == ("paper", "en", 1, True)
    assert reading.checksum == hashlib.sha256(SEED_PAPER.read_bytes()).hexdigest()
    assert reading.source_format == "text"
    assert reading.imported_by == admin
    assert reading.raw_text.startswith(" Abstract")
    assert [section.heading for section in reading.sections.order_by("order")] == PAPER_HEADINGS
    assert Citation.objects.filter(section__reading=reading, authors="Thomson et al.", year=2023).exists()


def test_every_saved_section_is_exactly_its_slice_of_the_cleaned_text():
    reading = import_paper().reading
    for section in reading.sections.all():
        assert reading.cleaned_text[section.start : section.end] == section.text
        for citation in section.citations.all():
            assert section.text[citation.start : citation.start + len(citation.as_cited)] == citation.as_cited


def test_removed_boilerplate_is_kept_with_its_reason():
    reading = reading_import(data=SEED_NEWS_VILNIUS.read_bytes(), filename=SEED_NEWS_VILNIUS.name, kind="news").reading
    spans = list(reading.removed_spans.order_by("order").values_list("reason", flat=True))
    assert spans == ["summary_widget", "summary_widget", "article_navigation"]
    assert "Previous Article" not in reading.cleaned_text


def test_the_result_has_the_shape_of_the_json_contract():
    payload = import_paper().as_dict()
    assert set(payload) == {"reading", "created", "sections", "removed"}
    assert set(payload["reading"]) == {"id", "title", "kind", "checksum", "language", "version"}
    assert all(set(section) == {"order", "heading", "kind", "language", "chars", "citations"} for section in payload["sections"])
    military = payload["sections"][2]
    assert military["heading"] == "Military and defense support for Ukraine"
    assert "(Lupovici, 2023)" in military["citations"]


def test_importing_the_same_bytes_again_creates_nothing():
    first = import_paper()
    again = import_paper(title="Another title")
    assert again.created is False
    assert again.reading == first.reading
    assert again.as_dict()["sections"] == first.as_dict()["sections"]
    assert Reading.objects.count() == 1
    assert Section.objects.count() == len(PAPER_HEADINGS)


def test_an_edited_reading_with_the_same_title_becomes_a_new_version():
    first = import_paper(title="NATO and Ukraine").reading
    edited = SEED_PAPER.read_bytes().replace(b"approximately $280 billion", b"approximately $290 billion")
    second = reading_import(data=edited, filename=SEED_PAPER.name, title="NATO and Ukraine").reading
    third = reading_import(data=edited + b"\nA corrected final line.\n", filename="x.txt", title="nato and ukraine").reading
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.version, second.version, third.version) == (1, 2, 3)
    assert second.lineage_id == first.pk and third.lineage_id == first.pk
    assert [r.is_latest for r in (first, second, third)] == [False, False, True]
    assert list(reading_versions(reading=second)) == [third, second, first]
    # The old version and its sections stay untouched.
    assert "$280 billion" in first.cleaned_text
    assert first.sections.count() == len(PAPER_HEADINGS)


def test_a_new_version_can_be_named_explicitly_whatever_its_title():
    first = import_paper(title="Draft").reading
    second = reading_import(data=b"A short replacement text about NATO.\n", filename="new.txt", title="Final", replaces=first).reading
    assert (second.version, second.lineage_id) == (2, first.pk)


def test_the_polish_abstract_is_marked_foreign_and_the_title_has_no_text_of_its_own():
    # What generation needs to leave them out (quizzes/generation/facts.py: usable_section).
    reading = import_paper().reading
    english = reading.sections.filter(language="en").exclude(text="").exclude(kind=Section.Kind.FOREIGN_ABSTRACT)
    headings = list(english.order_by("order").values_list("heading", flat=True))
    assert "Streszczenie" not in headings
    assert "Ukraine and NATO: the hard path to global security" not in headings  # no text of its own
    assert headings[0] == "Abstract" and headings[-1] == "Conclusion"
    assert reading.sections.get(heading="Streszczenie").kind == Section.Kind.FOREIGN_ABSTRACT


def test_the_preview_runs_the_pipeline_without_saving_anything():
    preview = reading_preview(data=SEED_PAPER.read_bytes(), filename=SEED_PAPER.name, title="Paper")
    assert [section.heading for section in preview.parsed.sections] == PAPER_HEADINGS
    assert preview.duplicate_of is None and preview.replaces is None and preview.version == 1
    assert_nothing_saved()


def test_the_preview_tells_about_a_duplicate_and_about_a_new_version():
    first = import_paper(title="Paper").reading
    duplicate = reading_preview(data=SEED_PAPER.read_bytes(), filename="p.txt", title="Paper")
    assert (duplicate.duplicate_of, duplicate.replaces) == (first, None)
    preview = reading_preview(data=b"Changed text of the paper.\n", filename="p.txt", title="Paper")
    assert (preview.replaces, preview.version) == (first, 2)


# --- HTML is never stored or shown as markup ---------------------------------------------------------

HOSTILE_HTML = b"""<html><body><h1>Summit</h1>
<p onclick="steal()">Allies met in <b>Vilnius</b>.<script>fetch('/steal')</script></p>
<p>&lt;script&gt;alert(1)&lt;/script&gt; is how the article quotes an attack.</p>
</body></html>"""


def test_html_with_scripts_is_stored_as_text_only():
    reading = reading_import(data=HOSTILE_HTML, filename="summit.html").reading
    assert reading.source_format == "html"
    assert "steal" not in reading.cleaned_text
    assert "<b>" not in reading.cleaned_text and "onclick" not in reading.cleaned_text
    assert "Allies met in Vilnius." in reading.cleaned_text
    # No markup is kept anywhere, raw text included; the quoted "<script>" is the article's own text.
    assert "fetch(" not in reading.raw_text and "onclick" not in reading.raw_text and "<b>" not in reading.raw_text
    for section in reading.sections.all():
        assert "fetch(" not in section.text


def test_text_shown_as_html_is_escaped_and_sanitised():
    reading = reading_import(data=HOSTILE_HTML, filename="summit.html").reading
    html = text_to_html(reading.cleaned_text)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # quoted markup shows as text
    assert html.startswith("<p>Summit</p>")
    assert sanitize_html('<p onclick="x()">a<script>b()</script><a href="javascript:y()">c</a></p>') == "<p>ac</p>"


# --- bad input -----------------------------------------------------------------------------------


def undecodable_bytes() -> bytes:
    # High bytes only, no NUL and no control characters: looks like text in no encoding.
    rng = random.Random(7)
    return bytes(rng.randrange(0x80, 0x100) for _ in range(3000))


BAD_INPUTS = {
    "empty file": (b"", "empty.txt", errors.EmptyReadingError, errors.EMPTY_MESSAGE),
    "only white space": (b" \n\t\n ", "blank.txt", errors.EmptyReadingError, errors.EMPTY_MESSAGE),
    "PNG named .txt": (b"\x89PNG\r\n\x1a\n" + bytes(200), "notes.txt", errors.UnsupportedTypeError, errors.UNSUPPORTED_TYPE_MESSAGE),
    "Word document": (b"PK\x03\x04" + bytes(100), "paper.docx", errors.UnsupportedTypeError, errors.UNSUPPORTED_TYPE_MESSAGE),
    "binary junk": (bytes(range(256)) * 4, "data.md", errors.UnsupportedTypeError, errors.UNSUPPORTED_TYPE_MESSAGE),
    "not UTF-8, no confident guess": (undecodable_bytes(), "legacy.txt", errors.UndecodableTextError, errors.UNDECODABLE_MESSAGE),
    "damaged PDF": (b"%PDF-1.7\n garbage that is no PDF", "broken.pdf", errors.UnreadablePdfError, errors.UNREADABLE_PDF_MESSAGE),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_saved(case):
    data, filename, error, message = BAD_INPUTS[case]
    with pytest.raises(error) as raised:
        reading_import(data=data, filename=filename)
    assert isinstance(raised.value, ReadingImportError)
    assert str(raised.value) == message
    assert_nothing_saved()


def test_a_pdf_without_a_text_layer_is_refused():
    with pytest.raises(errors.NoTextLayerError) as raised:
        reading_import(data=pdf_without_text(), filename="scan.pdf")
    assert str(raised.value) == errors.NO_TEXT_LAYER_MESSAGE
    assert_nothing_saved()


@override_settings(READING_MAX_BYTES=2048)
def test_a_file_over_the_size_limit_is_refused():
    with pytest.raises(errors.ReadingTooLargeError) as raised:
        reading_import(data=b"NATO. " * 500, filename="big.txt")
    assert str(raised.value) == errors.TOO_LARGE_MESSAGE.format(limit=2048)
    assert_nothing_saved()


def test_a_file_exactly_at_the_size_limit_is_accepted():
    with override_settings(READING_MAX_BYTES=3000):
        result = reading_import(data=b"NATO met in Vilnius. " * 142 + b"end", filename="edge.txt")
    assert result.created


def test_an_unknown_kind_is_refused():
    with pytest.raises(ReadingImportError) as raised:
        reading_import(data=b"Some text.", filename="a.txt", kind="novel")
    assert str(raised.value) == INVALID_KIND_MESSAGE.format(kind="novel")
    assert_nothing_saved()


def test_an_empty_kind_or_title_from_a_form_means_guess():
    reading = reading_import(data=SEED_PAPER.read_bytes(), filename=SEED_PAPER.name, kind="", title="  ").reading
    assert reading.kind == "paper"
    assert reading.title == "002 d5b0e1543fdd7663"  # the paper has no title line: the file name stands in


def test_legacy_encoded_text_that_can_be_decoded_confidently_is_imported():
    text = "Zażółć gęślą jaźń: konflikt między Rosją a Ukrainą się zaczął w 2014 roku i trwa nadal. " * 3
    result = reading_import(data=text.encode("cp1250"), filename="pl.txt")
    assert "między Rosją a Ukrainą" in result.reading.cleaned_text
    assert result.reading.language == "pl"


def test_a_failure_while_saving_leaves_nothing_half_saved(monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Citation.objects, "bulk_create", explode)
    with pytest.raises(RuntimeError):
        import_paper()
    assert_nothing_saved()


def test_a_concurrent_import_of_the_same_bytes_returns_the_winner(monkeypatch):
    from courseware.services import readings

    winner = import_paper(title="First").reading
    lookups = iter([None])  # the first look-up misses, as if the other import had not committed yet
    real = readings._reading_with_checksum
    monkeypatch.setattr(readings, "_reading_with_checksum", lambda checksum: next(lookups, real(checksum)))
    result = import_paper(title="Second")
    assert result.created is False
    assert result.reading == winner
    assert Reading.objects.count() == 1
    assert Section.objects.count() == len(PAPER_HEADINGS)
