# ruff: noqa: RUF001 -- readings are full of typographic apostrophes and dashes; the tests quote them exactly
"""Section splitting on the seed readings and on readings the splitter has never seen, in
each supported format. Runs the pipeline only; saving is tested in test_import.py."""

from __future__ import annotations

from datetime import date

import pytest

from core.text.citations import extract_citations
from courseware.ingest.language import detect_language
from courseware.ingest.pipeline import ParsedReading, parse_reading
from courseware.ingest.structure import is_heading_shaped
from tests.courseware.readings_support import (
    PAPER_HEADINGS,
    SEED_NEWS_HAGUE,
    SEED_NEWS_VILNIUS,
    SEED_PAPER,
    journal_pdf_bytes,
    pdf_bytes,
)

LIMIT = 10 * 1024 * 1024


def parse(data: bytes, filename: str = "reading.txt", **kwargs) -> ParsedReading:
    return parse_reading(data, filename=filename, max_bytes=LIMIT, **kwargs)


def headings(parsed: ParsedReading) -> list[str]:
    return [section.heading for section in parsed.sections]


def assert_offsets_hold(parsed: ParsedReading) -> None:
    for section in parsed.sections:
        assert parsed.cleaned_text[section.start : section.end] == section.text
        for citation in section.citations:
            assert section.text[citation.start : citation.start + len(citation.as_cited)] == citation.as_cited


# --- the seed paper ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def paper() -> ParsedReading:
    return parse(SEED_PAPER.read_bytes(), SEED_PAPER.name)


def test_the_seed_paper_yields_its_headed_sections_in_order(paper):
    assert headings(paper) == PAPER_HEADINGS


def test_no_sentence_fragment_of_the_seed_paper_is_taken_for_a_heading(paper):
    for heading in headings(paper):
        assert heading[:1].isupper()
        assert not heading.endswith((".", ",", "’s"))
    # Lines that start with a space in mid-paragraph (page-break indentation) stay in their paragraph.
    body = paper.cleaned_text
    assert "previously under Russian control, thereby demonstrating the tangible impact" in body
    assert "Meanwhile, Russia has made it explicitly clear" in body


def test_the_seed_papers_section_kinds_and_languages(paper):
    kinds = {section.heading: (section.kind, section.language) for section in paper.sections}
    assert kinds["Abstract"] == ("abstract", "en")
    assert kinds["Introduction"] == ("body", "en")
    assert kinds["Conclusion"] == ("conclusion", "en")
    assert kinds["Streszczenie"] == ("foreign_abstract", "pl")
    assert paper.kind == "paper"
    assert paper.language == "en"


def test_the_part_heading_of_the_seed_paper_has_its_subheading_one_level_down(paper):
    part, sub = paper.sections[4], paper.sections[5]
    assert (part.heading, part.level, part.text) == ("Ukraine and NATO: the hard path to global security", 1, "")
    assert (sub.heading, sub.level) == ("Potential joining of Ukraine to NATO", 2)


def test_the_conclusion_heading_without_a_blank_line_after_it_is_still_a_heading(paper):
    conclusion = paper.sections[8]
    assert conclusion.text.startswith("NATO’s involvement in the Ukraine conflict represents a defining moment")
    assert conclusion.text.endswith("collective defense.")


def test_the_seed_paper_is_cleaned(paper):
    text = paper.cleaned_text
    assert "NATO'’s" not in text and "NATO’s response also involves" in text
    assert "Euro-Atlantic integration" in text and "Euro- Atlantic" not in text
    assert "rules-based international order" in text
    assert "energy-related threats" in text
    assert "\n " not in text  # no indentation survives
    # Paragraphs are re-flowed: no line inside a paragraph, blank lines between paragraphs.
    assert all(block == block.strip() and "\n" not in block for block in text.split("\n\n"))


def test_sections_of_the_seed_paper_point_into_the_cleaned_text(paper):
    assert_offsets_hold(paper)


def test_citations_of_the_seed_paper_are_recorded_per_section(paper):
    by_heading = {section.heading: section.citations for section in paper.sections}
    military = [(c.authors, c.year) for c in by_heading["Military and defense support for Ukraine"]]
    assert ("Lupovici", 2023) in military
    assert ("Belo and Rodriguez", 2023) in military  # split over two lines in the source
    assert ("Vincent", 2025) in military and ("Kalus", 2025) in military  # two in one bracket
    economic = [(c.authors, c.year) for c in by_heading["Economic and humanitarian assistance for Ukraine"]]
    assert ("Thomson et al.", 2023) in economic
    assert ("von Cramon-Taubadel and Nivievskyi", 2023) in economic
    joining = {c.authors for c in by_heading["Potential joining of Ukraine to NATO"]}
    assert "Russia warns of severe consequences if NATO troops enter Ukraine" in joining
    assert by_heading["Streszczenie"] == []


