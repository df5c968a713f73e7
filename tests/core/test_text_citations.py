"""Citations: who a text cites (the import) and where its citations are (generation and lessons)."""

from core.text.citations import citation_spans, extract_citations, strip_citations
from core.text.dates import FULL_DATE


def cited(text: str, *, loose: bool = False) -> list[str]:
    return [text[start:end] for start, end in citation_spans(text, loose=loose)]


def test_author_date_citations_are_read_with_their_authors_and_years() -> None:
    text = "Deterrence held (Lupovici, 2023; Thomson et al., 2021) and, as Belo and Rodriguez (2023) argue, it may hold."
    assert [(c.authors, c.year) for c in extract_citations(text)] == [
        ("Lupovici", 2023),
        ("Thomson et al.", 2021),
        ("Belo and Rodriguez", 2023),
    ]
    for citation in extract_citations(text):
        assert text[citation.start : citation.start + len(citation.as_cited)] == citation.as_cited


def test_a_date_in_brackets_is_not_an_author() -> None:
    assert extract_citations("The war began (February 2022) and the summit followed (in 2023).") == []


def test_citation_spans_handle_nested_brackets_and_skip_full_dates() -> None:
    text = "Logistics suffered (Marsh, 2023) and aid came (“Comprehensive Assistance Package (CAP) for Ukraine,” 2025) on time (July 11, 2023)."
    assert cited(text) == ["(Marsh, 2023)", "(“Comprehensive Assistance Package (CAP) for Ukraine,” 2025)"]


def test_the_loose_rule_takes_any_flat_bracket_ending_in_a_year_dates_included() -> None:
    text = "It began (February 2022), echoing (Hobbes, 1651) and (Marsh, 2023a)."
    assert cited(text, loose=True) == ["(February 2022)", "(Hobbes, 1651)", "(Marsh, 2023a)"]
    assert cited(text) == ["(February 2022)", "(Marsh, 2023a)"]  # a month and year is no full date; 1651 is too early


def test_the_loose_rule_does_not_look_inside_nested_brackets() -> None:
    assert cited("Aid came (“Package (CAP) for Ukraine,” 2025).", loose=True) == []


def test_strip_citations_leaves_no_space_before_punctuation() -> None:
    assert (
        strip_citations("Deterrence held (Lupovici, 2023). It may hold (Marsh, 2023), critics say.")
        == "Deterrence held. It may hold, critics say."
    )


def test_full_date_reads_month_day_year_and_day_month_year() -> None:
    assert FULL_DATE.fullmatch("July 11, 2023")
    assert FULL_DATE.fullmatch("11 July 2023")
    assert not FULL_DATE.fullmatch("July 2023")
    assert not FULL_DATE.fullmatch("July 11, 1750")
