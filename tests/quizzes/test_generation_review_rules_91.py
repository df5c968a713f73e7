# ruff: noqa: RUF001, RUF002 - the readings quoted here use typographic dashes
"""Blind review 91 (issue 13), on twenty public texts the generator had never seen (the Black Sea Grain Initiative,
the Budapest Memorandum, the Outer Space Treaty, Rwanda, Srebrenica, Operation Irini, NATO's battle group in Poland
and others): great powers offered among the Caribbean's countries, Wikipedia's footnote marks in stems, market
prices, a spokesperson's name, unit designations and job titles as blanks."""

from __future__ import annotations

from core.text.citations import strip_citations
from quizzes.generation.builders.cloze import _other_forms, _surname, _without_parent
from quizzes.generation.builders.drafts import _BARE_REFERENCE, _TOPIC_TITLE
from quizzes.generation.builders.figures import _other_figure, other_figures
from quizzes.generation.builders.lists import _CONJUNCT_BEFORE
from quizzes.generation.extract import Mention
from quizzes.generation.lexicon import country_prominence
from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText
from quizzes.generation.understanding.supported import _key_stands_out_by_its_form, _names_what_the_sentence_names, _Statement
from quizzes.models import QuestionType
from tests.quizzes.seed_readings import generate_body, seed_lexicon


def _asks_none_of(text: str, *, blanks: tuple[str, ...], figures: set[str]):
    """The questions on ``text``, none of whose stems holds one of ``blanks`` and none a true/false changing one of
    ``figures``."""
    questions = generate_body(text)
    stems = [q.stem for q in questions]
    assert not [s for s in stems if any(blank in s for blank in blanks)], stems
    swapped = {q.meta.get("tf_original") for q in questions if q.type == QuestionType.TRUE_FALSE}
    assert not swapped & figures, swapped
    return questions


def _wrong_options(question) -> set[str]:
    return {c["text"] for c in question.choices if c["id"] not in question.answer["correct"]}


def test_well_known_countries_are_offered_among_countries_about_as_well_known():
    """ "The ____ and the Soviet Union drew up the Treaty" (the United States, the United Kingdom) offered Guatemala
    and Honduras, the Americas' most populous after Mexico; both reviewers called them absurd."""
    text = (
        "The United States, the United Kingdom and the Soviet Union drew up the Treaty, signed it and put it into effect "
        "as of October 10, 1967. The treaty bars states from placing nuclear weapons in orbit around the Earth."
    )
    lists = [q for q in generate_body(text) if q.type == QuestionType.MULTIPLE_RESPONSE and "belong in the blank" in q.stem]
    assert lists, [q.stem for q in generate_body(text)]
    for q in lists:
        wrong = _wrong_options(q)
        assert wrong and all(country_prominence(c) >= 4.2 for c in wrong), wrong


def test_a_list_keeps_its_question_when_one_country_s_continent_offers_nobody_as_well_known():
    """Canada's continent offers only Mexico as well known; the other countries' continents give the rest."""
    text = (
        "NATO deployed four multinational battlegroups to the Baltic states and Poland in 2017. "
        "The battlegroups were led by Canada, Germany, the United Kingdom and the United States."
    )
    lists = [q for q in generate_body(text) if q.type == QuestionType.MULTIPLE_RESPONSE and "led by ____" in q.stem]
    assert lists, [q.stem for q in generate_body(text)]
    assert all(country_prominence(c) >= 4.2 for c in _wrong_options(lists[0])), _wrong_options(lists[0])


def test_prominence_ranks_great_powers_above_small_states():
    assert country_prominence("France") > country_prominence("Belgium") > country_prominence("Nicaragua")
    assert country_prominence("U.S.") > 5