# --- the seed news articles ------------------------------------------------------------------


def test_a_news_article_without_blank_lines_yields_its_title_and_sub_headed_parts():
    parsed = parse(SEED_NEWS_HAGUE.read_bytes(), SEED_NEWS_HAGUE.name)
    assert headings(parsed) == [
        "Amid intensifying conflict, Ukraine gains formal seat at NATO’s table",
        "Ramstein Format Talks: Ukraine Defense Contact Group Meets",
        "EU to Present Refugee Strategy for Ukrainians",
        "Context: Ukraine and NATO – A Deepening Partnership",
    ]
    assert parsed.title == "Amid intensifying conflict, Ukraine gains formal seat at NATO’s table"
    assert parsed.kind == "news"
    # Every source line is its own paragraph.
    lead = parsed.sections[0].text.split("\n\n")
    assert len(lead) == 3 and lead[2].startswith("Despite recent silence from NATO Secretary General Mark Rutte")
    assert_offsets_hold(parsed)


def test_a_news_article_loses_its_site_boilerplate_which_is_kept_for_review():
    parsed = parse(SEED_NEWS_VILNIUS.read_bytes(), SEED_NEWS_VILNIUS.name)
    assert headings(parsed) == ["NATO Vilnius Summit Advances Ukraine Aid and Path to Membership"]
    for junk in ("No time to read", "Get a summary", "Previous Article", "Next Article", "Iberdrola", "Changan"):
        assert junk not in parsed.cleaned_text
    reasons = [item.reason for item in parsed.removed]
    assert reasons == ["summary_widget", "summary_widget", "article_navigation"]
    trailer = parsed.removed[2].text
    assert "Iberdrola and Disfrimur expand electric truck charging network across Spain" in trailer
    assert "Changan Hunter Plus Debuts in Russia with Two Trim Levels and Strong Feature Set" in trailer
    assert parsed.sections[0].text.endswith("direction of NATO’s engagement with Ukraine.")
    assert_offsets_hold(parsed)


# --- readings never seen before, in every format ---------------------------------------------------

BRIEFING = """\
BALTIC AIR POLICING AFTER 2004

1. Origins of the mission

When Estonia, Latvia and Lithuania joined the Alliance in 2004 they had
no fighter aircraft of their own. Allies therefore agreed to take turns
guarding their airspace from Šiauliai in Lithuania (Hallams, 2019). The
rotations began in March 2004 with Belgian F-16s.

2. Growth after 2014

After the annexation of Crimea the mission was reinforced with a second
base at Ämari in Estonia, and the number of jets on duty rose sharply
(Lanoszka and Hunzeker, 2016; Zapfe, 2017).

Key Lessons for Planners
Rotations depend on host-nation support, which the three states have
provided at growing cost since 2004.
"""


def test_a_plain_text_reading_in_another_layout_is_split_by_its_numbered_headings():
    parsed = parse(BRIEFING.encode(), "briefing.txt")
    assert parsed.source_format == "text"
    assert parsed.title == "BALTIC AIR POLICING AFTER 2004"
    assert headings(parsed) == [
        "BALTIC AIR POLICING AFTER 2004",
        "1. Origins of the mission",
        "2. Growth after 2014",
        "Key Lessons for Planners",
    ]
    assert parsed.sections[0].text == ""
    origins = parsed.sections[1]
    assert origins.text.startswith("When Estonia, Latvia and Lithuania joined the Alliance in 2004 they had no fighter")
    assert [(c.authors, c.year) for c in origins.citations] == [("Hallams", 2019)]
    growth = parsed.sections[2]
    assert [(c.authors, c.year) for c in growth.citations] == [("Lanoszka and Hunzeker", 2016), ("Zapfe", 2017)]
    assert parsed.sections[3].kind == "body"
    assert_offsets_hold(parsed)


