"""Shared helpers for the reading tests: the seed files and small generated documents."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

SEEDS = Path(settings.BASE_DIR) / "seeds"
SEED_NEWS_HAGUE = SEEDS / "000_c7d0d170a110670f.txt"
SEED_NEWS_VILNIUS = SEEDS / "001_122a6323637d3253.txt"
SEED_PAPER = SEEDS / "002_d5b0e1543fdd7663.txt"

PAPER_HEADINGS = [
    "Abstract",
    "Introduction",
    "Military and defense support for Ukraine",
    "Economic and humanitarian assistance for Ukraine",
    "Ukraine and NATO: the hard path to global security",
    "Potential joining of Ukraine to NATO",
    "NATO's long-term strategy to backing Ukraine",
    "Potential scenarios to end the war in Ukraine",
    "Conclusion",
    "Streszczenie",
]


def pdf_bytes(*, title: str, sections: list[tuple[str, list[str]]]) -> bytes:
    """A real PDF with a text layer, written with fpdf2: a title, then headings with paragraphs."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=16)
    pdf.multi_cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    for heading, paragraphs in sections:
        pdf.ln(4)
        pdf.set_font("Helvetica", style="B", size=13)
        pdf.multi_cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    return bytes(pdf.output())


def pdf_without_text() -> bytes:
    """A PDF whose only content is a drawn shape: what a scan without OCR looks like to us."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(40, 80, 160)
    pdf.rect(20, 20, 120, 80, style="F")
    pdf.ellipse(60, 120, 50, 30, style="D")
    return bytes(pdf.output())


def journal_pdf_bytes(*, running_header: str, title: str, sections: list[tuple[str, list[str]]]) -> bytes:
    """A multi-page PDF with a running header and page numbers in the footer, as journals print them."""
    from fpdf import FPDF

    class Journal(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, running_header, new_x="LMARGIN", new_y="NEXT")

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, str(self.page_no()), align="C")

    pdf = Journal(format=(148, 210))  # A5 in millimetres
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=14)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    for heading, paragraphs in sections:
        pdf.set_font("Helvetica", style="B", size=11)
        pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 5, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
    return bytes(pdf.output())