def test_numbered_notes_are_left_out_of_stems():
    """ "… at the end of the First World War [2 ]." was quoted in three stems (both reviewers: remove the marker)."""
    assert strip_citations("adopted at the end of the First World War [2 ].") == "adopted at the end of the First World War."
    assert strip_citations("gave up their nuclear weapons.[3][4] Then") == "gave up their nuclear weapons. Then"
    text = (
        "The 1925 Geneva Protocol was adopted following a dramatic appeal against chemical warfare by the ICRC at the end "
        "of the First World War [2 ]. The Chemical Weapons Convention entered into force on 29 April 1997 [3]."
    )
    stems = [q.stem for q in generate_body(text)]
    assert stems
    assert not [s for s in stems if "[2" in s or "[3" in s]


def test_how_far_a_market_price_moved_is_not_asked():
    """All six questions on "Wheat prices have fallen about 17 percent, and corn is down about 26 percent" were turned
    down by both reviewers as market trivia; the grain deal's launch year beside it stays asked."""
    text = (
        "The Black Sea Grain Initiative was launched in Istanbul by Russia, Türkiye, Ukraine and the United Nations on "
        "22 July 2022. Wheat prices have fallen about 17 percent, and corn is down about 26 percent."
    )
    stems = [q.stem for q in generate_body(text)]
    assert not [s for s in stems if "Wheat prices" in s], stems
    assert [s for s in stems if "22 July ____" in s or "launched in Istanbul" in s], stems


def test_the_number_of_permanent_members_is_not_asked():
    text = (
        "All five permanent members of the UN Security Council oppose the pact, expressing fear it will undermine the "
        "Treaty on the Non-Proliferation of Nuclear Weapons (NPT). The treaty entered into force on 22 January 2021 "
        "after Honduras became the 50th state to ratify it."
    )
    questions = generate_body(text)
    assert not [q.stem for q in questions if "____ permanent members" in q.stem]
    assert not [q.stem for q in questions if q.type == QuestionType.TRUE_FALSE and q.meta.get("tf_original") == "five"]


def test_a_spokesperson_s_name_is_not_asked():
    text = (
        "The Secretary-General commends the states that have ratified the Treaty and salutes civil society. "
        "“Entry into force is a tribute to their enduring advocacy,” Stephane Dujarric, a spokesperson of the UN "
        "secretary-general, said in a statement."
    )
    assert not [q.stem for q in generate_body(text) if "Dujarric" in " ".join(q.answer.get("accepted", []))]


def test_a_blank_inside_a_unit_designation_or_a_job_title_is_not_asked():
    text = (
        "The United States' framework unit to NATO's enhanced Forward Presence (eFP) initiative in Poland is the 2nd "
        "Squadron, 2nd Stryker Cavalry Regiment (2/2CR). Irini will be led by Rear Admiral Fabio Agostini as EU "
        "Operation Commander, and its headquarters will be located in Rome, Italy."
    )
    stems = [q.stem for q in generate_body(text)]
    assert not [s for s in stems if "2nd ____" in s], stems
    assert not [s for s in stems if "as EU ____" in s], stems


def test_a_body_named_with_its_parent_is_accepted_without_it_and_by_its_initials():
    """ "Ukrainian grain exports have been used by the ____" (the United Nations World Food Programme): both reviewers
    edited the cloze to accept "World Food Programme" and "WFP"."""
    text = (
        "The Black Sea Grain Initiative was launched in Istanbul on 22 July 2022. Ukrainian grain exports have been used "
        "by the United Nations World Food Programme to aid countries facing food insecurity."
    )
    asked = [q for q in generate_body(text) if q.type == QuestionType.CLOZE and "used by the ____" in q.stem]
    assert asked, [q.stem for q in generate_body(text)]
    accepted = asked[0].answer["accepted"]
    assert {"World Food Programme", "WFP"} <= set(accepted), accepted
    assert "UNWFP" not in accepted