HYBRID_PAPER = """\
Hybrid Threats and the Baltic Region

Abstract
Hybrid campaigns combine disinformation, cyber attacks and economic pressure
below the threshold of armed attack (Hoffman, 2007). This article asks how
the Baltic states have adapted.

1 Introduction
Estonia was hit by a large cyber attack in 2007, which led NATO to set up the
Cooperative Cyber Defence Centre of Excellence in Tallinn the following year.

2 Findings
Resilience depends on trust in institutions (Wigell et al., 2021; Hybrid
CoE, 2020). Where trust is low, disinformation finds fertile ground.

References
Hoffman, F. (2007). Conflict in the 21st Century: The Rise of Hybrid Wars.
Potomac Institute for Policy Studies.
Wigell, M., Mikkola, H. and Juntunen, T. (2021). Best Practices in the
Whole-of-Society Approach in Countering Hybrid Threats. European Parliament.
"""


def test_an_unseen_paper_with_headings_glued_to_their_text_and_a_reference_list():
    parsed = parse(HYBRID_PAPER.encode(), "hybrid.txt")
    assert headings(parsed) == ["Hybrid Threats and the Baltic Region", "Abstract", "1 Introduction", "2 Findings", "References"]
    assert [section.kind for section in parsed.sections] == ["title", "abstract", "body", "body", "references"]
    assert parsed.kind == "paper"
    findings = parsed.sections[3]
    assert [(c.authors, c.year) for c in findings.citations] == [("Wigell et al.", 2021), ("Hybrid CoE", 2020)]
    assert_offsets_hold(parsed)


WIRE_STORY = """\
NATO SUMMIT IN WASHINGTON
By Staff Reporter
July 10, 2024
Leaders of the 32 Allies met in Washington to mark the 75th anniversary of the Alliance. They agreed a pledge of long-term security assistance for Ukraine worth at least 40 billion euros within the next year.
WHAT WAS AGREED
The summit declaration calls Ukraine's path to membership irreversible, while stopping short of an invitation. A new NATO command in Wiesbaden will coordinate training and equipment deliveries.
"""


def test_a_wire_story_keeps_byline_and_date_out_of_its_text_and_dates_the_reading():
    parsed = parse(WIRE_STORY.encode(), "wire.txt")
    assert headings(parsed) == ["NATO SUMMIT IN WASHINGTON", "WHAT WAS AGREED"]
    assert parsed.published_on == date(2024, 7, 10)
    assert parsed.sections[0].text.startswith("Leaders of the 32 Allies")
    assert [item.reason for item in parsed.removed] == ["byline", "dateline"]


MARKDOWN = """\
# Article 5 in practice

Collective defence was invoked **once**, after the attacks of
11 September 2001 (Rynning, 2005).

## What triggers it

An *armed attack* against one Ally in Europe or North America.
See [the treaty](https://www.nato.int) for the text.

## Conclusions

- Consultation under Article 4 is far more common.
- Invocation is a political decision.
"""


def test_a_markdown_reading_is_split_by_its_headings_and_loses_its_markup():
    parsed = parse(MARKDOWN.encode(), "article5.md")
    assert parsed.source_format == "markdown"
    assert parsed.title == "Article 5 in practice"
    assert headings(parsed) == ["Article 5 in practice", "What triggers it", "Conclusions"]
    assert [section.level for section in parsed.sections] == [1, 2, 2]
    assert parsed.sections[0].text == "Collective defence was invoked once, after the attacks of 11 September 2001 (Rynning, 2005)."
    assert "See the treaty for the text." in parsed.sections[1].text
    assert "**" not in parsed.cleaned_text and "](" not in parsed.cleaned_text
    assert parsed.sections[2].kind == "conclusion"
    assert parsed.sections[2].text == "Consultation under Article 4 is far more common.\n\nInvocation is a political decision."
    assert_offsets_hold(parsed)


HTML = """<!DOCTYPE html>
<html><head><title>Enhanced Forward Presence | Defence Review</title>
<meta property="og:site_name" content="Defence Review">
<meta property="article:published_time" content="2024-03-18T09:30:00Z">
<style>body { color: red }</style><script>alert("head")</script></head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Enhanced Forward Presence</h1>
<p>In 2016 the Warsaw summit agreed to deploy four battlegroups to
Estonia, Latvia, Lithuania and Poland.</p>
<script>document.cookie = "stolen"</script>
<h2>Framework nations</h2>
<p>The United Kingdom, Canada, Germany and the United States lead them
<em>(Deni, 2017)</em>.</p>
<p>Share on Facebook</p>
</article>
<footer>© Defence Review 2024</footer>
</body></html>
"""


