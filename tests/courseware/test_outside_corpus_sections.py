# ruff: noqa: RUF001 -- the debris patterns match typographic dashes on purpose
"""The outside corpus (``tests/corpus``): real public readings nobody tuned the importer for.

Each one, imported through the import service like any upload, splits into the sections a reader
sees (``manifest.json`` lists them per reading), carries no markup or transcript debris into its
text, and loses nothing on the way: every passage of the source is still in the cleaned text,
or was removed with a reason an admin can review.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from courseware.services.readings import reading_import

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
KINDS = {"fact_sheet", "speech", "news", "report", "treaty", "declaration"}
ENTRY_FIELDS = {"file", "title", "kind", "topic", "words", "source", "licence", "headings"}
# Words counted in the manifest may drift this much as cleaning improves before it is refreshed.
WORD_COUNT_TOLERANCE = 0.03


def _by_file(entry: dict) -> str:
    return entry["file"]


def _import(entry: dict):
    path = CORPUS / entry["file"]
    return reading_import(data=path.read_bytes(), filename=path.name)


def _skeleton(text: str) -> str:
    """Letters and digits only, lower case: what survives re-flowing, de-hyphenation and the
    punctuation a heading loses."""
    return re.sub(r"[\W_]+", "", text.lower())


def test_the_manifest_lists_every_reading_of_the_corpus_with_its_source_and_licence():
    files = {path.name for path in CORPUS.iterdir() if path.name not in {"README.md", "manifest.json"}}
    assert files == {entry["file"] for entry in MANIFEST}
    for entry in MANIFEST:
        assert entry.keys() >= ENTRY_FIELDS, entry["file"]
        assert entry["kind"] in KINDS, entry["file"]
        assert entry["source"] and entry["licence"] and entry["title"], entry["file"]


def test_the_corpus_has_ten_readings_of_five_kinds_three_of_them_on_other_security_topics():
    assert len(MANIFEST) >= 10
    # Treaties and declarations count as one kind, as the issue lists them.
    kinds = {"treaty" if entry["kind"] == "declaration" else entry["kind"] for entry in MANIFEST}
    assert len(kinds) >= 5
    other_topics = [entry for entry in MANIFEST if not re.search(r"nato|ukrain", entry["topic"], re.IGNORECASE)]
    assert len(other_topics) >= 3


@pytest.mark.django_db
@pytest.mark.parametrize("entry", MANIFEST, ids=_by_file)
def test_an_outside_reading_splits_into_the_sections_a_reader_sees(entry):
    result = _import(entry)
    assert [section.heading for section in result.sections if section.heading] == entry["headings"]
    # Only an opening section (the lead before the first heading) may go without a heading.
    assert all(section.heading for section in result.sections[1:])


@pytest.mark.django_db
@pytest.mark.parametrize("entry", MANIFEST, ids=_by_file)
def test_an_outside_reading_keeps_every_passage_of_its_source(entry):
    result = _import(entry)
    reading = result.reading
    cleaned = _skeleton(reading.cleaned_text)
    # Longest first, so that a cut containing a shorter one ("with In- —", "In- —") is matched whole.
    cuts = sorted({piece.strip() for span in result.removed for piece in span.text.split("\n") if piece.strip()}, key=len, reverse=True)
    if (CORPUS / entry["file"]).read_text(encoding="utf-8").startswith("---\n"):
        assert result.removed[0].reason == "front_matter"
    lost = []
    # The raw text is the source as extracted (the markup gone): its passages are its paragraphs.
    for passage in re.split(r"\n\s*\n|\n", reading.raw_text):
        if not passage.strip() or _skeleton(passage) in cleaned:
            continue
        # What the cleaner cut out of a passage (a time stamp, a stage direction, a false start)
        # is accounted for by its removal record.
        for piece in cuts:
            passage = re.sub(rf"(?<!\w){re.escape(piece)}(?!\w)", " ", passage)
        rest = _skeleton(passage)
        if rest and rest not in cleaned:
            lost.append(passage.strip()[:120])
    assert lost == []
    assert abs(len(reading.cleaned_text.split()) - entry["words"]) <= WORD_COUNT_TOLERANCE * entry["words"]


# Markup, metadata and transcript debris that must not reach the text questions are made from.
DEBRIS = {
    "markdown emphasis": re.compile(r"\*\*|__\w"),
    "markdown escape": re.compile(r"\\[*#\[\]_]"),
    "markdown heading": re.compile(r"^#{1,6}", re.MULTILINE),
    "html tag": re.compile(r"</?[a-z][a-z0-9]*[\s>/]", re.IGNORECASE),
    "html entity": re.compile(r"&[a-z]+;|&#\d+;"),
    "front matter": re.compile(r"^(?:---|source_url:|published_time:|tags:)", re.MULTILINE),
    "transcript time": re.compile(r"^\d{1,2}:\d{2} [AP]\.M\.", re.MULTILINE),
    "stage direction": re.compile(r"\((?:applause|laughter|inaudible|crosstalk|clears throat)", re.IGNORECASE),
    "false start": re.compile(r"\w- [—–] "),
    "separator": re.compile(r"^\W+$", re.MULTILINE),
}


@pytest.mark.django_db
@pytest.mark.parametrize("entry", MANIFEST, ids=_by_file)
def test_an_outside_reading_carries_no_markup_or_transcript_debris_into_its_text(entry):
    text = _import(entry).reading.cleaned_text
    found = {name: pattern.search(text).group(0) for name, pattern in DEBRIS.items() if pattern.search(text)}
    assert found == {}
