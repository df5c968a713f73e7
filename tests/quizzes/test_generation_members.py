# ruff: noqa: RUF001 - speech texts use typographic dashes and apostrophes
"""A named group and the countries a reading lists as its members (``understanding.members``), on small
invented texts no reading of the corpus shares."""

from __future__ import annotations

from quizzes.generation.pipeline import GenerationResult, generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from tests.quizzes.seed_readings import seed_lexicon

TITLE = "Remarks by Minister Ana Duarte on Maritime Cooperation"


def generated(text: str, title: str = TITLE) -> GenerationResult:
    sections = [SectionText(0, title, "body", "en", text, 0)]
    return generate(reading_key="members", cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=title)


def member_questions(result: GenerationResult) -> list:
    return [q for q in result.questions if q.meta.get("understanding") == "members"]


def correct_texts(question) -> set[str]:
    return {c["text"] for c in question.choices if c["id"] in question.answer["correct"]}


FILLER = (
    "The ministers of the region met at the harbour to review the patrol schedule. "
    "The coast guards exchanged liaison officers for the first time. "
)


def test_a_group_spelled_out_after_a_colon_asks_which_countries_make_it_up():
    text = FILLER + "The Coral Sea coordination rests on the Tasman Four: Chile, Peru, Argentina, and Uruguay.\n"
    [question] = member_questions(generated(text))
    assert question.type == QuestionType.MULTIPLE_RESPONSE
    assert question.stem == "Which countries make up the Tasman Four, according to the reading? Select all that apply."
    assert correct_texts(question) == {"Chile", "Peru", "Argentina", "Uruguay"}
    wrong = {c["text"] for c in question.choices} - correct_texts(question)
    # The wrong options come from the members' continent and are none of them.
    assert len(wrong) >= 2 and not wrong & {"Chile", "Peru", "Argentina", "Uruguay"}
    assert all(name in {"Brazil", "Colombia", "Venezuela", "Ecuador", "Bolivia", "Paraguay", "Guyana", "Suriname"} for name in wrong), wrong


def test_countries_the_sentences_beside_the_list_name_are_the_first_wrong_options():
    # Biden at Vilnius names America's Indo-Pacific allies (Japan, Korea, Australia, the Philippines) just before the
    # Quad's members: blind review 50 wanted the Philippines offered, not Oceania's best-known (Solomon Islands). The
    # sentence beside it does not stand alone ("They"), so no question of its own keeps its countries out of the options.
    text = FILLER + (
        "They also deepened their ties with Ecuador and Colombia, which share the charts. "
        "Through our Andes partnership — it’s a simple way of saying our partnership with Chile, Peru, and Bolivia — "
        "the navies share their charts.\n"
    )
    [question] = member_questions(generated(text))
    wrong = {c["text"] for c in question.choices} - correct_texts(question)
    assert {"Ecuador", "Colombia"} <= wrong


def test_a_country_named_by_its_formal_name_beside_the_list_is_a_wrong_option_too():
    # "the Republic of Korea" beside the Quad's members was read as a term, so Solomon Islands filled its place
    # (blind review 60: reviewer B asked for Korea). The formal names of the two Koreas are the countries.
    text = FILLER + (
        "They also deepened their ties with the Republic of Korea and the Philippines, which share the charts. "
        "Through our Quad partnership — it’s a simple way of saying our partnership with Australia, India, and Japan — "
        "the navies share their charts.\n"
    )
    [question] = member_questions(generated(text))
    wrong = {c["text"] for c in question.choices} - correct_texts(question)
    assert {"South Korea", "Philippines"} <= wrong


def test_the_norths_formal_name_with_either_apostrophe_is_north_korea_not_the_south_inside_it():
    from quizzes.generation.extract import extract_mentions

    for text in (
        "The Democratic People’s Republic of Korea tested a missile.",
        "The Democratic People's Republic of Korea tested a missile.",
    ):
        places = [m.value for m in extract_mentions(text, seed_lexicon()) if m.kind == "place"]
        assert places == ["North Korea"], places


def test_a_group_glossed_with_its_head_noun_again_before_the_list_is_asked():
    text = FILLER + (
        "Through our Andes partnership — it’s a simple way of saying our partnership with Chile, Peru, and Bolivia — "
        "the navies share their charts.\n"
    )
    [question] = member_questions(generated(text))
    assert question.stem.startswith("Which countries make up the Andes partnership")
    assert correct_texts(question) == {"Chile", "Peru", "Bolivia"}


def test_the_readings_own_country_among_the_members_is_named_in_the_stem_not_offered():
    text = (
        "Chile leads the patrol schedule. Chile hosts the liaison office. Chile trains the coast guards. "
        "The Tasman Four: Chile, Peru, Argentina, and Uruguay, met at the harbour.\n"
    )
    [question] = member_questions(generated(text, "Chile and the Coral Sea"))
    assert ", besides Chile," in question.stem
    assert correct_texts(question) == {"Peru", "Argentina", "Uruguay"}
    assert "Chile" not in {c["text"] for c in question.choices}


