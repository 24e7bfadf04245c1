"""Find the time expressions of a parsed article and normalise each against its publication date.

Spans are spaCy's DATE entities, TIME entities that name a day ("Friday night", "this
morning"), and what the small model misses, found by one precompiled regex ("on Sept. 4",
"three days ago"). The parse gives each span its governing verb, whose tense decides between
the last and the next "Friday" (see `tense_of`). Expressions no rule knows may go to dateparser,
on the span's text only (setting `dates.dateparser_fallback`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .normalise import MONTHS, NOT_A_DATE, Resolved, normalise
from .records import DateRef

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..annotation import Annotation

_DAYWORD = re.compile(r"(?i)\b(?:today|tonight|yesterday|tomorrow|monday|tuesday|wednesday|thursday|friday|"
                      r"saturday|sunday|morning|afternoon|evening|last night)\b")
_DASH = re.compile(r"\s[-–—]\s")
_WEEKDAY_ONLY = re.compile(r"(?i)(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)")
_MON = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|January|February|March|April|May|June|July|August|September|October|November|December"
_NUMW = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|a few|several)"
MISSED = re.compile(  # (the leading test spares the alternatives most positions: 0.4 ms an article)
    r"\b(?=\w)(?:"
    rf"\b(?:(?i:last|next|this|early|late)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    rf"|\b(?i:yesterday|today|tonight|tomorrow)\b"
    rf"|\b(?:{_MON})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MON})\b(?:,?\s+\d{{4}}\b)?"
    rf"|\b(?i:(?:last|next|this)\s+(?:week|month|year|weekend)|(?:earlier|later)\s+this\s+(?:week|month|year))\b"
    rf"|\b(?i:{_NUMW}\s+(?:days|weeks|months|years|day|week|month|year)\s+ago)\b"
    rf"|\b(?:in|In|since|Since|until|by) (?P<year>1[89]\d\d|20\d\d)\b(?!\s*(?:people|troops|soldiers|%|per)))")
BLOCKING_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "FAC"}
LEADS = {"since", "until", "till", "by", "before", "after", "around", "about", "from", "between", "within", "in",
         "through", "throughout"}
FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "'d"}
INTENT = {"expect", "due", "schedule", "set", "plan", "go", "intend", "hope", "aim", "prepare", "agree",
          "promise", "pledge", "vow", "threaten", "want", "seek", "propose", "decide", "vote", "likely", "poised",
          "ready", "expected", "scheduled", "slated", "supposed"}


@dataclass
class Found:
    ref: DateRef
    verb: "Token | None"  # the verb the expression modifies, for date_for_token
    resolved: Resolved | None


def dates_of(ann: "Annotation") -> list[DateRef]:
    """The article's dates, computed once and kept in `ann.shared["dates"]` (the events
    component may ask before the 'dates' component runs)."""
    return [f.ref for f in _found(ann)]


def _found(ann: "Annotation") -> list[Found]:
    cached = ann.shared.get("dates")
    if cached is None:
        opts = getattr(ann.options, "dates", None)
        cached = ann.shared["dates"] = find_dates(ann, getattr(opts, "dateparser_fallback", True))
    return cached


def date_for_sentence(ann: "Annotation", sentence: int) -> DateRef | None:
    """The date expression governing a sentence: among its resolved dates and ranges (not
    durations or sets), the one attached to the sentence's main verb, else the most precise,
    else the first. None when the sentence has none: callers fall back to an earlier sentence or
    to the publication date as they see fit."""
    found = [f for f in _found(ann) if f.ref.sentence == sentence and f.ref.type in ("date", "range")
             and f.ref.start_date is not None]
    if not found:
        return None
    rank = {"day": 0, "weekend": 1, "week": 2, "month": 3, "quarter": 4, "season": 4, "year": 5, "decade": 6,
            "century": 7}

    def key(f: Found):
        on_root = f.verb is not None and f.verb.dep_ == "ROOT"
        return (not on_root, rank.get(f.ref.granularity or "", 8), f.ref.start)

    return min(found, key=key).ref


def date_for_token(ann: "Annotation", token: "Token") -> DateRef | None:
    """The date expression that modifies `token` (an event's verb) or its nearest governing
    verb; else `date_for_sentence` of its sentence."""
    found = [f for f in _found(ann) if f.verb is not None and f.ref.start_date is not None
             and f.ref.type in ("date", "range")]
    tok, seen = token, 0
    while seen < 8:
        hits = [f for f in found if f.verb.i == tok.i]
        if hits:
            return hits[0].ref
        if tok.head is tok:
            break
        tok, seen = tok.head, seen + 1
    return date_for_sentence(ann, ann.sentence_of(token.idx))


# finding spans --------------------------------------------------------------------------------------
def find_dates(ann: "Annotation", fallback: bool = True) -> list[Found]:
    doc, document = ann.doc, ann.document
    anchor = dt.date.fromisoformat(document.date) if document.date else None
    spans = _spans(doc, document.text)
    out: list[Found] = []
    previous: Resolved | None = None
    for span in spans:
        text = span.text
        lead = doc[span.start - 1].lower_ if span.start > 0 and doc[span.start - 1].lower_ in LEADS else None
        tense = tense_of(span)
        r = normalise(text, anchor, tense, lead, previous)
        if r is None and _DASH.search(text):  # "March 26 - Saudi Arabia ...": a dateline's date
            cut = span.start_char + _DASH.search(text).start()
            trimmed = doc.char_span(span.start_char, cut, alignment_mode="contract")
            if trimmed is not None and len(trimmed):
                span, text = trimmed, trimmed.text
                r = normalise(text, anchor, tense, lead, previous)
        if r is NOT_A_DATE:
            continue
        if r is None and fallback and anchor is not None:
            r = _dateparser(text, anchor, tense)
        if r is None:
            if span.label_ == "TIME":
                continue
            r = Resolved(None, None, None, None, confidence=0.0)
        if r.start is not None and r.type in ("date", "range"):
            previous = r
        ref = DateRef(text=text, start=span.start_char, end=span.end_char, sentence=ann.sentence_of(span.start_char),
                      value=r.value, start_date=r.start.isoformat() if r.start else None,
                      end_date=r.end.isoformat() if r.end else None, granularity=r.granularity,
                      relative=r.relative, type=r.type, mod=r.mod, confidence=round(r.confidence, 3))
        out.append(Found(ref, governing_verb(span), r))
    return out


def _spans(doc, text: str) -> list["Span"]:
    ents = [e for e in doc.ents if e.label_ == "DATE" or (e.label_ == "TIME" and _DAYWORD.search(e.text))]
    merged: list["Span"] = []
    for ent in ents:  # "Tuesday" + ", " + "14 September 2015" -> one expression
        if merged and _WEEKDAY_ONLY.fullmatch(merged[-1].text) and ent.start - merged[-1].end <= 1 and \
                doc[merged[-1].end:ent.start].text.strip() in ("", ","):
            merged[-1] = doc[merged[-1].start:ent.end]
        else:
            merged.append(ent)
    taken = {i for s in merged for i in range(s.start, s.end)}
    blocked = {i for e in doc.ents if e.label_ in BLOCKING_LABELS for i in range(e.start, e.end)}
    for m in MISSED.finditer(text):  # (doc.text would rebuild the string)
        start, end = m.span("year") if m.group("year") else m.span()
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or any(i in taken or i in blocked for i in range(span.start, span.end)):
            continue
        merged.append(span)
        taken.update(range(span.start, span.end))
    merged.sort(key=lambda s: s.start)
    return merged


# tense -------------------------------------------------------------------------------------------------
def governing_verb(span: "Span") -> "Token | None":
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and tok not in span:
            return tok
        if tok.head is tok:
            return tok if tok.pos_ in ("VERB", "AUX") else None
        tok = tok.head
    return None


def tense_of(span: "Span") -> str | None:
    """"past", "future", "present" or None, for the verb the expression modifies.

    A past verb right before the expression wins over the parse ("said on Friday it would ...":
    the small model often hangs "on Friday" on the later verb)."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].lower_ in ("on", "last", "late", "early"):
        i -= 1
    if i >= 0 and doc[i].tag_ in ("VBD", "VBN"):
        return verb_tense(doc[i])
    verb = governing_verb(span)
    return verb_tense(verb) if verb is not None else None


def verb_tense(v: "Token", depth: int = 0) -> str | None:
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX:
        return "future"
    if v.lemma_.lower() in INTENT or v.lower_ in INTENT:
        if v.lemma_.lower() == "go" and v.tag_ != "VBG":
            pass
        else:
            return "future"  # "is due to", "are scheduled for", "plans to", "going to"
    if "to" in words and v.tag_ == "VB" and depth < 3 and v.head is not v:
        head = v.head
        if head.lemma_.lower() in INTENT or head.lower_ in INTENT:
            return "future"
        return verb_tense(head, depth + 1) if head.pos_ in ("VERB", "AUX", "ADJ") else None
    if v.tag_ in ("VBD", "VBN") or any(a.tag_ == "VBD" for a in auxes):
        if v.tag_ == "VBN" and any(a.tag_ in ("VBZ", "VBP") and a.lower_ not in ("has", "have") for a in auxes):
            return "present"  # "talks are held on Monday"
        return "past"
    if v.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return None


# fallback ----------------------------------------------------------------------------------------------
_MONTH_OR_DIGIT = re.compile(r"\d|\b(?:" + "|".join(MONTHS) + r")\b", re.I)


def _dateparser(text: str, anchor: dt.date, tense: str | None) -> Resolved | None:
    """Odd explicit forms ("4th of Sept", "Sept the 4th") only: a digit or a month name is
    required, and the result is trusted less."""
    if not _MONTH_OR_DIGIT.search(text) or len(text) > 40:
        return None
    got = _parse(text, anchor, "future" if tense == "future" else "past")
    if got is None or not 1800 <= got.year <= 2100:
        return None
    d = got.date()
    return Resolved(d.isoformat(), d, d, "day", relative=not re.search(r"\d{4}", text), confidence=0.5)


@lru_cache(maxsize=4096)  # ~2 ms a call; the same expression recurs across a day's articles
def _parse(text: str, anchor: dt.date, prefer: str) -> dt.datetime | None:
    import dateparser

    settings = {"RELATIVE_BASE": dt.datetime(anchor.year, anchor.month, anchor.day),
                "PREFER_DATES_FROM": prefer, "REQUIRE_PARTS": ["day", "month"]}
    try:
        return dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises on some inputs; a miss is not an error
        return None
