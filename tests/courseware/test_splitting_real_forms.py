# ruff: noqa: RUF001 -- readings are full of typographic apostrophes and dashes; the tests quote them exactly
"""The heading styles and metadata that real texts use without marking them the way the format
would: front matter, bold lines with a colon, Markdown without the space after the hashes,
numbered divisions, lines in capitals, run-in headings, and transcripts whose speaker turns are
short lines that are not headings. Small made-up texts, one form each."""

from __future__ import annotations

from datetime import date

import pytest

from courseware.ingest.pipeline import ParsedReading, parse_reading
from courseware.ingest.structure import is_speaker_turn

LIMIT = 10 * 1024 * 1024


def parse(text: str, filename: str = "reading.md") -> ParsedReading:
    return parse_reading(text.encode(), filename=filename, max_bytes=LIMIT)


def headings(parsed: ParsedReading) -> list[str]:
    return [section.heading for section in parsed.sections if section.heading]


FRONT_MATTER = """---
date: '2023-06-02'
source_url: https://example.gov/remarks/
title: "Remarks on Arms\\_Control\\
  \\ at the Annual\\_Forum"
---

Thank you all for coming.

\\*\\*\\*

Sixty years ago the test ban treaty was signed in Moscow.

\\###
"""


def test_front_matter_is_removed_for_review_and_gives_the_title_and_the_date():
    parsed = parse(FRONT_MATTER, "remarks.txt")
    assert parsed.source_format == "markdown"
    assert parsed.title == "Remarks on Arms Control at the Annual Forum"
    assert parsed.published_on == date(2023, 6, 2)
    assert parsed.removed[0].reason == "front_matter"
    assert "source_url" in parsed.removed[0].text
    assert "source_url" not in parsed.cleaned_text and "---" not in parsed.cleaned_text
    assert parsed.cleaned_text == "Thank you all for coming.\n\nSixty years ago the test ban treaty was signed in Moscow."
    assert [item.text for item in parsed.removed if item.reason == "separator"] == ["***", "###"]


def test_a_text_that_opens_with_a_rule_but_no_metadata_keeps_it_as_text():
    parsed = parse("---\nNot metadata at all, just a sentence.\n---\n\nBody text follows here.\n", "rule.md")
    assert all(item.reason != "front_matter" for item in parsed.removed)
    assert "Not metadata at all" in parsed.cleaned_text


def test_bold_lines_ending_in_a_colon_are_headings_without_the_colon():
    parsed = parse("Intro sentence of the fact sheet.\n\n**A Stronger Alliance:**\n\nAllies agreed to spend more.\n")
    assert headings(parsed) == ["A Stronger Alliance"]


def test_markdown_headings_written_without_the_space_are_headings_but_hashtags_are_not():
    parsed = parse("##Treaty on Open Skies\n\nThe parties agree.\n\n###Article II \n\nFlights are allowed.\n\n#NATO #OpenSkies\n")
    assert headings(parsed) == ["Treaty on Open Skies", "Article II"]
    assert "#NATO #OpenSkies" in parsed.cleaned_text


def test_numbered_divisions_and_lines_in_capitals_are_headings_in_structured_text_but_list_items_are_not():
    text = "The parties agree as follows.\n\nArticle 5\n\nAn armed attack against one is an attack against all.\n\nFINAL PROVISIONS\n\nThis treaty is open.\n\n- NASAMS\n- IRIS-T\n"
    parsed = parse(text)
    assert headings(parsed) == ["Article 5", "FINAL PROVISIONS"]
    assert "Title 42 U.S.C." not in headings(parse("Statutes cited.\n\nTitle 42 U.S.C. §7144b Title 50 U.S.C. §2401\n"))


RUN_IN = """This policy outlines goals in three lines of effort:

**Counter WMD Terrorism:** Combatting all stages of WMD terrorism requires vigilance.

**Advance Nuclear Material Security:** The peaceful uses of nuclear technology provide benefits.

**Advance Radioactive Material Security –** Radioactive sources are in use worldwide.
"""


def test_run_in_bold_headings_open_sections_when_the_text_uses_them_repeatedly():
    parsed = parse(RUN_IN)
    assert headings(parsed) == ["Counter WMD Terrorism", "Advance Nuclear Material Security", "Advance Radioactive Material Security"]
    assert parsed.sections[1].text == "Combatting all stages of WMD terrorism requires vigilance."