def test_a_run_in_heading_or_a_dateline_is_not_quoted():
    text = (
        "The attack: Early in 1995 General Ratko Mladic began encroaching on the safe area of Srebrenica. "
        "WIESBADEN, Germany -- The battle group will deploy to Orzysz, Poland, in April 2017."
    )
    stems = [q.stem for q in generate_body(text)]
    assert [s for s in stems if "Early in" in s], stems
    assert not [s for s in stems if "The attack:" in s or "WIESBADEN" in s], stems


def test_the_reading_s_subject_with_alliance_after_it_is_as_trivial_as_the_subject():
    """On a release titled for NATO's battle group, "strengthen the ____'s deterrence" (the NATO Alliance) was trivially
    guessed (both reviewers); "U.S. ____ is preparing" (Army Europe) splits a name."""
    title = "Press release: NATO enhanced Forward Presence battle group"
    body = (
        "U.S. Army Europe is preparing to contribute to and strengthen the NATO Alliance's deterrence and defense posture "
        "by deploying a multinational battle group to Poland in April. NATO leaders agreed at the Warsaw Summit to "
        "establish the enhanced Forward Presence. The battle group will train with Polish, British and Romanian soldiers."
    )
    text = f"{title}\n\n{body}"
    sections = [SectionText(0, title, "title", "en", "", 0), SectionText(1, "", "body", "en", body, len(title) + 2)]
    result = generate(reading_key="efp-release", cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=title)
    stems = [q.stem for q in result.questions]
    assert not [s for s in stems if "the ____'s deterrence" in s or "U.S. ____" in s], stems


def test_an_agreement_s_other_names_and_a_historical_state_s_are_accepted_and_no_everyday_last_word_alone():
    """Blind review 93 (a second set of public texts, reviewed with the rules of review 91 in place): "Dayton
    Accords" refused "Dayton Agreement", "Soviet Union" refused "USSR" and "Falkland Islands" "Falklands";
    "Tripartite Aggression" accepted "Aggression" and "Dagomys Accord" "Accord" alone (both reviewers)."""
    assert {"Dayton Agreement", "Dayton Peace Agreement", "Dayton Accord"} <= set(_other_forms("Dayton Accords"))
    assert "Dagomys Agreement" in _other_forms("Dagomys Accord")
    assert {"USSR", "Soviets"} <= set(_other_forms("Soviet Union"))
    assert {"Falklands", "Malvinas"} <= set(_other_forms("Falkland Islands"))

    def term(name: str) -> Mention:
        return Mention("term", name, name, 0, len(name), "term", "", "rule")

    assert _surname(term("Tripartite Aggression"), "Tripartite Aggression") == ""
    assert _surname(term("Dagomys Accord"), "Dagomys Accord") == ""
    assert _surname(term("Naser Oric"), "Naser Oric") == "Oric"


def test_a_statement_never_swaps_in_what_it_already_names_nor_is_the_one_option_without_a_number():
    """Blind review 93: "… when Iraqi leader Saddam Hussein ordered the invasion of Iraq" offered as a false statement
    (absurd, not false), and "The British government viewed the invasion as a violation of international law" as the
    key among three statements with changed years (the one without a year is the answer by its form)."""
    sentence = "The conflict originated in August 1990, when Iraqi leader Saddam Hussein ordered the invasion of Kuwait."
    statement = _Statement(sentence=None, text=sentence, rewrites=[], variants=[])  # type: ignore[arg-type]
    iraq = (sentence.replace("of Kuwait", "of Iraq"), "Kuwait → Iraq", "Kuwait")
    saudi = (sentence.replace("of Kuwait", "of Saudi Arabia"), "Kuwait → Saudi Arabia", "Kuwait")
    assert _names_what_the_sentence_names(statement, iraq)
    assert not _names_what_the_sentence_names(statement, saudi)
    dated = [
        ("Argentine forces invaded the islands on April 2, 1979.", "1982 → 1979", "1982"),
        ("The war ended with the surrender on June 14, 1978.", "1982 → 1978", "1982"),
        ("The conflict took place in 1980.", "1982 → 1980", "1982"),
    ]
    assert _key_stands_out_by_its_form("The British government viewed the invasion as a violation of international law.", dated)
    assert not _key_stands_out_by_its_form("The war lasted for approximately 74 days.", dated)