def test_an_html_page_is_split_by_its_h_tags_without_scripts_styles_or_markup():
    parsed = parse(HTML.encode(), "efp.html")
    assert parsed.source_format == "html"
    assert parsed.title == "Enhanced Forward Presence"
    assert (parsed.source, parsed.published_on) == ("Defence Review", date(2024, 3, 18))
    assert headings(parsed) == ["Enhanced Forward Presence", "Framework nations"]
    for forbidden in ("alert", "document.cookie", "stolen", "color: red", "<", ">"):
        assert forbidden not in parsed.cleaned_text
    assert (
        parsed.sections[0].text == "In 2016 the Warsaw summit agreed to deploy four battlegroups to Estonia, Latvia, Lithuania and Poland."
    )
    assert [(c.authors, c.year) for c in parsed.sections[1].citations] == [("Deni", 2017)]
    reasons = {item.reason for item in parsed.removed}
    assert {"page_navigation", "page_footer", "share_widget"} <= reasons
    assert_offsets_hold(parsed)


def test_an_html_page_without_a_single_top_heading_takes_its_title_from_the_title_tag():
    page = b"<html><head><title>Baltic Air Policing after 2004 | Defence Review</title></head><body><h2>Origins</h2><p>Jets have guarded the Baltic skies since 2004.</p><h2>Today</h2><p>Four jets are on duty.</p></body></html>"
    parsed = parse(page, "page.html")
    assert parsed.title == "Baltic Air Policing after 2004"
    assert headings(parsed) == ["Origins", "Today"]


def test_bold_paragraphs_shaped_like_headings_are_subheadings_in_html_and_markdown():
    page = (
        b"<html><body><h1>Air defence for Ukraine</h1><p>Allies have sent many systems since 2022.</p>"
        b"<p><strong>Patriot batteries</strong></p><p>Germany and the United States sent Patriot batteries.</p>"
        b"<p><b>A bold sentence inside the text stays text.</b></p><ul><li><b>NASAMS</b></li></ul></body></html>"
    )
    parsed = parse(page, "air.html")
    assert headings(parsed) == ["Air defence for Ukraine", "Patriot batteries"]
    assert parsed.sections[1].level == 2
    assert "A bold sentence inside the text stays text." in parsed.sections[1].text
    markdown = b"# Air defence\n\nAllies sent systems.\n\n**Patriot batteries**\n\nGermany sent two.\n\n- **NASAMS**\n"
    assert headings(parse(markdown, "air.md")) == ["Air defence", "Patriot batteries"]


def test_an_html_file_is_recognised_by_content_even_when_named_txt():
    assert parse(HTML.encode(), "page.txt").source_format == "html"


PDF_SECTIONS = [
    (
        "Introduction",
        [
            "The Alliance adopted a new Strategic Concept at the Madrid summit in June 2022. It names Russia as the most "
            "significant and direct threat to the security of the Allies and to peace and stability in the Euro-Atlantic area.",
            "The concept also addresses China for the first time (Ringsmose and Rynning, 2022).",
        ],
    ),
    (
        "Deterrence and defence",
        [
            "Allies agreed to strengthen forward defence, with brigade-size forces ready to reinforce the eastern flank "
            "at short notice. The new force model raises the number of high-readiness troops to more than 300,000.",
        ],
    ),
    ("Conclusion", ["The concept marks a return to collective defence as the core task of the Alliance."]),
]


def test_a_pdf_with_a_text_layer_is_split_into_its_sections():
    data = pdf_bytes(title="The 2022 Strategic Concept", sections=PDF_SECTIONS)
    parsed = parse(data, "concept.pdf")
    assert parsed.source_format == "pdf"
    assert headings(parsed) == ["The 2022 Strategic Concept", "Introduction", "Deterrence and defence", "Conclusion"]
    intro = parsed.sections[1]
    assert intro.text.startswith("The Alliance adopted a new Strategic Concept at the Madrid summit in June 2022.")
    assert "peace and stability in the Euro-Atlantic area." in intro.text
    assert [(c.authors, c.year) for c in intro.citations] == [("Ringsmose and Rynning", 2022)]
    assert parsed.sections[3].kind == "conclusion"
    assert_offsets_hold(parsed)


