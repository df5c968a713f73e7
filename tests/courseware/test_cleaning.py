# ruff: noqa: RUF001 -- readings are full of typographic apostrophes and dashes; the tests quote them exactly
"""Each cleaning rule on its own."""

from __future__ import annotations

from datetime import date

import pytest

from courseware.ingest.cleaning import (
    clean_characters,
    fix_doubled_apostrophes,
    fix_mojibake,
    normalize_unicode,
    parse_dateline,
    remove_article_navigation,
    remove_boilerplate,
    remove_byline_and_dateline,
    remove_false_starts,
    remove_page_numbers,
    remove_photo_captions,
    remove_running_lines,
    remove_separators,
    remove_share_widgets,
    remove_stage_directions,
    remove_summary_widget,
    remove_transcript_times,
    strip_control_characters,
)
from courseware.ingest.extract import Line
from courseware.ingest.hyphenation import Vocabulary, join_hyphenated, reflow_paragraph


def lines(text: str) -> list[Line]:
    return [Line(part) for part in text.split("\n")]


def texts(result_lines: list[Line]) -> list[str]:
    return [line.text for line in result_lines if line.text.strip()]


# --- character level ---------------------------------------------------------------------------


def test_unicode_is_normalised_to_composed_form():
    decomposed = "Krako\u0301w e\u0301"  # letters followed by combining acute accents
    assert normalize_unicode(decomposed) == "Kraków é"
    assert len(normalize_unicode(decomposed)) == len("Kraków é")


def test_unicode_normalisation_unifies_spaces_and_line_breaks_and_drops_invisible_characters():
    text = "NATO\u00a0summit\r\nin\u2009Vilnius\u200b and\u00adnow\rend"
    assert normalize_unicode(text) == "NATO summit\nin Vilnius andnow\nend"


def test_unicode_normalisation_spells_out_ligatures():
    assert normalize_unicode("\ufb01nancial e\ufb00orts") == "financial efforts"


def test_mojibake_from_a_wrong_windows_1252_decoding_is_repaired():
    assert fix_mojibake("NATOâ€™s table") == "NATO’s table"
    assert fix_mojibake("â€œin due course,â€\x9d officials said") == "“in due course,” officials said"


def test_correct_text_is_left_alone_by_the_mojibake_fixer():
    text = "Kraków, Zürich and the “Euro-Atlantic” area — 2025"
    assert fix_mojibake(text) == text


def test_doubled_apostrophe_inside_a_word_becomes_one_typographic_apostrophe():
    assert fix_doubled_apostrophes("NATO'’s response") == "NATO’s response"
    assert fix_doubled_apostrophes("Ukraine’’s army") == "Ukraine’s army"


def test_quotes_around_words_are_not_mistaken_for_doubled_apostrophes():
    text = "he said ''no'' and 'yes'"
    assert fix_doubled_apostrophes(text) == text


def test_control_characters_are_stripped_but_line_breaks_kept():
    assert strip_control_characters("a\x00b\x07c\nd\x1b") == "abc\nd"


def test_character_rules_together_repair_the_seed_papers_apostrophes():
    assert clean_characters("NATO'’s support  \r\n") == "NATO’s support\n"


# --- boilerplate -------------------------------------------------------------------------------


def test_summary_widget_is_removed_and_kept_for_review():
    result = remove_summary_widget(lines("Title\n\nNo time to read?\nGet a summary\n\nFirst paragraph."))
    assert texts(result.lines) == ["Title", "First paragraph."]
    assert [(item.reason, item.text) for item in result.removed] == [("summary_widget", "No time to read?\nGet a summary")]


def test_article_navigation_trailer_with_link_titles_is_removed_to_the_end():
    text = (
        "Last paragraph of the article.\n\nPrevious Article\n\nIberdrola expands truck charging across Spain\n\n"
        "Next Article\n\nChangan Hunter Plus Debuts in Russia"
    )
    result = remove_article_navigation(lines(text))
    assert texts(result.lines) == ["Last paragraph of the article."]
    assert len(result.removed) == 1
    assert result.removed[0].reason == "article_navigation"
    assert "Iberdrola expands truck charging across Spain" in result.removed[0].text
    assert "Changan Hunter Plus Debuts in Russia" in result.removed[0].text


