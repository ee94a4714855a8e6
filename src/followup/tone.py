"""The tone check: does a message about to be sent read as frustrated? (SPEC section 5)

Two signals are combined. A short list of phrases that give frustration away in a follow-up
(impatience, reproach, shouting), and the VADER sentiment lexicon, which ships inside the
``vaderSentiment`` package, so nothing is downloaded at run time. VADER scores each sentence;
a strongly negative one is reported by its most negative words, so the user sees what to soften.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from followup import wording
from followup.tracker import Tracker

# A sentence scoring at or below this VADER compound reads as clearly negative.
NEGATIVE_COMPOUND = -0.5
# A word this negative in the lexicon ("disappointing", "annoyed") gives a sentence away
# even when the rest of it keeps its score above NEGATIVE_COMPOUND.
STRONG_NEGATIVE_WORD = -2.0
# How many of a negative sentence's words are named.
MOST_NEGATIVE_WORDS = 3

_HAVE_NOT = r"(?:haven't|have not|hasn't|has not)"
_PHRASES = (
    rf"\bstill {_HAVE_NOT} (?:heard|had|received|gotten|got)\b",
    rf"\b{_HAVE_NOT} heard back\b",
    r"\bstill (?:no|not) (?:word|news|reply|response|answer|update)\b",
    r"\bstill waiting\b",
    r"\b(?:i've|i have) been waiting\b",
    r"\bas i (?:said|mentioned|already)\b",
    r"\bno one has\b",
    r"\bnobody has\b",
    # "Thank you again" is gratitude, not reproach.
    r"(?<!thank you )(?<!thanks )(?<!thank you once )(?<!thanks once )\bagain\b",
    r"!{2,}",
    r"\?{2,}",
    r"\?+!+[?!]*|!+\?+[?!]*",
)
# Matched one by one: the phrases overlap ("still haven't heard back").
_PHRASE_PATTERNS = tuple(re.compile(p, re.IGNORECASE) for p in _PHRASES)
_CAPS = re.compile(r"\b[A-Z]{3,}\b")
_VOWEL = re.compile(r"[AEIOU]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")

# Capitals that are names, not shouting: common workplace abbreviations. Words without a
# vowel (SQL, CRM, KPI) are read as abbreviations too.
ABBREVIATIONS = frozenset(
    {
        "API",
        "APAC",
        "AWS",
        "CAD",
        "CEO",
        "CFO",
        "CIO",
        "COO",
        "CPA",
        "CSO",
        "CTO",
        "CUDA",
        "EBITDA",
        "EMEA",
        "ERP",
        "ETA",
        "ETL",
        "EUR",
        "FAQ",
        "GAAP",
        "GBP",
        "GDPR",
        "GIS",
        "HRIS",
        "IBM",
        "IFRS",
        "IOS",
        "JSON",
        "ISO",
        "KPI",
        "KPIS",
        "LLM",
        "MBA",
        "NASA",
        "NGO",
        "OKR",
        "OKRS",
        "PDF",
        "PMO",
        "REST",
        "ROI",
        "SAAS",
        "SAP",
        "SAS",
        "SEO",
        "SLA",
        "SOX",
        "UAT",
        "UCLA",
        "UNICEF",
        "USA",
        "USD",
        "VAT",
        "VIP",
    }
)


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    # Reads the lexicon file bundled with the package; built once per process, and only
    # when there is a draft to grade.
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _is_abbreviation(word: str, allow: frozenset[str]) -> bool:
    return word in ABBREVIATIONS or word in allow or not _VOWEL.search(word)


def _negative_spans(text: str) -> list[tuple[int, int]]:
    analyzer = _analyzer()
    spans: list[tuple[int, int]] = []
    start = 0
    for part in _SENTENCE.split(text):
        offset = text.find(part, start)
        start = offset + len(part)
        if not part.strip():
            continue
        compound = analyzer.polarity_scores(part)["compound"]
        words = [
            (float(analyzer.lexicon[m.group().lower()]), m.start(), m.end())
            for m in _WORD.finditer(part)
            if analyzer.lexicon.get(m.group().lower(), 0) < 0
        ]
        if compound > NEGATIVE_COMPOUND:
            strong = [w for w in words if w[0] <= STRONG_NEGATIVE_WORD]
            if compound < 0 and strong:
                spans += [(offset + lo, offset + hi) for _, lo, hi in strong]
            continue
        if not words:
            # Negative through negation ("not happy"): the sentence itself is at fault.
            stripped = part.strip()
            first = offset + part.find(stripped)
            spans.append((first, first + len(stripped)))
            continue
        for _, lo, hi in sorted(words)[:MOST_NEGATIVE_WORDS]:
            spans.append((offset + lo, offset + hi))
    return spans


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if merged and lo < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def flagged(text: str, allow: Iterable[str] = ()) -> list[str]:
    """The phrases of ``text`` that read as frustrated, as written, in order; [] when fine.

    ``allow``: words that may appear in capitals without reading as shouting, such as the
    tracker's company names and skills ("NVIDIA", "GAAP").
    """
    if not text or not text.strip():
        return []
    # Curly apostrophes match like straight ones; the replacement keeps every offset.
    plain = text.replace("\u2019", "'")
    allowed = frozenset(word.upper() for word in allow)
    spans = [m.span() for pattern in _PHRASE_PATTERNS for m in pattern.finditer(plain)]
    spans += [m.span() for m in _CAPS.finditer(plain) if not _is_abbreviation(m.group(), allowed)]
    spans += _negative_spans(plain)
    found: list[str] = []
    seen: set[str] = set()
    for lo, hi in _merge(spans):
        phrase = text[lo:hi]
        if phrase.casefold() not in seen:
            seen.add(phrase.casefold())
            found.append(phrase)
    return found


def tone_note(text: str, allow: Iterable[str] = ()) -> str:
    """The start of Why for a flagged draft (SPEC section 6), or "" when the tone is fine."""
    phrases = flagged(text, allow)
    if not phrases:
        return ""
    return wording.TONE_NOTE.format(phrases=", ".join(f"'{p}'" for p in phrases))


def known_words(tracker: Tracker) -> frozenset[str]:
    """Words of the user's own names (companies, roles, skills, people): written in
    capitals, such as "IBM" or "GAAP", they are names, not shouting."""
    sources = [
        tracker.interviews.get(column) for column in ("company", "role", "skills", "interviewer")
    ] + [tracker.contacts.get(column) for column in ("name", "company")]
    text = " ".join(" ".join(map(str, values.tolist())) for values in sources if values is not None)
    return frozenset(_WORD.findall(text))