def test_a_single_bold_lead_in_is_emphasis_not_a_heading():
    parsed = parse("**Note:** the figures are estimates.\n\nThe rest of the article follows here.\n")
    assert headings(parsed) == []
    assert parsed.cleaned_text.startswith("Note: the figures are estimates.")


def test_run_in_headings_work_the_same_in_html():
    page = "<html><body><p>Three pillars:</p>" + "".join(
        f"<p><strong>{name}:</strong> {text}</p>"
        for name, text in [("Deterrence", "Allies deter aggression."), ("Resilience", "Allies prepare their societies.")]
    )
    parsed = parse(page + "</body></html>", "pillars.html")
    assert headings(parsed) == ["Deterrence", "Resilience"]


def test_struck_through_text_is_removed_and_kept_for_review():
    parsed = parse("Our Operation <s>Allied Rescue</s> \\[Allies Refuge\\] got 5,500 Americans out.\n")
    assert parsed.cleaned_text == "Our Operation [Allies Refuge] got 5,500 Americans out."
    assert [(item.reason, item.text) for item in parsed.removed] == [("struck_text", "Allied Rescue")]
    html = parse("<p>He said <del>ninety</del> ninety-eight percent left.</p><p>More text here.</p><p>And more.</p>", "x.html")
    assert "ninety-eight percent" in html.cleaned_text and "said ninety ninety" not in html.cleaned_text


TRANSCRIPT = """\
Vilnius Town Hall

8:39 A.M. EEST

MS. SMITH:  Good morning, everyone.  I just wanted to welcome everyone
to the seventy- — 74th NATO Summit.

MR. JONES:  Thanks.  (Applause.)  Today is a good day.

Q    Is that days, weeks, or months?

MR. JONES:  It’s months.

Q    (Inaudible.)

MR. JONES:  I’m sorry?

9:12 A.M. EEST
"""


def test_a_plain_text_transcript_keeps_its_speaker_turns_as_text_not_headings():
    parsed = parse(TRANSCRIPT, "briefing.txt")
    assert headings(parsed) == ["Vilnius Town Hall"]
    assert "Q Is that days, weeks, or months?" in parsed.cleaned_text
    assert "MR. JONES: I’m sorry?" in parsed.cleaned_text
    reasons = [item.reason for item in parsed.removed]
    assert reasons.count("transcript_time") == 2
    assert "A.M." not in parsed.cleaned_text and "(Applause" not in parsed.cleaned_text
    assert "to the 74th NATO Summit." in parsed.cleaned_text


def test_a_paragraph_cut_by_a_page_break_is_joined_again():
    text = (
        "# Leadership\n\nThe position is dual-hatted and the incumbent serves as the principal staff\n\n"
        "assistant for intelligence, counterintelligence, and security matters of the department.\n"
    )
    parsed = parse(text)
    assert parsed.sections[0].text.count("\n\n") == 0
    assert "principal staff assistant for intelligence" in parsed.sections[0].text


@pytest.mark.parametrize(
    "line",
    ["MR. SULLIVAN:  Thanks, Karine.", "Q    Thanks, Jake.", "Q Is that days, weeks, or months?", "THE PRESIDENT: Hello, Lithuania!",
     "MS BRUCE: Happy Monday.", "KIRBY:  Thanks, everybody.", "AUDIENCE MEMBER:  From Los Angeles."],
)  # fmt: skip
def test_speaker_turns_are_recognised(line):
    assert is_speaker_turn(line)


@pytest.mark.parametrize("line", ["NATO: A New Era", "Quebec and the Alliance", "FINAL PROVISIONS", "Article 5"])
def test_headings_with_capitals_or_a_colon_are_no_speaker_turns(line):
    assert not is_speaker_turn(line)


def test_front_matter_is_found_in_a_file_with_windows_line_ends():
    parsed = parse(FRONT_MATTER.replace("\n", "\r\n"), "remarks.md")
    assert parsed.title == "Remarks on Arms Control at the Annual Forum"
    assert parsed.removed[0].reason == "front_matter"


def test_back_matter_is_kept_apart_from_the_body_without_making_the_text_a_paper():
    text = (
        "# Background\n\nThe office traces its origins to the Second World War.\n\n"
        "# Related CRS Products\n\nCRS In Focus IF10527, Establishment Provisions.\n\n"
        "# Disclaimer\n\nThis document was prepared by the Congressional Research Service.\n"
    )
    parsed = parse(text)
    assert [(section.heading, section.kind) for section in parsed.sections] == [
        ("Background", "body"),
        ("Related CRS Products", "references"),
        ("Disclaimer", "references"),
    ]
    assert parsed.kind == "news"
