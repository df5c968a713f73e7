"""A scenario says which treaty it applies (issue 13; blind review 26): "a Party to the treaty" reads the same for every
treaty in a quiz drawn from several readings, so a reading whose title or heading names a treaty the arms-control pack
knows ("Treaty on the Non-Proliferation of Nuclear Weapons") is asked by that treaty's everyday name. A treaty recalled
in a preamble is not the reading's own, and a reading naming no known treaty keeps "the treaty"."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import generate_file, seed_lexicon
from tests.quizzes.test_generation_arms_control_rules import TREATY

CORPUS = Path(settings.BASE_DIR) / "tests" / "corpus"


def _scenario_stems(questions) -> list[str]:  # type: ignore[no-untyped-def]
    return [q.stem for q in questions if q.meta.get("scenario") and q.topic == "arms-control"]


def _with_heading(heading: str) -> list[str]:
    text = f"{heading}\n\n{TREATY}"
    sections = [SectionText(0, heading, "title", "en", "", 0), SectionText(1, "", "body", "en", TREATY, len(heading) + 2)]
    result = generate(reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=heading)
    return _scenario_stems(result.questions)


def test_the_treaty_texts_of_the_corpus_are_asked_by_their_everyday_names():
    for name, treaty in (
        ("partial-test-ban-treaty-1963.md", "Partial Test Ban Treaty"),
        ("non-proliferation-treaty-1968.md", "Non-Proliferation Treaty"),
    ):
        stems = _scenario_stems(generate_file(CORPUS / name).questions)
        assert len(stems) >= 4, name
        # The NPT recalls the 1963 test-ban treaty in its preamble: its own heading decides.
        assert all(treaty in stem for stem in stems), (name, stems)
        assert not any("a Party to the treaty" in stem or "Party to the treaty " in stem for stem in stems), stems


def test_a_heading_naming_a_known_treaty_names_it_in_every_scenario():
    stems = _with_heading("Treaty on the Non-Proliferation of Nuclear Weapons")
    assert stems and all("the Non-Proliferation Treaty" in stem for stem in stems), stems


def test_a_reading_naming_no_known_treaty_keeps_the_treaty():
    stems = _with_heading("Convention on a Regional Test Moratorium")
    assert stems and all("the treaty" in stem.lower() for stem in stems), stems
    assert not any("Non-Proliferation Treaty" in stem or "Test Ban Treaty" in stem for stem in stems), stems
