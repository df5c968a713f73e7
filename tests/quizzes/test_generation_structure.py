# ruff: noqa: RUF001 - the texts use typographic apostrophes as readings do
"""Questions from a reading's structure: items listed under sibling headings, and labelled items.

The texts are plain strings through the whole pipeline, made up so nothing here matches a corpus reading.
"""

from __future__ import annotations

from quizzes.generation.pipeline import GenerationResult, generate
from quizzes.generation.text import SectionText, normalise_text
from quizzes.models import QuestionType
from tests.quizzes.seed_readings import seed_lexicon

TITLE = "FACT SHEET: Mayor Announces Riverside Water Plan"
PARTS = [
    (
        "",
        "The Riverside Water Plan sets out how the city will keep its water clean, cheap and plentiful for the next twenty years. "
        "The council approved the plan after two years of public hearings.\n\n"
        "The city will make its water system:\n\n"
        "Fair Pricing, where households pay less than two percent of their income for water;\n\n"
        "Long Service, where pipes and pumps last for decades without failure; and,\n\n"
        "Open Records, where residents can see daily readings of pollution and leaks.\n\n"
        "The plan is organised around four pillars:",
    ),
    (
        "1. Protect the Rivers",
        "The city will restore the banks and wetlands that filter the rivers, including by:\n\n"
        "Planting willow hedges along farm ditches to trap fertiliser runoff;\n\n"
        "Buying flood meadows from landowners upstream of the old mill; and,\n\n"
        "Protecting the rivers from sewage overflows during storms",
    ),
    (
        "2. Modernise Pumping Stations",
        "The water utility will replace worn machinery before it breaks, including by:\n\n"
        "Installing variable speed motors that cut electricity use by a third;\n\n"
        "Fitting acoustic sensors that send data on leaks in buried mains; and,\n\n"
        "Modernising the control room of every pumping station",
    ),
    (
        "3. Train a Skilled Workforce",
        "The city college will prepare the next generation of water engineers, including by:\n\n"
        "Offering paid apprenticeships to school leavers from every district;\n\n"
        "Funding evening courses in hydraulics for serving technicians; and,\n\n"
        "Recruiting retired engineers as mentors for new staff",
    ),
    (
        "4. Share Open Data",
        "The utility will publish what it measures, including by:\n\n"
        "Posting hourly reservoir levels on a public website;\n\n"
        "Releasing annual maps of lead service lines; and,\n\n"
        "Sharing data on leaks with neighbouring towns",
    ),
]


def _generate(parts: list[tuple[str, str]], title: str = TITLE) -> GenerationResult:
    texts, sections, at = [], [], 0
    for order, (heading, body) in enumerate(parts, start=1):
        if heading:
            texts.append(heading + "\n\n")
            at += len(heading) + 2
        sections.append(SectionText(order, heading, "body", "en", body, at))
        texts.append(body + "\n\n")
        at += len(body) + 2
    text = "".join(texts)
    return generate(reading_key="water-plan", cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=title)


def _texts(q) -> list[str]:
    return [c["text"] for c in q.choices] if isinstance(q.choices, list) else []


def _correct(q) -> set[str]:
    ids = q.answer["correct"] if isinstance(q.answer["correct"], list) else [q.answer["correct"]]
    return {c["text"] for c in q.choices if c["id"] in ids}


def test_an_item_is_asked_under_which_sibling_heading_the_document_lists_it():
    questions = [q for q in _generate(PARTS).questions if q.stem.startswith("Under which of its four pillars")]
    assert questions
    q = next(q for q in questions if "variable speed motors" in q.stem)
    assert q.stem == (
        "Under which of its four pillars does the Riverside Water Plan list "
        "“Installing variable speed motors that cut electricity use by a third”?"
    )
    assert _correct(q) == {"Modernise Pumping Stations"}
    assert set(_texts(q)) == {"Protect the Rivers", "Modernise Pumping Stations", "Train a Skilled Workforce", "Share Open Data"}


def test_a_heading_sharing_a_word_with_the_item_is_not_offered_as_a_wrong_option():
    q = next(q for q in _generate(PARTS).questions if "acoustic sensors" in q.stem and q.stem.startswith("Under which"))
    assert _correct(q) == {"Modernise Pumping Stations"}
    assert "Share Open Data" not in _texts(q)  # "data" would draw the eye to it