JOURNAL_SECTIONS = [
    (
        "Background",
        [
            f"Paragraph {n} of the background. Since 2017 the Alliance has kept multinational battlegroups in the Baltic "
            f"states and Poland, rotating troops from {n + 3} Allies through each of them every six months, and exercising "
            "reinforcement from Germany and the Netherlands across the Suwalki corridor."
            for n in range(1, 6)
        ],
    ),
    (
        "The 2022 decisions",
        [
            f"Decision {n}. After February 2022 the Allies added battlegroups in Slovakia, Hungary, Romania and Bulgaria, "
            f"and agreed at Madrid that the existing ones could grow to brigade size when needed (Deni, 2023). Point {n} follows."
            for n in range(1, 6)
        ],
    ),
    ("Conclusions", ["Forward presence has become forward defence, at a cost the host nations increasingly share."]),
]


def test_a_multi_page_pdf_loses_its_running_header_and_page_numbers():
    data = journal_pdf_bytes(
        running_header="Journal of Alliance Studies, Vol. 3", title="Deterrence on the Eastern Flank", sections=JOURNAL_SECTIONS
    )
    parsed = parse(data, "journal.pdf")
    assert headings(parsed) == ["Deterrence on the Eastern Flank", "Background", "The 2022 decisions", "Conclusions"]
    assert parsed.title == "Deterrence on the Eastern Flank"
    assert [section.level for section in parsed.sections] == [1, 1, 1, 1]
    assert "Journal of Alliance Studies" not in parsed.cleaned_text
    reasons = [item.reason for item in parsed.removed]
    assert reasons.count("running_header") >= 2 and reasons.count("page_number") >= 2
    background = parsed.sections[1].text.split("\n\n")
    assert len(background) == 5 and all(paragraph.startswith("Paragraph ") for paragraph in background)
    assert_offsets_hold(parsed)


# --- building blocks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ["Conclusion", "Military and defense support for Ukraine", "2.1 Air defence", "Ukraine and NATO: the hard path to global security"],
)
def test_heading_shaped_lines(line):
    assert is_heading_shaped(line)


@pytest.mark.parametrize(
    "line",
    [
        "of the Cold War. Beginning with Russia’s annexation of Crimea in 2014",
        "Ukraine’s defensive capabilities and the",
        "stability.",
        "June 4, 2025",
        "Rodriguez, 2023). This shift had a substantial impact on the battlefield,",
        "aircraft, forcing the Russian military to adjust its tactics and reducing its",
    ],
)
def test_sentence_fragments_are_not_heading_shaped(line):
    assert not is_heading_shaped(line)


def test_language_detection_recognises_polish_with_broken_diacritics():
    text = (
        "Konflikt miedzy Rosja a Ukraing, zapoczatkowany aneksjg Krymu przez Rosje w 2014 roku i zaostrzony "
        "peinoskalowg inwazja w 2022 roku, podwazyt stabilno$c¢ porzadku miedzynarodowego."
    )
    assert detect_language(text) == "pl"
    assert detect_language("The Alliance has steadily expanded cooperation with Kyiv since the invasion of 2022 and it will go on.") == "en"


def test_language_detection_keeps_the_default_for_too_little_text():
    assert detect_language("NATO summit", default="en") == "en"


def test_a_year_in_brackets_that_is_no_citation_is_ignored():
    assert extract_citations("Russia invaded (February 2022) after the annexation (in 2014).") == []


def test_an_institution_as_author_is_a_citation():
    citations = extract_citations("Spending rose (NATO, 2024).")
    assert [(c.authors, c.year, c.as_cited, c.start) for c in citations] == [("NATO", 2024, "(NATO, 2024)", 14)]


def test_narrative_citations_are_recorded():
    citations = extract_citations("As Lupovici (2023) argues, deterrence failed.")
    assert [(c.authors, c.year, c.as_cited) for c in citations] == [("Lupovici", 2023, "Lupovici (2023)")]


def test_the_content_decides_the_format_not_the_extension():
    pdf = pdf_bytes(title="Strategic Concept", sections=PDF_SECTIONS[:1])
    assert parse(pdf, "actually-a-pdf.txt").source_format == "pdf"
    assert parse(BRIEFING.encode(), "not-really.pdf").source_format == "text"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_unicode_text_with_a_byte_order_mark_is_decoded(encoding):
    parsed = parse(BRIEFING.replace("\n", "\r\n").encode(encoding), "briefing.txt")
    assert headings(parsed)[1] == "1. Origins of the mission"
    assert "Šiauliai" in parsed.cleaned_text
    assert "\r" not in parsed.cleaned_text