def test_an_event_is_not_cut_at_the_and_inside_a_name():
    """ "At the ICRC Diplomatic Conference on the Reaffirmation" (cut before "and Development of International
    Humanitarian Law") was offered as an event to order (blind review 93, both reviewers edited it)."""
    text = (
        "In 1974, at the ICRC Diplomatic Conference on the Reaffirmation and Development of International Humanitarian "
        "Law Applicable in Armed Conflicts, a group of seven states presented a working paper proposing a ban on one "
        "type of fragmentation weapons. In late February 2007, 46 States signed the Oslo Declaration on Cluster "
        "Munitions. The Convention on Cluster Munitions was adopted in Dublin on 30 May 2008."
    )
    for q in generate_body(text):
        if q.type == QuestionType.ORDERING:
            assert not [c["text"] for c in q.choices if c["text"].endswith(("Reaffirmation", " on the"))], q.choices


def test_a_year_its_event_gives_a_biographical_year_and_a_distance_from_a_place_are_not_asked():
    """Blind reviews 93 and 95, both reviewers: "… met in February ____, just before the end of the Second World War"
    (1945), "Obasanjo, who stepped down as Nigeria's president in ____" (the mediator's biography), "pull back its
    fighters approximately ____ miles from the Israeli border" and "Homestead Air Force Base, just ____ miles off Cuba"
    (distances from a place). A missile's range stays asked."""
    text = (
        "Brijuni was dubbed the Third World's Yalta, where Stalin, Roosevelt and Churchill met in February 1945, just "
        "before the end of the Second World War, to divide the world. Olusegun Obasanjo, who stepped down as Nigeria's "
        "president in 2007 and has since mediated conflicts across Africa, praised the Pretoria agreement signed on "
        "2 November 2022. Hezbollah is also expected to pull back its fighters approximately 25 miles from the Israeli "
        "border. The INF Treaty banned all land-based missiles with ranges between 500 and 5,500 kilometers."
    )
    _asks_none_of(text, blanks=("February ____", "president in ____", "approximately ____ miles"), figures={"1945", "2007", "25"})


def test_a_people_a_general_and_an_african_union_body_are_accepted_as_students_write_them():
    """Blind review 95, both reviewers edited the clozes: "Crimean Tatar People" refused "Crimean Tatars", "Gen Al
    Burhan" refused "Burhan" and "al-Burhan", "African Union Peace and Security Council" "Peace and Security Council"."""
    assert {"Crimean Tatars", "Crimean Tatar"} <= set(_other_forms("Crimean Tatar People"))
    assert {"Al Burhan", "Burhan", "al-Burhan"} <= set(_other_forms("Gen Al Burhan"))
    assert "Qaeda" not in _other_forms("Al Qaeda")
    assert _without_parent("African Union Peace and Security Council") == "Peace and Security Council"
    assert _without_parent("EU Member States") == ""


def test_a_connective_after_the_subject_leans_on_the_sentence_before():
    """ "The junta, instead, proposed retaining power until 2025": instead of what (blind review 95, both reviewers)?"""
    text = (
        "Mali's junta reneged on an agreement to organise elections in February. The junta, instead, proposed retaining "
        "power until 2025. France announced the withdrawal of its troops from Mali on 17 February 2022."
    )
    assert not [q.stem for q in generate_body(text) if q.stem.count("“") == 1 and "“The junta, instead" in q.stem]


def test_a_list_that_begins_a_word_before_its_first_country_is_not_blanked():
    """ "… involving China, the United States, North and ____" (South Korea, Japan and Russia): the blank reads as one
    country (blind review 95, both reviewers)."""
    text = (
        "The Six-Party Talks are aimed at ending North Korea's nuclear program through a negotiating process involving "
        "China, the United States, North and South Korea, Japan and Russia. The talks began in August 2003 in Beijing."
    )
    assert not [q.stem for q in generate_body(text) if "North and ____" in q.stem]
    assert _CONJUNCT_BEFORE.search("a negotiating process involving China, the United States, North and ")
    assert not _CONJUNCT_BEFORE.search("a negotiating process involving ")


