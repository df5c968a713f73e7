# ruff: noqa: RUF001 -- this module matches typographic quotes, dashes and non-Latin letters on purpose
"""Language identification by stop words: offline, no model, good enough to tell an English
paper from its Polish (or German, French ...) abstract.

Words are compared with their accents stripped, so text whose diacritics were broken by OCR
(``zaangazowanie``, ``stabilno$c¢``) is still recognised.
"""

from __future__ import annotations

import re
import unicodedata

STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "a",
            "is",
            "that",
            "for",
            "it",
            "as",
            "was",
            "with",
            "be",
            "by",
            "on",
            "not",
            "he",
            "this",
            "are",
            "or",
            "his",
            "from",
            "at",
            "which",
            "but",
            "have",
            "an",
            "they",
            "has",
            "its",
            "were",
            "their",
            "been",
            "would",
            "will",
            "there",
            "more",
            "also",
            "can",
            "into",
            "than",
            "other",
            "these",
            "such",
            "between",
            "while",
            "however",
        ]
    ),
    "pl": frozenset(
        [
            "i",
            "w",
            "z",
            "na",
            "do",
            "sie",
            "nie",
            "to",
            "jest",
            "ze",
            "o",
            "jak",
            "od",
            "po",
            "przez",
            "dla",
            "oraz",
            "ktore",
            "ktory",
            "ktora",
            "czy",
            "tym",
            "takze",
            "tak",
            "jego",
            "jej",
            "ich",
            "a",
            "sa",
            "byl",
            "byla",
            "bylo",
            "moze",
            "tego",
            "tej",
            "ten",
            "ta",
            "te",
            "juz",
            "przy",
            "pod",
            "nad",
            "miedzy",
            "wsrod",
            "roku",
            "lub",
            "aby",
            "ale",
            "gdy",
            "takich",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "in",
            "zu",
            "den",
            "von",
            "mit",
            "ist",
            "des",
            "sich",
            "auf",
            "fur",
            "nicht",
            "ein",
            "eine",
            "als",
            "auch",
            "dem",
            "es",
            "an",
            "werden",
            "aus",
            "er",
            "hat",
            "dass",
            "sie",
            "nach",
            "wird",
            "bei",
            "einer",
            "um",
            "am",
            "sind",
            "noch",
            "wie",
            "einem",
            "uber",
            "einen",
            "so",
            "zum",
            "war",
            "haben",
            "nur",
            "oder",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "de",
            "des",
            "et",
            "en",
            "un",
            "une",
            "du",
            "est",
            "que",
            "qui",
            "dans",
            "pour",
            "pas",
            "sur",
            "au",
            "par",
            "plus",
            "avec",
            "ne",
            "se",
            "ce",
            "il",
            "sont",
            "ou",
            "elle",
            "a",
            "aux",
            "cette",
            "ses",
            "son",
            "leur",
            "entre",
            "mais",
            "comme",
            "nous",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "de",
            "del",
            "y",
            "en",
            "un",
            "una",
            "que",
            "es",
            "por",
            "con",
            "para",
            "no",
            "se",
            "al",
            "lo",
            "como",
            "mas",
            "pero",
            "sus",
            "su",
            "le",
            "ya",
            "o",
            "este",
            "esta",
            "entre",
            "cuando",
            "muy",
            "sin",
            "sobre",
            "tambien",
            "fue",
            "han",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "lo",
            "la",
            "i",
            "gli",
            "le",
            "di",
            "del",
            "della",
            "e",
            "in",
            "un",
            "una",
            "che",
            "per",
            "con",
            "non",
            "si",
            "da",
            "al",
            "alla",
            "come",
            "piu",
            "ma",
            "sono",
            "anche",
            "nel",
            "nella",
            "questo",
            "tra",
            "essere",
        ]
    ),
    "uk": frozenset(["і", "в", "на", "з", "що", "не", "до", "як", "та", "це", "у", "за", "по", "від", "його", "але", "які", "для"]),
    "ru": frozenset(["и", "в", "на", "с", "что", "не", "по", "как", "это", "к", "из", "за", "от", "для", "но", "его", "которые", "был"]),
}

# Below this many words the guess is not worth making: the caller keeps its default.
MIN_WORDS = 12
_WORD = re.compile(r"[^\W\d_]+")


# Enough words to tell languages apart; longer texts are judged on their beginning.
SAMPLE_WORDS = 4000


_COMBINING = re.compile("[\u0300-\u036f]")


def _fold(text: str) -> str:
    text = text.lower()
    if text.isascii():
        return text
    folded = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return folded.replace("ł", "l").replace("ø", "o").replace("ß", "ss")


def detect_language(text: str, *, default: str = "en") -> str:
    """The language whose stop words cover most of the text's words; ``default`` if too short
    or no language covers a credible share."""
    words = _WORD.findall(text, 0, SAMPLE_WORDS * 12)[:SAMPLE_WORDS]
    if len(words) < MIN_WORDS:
        return default
    words = _fold(" ".join(words)).split()
    scores = {code: sum(1 for word in words if word in stops) / len(words) for code, stops in STOP_WORDS.items()}
    best = max(scores, key=lambda code: scores[code])
    if scores[best] < 0.08:
        return default
    return best