def test_navigation_label_in_the_middle_takes_only_its_link_title():
    text = "Opening paragraph.\nNext Article\nSomething unrelated\nThe article goes on here with a real sentence."
    result = remove_article_navigation(lines(text))
    assert texts(result.lines) == ["Opening paragraph.", "The article goes on here with a real sentence."]
    assert result.removed[0].text == "Next Article\nSomething unrelated"


def test_share_widgets_advertisements_and_newsletter_prompts_are_removed():
    text = "Share this article\nFacebook Twitter LinkedIn\nTweet\nAdvertisement\nSubscribe to our newsletter\nReal text stays."
    result = remove_share_widgets(lines(text))
    assert texts(result.lines) == ["Real text stays."]
    assert [item.reason for item in result.removed] == [
        "share_widget",
        "share_widget",
        "share_widget",
        "advertisement",
        "newsletter_prompt",
    ]


def test_sentences_mentioning_sharing_are_not_share_widgets():
    text = "Allies share intelligence with Kyiv.\nTwitter was used to spread disinformation."
    assert texts(remove_share_widgets(lines(text)).lines) == text.split("\n")


def test_photo_captions_with_their_credit_and_their_uncredited_copy_are_removed():
    """A news page's picture: its alt text, then the caption with its credit (blind review 93: a minister named only in
    them was asked about as if the article named him)."""
    text = (
        "Norwegian ambassador to NATO, Mr. Øystein Bø, and Minister of Defence Bjørn Arild Gram at a press meeting "
        "before the Nato-meeting in Madrid, 28 June 2022.\n"
        "Norway´s ambassador to NATO, Mr. Øystein Bø, and Minister of Defence Bjørn Arild Gram at a press meeting "
        "before the Nato-meeting in Madrid, 28 June 2022. Credit: Torbjørn Kjosvold/Forsvaret\n"
        "Türkiye has agreed to support the applications of Sweden and Finland for membership of NATO."
    )
    result = remove_photo_captions(lines(text))
    assert texts(result.lines) == ["Türkiye has agreed to support the applications of Sweden and Finland for membership of NATO."]
    assert [item.reason for item in result.removed] == ["photo_caption", "photo_caption"]


def test_a_bracketed_photo_credit_goes_and_its_sentence_stays():
    text = "Mr. Daalder is the U.S. ambassador to NATO. (photo: Allied Command Operations)\nThe council met on Sept. 12."
    result = remove_photo_captions(lines(text))
    assert texts(result.lines) == ["Mr. Daalder is the U.S. ambassador to NATO.", "The council met on Sept. 12."]
    assert [item.reason for item in result.removed] == ["photo_credit"]


def test_sentences_about_credit_or_photos_are_not_captions():
    text = "Ukraine received credit lines from the EU.\nThe photo shows the aftermath: craters and debris."
    assert texts(remove_photo_captions(lines(text)).lines) == text.split("\n")


def test_page_numbers_alone_on_a_line_are_removed():
    result = remove_page_numbers(lines("end of page one\n12\nPage 3 of 10\nstart of page two"))
    assert texts(result.lines) == ["end of page one", "start of page two"]
    assert [item.reason for item in result.removed] == ["page_number", "page_number"]


def test_running_headers_that_recur_on_the_pages_are_removed():
    text = (
        "Journal of Alliance Studies 3\nText one.\nJournal of Alliance Studies 4\nText two.\nText two.\nJournal of Alliance Studies 5\nEnd."
    )
    result = remove_running_lines(lines(text), pages=3)
    assert texts(result.lines) == ["Text one.", "Text two.", "Text two.", "End."]
    assert [item.reason for item in result.removed] == ["running_header"] * 3


def test_a_single_page_has_no_running_headers():
    text = "Same line\nSame line"
    assert texts(remove_running_lines(lines(text), pages=1).lines) == ["Same line", "Same line"]


def test_byline_and_dateline_at_the_top_are_removed_and_kept():
    result = remove_byline_and_dateline(lines("NATO SUMMIT\nBy Staff Reporter\nJuly 10, 2024\nLeaders met in Washington."))
    assert texts(result.lines) == ["NATO SUMMIT", "Leaders met in Washington."]
    assert [(item.reason, item.text) for item in result.removed] == [("byline", "By Staff Reporter"), ("dateline", "July 10, 2024")]