def test_the_writer_a_quotation_is_taken_from_is_not_asked():
    """ "“… annoyance,” writes ____ in The Darker Nations" (Vijay Prashad): who wrote the words quoted, not what the
    reading says (blind review 95, both reviewers)."""
    text = (
        "The Bandung conference of 1955 gathered leaders of 29 Asian and African states. “Despite the infighting, debates "
        "and sighs of annoyance,” writes Vijay Prashad in The Darker Nations, “Bandung produced something.” The first "
        "summit of the Non-Aligned Movement met in Belgrade in September 1961."
    )
    assert not [q.stem for q in generate_body(text) if "writes ____" in q.stem]


def test_how_many_states_formed_a_group_once_is_not_asked():
    """ "In 1974 … a group of ____ states presented a working paper proposing a ban" (blind review 93, both reviewers:
    the ones who did it once, no body's size)."""
    text = (
        "In 1974, a group of seven states presented a working paper proposing a ban on one type of fragmentation weapons. "
        "The Convention on Cluster Munitions was adopted in Dublin on 30 May 2008."
    )
    assert not [q.stem for q in generate_body(text) if "group of ____ states" in q.stem]


def test_a_ship_s_particulars_a_snapshot_s_date_and_years_counted_to_an_unstated_day_are_not_asked():
    """Blind review 97, both reviewers: "Built in ____, the seized tanker has a deadweight tonnage … of 49,683 tons",
    "As of May 4, ____, the total strength … of UNFICYP was 1,247", "More than ____ years after the start of Libya's
    uprising …, the country is in turmoil"."""
    text = (
        "Iran seized the British-flagged tanker Stena Impero in the Strait of Hormuz on July 19, 2019. Built in 2018, the "
        "seized tanker has a deadweight tonnage of 49,683 tons. As of May 4, 2004, the total strength of UNFICYP was "
        "1,247. More than eight years after the start of Libya's uprising in February 2011, the country is in turmoil."
    )
    _asks_none_of(text, blanks=("tonnage", "As of May 4, ____", "More than ____ years"), figures={"2004"})


def test_a_duration_in_years_is_stated_false_by_a_quarter_not_doubled():
    """ "… end 52 years of armed conflict" stated as "100 years" was false on its face (blind review 97, both)."""
    other = _other_figure(52, year=False, percent=False, key="k", duration=True)
    assert other in {39, 65}


def test_a_roster_of_many_countries_is_no_select_all():
    text = (
        "The United Nations Peacekeeping Force in Cyprus was established in 1964. The 1,201 military personnel came from "
        "Argentina, Australia, Austria, Brazil, Canada, Chile, Finland, Hungary, Peru, Slovakia, the United Kingdom and "
        "Uruguay, while the civilian police came from India and the Netherlands."
    )
    assert not [q.stem for q in generate_body(text) if q.type == QuestionType.MULTIPLE_RESPONSE]


def test_a_treaty_named_after_a_place_is_accepted_as_the_place_s_treaty():
    assert {"Pelindaba Treaty", "Pelindaba"} <= set(_other_forms("Treaty of Pelindaba"))
    assert "Washington" not in _other_forms("Treaty of Washington")


def test_a_service_of_a_body_is_accepted_by_the_body_s_other_names():
    assert {"IRGC Navy", "IRGC"} <= set(_other_forms("Islamic Revolutionary Guard Corps Navy"))