def test_an_item_sharing_a_word_with_a_heading_is_not_asked_about():
    stems = " ".join(q.stem for q in _generate(PARTS).questions)
    # "Protecting the rivers …" under "Protect the Rivers": the word answers the question.
    assert "Protecting the rivers from sewage" not in stems
    assert "Modernising the control room" not in stems


def test_a_list_is_asked_as_multiple_response_with_other_lists_items_as_distractors():
    q = next(q for q in _generate(PARTS).questions if q.type == QuestionType.MULTIPLE_RESPONSE and "“Train a Skilled Workforce”" in q.stem)
    assert (
        q.stem == "Which of these does the Riverside Water Plan list under the heading “Train a Skilled Workforce”? Select all that apply."
    )
    assert _correct(q) <= {
        "Offering paid apprenticeships to school leavers from every district",
        "Funding evening courses in hydraulics for serving technicians",
        "Recruiting retired engineers as mentors for new staff",
    }
    assert len(_correct(q)) >= 2
    wrong = set(_texts(q)) - _correct(q)
    assert len(wrong) >= 2
    others = {normalise_text(body) for heading, body in PARTS[1:] if heading != "3. Train a Skilled Workforce"}
    assert all(any(normalise_text(w) in body for body in others) for w in wrong)


def test_options_are_trimmed_of_list_punctuation_and_conjunctions():
    for q in _generate(PARTS).questions:
        for text in _texts(q):
            assert not text.rstrip().endswith((";", ",", " and", " and,")), text
            assert text[:1].isupper(), text


def test_labelled_items_are_asked_by_their_description_with_the_other_labels_as_options():
    questions = [q for q in _generate(PARTS).questions if "define with the words “where" in q.stem]
    assert questions
    for q in questions:
        assert q.stem.startswith("Which of these does the Riverside Water Plan define with the words “where")
        assert set(_texts(q)) == {"Fair Pricing", "Long Service", "Open Records"}
        # "where households pay less than two percent of their income": "their" does not stand alone.
        assert _correct(q) <= {"Long Service", "Open Records"}
    assert "“where residents can see daily readings of pollution and leaks”" in " ".join(q.stem for q in questions)


def test_a_one_word_label_of_everyday_english_is_not_asked_by_its_description():
    # "Durable, where pipes and pumps last for decades": the word's meaning answers it without the reading.
    everyday = [
        (
            heading,
            text.replace("Fair Pricing,", "Affordable,").replace("Long Service,", "Durable,").replace("Open Records,", "Transparent,"),
        )
        for heading, text in PARTS
    ]
    assert not [q for q in _generate(everyday).questions if "define with the words" in q.stem or "Match each of these terms" in q.stem]


def test_every_question_of_one_structure_shares_one_exclusion_group():
    questions = _generate(PARTS).questions
    listed = {q.group for q in questions if "four pillars" in q.stem or "under the heading" in q.stem}
    assert len(listed) == 1


def test_a_transcripts_speaker_turns_are_not_labelled_items():
    turns = [
        (
            "",
            "The mayor took questions after the vote:\n\n"
            "MAYOR: The pipes under the old town date from the war and leak badly.\n\n"
            "Reporter: How much will the repairs cost the average household each year?\n\n"
            "MAYOR: About forty dollars, spread over ten years of bills.",
        )
    ]
    assert not [q for q in _generate(turns, title="Mayor Takes Questions").questions if "define with the words" in q.stem]


def test_prose_without_headings_or_lists_gets_no_structure_question():
    prose = [("", PARTS[0][1].split("\n\nThe city will make")[0])]
    assert not [q for q in _generate(prose).questions if q.meta.get("understanding") == "structure"]


NAME_LISTS = [
    ("Museum Network", "The city museum network has a dozen members, grouped by who funds them."),
    ("City-Funded Members:", ""),
    (
        "Art Houses:",
        "Riverside Gallery of Modern Art (RGMA) Old Mill Textile Museum (OMTM) Harbour Maritime Collection (HMC) "
        "Northside Photography Archive (NPA)",
    ),
    (
        "Science Houses:",
        "Planetarium Trust (PT) Department of Parks (DOP) branch: Botanical Garden Herbarium (BGH) "
        "Geology and Fossil Hall (GFH) Children’s Discovery Centre (CDC)",
    ),
    ("Opening Hours", "Every member opens at ten in the morning and closes at six in the evening, except on public holidays."),
]


