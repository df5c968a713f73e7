"""A press briefing's transcript (issue 13): a reporter's words are never the speaker's."""

from __future__ import annotations

from quizzes.generation.pipeline import GenerationResult, generate
from quizzes.generation.text import SectionText
from tests.quizzes.seed_readings import seed_lexicon

TITLE = "Press Briefing by Press Secretary Dana Holt and Budget Director Omar Vance"


def generated(text: str) -> GenerationResult:
    sections = [SectionText(0, "", "body", "en", text, 0)]
    return generate(reading_key="briefing", cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=TITLE)


def test_a_questioners_turn_that_finishes_the_speakers_cut_off_words_is_not_the_speakers():
    text = (
        "MR. VANCE: We signed a water agreement with the Riverside Council in March.\n"
        "Q — he was moving the goalposts on the water agreement, though?\n"
        "MR. VANCE: We are working closely with the Harbor Authority on the new container port."
    )
    result = generated(text)
    reporter = next(s for s in result.facts.sentences if "goalposts" in s.text)
    assert reporter.start not in result.facts.voices
    assert "questioner's turn" in result.facts.problems[reporter.start]


def test_a_speakers_label_after_a_question_in_the_same_paragraph_starts_the_speakers_turn():
    # The briefing's "… without putting the U.S. at war with Russia? MR. SULLIVAN: Well, I would just point out …":
    # the label follows the questioner's words without a line break, and what comes after it is the speaker's.
    text = (
        "MR. VANCE: We signed a water agreement with the Riverside Council in March.\n"
        "Q Will the port open before the winter? MR. VANCE: The Harbor Authority will open the new container port in May."
    )
    result = generated(text)
    answer = next(s for s in result.facts.sentences if "container port" in s.text)
    assert result.facts.voices[answer.start] == "Omar Vance"
    assert "questioner's turn" not in result.facts.problems.get(answer.start, [])
    question = next(s for s in result.facts.sentences if "before the winter" in s.text)
    assert "questioner's turn" in result.facts.problems[question.start]


PLANS = (
    "Among other things, Allies will adopt a new Coastal Force Model, which will increase readiness and capacity. "
    "Allies will agree to increase fleet spending and adopt a new Coastal Investment Pledge. "
    "The Riverside Council reviews the Annual Harbor Programme every spring with the port authorities. "
    "The Port Security Initiative trains harbor pilots and customs officers from both countries. "
    "The Pilot Exchange Plan sends harbor pilots to the partner ports each autumn."
)


def test_a_new_plan_is_asked_by_what_it_will_do_among_the_readings_other_plans():
    result = generate(
        reading_key="plans", cleaned_text=PLANS, sections=[SectionText(0, "", "body", "en", PLANS, 0)], lexicon=seed_lexicon()
    )
    [question] = [q for q in result.questions if q.title.startswith("Purpose:")]
    assert question.stem == "According to the reading, what will Allies adopt that will increase readiness and capacity?"
    correct = next(c["text"] for c in question.choices if c["id"] == question.answer["correct"])
    assert correct == "Coastal Force Model"
    # Not the pledge the same Allies adopt too: "what will Allies adopt …?" would be half true of it.
    assert {c["text"] for c in question.choices} == {
        "Coastal Force Model",
        "Annual Harbor Programme",
        "Port Security Initiative",
        "Pilot Exchange Plan",
    }


def test_a_new_plan_the_speaker_adopts_or_whose_name_says_its_purpose_is_not_asked():
    for text in (
        PLANS.replace("Among other things, Allies will adopt", "We will adopt"),
        PLANS.replace("a new Coastal Force Model, which", "a new Coastal Readiness Model, which"),
    ):
        result = generate(
            reading_key="plans", cleaned_text=text, sections=[SectionText(0, "", "body", "en", text, 0)], lexicon=seed_lexicon()
        )
        assert not [q for q in result.questions if q.title.startswith("Purpose:")]


def test_words_a_speaker_says_twice_in_a_row_are_quoted_once():
    # "has long been on — been on the record", "will will be": the speaker broke off and said the same words again;
    # the quotation says them once and the sentence is no longer transcript debris. A restatement ("just terms —
    # terms that …") and a restart that changes a word ("unanimous — unanimously") are quoted as said.
    text = (
        "MR. VANCE: The Governor has long been on — been on the record supporting the Riverside Council.\n"
        "The harbor plan will will be something the Harbor Authority can embrace as a positive signal.\n"
        "We want this dispute to end on just terms — terms that uphold the basic principles of the Water Charter.\n"
        "The Riverside Council voted by unanimous — unanimously endorsing the water agreement in March."
    )
    result = generated(text)
    texts = [s.text for s in result.facts.sentences]
    assert "MR. VANCE: The Governor has long been on the record supporting the Riverside Council." in texts
    assert "The harbor plan will be something the Harbor Authority can embrace as a positive signal." in texts
    assert any("just terms — terms that uphold" in t for t in texts)
    assert any("by unanimous — unanimously endorsing" in t for t in texts)
    repaired = next(s for s in result.facts.sentences if "Governor" in s.text)
    assert not any("debris" in p for p in result.facts.problems[repaired.start])


UKRAINE_PROGRAMME = (
    "MR. VANCE: From our perspective, it is the work of the Alliance with Ukraine to lay out the reform path and then "
    "to have Ukraine work towards it. They have something called an Annual National Programme. "
    "The Harbor Authority will open the new container port in May."
)


def _pair_stems(result: GenerationResult) -> list[str]:
    return [q.stem for q in result.questions if "these two sentences" in q.stem]


def test_a_speakers_they_stands_for_the_one_country_the_sentence_before_names_last():
    result = generated(UKRAINE_PROGRAMME)
    stems = _pair_stems(result)
    assert stems, [q.stem for q in result.questions]
    assert all("to have Ukraine work towards it. They have something called an ____.”" in s for s in stems), stems


def test_no_country_for_they_when_the_sentence_before_names_people_or_another_name_after_it():
    for before in (
        # The Ukrainians may as well be "They".
        "MR. VANCE: From our perspective, the Ukrainians and the Alliance lay out the reform path for Ukraine together.",
        # Another name after the country: the country is not the last thing named.
        "MR. VANCE: From our perspective, Ukraine works towards the reform path with the European Union.",
        # Two countries.
        "MR. VANCE: From our perspective, Ukraine and Moldova work towards the reform path together.",
    ):
        text = UKRAINE_PROGRAMME.replace(UKRAINE_PROGRAMME.split(" They ")[0], before)
        assert _pair_stems(generated(text)) == [], before