def test_a_date_continuing_a_wrapped_sentence_is_not_a_dateline():
    text = "Collective defence was invoked after the attacks of\n11 September 2001"
    assert texts(remove_byline_and_dateline(lines(text)).lines) == text.split("\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("July 10, 2024", date(2024, 7, 10)), ("Published: 4 June 2025, 10:30 CET", date(2025, 6, 4)), ("2023-07-11", date(2023, 7, 11))],
)
def test_datelines_are_read_as_dates(text, expected):
    assert parse_dateline(text) == expected


def test_boilerplate_rules_run_together_and_report_every_removal():
    text = "No time to read?\nGet a summary\nText.\nShare on Facebook\nPrevious Article\nOther story"
    result = remove_boilerplate(lines(text), page_numbers=False)
    assert texts(result.lines) == ["Text."]
    assert {item.reason for item in result.removed} == {"summary_widget", "share_widget", "article_navigation"}


# --- re-flowing and hyphenation ----------------------------------------------------------------


def test_hard_wrapped_lines_are_reflowed_into_one_paragraph():
    vocabulary = Vocabulary.from_text("")
    assert reflow_paragraph(["The conflict between Russia", "and Ukraine has emerged."], vocabulary) == (
        "The conflict between Russia and Ukraine has emerged."
    )


def test_page_break_indentation_in_the_middle_of_a_paragraph_is_dropped():
    vocabulary = Vocabulary.from_text("")
    paragraph = ["previously under", " Russian control, thereby demonstrating", "the impact."]
    assert reflow_paragraph(paragraph, vocabulary) == "previously under Russian control, thereby demonstrating the impact."


def test_a_compound_seen_elsewhere_keeps_its_hyphen_across_a_line_break():
    vocabulary = Vocabulary.from_text("Her long-term plan.\nThe long-\nterm view.")
    assert join_hyphenated("long", "term", vocabulary) == "long-term"
    assert reflow_paragraph(["The long-", "term view."], vocabulary) == "The long-term view."


def test_a_word_seen_whole_elsewhere_loses_the_typesetting_hyphen():
    vocabulary = Vocabulary.from_text("International law matters.\nThe inter-\nnational order.")
    assert join_hyphenated("inter", "national", vocabulary) == "international"


def test_a_capitalised_second_part_keeps_the_hyphen():
    vocabulary = Vocabulary.from_text("")
    assert join_hyphenated("Euro", "Atlantic", vocabulary) == "Euro-Atlantic"
    assert join_hyphenated("pre", "2014", vocabulary) == "pre-2014"
    assert join_hyphenated("NATO", "led", vocabulary) == "NATO-led"


def test_a_split_off_word_ending_loses_the_hyphen_even_when_never_seen():
    vocabulary = Vocabulary.from_text("We develop plans.")
    assert join_hyphenated("develop", "ment", vocabulary) == "development"
    assert join_hyphenated("capa", "bilities", vocabulary) == "capabilities"


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("low", "altitude", "low-altitude"),
        ("war", "torn", "war-torn"),
        ("Soviet", "era", "Soviet-era"),
        ("state", "ment", "statement"),
        ("secu", "rity", "security"),
        ("sustain", "able", "sustainable"),
    ],
)
def test_common_compound_elements_and_split_off_endings_decide_unseen_words(left, right, expected):
    assert join_hyphenated(left, right, Vocabulary.from_text("")) == expected


def test_two_words_of_the_text_make_a_compound():
    vocabulary = Vocabulary.from_text("energy security and more")
    assert join_hyphenated("energy", "related", vocabulary) == "energy-related"


def test_a_free_standing_dash_at_a_line_end_is_punctuation_not_hyphenation():
    vocabulary = Vocabulary.from_text("")
    assert reflow_paragraph(["Russia’s actions -", "its annexation of Crimea"], vocabulary) == "Russia’s actions - its annexation of Crimea"