def test_names_listed_under_sibling_headings_are_asked_with_the_other_lists_names_as_distractors():
    questions = [q for q in _generate(NAME_LISTS, title="Museum Network").questions if "under the heading" in q.stem]
    art = next(q for q in questions if "“Art Houses”" in q.stem)
    art_names = {
        "Riverside Gallery of Modern Art",
        "Old Mill Textile Museum",
        "Harbour Maritime Collection",
        "Northside Photography Archive",
    }
    assert len(_correct(art)) >= 2
    assert _correct(art) <= art_names
    assert (set(_texts(art)) - _correct(art)) <= {
        "Planetarium Trust",
        "Botanical Garden Herbarium",
        "Geology and Fossil Hall",
        "Children’s Discovery Centre",
    }
    # A name that only heads a group ("Department of Parks (DOP) branch: …") is not listed itself.
    assert not any("Department of Parks" in t for q in questions for t in _texts(q))
    assert len({q.group for q in questions}) == 1


def test_numbered_parts_no_lead_in_announces_are_siblings_only_when_each_carries_a_list():
    unannounced = [(PARTS[0][0], PARTS[0][1].rsplit("\n\n", 1)[0]), *PARTS[1:]]
    stems = [q.stem for q in _generate(unannounced).questions]
    assert any(s.startswith("Under which of its four parts does the Riverside Water Plan list") for s in stems)
    paper = [*unannounced[:2], ("2. Methods", "We sampled the river at six sites every week for a year."), *PARTS[3:]]
    assert not [s for s in (q.stem for q in _generate(paper).questions) if s.startswith("Under which of its")]


TWO_LISTS = [
    (
        "",
        "The Harbour Museum Trust looks after the old customs house and its collections.\n\n"
        "The trust has set itself three goals for the decade:\n\n"
        "• Double the number of school visits\n\n"
        "• Restore the east wing roof\n\n"
        "• Digitise the letters of the founder\n\n"
        "The board approved the budget in spring after a long debate about the cost of the roof.\n\n"
        "Volunteers help in four ways:\n\n"
        "Guiding tours on weekends;\n\n"
        "Cataloguing donated books;\n\n"
        "Repairing furniture in the workshop; and\n\n"
        "Running the summer fair.\n\n"
        "The trust thanked them at its annual dinner.",
    )
]


def test_a_list_after_a_lead_in_is_asked_with_another_lists_items_as_distractors():
    questions = _generate(TWO_LISTS, title="Harbour Museum Trust").questions
    q = next(q for q in questions if "after the words “Volunteers help in four ways”" in q.stem)
    assert q.type == QuestionType.MULTIPLE_RESPONSE
    volunteering = {
        "Guiding tours on weekends",
        "Cataloguing donated books",
        "Repairing furniture in the workshop",
        "Running the summer fair",
    }
    goals = {"Double the number of school visits", "Restore the east wing roof", "Digitise the letters of the founder"}
    assert len(_correct(q)) >= 2
    assert _correct(q) <= volunteering
    # Bullets are list marks, not part of an option; the prose after a list is no item of it.
    assert set(_texts(q)) - _correct(q) <= goals


ROWS = [
    (
        "Patrols",
        "The port authority runs three patrols, each with its own tasks.\n\n"
        "Harbour Patrol monitors ships and cargo in the port; inspects the cranes at night; and reports smuggling to the customs office.\n\n"
        "Coastal Patrol monitors ships and cargo along the beaches; rescues stranded swimmers; and guards the old lighthouse.\n\n"
        "River Patrol clears fallen trees from the channel; monitors ships and cargo upstream; and measures the water level.",
    ),
]


def test_a_row_is_asked_by_a_clause_no_other_row_shares():
    # Blind review 53: "Operational Intelligence focuses on military capabilities and intentions of adversaries" fitted
    # strategic intelligence too; a clause of its own ("identifies adversary centers of gravity …") does not.
    stems = {
        _correct(q).pop(): q.stem
        for q in _generate(ROWS).questions
        if q.stem.startswith("According to the Riverside Water Plan, which of these")
    }
    assert stems["Harbour Patrol"].endswith("which of these inspects the cranes at night?")
    assert stems["Coastal Patrol"].endswith("which of these rescues stranded swimmers?")
    assert stems["River Patrol"].endswith("which of these clears fallen trees from the channel?")
