# ruff: noqa: RUF001 - reading text uses typographic apostrophes
"""An event of a chronology question is shown without its sentence, so its label may not point back at another one
(issue 13, stems and options that stand alone; blind review 26 edited "The total value of this aid amounted to
approximately $280 billion" among the paper's events: which aid, the option does not say)."""

from __future__ import annotations

from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import seed_lexicon

TEXT = (
    "NATO Allies have supported Ukraine against Russia since the Alliance's summit in Wales. "
    "Russia’s annexation of Crimea in 2014 began the conflict. "
    "Since 2015, Operation UNIFIER has provided Ukrainian soldiers with training in infantry tactics and logistics. "
    "The Allies agreed a Comprehensive Assistance Package for Ukraine in July 2016 at the Warsaw Summit. "
    "Russia launched its full-scale invasion of Ukraine in February 2022 after months of build-up. "
    "NATO countries then provided Ukraine with substantial financial, military and humanitarian assistance. "
    "The total value of this aid amounted to approximately $280 billion by February 2025."
)


def _orderings(text: str) -> list:  # type: ignore[type-arg]
    sections = [SectionText(0, "", "body", "en", text, 0)]
    result = generate(reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon())
    return [q for q in result.questions if q.type == QuestionType.ORDERING]


def test_no_event_of_a_chronology_points_back_at_another_sentence():
    orderings = _orderings(TEXT)
    assert orderings, "the dated events make a chronology"
    for q in orderings:
        labels = [c["text"] for c in q.choices]
        assert len(labels) >= 3
        assert not [label for label in labels if "this aid" in label or "these" in label.lower().split()], labels


def test_an_activity_going_on_since_a_date_is_shown_as_its_start():
    """Blind reviews 33 and 35: "Operation UNIFIER has provided Ukrainian soldiers with training …" read to both
    reviewers as an ongoing process, not an event to put in order; its start is the event the year dates."""
    text = TEXT.replace("Since 2015, Operation UNIFIER has provided", "Since 2015, Operation UNIFIER, led by Canada, has provided")
    text = text.replace("The Allies agreed a Comprehensive Assistance Package for Ukraine in July 2016 at the Warsaw Summit. ", "")
    text += " Since 2017, the Allies have been funding a demining programme in Ukraine's eastern regions."
    labels = {c["text"] for q in _orderings(text) for c in q.choices}
    assert "Operation UNIFIER began providing Ukrainian soldiers with training in infantry tactics and logistics" in labels
    assert "The Allies began funding a demining programme in Ukraine's eastern regions" in labels
    assert not any(" has " in f" {label} " or " have " in f" {label} " for label in labels), labels
    # A date after "in" keeps its event as written.
    assert "Russia launched its full-scale invasion of Ukraine" in labels or "Russia’s annexation of Crimea" in labels


def test_a_label_cut_short_leaves_out_its_unfinished_examples():
    """Blind review 36: "Russia began employing cyberattacks to disrupt Ukraine's critical infrastructure, including power
    grids" (the reading: "power grids and communication networks") said less than the reading, and a reviewer
    checked the part shown against history; the event stands without its examples."""
    text = (
        "Moldova has asked its partners for help against pressure from Russia for more than a decade. "
        "Since 2013, Russia has employed cyberattacks to disrupt Moldova’s critical infrastructure, including power grids "
        "and communication networks. "
        "Since 2016, Operation Bastion, led by Italy, has provided Moldovan guards with training in areas "
        "including patrol tactics, first aid, and logistics. "
        "In 2019, the Regional Staff College opened a new wing for officers from partner countries. "
        "Russia launched its full-scale invasion of Ukraine in February 2022 after months of build-up."
    )
    labels = {c["text"] for q in _orderings(text) for c in q.choices}
    assert "Russia began employing cyberattacks to disrupt Moldova’s critical infrastructure" in labels, labels
    assert "Operation Bastion began providing Moldovan guards with training" in labels, labels
    assert not any(w in label for label in labels for w in ("including", "power grids", "patrol")), labels


def test_an_event_takes_the_fuller_name_the_reading_gives_it_elsewhere():
    """Blind reviews 37, 38 and 41: "Beginning of Russia's invasion of Ukraine" beside the "initial Russian incursions"
    of 2014 was read as either war's start; the reading calls the 2022 event the "full-scale invasion" elsewhere, and the
    option says so."""
    text = (
        "NATO Allies have supported Ukraine against Russia since the Alliance's summit in Wales. "
        "Following the initial Russian incursions in 2014, the Allies began training Ukraine's armed forces. "
        "Since 2015, Operation UNIFIER has provided Ukrainian soldiers with training in infantry tactics and logistics. "
        "Since the beginning of Russia's invasion of Ukraine in February 2022, the Allies have sent air defence systems. "
        "From the onset of Russia’s full-scale invasion of Ukraine in 2022, NATO expanded its assistance. "
        "In April 2022, Ukrainian forces sank the Moskva, the flagship of Russia's Black Sea Fleet."
    )
    labels = {c["text"] for q in _orderings(text) for c in q.choices}
    assert any(label.startswith("Beginning of Russia") and "full-scale invasion of Ukraine" in label for label in labels), labels
    assert not any(label.startswith("Beginning of Russia") and "full-scale" not in label for label in labels), labels


def test_a_section_holding_every_dated_event_gets_no_second_chronology_of_them():
    """A fact sheet whose one section ("A LASTING COMMITMENT") holds all its dated meetings was asked the same four events
    twice, "from the section …" and "from the reading": one question under two stems."""
    sections = [SectionText(0, "A Lasting Commitment", "body", "en", TEXT, 0)]
    result = generate(reading_key=normalise_text(TEXT)[:40], cleaned_text=TEXT, sections=sections, lexicon=seed_lexicon())
    orderings = [q for q in result.questions if q.type == QuestionType.ORDERING]
    assert len(orderings) == 1, [q.stem for q in orderings]