def test_countries_given_as_examples_are_not_asked_as_the_members():
    text = FILLER + "The Tasman group includes partners such as Chile, Peru, and Argentina.\n"
    assert not member_questions(generated(text))
    text = FILLER + "The navies of the region, including Chile, Peru, and Argentina, share their charts.\n"
    assert not member_questions(generated(text))


def test_a_list_of_two_countries_or_after_no_group_name_is_not_asked():
    assert not member_questions(generated(FILLER + "The Tasman Pair: Chile and Peru.\n"))
    assert not member_questions(generated(FILLER + "The patrols reached Chile, Peru, and Argentina.\n"))


def test_people_of_listed_countries_are_no_group_of_countries():
    assert not member_questions(generated(FILLER + "The Foreign Ministers of Chile, Peru, and Argentina signed the charter.\n"))


def test_a_list_after_a_plural_name_or_after_of_may_name_only_some_members_and_is_not_asked():
    assert not member_questions(generated(FILLER + "The NATO Allies — Chile, Peru, and Argentina — sent ships to the harbour.\n"))
    assert not member_questions(generated(FILLER + "The Tasman countries of Chile, Peru, and Argentina sent ships to the harbour.\n"))


def test_countries_listed_as_the_subject_of_a_claim_are_asked_with_the_claim():
    text = FILLER + "Chile, Peru, and Argentina have signed the fisheries accord of the southern ocean.\n"
    [question] = member_questions(generated(text))
    # The speaker the title names says it.
    assert question.stem == (
        "According to Minister Ana Duarte, which countries have signed the fisheries accord of the southern ocean? Select all that apply."
    )
    assert correct_texts(question) == {"Chile", "Peru", "Argentina"}


def test_a_claim_that_adds_to_an_earlier_sentence_is_not_asked():
    # "have also all demonstrated their commitments … to responsible behavior": the sentence before says what about
    # (nuclear policy), and the stem cannot show it (blind reviews 19 and 23).
    text = FILLER + "Chile, Peru, and Argentina have also signed the fisheries accord of the southern ocean.\n"
    assert not member_questions(generated(text))


def test_a_listed_subject_given_as_examples_is_not_asked():
    text = FILLER + "Chile, Peru, and Argentina, for example, have signed the fisheries accord of the southern ocean.\n"
    assert not member_questions(generated(text))


def test_a_country_the_reading_names_as_doing_the_same_elsewhere_is_never_a_wrong_option():
    text = (
        "Brazil signed the fisheries accord of the southern ocean a year later. "
        "The coast guards exchanged liaison officers for the first time. "
        "Chile, Peru, and Argentina signed the fisheries accord of the southern ocean in the first round.\n"
    )
    [question] = [q for q in member_questions(generated(text)) if "signed" in q.stem]
    assert correct_texts(question) == {"Chile", "Peru", "Argentina"}
    assert "Brazil" not in {c["text"] for c in question.choices}


def test_a_claim_in_the_first_person_is_not_put_in_a_stem():
    assert not member_questions(generated(FILLER + "Chile, Peru, and Argentina have supported our patrols in the southern ocean.\n"))


def test_a_group_whose_members_the_domain_pack_lists_as_known_is_not_asked():
    # Every student of security studies can name the P5 without the reading (blind reviews 19 and 21 turned the
    # select-all down each time); the pack's "known" groups say so, and a group it does not list is still asked.
    text = (
        "NATO Allies met at the summit to discuss deterrence and arms control. "
        "The Alliance agreed to keep talking with its partners about deterrence. "
        "We will engage through the five permanent members of the UN Security Council, the P5: "
        "The United States, Russia, China, the United Kingdom, and France.\n"
        "We will also engage through the Quad: Australia, India, Japan, and the United States.\n"
    )
    result = generated(text, "Remarks on arms control and NATO deterrence")
    assert result.facts.packs, "the text must be of the security-studies pack's domain for this test"
    stems = [q.stem for q in member_questions(result)]
    assert not [s for s in stems if "P5" in s], stems
    assert [s for s in stems if "Quad" in s], stems


def test_the_states_that_must_act_on_a_named_thing_are_not_its_members():
    """A fresh reading's blind review 70: "For the Treaty to enter into force, the following states need to ratify the CTBT:
    China, North Korea, Egypt, …" was asked as "Which countries make up the CTBT?"."""
    text = (
        FILLER + "For the accord to take effect, the following states must ratify the Tasman Four: Chile, Peru, Argentina, and Uruguay.\n"
    )
    assert not member_questions(generated(text))


def test_a_group_its_members_formed_is_still_asked():
    """The review of the change: "launched the Tasman Four partnership between Chile, Peru, and Argentina" names what the
    countries formed; only a duty to act on a thing ("must ratify the …:") is no membership."""
    text = FILLER + "In 2021 the three governments launched the Tasman Four partnership between Chile, Peru, and Argentina.\n"
    assert member_questions(generated(text))
