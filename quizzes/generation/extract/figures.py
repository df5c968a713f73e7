"""Figures: money with currency and scale, quantities and ordinals (in digits or words), dates and
years.
"""

from __future__ import annotations

import re
from typing import Any

from core.text.citations import strip_citations
from core.text.dates import FULL_DATE
from core.text.words import MONTH_NAMES_PATTERN, MONTHS
from quizzes.generation.extract.mentions import Mention, _inside

_MONTH_RE = MONTH_NAMES_PATTERN


_YEAR = re.compile(r"(?<![\w$€£.,/-])((?:1[89]|20)\d\d)(?![\w%-]|,\d)")


_FULL_DATE = FULL_DATE


_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE}),?\s+((?:1[89]|20)\d\d)\b")


_DAY_MONTH = re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}})\b(?!,?\s*\d{{4}})")


_MONEY_PREFIX = re.compile(
    r"(?P<qual>(?:approximately|about|around|over|more than|nearly|almost|some|up to|at least|roughly|an estimated)\s+)?"
    r"(?P<cur>US\$|\$|€|£)\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*(?P<scale>trillion|billion|million|bn|m)\b)?"
)


_MONEY_SUFFIX = re.compile(
    r"(?P<qual>(?:approximately|about|around|over|more than|nearly|almost|some|up to|at least|roughly|an estimated)\s+)?"
    r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<scale>trillion|billion|million)?\s*(?P<cur>dollars|euros|pounds|USD|EUR|GBP)\b"
)


_CURRENCY = {
    "US$": "USD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "dollars": "USD",
    "euros": "EUR",
    "pounds": "GBP",
    "USD": "USD",
    "EUR": "EUR",
    "GBP": "GBP",
}


_SCALE = {"trillion": "trillion", "billion": "billion", "bn": "billion", "million": "million", "m": "million", None: ""}


def _money(text: str) -> list[Mention]:
    out = []
    for pattern in (_MONEY_PREFIX, _MONEY_SUFFIX):
        for m in pattern.finditer(text):
            number = float(m.group("num").replace(",", ""))
            currency = _CURRENCY[m.group("cur")]
            scale = _SCALE[m.group("scale")]
            qualifier = (m.group("qual") or "").strip()
            start = m.start("cur") if pattern is _MONEY_PREFIX else m.start("num")
            surface = text[start : m.end()].strip()
            purpose = re.split(r"[,;.]| while | but ", strip_citations(text[m.end() :]))[0].strip()
            out.append(
                Mention(
                    "money",
                    surface,
                    surface,
                    start,
                    start + len(surface),
                    "money",
                    "aid-and-finance",
                    "money",
                    (),
                    {"amount": number, "currency": currency, "scale": scale, "qualifier": qualifier, "purpose": purpose},
                )
            )
    return out


_QUANTITY = re.compile(
    r"(?P<qual>(?:approximately|about|around|over|more than|nearly|almost|some|up to|at least|roughly|an estimated|as many as|fewer than|less than)\s+)?"
    r"(?<![\w$€£.,/-])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w.,]\d)\s*"
    # The counted noun may follow a name ("300,000 Afghan National Security Forces").
    r"(?P<unit>percent\b|per cent\b|%|(?:[A-Z][a-z]+\s){1,3}(?:Forces|Troops|Soldiers|Guards|Marines|Units)\b|"
    # "13 of our servicemembers": a part counted out of a whole the sentence names.
    r"of\s+(?:our|the|their|its)\s+(?:[a-z]+\s)?(?:servicemembers|service members|troops|soldiers|citizens|people|personnel|staff|members|Allies)\b|"
    r"(?:[a-z][a-z-]+\s){0,2}?(?:people|persons|individuals|entities|troops|servicemembers|soldiers|service members|personnel|civilians|citizens|refugees|"
    r"countries|nations|Allies|allies|members|states|weapons|warheads|missiles|tanks|aircraft|jets|fighters|systems|ships|vessels|"
    r"satellites|launchers|rounds|shells|drones|battalions|brigades|divisions|miles|kilometers|kilometres|tons|tonnes|years|days|"
    r"months|hours|sorties|flights|evacuees|Americans|Afghans|Ukrainians|partners|nuclear weapons|agencies|elements|organizations|"
    r"organisations|signatories|parties|Parties|facilities|reactors|centrifuges|casualties|deaths|"
    # Sites and bodies a reading counts ("DOE's 17 national laboratories", "30 field offices", "12 embassies").
    r"laboratories|labs|offices|sites|bases|plants|installations|embassies|consulates|headquarters|universities|hospitals)\b)"
)


# A figure of a year's shape that counts ("now apply to over 2000 individuals and entities", "1800 troops"): people or
# things counted right after it (an adjective between at most), or a bound before it that no year takes and a word after
# it that goes on with the count ("over 2000 individuals"). Never after what introduces a year ("In 2000 troops were
# deployed", "since 1945 that nations", "The 2018 sanctions", "Over 2014 and 2015").
_COUNT_NOUN_AFTER = re.compile(
    r"\s+(?:(?!that\b|which\b|and\b|or\b|the\b|a\b|of\b)[a-z][a-z-]+\s)?(?:people|persons|individuals|entities|troops|"
    r"soldiers|personnel|civilians|citizens|refugees|members|nations|countries|weapons|warheads|missiles|tanks|aircraft|"
    r"drones|vessels|ships)\b"
)
_COUNT_BOUND_BEFORE = re.compile(r"\b(?:more than|nearly|almost|at least|fewer than|less than|as many as|an estimated|over)\s+$", re.I)
_YEAR_INTRODUCED = re.compile(
    r"\b(?:in|since|by|after|before|until|till|from|between|and|of|the|a|during|through|to|around|about|circa|late|early|mid)\s+$",
    re.I,
)