def test_a_subject_named_only_by_what_it_is_gets_the_reading_s_title_in_the_stem():
    """Blind review 101: both reviewers edited 25 questions to name the subject the headline gives ("In ____, the United
    States transferred the islands to Japan": the Senkaku Islands; "The Treaty was signed in Moscow on May 24, ____":
    the Moscow Treaty). A sentence that names its subject, or a title that is only a date or a label, changes nothing."""
    title = "Senkaku Islands dispute"
    body = (
        "In 1972, the United States transferred the islands to Japan. The PRC and the ROC argue that documentary "
        "evidence prior to the First Sino-Japanese War indicates Chinese possession since 1403."
    )
    text = f"{title}\n\n{body}"
    sections = [SectionText(0, title, "title", "en", "", 0), SectionText(1, "", "body", "en", body, len(title) + 2)]
    result = generate(reading_key="senkaku", cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=title)
    islands = [q.stem for q in result.questions if "the islands to Japan" in q.stem]
    assert islands and all("the reading on “Senkaku Islands dispute”" in s for s in islands), islands
    others = [q.stem for q in result.questions if "First Sino-Japanese War" in q.stem]
    assert all("Senkaku Islands dispute" not in s for s in others), others
    assert not _TOPIC_TITLE.fullmatch("13 June 1982")
    assert not _BARE_REFERENCE.search("The war in Ukraine began in 2014.")


def test_a_force_s_strength_a_converted_figure_a_war_s_year_and_a_split_hyphenated_name_are_not_asked():
    """Blind review 101, both reviewers: "France would keep ____ soldiers in the country", "a range no greater than ____
    kilometers (186 miles)", "since the ____ war" offered among years of no war, "signed the Anti–____ in Moscow"."""
    text = (
        "Libya said it would retain only missiles with a range no greater than 300 kilometers (186 miles). In 2014, "
        "Operation Sangaris had some 2,400 soldiers. The airstrikes were the first time that Indian fighter jets had "
        "crossed the Line of Control since the 1971 war. On May 26, 1972, Richard Nixon and Leonid Brezhnev signed the "
        "Anti–Ballistic Missile Treaty in Moscow."
    )
    questions = _asks_none_of(text, blanks=("than ____ kilometers", "some ____ soldiers", "Anti–____"), figures={"300", "2,400", "1971"})
    assert not [q.stem for q in questions if q.type == QuestionType.SINGLE_CHOICE and "the ____ war" in q.stem]


def test_a_name_is_accepted_without_the_word_that_only_describes_it():
    assert "Seleka" in _other_forms("Muslim Seleka")
    assert "Okinawa" in _other_forms("Okinawa Prefecture")
    assert "League" not in _other_forms("Arab League")


def test_a_round_year_is_offered_among_round_years_within_a_decade():
    options = other_figures(1975, year=True, percent=False, key="k", count=3)
    assert all(abs(o - 1975) <= 10 for o in options), options
    assert any(o % 10 == 5 for k in range(5) for o in other_figures(1975, year=True, percent=False, key=str(k), count=3))


def test_a_place_s_treaty_the_jcpoa_and_a_leap_day_are_handled_as_students_expect():
    """Blind review 103, both reviewers: "Tlatelolco Treaty" refused "Treaty of Tlatelolco", the Joint Comprehensive Plan
    of Action refused "JCPOA", and "February 29, 2017" (a day that never was) gave its true/false away."""
    assert {"Treaty of Tlatelolco", "Tlatelolco"} <= set(_other_forms("Tlatelolco Treaty"))
    assert "Treaty of CFE" not in _other_forms("CFE Treaty")
    assert "JCPOA" in _other_forms("Joint Comprehensive Plan of Action")
    text = (
        "On February 29, 2020, Mullah Abdul Ghani Baradar signs an agreement with Zalmay Khalilzad, US envoy for peace in "
        "Afghanistan, at a ceremony in Doha. The war started with the US invasion of Afghanistan in October 2001."
    )
    for q in generate_body(text):
        if q.type == QuestionType.TRUE_FALSE and "February 29" in q.stem:
            assert q.meta.get("tf_swapped") in {"2016", "2024", "2012", "2028"}, q.stem
