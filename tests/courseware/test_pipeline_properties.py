"""Properties that hold for any input: the pipeline either imports or refuses with a
ReadingImportError, and sections always point into the cleaned text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courseware.ingest.errors import ReadingImportError
from courseware.ingest.pipeline import parse_reading

LINES = st.lists(
    st.one_of(
        st.text(min_size=0, max_size=90),
        st.sampled_from(["", " Introduction", "Conclusion", "No time to read?", "Get a summary", "Previous Article", "Euro-", "# Heading"]),
        st.from_regex(r"[A-Z][a-z]{2,9}( [a-z]{2,9}){3,12}[.,]?", fullmatch=True),
    ),
    max_size=40,
)


def check(data: bytes, filename: str) -> None:
    try:
        parsed = parse_reading(data, filename=filename, max_bytes=1_000_000)
    except ReadingImportError:
        return
    for section in parsed.sections:
        assert parsed.cleaned_text[section.start : section.end] == section.text
        for citation in section.citations:
            assert section.text[citation.start : citation.start + len(citation.as_cited)] == citation.as_cited
    assert [section.order for section in parsed.sections] == list(range(1, len(parsed.sections) + 1))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=LINES, filename=st.sampled_from(["a.txt", "a.md", "a.html"]))
def test_any_text_is_imported_with_consistent_offsets_or_refused(lines, filename):
    check("\n".join(lines).encode("utf-8", "surrogatepass"), filename)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=600))
def test_any_bytes_are_imported_or_refused_with_a_reading_import_error(data):
    check(data, "upload.bin")