def test_a_hyphen_after_an_abbreviation_stays():
    vocabulary = Vocabulary.from_text("")
    assert reflow_paragraph(["modeled after the U.S.-", "South Korea relationship"], vocabulary) == (
        "modeled after the U.S.-South Korea relationship"
    )


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (["Euro-", "Atlantic integration"], "Euro-Atlantic integration"),
        (["rules-", "based international order"], "rules-based international order"),
        (["National Anti-", "Corruption Bureau"], "National Anti-Corruption Bureau"),
    ],
)
def test_the_seed_papers_line_end_compounds_keep_their_hyphens(broken, expected):
    from tests.courseware.readings_support import SEED_PAPER

    vocabulary = Vocabulary.from_text(SEED_PAPER.read_text())
    assert reflow_paragraph(broken, vocabulary) == expected


# --- transcripts and separators ------------------------------------------------------------------


def test_separator_lines_without_letters_or_digits_are_removed():
    result = remove_separators(lines("First part.\n\n***\n\nSecond part.\n* * *\n###\nThird part, 3."))
    assert texts(result.lines) == ["First part.", "Second part.", "Third part, 3."]
    assert [item.text for item in result.removed] == ["***", "* * *", "###"]


@pytest.mark.parametrize("line", ["3:28 P.M. EDT", "8:39 A.M. EEST", "12:06 p.m. EDT", "(9:12 a.m.)"])
def test_a_transcripts_time_stamps_on_their_own_line_are_removed(line):
    result = remove_transcript_times(lines(f"THE PRESIDENT: Thank you.\n{line}"))
    assert texts(result.lines) == ["THE PRESIDENT: Thank you."]
    assert [item.reason for item in result.removed] == ["transcript_time"]


def test_a_time_inside_a_sentence_stays():
    assert texts(remove_transcript_times(lines("The vote was at 3:28 P.M. EDT on Friday.")).lines) == [
        "The vote was at 3:28 P.M. EDT on Friday."
    ]


def test_stage_directions_are_cut_out_of_the_text_and_recorded():
    result = remove_stage_directions(
        lines("Hello, Lithuania!  (Applause.)  As my mother would say.\n(Laughter.)\nthe united — (inaudible) to make it a member")
    )
    assert texts(result.lines) == ["Hello, Lithuania! As my mother would say.", "the united — to make it a member"]
    assert [item.text for item in result.removed] == ["(Applause.)", "(Laughter.)", "(inaudible)"]


def test_parentheses_that_are_no_stage_direction_stay():
    text = "National Security Memorandum (NSM) 19, the Act (P.L. 108-458) (see annex) and a long (pause in the fighting that lasted weeks)."
    assert texts(remove_stage_directions(lines(text)).lines) == [text]


def test_false_starts_are_cut_and_the_restart_kept():
    result = remove_false_starts(
        lines("an airma- — an airlift that evacuated\nthe 74th NATO S- — 74th NATO Summit\nit wa-\n— I was in contact")
    )
    assert texts(result.lines) == ["an airlift that evacuated", "the 74th NATO 74th NATO Summit", "I was in contact"]
    # The restart repeats the word before the fragment ("an airma- — an airlift"), or puts another subject pronoun in
    # its place before the word the fragment began ("it wa- — I was"): that word goes too.
    assert [item.text for item in result.removed] == ["an airma- —", "S- —", "it wa-\n—"]


def test_a_restart_that_swaps_the_subject_pronoun_cuts_the_pronoun_begun_with():
    # "it wa- — I was in constant contact": the speaker began "it was" and restarted "I was"; "it I was" is debris.
    result = remove_false_starts(lines("for his invasion, it wa- — I was in contact\nbefore the war, we ha-\n— they had left"))
    assert texts(result.lines) == ["for his invasion, I was in contact", "before the war,", "they had left"]
    # Only a pronoun swapped for a pronoun, before the word the fragment began: anything else keeps the word before it.
    kept = remove_false_starts(lines("the plan wa- — I think it was late\nit wa- — I was"))
    assert texts(kept.lines) == ["the plan I think it was late", "I was"]


def test_hyphenated_compounds_and_dashes_are_no_false_starts():
    text = "low- and middle-income countries — the U.S.-South Korea alliance — a well-known case"
    assert texts(remove_false_starts(lines(text)).lines) == [text]