def year_is_a_count(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 20) : start]
    if _YEAR_INTRODUCED.search(before) or start == 0:
        return False
    if _COUNT_NOUN_AFTER.match(text, end):
        return True
    return bool(_COUNT_BOUND_BEFORE.search(before)) and bool(re.match(r"\s+(?!and\b|or\b|the\b|a\b|to\b)[a-z]", text[end:]))


_NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}


_WORD_QUANTITY = re.compile(
    r"\b(?P<num>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)|"
    # "two" is left out: "our two countries", "the two Presidents" count nothing worth asking.
    + "|".join(sorted((w for w in _NUMBER_WORDS if w not in {"zero", "one", "two", "hundred"}), key=len, reverse=True))
    + r")\]?\s+(?P<unit>percent\b|per cent\b|(?:[a-z][a-z-]+\s)?(?:years|months|days|weeks|hours|States|states|countries|nations|members|Parties|parties|Allies|allies|texts|languages|copies|votes))\b",
    re.I,
)


def _word_number(word: str) -> int:
    return sum(_NUMBER_WORDS[p] for p in word.lower().split("-"))


# A rank in a series the reading counts ("NATO's 32nd Ally", "the 75th anniversary"): a figure of the reading's own.
_ORDINAL = re.compile(
    r"(?<![\w$€£.,/-])(?P<num>\d{1,3})(?:st|nd|rd|th)\s+(?P<unit>(?:[a-z]+\s)?(?:Ally|member|member state|anniversary|Summit|summit|"
    r"signatory|country|nation|round|session|Congress|congress|Party|party)\b)"
)


_ORDINAL_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],
        start=2,
    )
}


# "the ninth consecutive year": a count the reading gives in words ("first" is left out: any first meeting is one).
_WORD_ORDINAL = re.compile(
    r"\b(?P<num>" + "|".join(_ORDINAL_WORDS) + r")\s+(?P<unit>consecutive (?:year|month|time)|straight year|year in a row|"
    r"anniversary|round|(?:[a-z]+\s)?(?:Ally|member|Summit|summit))\b",
    re.I,
)


def _quantities(text: str) -> list[Mention]:
    """Counted things and percentages ("1,500 nuclear warheads", "2 percent", "five years"); years and money are found elsewhere."""
    out = []
    for m in _WORD_ORDINAL.finditer(text):
        raw = m.group("num")
        data = {"amount": float(_ORDINAL_WORDS[raw.lower()]), "unit": m.group("unit"), "qualifier": "", "ordinal": True, "written": "words"}
        out.append(Mention("quantity", raw, raw, m.start("num"), m.end("num"), "quantity", "figures", "quantity", (), data))
    for m in _ORDINAL.finditer(text):
        raw = text[m.start("num") : m.start("unit")].rstrip()
        data = {"amount": float(m.group("num")), "unit": m.group("unit"), "qualifier": "", "ordinal": True}
        out.append(Mention("quantity", raw, raw, m.start("num"), m.start("num") + len(raw), "quantity", "figures", "quantity", (), data))
    for m in _WORD_QUANTITY.finditer(text):
        raw = m.group("num")
        data = {"amount": float(_word_number(raw)), "unit": m.group("unit"), "qualifier": "", "written": "words"}
        out.append(Mention("quantity", raw, raw, m.start("num"), m.end("num"), "quantity", "figures", "quantity", (), data))
    for m in _QUANTITY.finditer(text):
        raw = m.group("num")
        number = float(raw.replace(",", ""))
        if "," not in raw and 1800 <= number <= 2100 and "." not in raw and not year_is_a_count(text, m.start("num"), m.end("num")):
            continue  # a year
        if text[max(0, m.start("num") - 1) : m.start("num")] in {"$", "€", "£"}:
            continue
        unit = m.group("unit").strip()
        out.append(
            Mention(
                "quantity",
                raw,
                raw,
                m.start("num"),
                m.end("num"),
                "quantity",
                "figures",
                "quantity",
                (),
                {"amount": number, "unit": unit, "qualifier": (m.group("qual") or "").strip()},
            )
        )
    return out


def _dates(text: str, blocked: list[tuple[int, int]]) -> list[Mention]:
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, data: dict[str, Any]) -> None:
        if _inside(blocked, start, end) or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        surface = text[start:end]
        out.append(Mention("date", surface, surface, start, end, "date", "history", "date", (), data))

    for m in _FULL_DATE.finditer(text):
        month = m.group(1) or m.group(5)
        day = int(m.group(2) or m.group(4))
        year = int(m.group(3) or m.group(6))
        add(m.start(), m.end(), {"year": year, "month": MONTHS.index(month) + 1, "day": day, "precision": "day"})
    for m in _MONTH_YEAR.finditer(text):
        add(m.start(), m.end(), {"year": int(m.group(2)), "month": MONTHS.index(m.group(1)) + 1, "day": None, "precision": "month"})
    for m in _DAY_MONTH.finditer(text):
        if 1 <= int(m.group(2)) <= 31:
            add(
                m.start(),
                m.end(),
                {"year": None, "month": MONTHS.index(m.group(1)) + 1, "day": int(m.group(2)), "precision": "day-no-year"},
            )
    for m in _YEAR.finditer(text):
        if year_is_a_count(text, m.start(1), m.end(1)):
            continue  # "now apply to over 2000 individuals and entities"
        # A bare year is a year: never a day, never a month.
        add(m.start(1), m.end(1), {"year": int(m.group(1)), "month": None, "day": None, "precision": "year"})
    return out
