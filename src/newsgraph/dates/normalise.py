"""Time expressions -> ISO values, by rules over the expression's own text (never a sentence).

`normalise("last week", date(2015, 9, 5))` gives the week Monday 2015-08-24 .. Sunday 2015-08-30.
The anchor is the publication date; `tense` ("past" | "future" | None, read from the parse by
the caller) decides between the previous and the next occurrence of "Friday" or "September 14";
`previous` is the last date of the article before this one, for "the next day".

News conventions used (documented in docs/evaluation.md, "Dates"):
- a bare weekday is the most recent one (today included) unless the verb is future, then the
  next one (today included); "last Friday" is strictly before the publication day, "next
  Friday" strictly after;
- "last week" is the previous calendar week (Monday..Sunday); "the past week" is the seven days
  up to the publication date;
- a month and day without a year is the latest such day not after publication for a past verb,
  the first not before it for a future verb, else the nearest;
- early / mid / late split a year into Jan-Apr, May-Aug, Sep-Dec, a month into days 1-10,
  11-20, 21-end, a decade into 0-3, 4-6, 7-9;
- seasons are northern and meteorological (summer = June-August; winter 2014 = Dec 2014-Feb 2015).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

Date = dt.date


@dataclass(frozen=True)
class Resolved:
    value: str | None
    start: Date | None
    end: Date | None
    granularity: str | None
    type: str = "date"  # date | range | duration | set
    mod: str | None = None
    relative: bool = False
    confidence: float = 0.9


NOT_A_DATE = Resolved(None, None, None, None, type="none", confidence=0.0)
"""Returned for spans the NER calls DATE that are not time expressions ("62-year-old")."""

MONTHS = {name: i for i, names in enumerate(
    [(), ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
     ("december", "dec")]) for name in names}
WEEKDAYS = {name: i for i, names in enumerate(
    [("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thur", "thurs"),
     ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")]) for name in names}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
           "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
           "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
           "couple of": 2, "a couple of": 2, "few": 3, "a few": 3, "several": 3, "some": 3}
VAGUE = {"few", "a few", "several", "some", "couple of", "a couple of"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
            "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
            "twentieth": 20, "twenty-first": 21, "twenty first": 21}
SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9), "winter": ("WI", 12)}
UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE",
         "hour": "H", "minute": "MIN", "second": "S", "weekend": "WE"}

_mon = "|".join(sorted(MONTHS, key=len, reverse=True))
_wd = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_num = "|".join(sorted((re.escape(k) for k in NUMBERS), key=len, reverse=True))
MON = rf"(?P<mon>{_mon})"
WDN = rf"(?P<wd>{_wd})"
WD = rf"(?:{WDN},?\s+)"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
PART = r"(?:(?P<part>early|mid|late|earlier|later)\s+(?:in\s+|on\s+)?)"
TOD = r"(?:\s+(?:morning|afternoon|evening|night|overnight|noon|midday))?"
N = rf"(?P<n>\d+|{_num})"
UNIT = r"(?P<unit>day|week|weekend|month|year|decade|century|centurie)s?"

_LEADS = {"since": "since", "until": "until", "till": "until", "through": "until", "by": "by",
          "before": "before", "after": "after", "around": "approx", "about": "approx", "circa": "approx",
          "approximately": "approx", "roughly": "approx", "no later than": "until", "as early as": None,
          "throughout": None, "during": None, "on": None, "in": None, "at": None, "of": None, "for": None,
          "from": None, "within": None, "over": None, "prior to": "before", "ahead of": "before",
          "as of": "since", "starting": "since", "beginning": "since", "between": None}


_LEAD_RE = re.compile(r"^(" + "|".join(sorted(map(re.escape, _LEADS), key=len, reverse=True)) + r")\s+(?=\S)")


def clean(text: str) -> str:
    t = text.lower().replace("’", "'").replace("–", "-").replace("—", "-")
    t = re.sub(r"\b(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.",
               r"\1", t)
    t = re.sub(r"\b(mid|early|late|end|start)-(?=\w)", r"\1 ", t)
    t = re.sub(r"\b(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?", "late ", t)
    t = re.sub(r"\b(?:the\s+)?(?:beginning|start|turn)\s+of\s+(?:the\s+)?", "early ", t)
    t = re.sub(r"\b(?:the\s+)?middle\s+of\s+(?:the\s+)?", "mid ", t)
    t = re.sub(r"\b(?:end|start)\s+(?=\d{4}\b)", lambda m: "late " if m.group(0).startswith("end") else "early ", t)
    t = re.sub(r"\b(early|mid|late)\s+(week|month|year|decade)\b", r"\1 this \2", t)
    t = re.sub(r"[\s,]+$", "", re.sub(r"\s+", " ", t)).strip()
    t = re.sub(r"^(?:the\s+)?(?:morning|afternoon|evening|night)\s+of\s+", "", t)
    return t


# calendar helpers ---------------------------------------------------------------------------------
def month_end(y: int, m: int) -> Date:
    return Date(y, m, calendar.monthrange(y, m)[1])


def add_months(d: Date, n: int) -> Date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return Date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def week_value(d: Date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def day(d: Date, **kw) -> Resolved:
    return Resolved(d.isoformat(), d, d, "day", **kw)


def week(monday: Date, **kw) -> Resolved:
    return Resolved(week_value(monday), monday, monday + dt.timedelta(days=6), "week", **kw)


def weekend(saturday: Date, **kw) -> Resolved:
    return Resolved(week_value(saturday) + "-WE", saturday, saturday + dt.timedelta(days=1), "weekend", **kw)


def month(y: int, m: int, **kw) -> Resolved:
    return Resolved(f"{y:04d}-{m:02d}", Date(y, m, 1), month_end(y, m), "month", **kw)


def year(y: int, **kw) -> Resolved:
    return Resolved(f"{y:04d}", Date(y, 1, 1), Date(y, 12, 31), "year", **kw)


def decade(y: int, **kw) -> Resolved:
    y -= y % 10
    return Resolved(f"{y // 10:03d}X", Date(y, 1, 1), Date(y + 9, 12, 31), "decade", **kw)


def century(n: int, **kw) -> Resolved:
    """The popular reading: the 20th century is 1900-1999."""
    y = (n - 1) * 100
    return Resolved(f"{n - 1:02d}", Date(max(y, 1), 1, 1), Date(y + 99, 12, 31), "century", **kw)


def quarter(y: int, q: int, **kw) -> Resolved:
    m = 3 * (q - 1) + 1
    return Resolved(f"{y:04d}-Q{q}", Date(y, m, 1), month_end(y, m + 2), "quarter", **kw)


def season(y: int, name: str, **kw) -> Resolved:
    code, m = SEASONS[name]
    start = Date(y, m, 1)
    return Resolved(f"{y:04d}-{code}", start, month_end(*divmod_month(start, 2)), "season", **kw)


def divmod_month(d: Date, n: int) -> tuple[int, int]:
    e = add_months(d.replace(day=1), n)
    return e.year, e.month


def with_part(r: Resolved, part: str | None, anchor: Date | None = None) -> Resolved:
    """Narrow a resolved span to its early / mid / late third, or to before / after the anchor."""
    if not part or r.start is None:
        return r
    if part in ("earlier", "later"):
        if anchor is None:
            return replace(r, mod=part)
        lo, hi = (r.start, min(r.end, anchor)) if part == "earlier" else (max(r.start, anchor), r.end)
        return replace(r, start=lo, end=max(lo, hi), mod=part)
    mod = {"early": "start", "mid": "mid", "late": "end"}[part]
    third = {"start": 0, "mid": 1, "end": 2}[mod]
    s, e = r.start, r.end
    if r.granularity == "year":
        s, e = Date(s.year, 1 + 4 * third, 1), month_end(s.year, 4 + 4 * third)
    elif r.granularity == "decade":
        s, e = Date(s.year + (0, 4, 7)[third], 1, 1), Date(s.year + (3, 6, 9)[third], 12, 31)
    elif r.granularity == "month":
        s, e = s.replace(day=(1, 11, 21)[third]), (s.replace(day=10), s.replace(day=20), e)[third]
    elif r.granularity == "week":
        s, e = s + dt.timedelta(days=(0, 1, 3)[third]), s + dt.timedelta(days=(2, 4, 6)[third])
    elif r.granularity == "century":
        s, e = Date(s.year + (0, 33, 66)[third], 1, 1), Date(s.year + (32, 65, 99)[third], 12, 31)
    return replace(r, start=s, end=e, mod=mod)


def pick(options: list[Resolved], anchor: Date, tense: str | None, default: str | None = None,
         strict: bool = False) -> Resolved:
    """Choose among occurrences of the same expression in different years or weeks: the latest
    not after the anchor (past), the first not before it (future) or the nearest (no tense)."""
    tense = tense or default
    if tense == "past":
        ok = [o for o in options if (o.end < anchor if strict else o.start <= anchor)]
        if ok:
            return max(ok, key=lambda o: o.start)
    if tense == "future":
        ok = [o for o in options if (o.start > anchor if strict else o.end >= anchor)]
        if ok:
            return min(ok, key=lambda o: o.start)

    def distance(o: Resolved) -> int:
        if o.start <= anchor <= o.end:
            return 0
        return min(abs((o.start - anchor).days), abs((o.end - anchor).days))

    return min(options, key=lambda o: (distance(o), o.start > anchor))


def number(word: str) -> int:
    word = word.strip()
    if word.isdigit():
        return int(word)
    if "-" in word:
        a, _, b = word.partition("-")
        return NUMBERS.get(a, 0) + NUMBERS.get(b, 0)
    return NUMBERS[word]


def shift(anchor: Date, n: int, unit: str) -> Date:
    if unit == "day":
        return anchor + dt.timedelta(days=n)
    if unit == "week":
        return anchor + dt.timedelta(weeks=n)
    if unit == "month":
        return add_months(anchor, n)
    if unit == "year":
        return add_months(anchor, 12 * n)
    if unit == "decade":
        return add_months(anchor, 120 * n)
    return add_months(anchor, 1200 * n)


def calendar_unit(d: Date, unit: str, **kw) -> Resolved:
    """The calendar week / month / year / decade / century holding `d`."""
    if unit == "day":
        return day(d, **kw)
    if unit == "week":
        return week(d - dt.timedelta(days=d.weekday()), **kw)
    if unit == "weekend":
        return weekend(d - dt.timedelta(days=d.weekday()) + dt.timedelta(days=5), **kw)
    if unit == "month":
        return month(d.year, d.month, **kw)
    if unit == "year":
        return year(d.year, **kw)
    if unit == "decade":
        return decade(d.year, **kw)
    return century(d.year // 100 + 1, **kw)


def interval(start: Date, end: Date, granularity: str, **kw) -> Resolved:
    return Resolved(f"{start.isoformat()}/{end.isoformat()}", start, end, granularity, type="range", **kw)


# the grammar: (pattern, handler) pairs tried in order; the first handler to return a result wins --
RULES: list[tuple[re.Pattern[str], str]] = []
HANDLERS: dict = {}


def normalise(text: str, anchor: Date | None, tense: str | None = None, lead: str | None = None,
              previous: Resolved | None = None) -> Resolved | None:
    """The resolution of one time expression, NOT_A_DATE, or None when no rule applies."""
    t = clean(text)
    mod = None
    for _ in range(2):  # "since early 2011": a lead word, then the expression
        m = _LEAD_RE.match(t)
        if not m:
            break
        lead_word = m.group(1)
        if lead_word in ("between", "from", "within", "in", "over"):
            lead = lead_word
        mod = mod or _LEADS[lead_word]
        t = t[m.end():]
    if lead and not mod:
        mod = _LEADS.get(lead)
    if re.search(r"\byears?[- ]old\b|\baged?\b|\bage of\b|\b\d+(?:st|nd|rd|th)[- ]anniversary", t):
        return NOT_A_DATE
    r = _apply_rules(t, anchor, tense, lead, previous)
    if r is None or r is NOT_A_DATE:
        return r
    if mod == "since" and anchor is not None and r.start is not None and r.type == "date" and r.start <= anchor:
        return replace(r, end=anchor, mod=mod)  # "since 2011": from 2011 to the publication date
    if mod == "until" and anchor is not None and r.start is not None and r.type == "date" and r.end >= anchor:
        return replace(r, start=min(anchor, r.start), mod=mod)  # "until March": from now to March
    return replace(r, mod=mod) if mod and not r.mod else r


def _apply_rules(t: str, anchor: Date | None, tense: str | None, lead: str | None,
                 previous: Resolved | None) -> Resolved | None:
    for pattern, name in RULES:
        m = pattern.fullmatch(t)
        if m:
            try:
                r = HANDLERS[name](m, anchor, tense, lead, previous)
            except (ValueError, KeyError, OverflowError):
                r = None
            if r is not None:
                return r
    return None


def needs_anchor(fn):
    """A relative rule: without a publication date it resolves to nothing (but is recognised)."""
    def wrapped(m, anchor, tense, lead, previous):
        if anchor is None:
            return Resolved(None, None, None, None, relative=True, confidence=0.0)
        return fn(m, anchor, tense, lead, previous)
    wrapped.__name__ = fn.__name__
    return wrapped


def handler(pattern: str, anchored: bool = False):
    def register(fn):
        f = needs_anchor(fn) if anchored else fn
        HANDLERS[fn.__name__] = f
        RULES.append((re.compile(pattern), fn.__name__))
        return f
    return register


# -- ranges ------------------------------------------------------------------------------------
@handler(rf"(?:between|from)?\s*(?P<a>.+?)\s*(?:-|\bto\b|\band\b|\buntil\b|\btill\b|\bthrough\b|\bor\b)\s*(?P<b>(?:{_mon}|{_wd}|\d|early|mid|late|the|this|next|last).*)")
def coordinated(m, anchor, tense, lead, previous):
    a_text, b_text = m.group("a"), m.group("b")
    if re.fullmatch(r"\d{1,2}", b_text) and re.fullmatch(rf"(?:{_mon})\s+\d{{1,2}}", a_text):
        b_text = a_text.split()[0] + " " + b_text  # "September 14-16"
    if re.fullmatch(r"\d{4}", a_text) and re.fullmatch(r"\d{2}", b_text):  # "2011-13"
        b_text = a_text[:2] + b_text
    b = _apply_rules(b_text, anchor, tense, None, previous)
    if b is None or b.start is None and b.value is None and anchor is not None:
        return None
    a = _apply_rules(a_text, anchor, tense, None, previous)
    if a is not None and b.start is not None and a.start is not None and a.start > b.end:
        a = None  # "March" in "from March to May 2015" was read in the wrong year
    if (a is None or a.start is None) and b.start is not None:
        for suffix in (f" {b.start.year}", f" {b.start.strftime('%B').lower()} {b.start.year}"):
            a = _apply_rules(a_text + suffix, anchor, tense, None, previous)
            if a is not None and a.start is not None:
                break
        else:
            return None
    if a is None or a.start is None or b.start is None:
        return Resolved(None, None, None, None, type="range", relative=True, confidence=0.0)
    return Resolved(f"{a.value}/{b.value}", a.start, b.end, a.granularity, type="range",
                    relative=a.relative or b.relative, confidence=min(a.confidence, b.confidence))


# -- explicit dates ------------------------------------------------------------------------------
@handler(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})")
def iso(m, anchor, tense, lead, previous):
    return day(Date(int(m["y"]), int(m["m"]), int(m["d"])), confidence=0.95)


@handler(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{2}|\d{4})")
def numeric(m, anchor, tense, lead, previous):
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    y = y + 2000 if y < 100 and y < 50 else (y + 1900 if y < 100 else y)
    mo, d = (a, b) if a <= 12 else (b, a)  # US order unless the first cannot be a month
    return day(Date(y, mo, d), confidence=0.8 if a <= 12 and b <= 12 else 0.95)


@handler(r"9/11")
def nine_eleven(m, anchor, tense, lead, previous):
    return day(Date(2001, 9, 11), confidence=0.95)


@handler(rf"{WD}?(?:the\s+)?{DAY}(?:\s+of)?\s+{MON},?\s+{YEAR}{TOD}")
def day_month_year(m, anchor, tense, lead, previous):
    return day(Date(int(m["year"]), MONTHS[m["mon"]], int(m["day"])), confidence=0.95)


@handler(rf"{WD}?{MON}\s+{DAY},?\s+(?:in\s+|of\s+)?{YEAR}{TOD}")
def month_day_year(m, anchor, tense, lead, previous):
    return day(Date(int(m["year"]), MONTHS[m["mon"]], int(m["day"])), confidence=0.95)


@handler(rf"{WD}?{MON}\s+(?:the\s+)?{DAY}{TOD}", anchored=True)
def month_day(m, anchor, tense, lead, previous):
    return _month_day(m, anchor, tense)


@handler(rf"{WD}?(?:the\s+)?{DAY}(?:\s+of)?\s+{MON}{TOD}", anchored=True)
def day_month(m, anchor, tense, lead, previous):
    return _month_day(m, anchor, tense)


def _month_day(m, anchor, tense):
    mo, d = MONTHS[m["mon"]], int(m["day"])
    options = [day(Date(y, mo, d), relative=True, confidence=0.85)
               for y in (anchor.year - 1, anchor.year, anchor.year + 1) if d <= calendar.monthrange(y, mo)[1]]
    if m["wd"]:  # "Friday, Sept. 4": the weekday settles the year
        same = [o for o in options if o.start.weekday() == WEEKDAYS[m["wd"]]]
        options = same or options
    return pick(options, anchor, tense)


@handler(r"(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)(?:\s+of\s+(?:the|this)\s+month)?", anchored=True)
def day_of_month(m, anchor, tense, lead, previous):
    d = int(m["day"])
    options = []
    for k in (-1, 0, 1):
        first = add_months(anchor.replace(day=1), k)
        if d <= calendar.monthrange(first.year, first.month)[1]:
            options.append(day(first.replace(day=d), relative=True, confidence=0.7))
    return pick(options, anchor, tense)


@handler(rf"{PART}?{MON}(?:\s+of)?,?\s+{YEAR}")
def month_year(m, anchor, tense, lead, previous):
    return with_part(month(int(m["year"]), MONTHS[m["mon"]], confidence=0.95), m["part"])


@handler(rf"{PART}?(?:(?P<rel>last|this|next|past|coming)\s+)?{MON}", anchored=True)
def bare_month(m, anchor, tense, lead, previous):
    mo = MONTHS[m["mon"]]
    options = [month(y, mo, relative=True, confidence=0.85) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    rel = m["rel"]
    if rel == "this":
        r = options[1]
    elif rel in ("last", "past"):
        r = pick(options, anchor, "past", strict=True)
    elif rel in ("next", "coming"):
        r = pick(options, anchor, "future", strict=True)
    else:
        r = pick(options, anchor, tense)
    return with_part(r, m["part"], anchor)


@handler(rf"(?:the\s+year\s+)?{PART}?(?:the\s+year\s+)?{YEAR}")
def a_year(m, anchor, tense, lead, previous):
    return with_part(year(int(m["year"]), confidence=0.95), m["part"], anchor)


@handler(r"(?:the\s+)?(?P<part>early|mid|late)?\s*(?:(?P<dec>1[5-9]\d0|20\d0)'?s|'(?P<short>\d0)s|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))")
def a_decade(m, anchor, tense, lead, previous):
    if m["dec"]:
        y = int(m["dec"])
    elif m["short"]:
        y = int(m["short"]) + (1900 if int(m["short"]) >= 30 else 2000)
    else:
        y = 1900 + 10 * ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
                         "nineties"].index(m["word"]) + 20
    return with_part(decade(y, confidence=0.9), m["part"])


@handler(r"(?:the\s+)?(?P<part>early|mid|late)?\s*(?P<n>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[- ]first)\s+century")
def a_century(m, anchor, tense, lead, previous):
    n = m["n"]
    n = int(re.match(r"\d+", n).group()) if n[0].isdigit() else ORDINALS[n.replace(" ", "-")]
    return with_part(century(n, confidence=0.9), m["part"])


@handler(rf"(?:the\s+)?(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+quarter(?:\s+of)?(?:\s+(?:{YEAR}|(?P<rel>last|this|next)\s+year|the\s+year))?|q(?P<qn>[1-4])\s+(?P<qyear>\d{{4}})")
def a_quarter(m, anchor, tense, lead, previous):
    q = int(m["qn"]) if m["qn"] else {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4,
                                      "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}[m["q"]]
    if m["year"] or m["qyear"]:
        return quarter(int(m["year"] or m["qyear"]), q, confidence=0.9)
    if anchor is None:
        return Resolved(None, None, None, None, relative=True, confidence=0.0)
    if m["rel"]:
        return quarter(anchor.year + {"last": -1, "this": 0, "next": 1}[m["rel"]], q, relative=True, confidence=0.85)
    options = [quarter(y, q, relative=True, confidence=0.8) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    return pick(options, anchor, tense)


@handler(rf"{PART}?(?:(?P<rel>last|this|next|past|coming)\s+)?(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)(?:\s+of)?(?:\s+{YEAR})?")
def a_season(m, anchor, tense, lead, previous):
    name = m["season"]
    if m["year"]:
        return with_part(season(int(m["year"]), name, confidence=0.9), m["part"])
    if anchor is None:
        return Resolved(None, None, None, None, relative=True, confidence=0.0)
    options = [season(y, name, relative=True, confidence=0.8) for y in range(anchor.year - 2, anchor.year + 2)]
    rel = m["rel"]
    if rel in ("last", "past"):
        r = pick(options, anchor, "past", strict=True)
    elif rel in ("next", "coming"):
        r = pick(options, anchor, "future", strict=True)
    else:
        current = [o for o in options if o.start <= anchor <= o.end]
        r = current[0] if current else pick(options, anchor, tense)
    return with_part(r, m["part"], anchor)


@handler(rf"(?P<h>christmas(?:\s+day)?|christmas\s+eve|new\s+year's\s+(?:day|eve)|new\s+year)(?:\s+{YEAR})?")
def holiday(m, anchor, tense, lead, previous):
    h = m["h"]
    mo, d = (12, 24) if "eve" in h and "christmas" in h else (12, 31) if "eve" in h else (12, 25) if "christmas" in h else (1, 1)
    if m["year"]:
        return day(Date(int(m["year"]), mo, d), confidence=0.9)
    if anchor is None:
        return Resolved(None, None, None, None, relative=True, confidence=0.0)
    return pick([day(Date(y, mo, d), relative=True, confidence=0.8) for y in (anchor.year - 1, anchor.year, anchor.year + 1)],
                anchor, tense)


# -- relative to the publication date ---------------------------------------------------------------
@handler(r"(?:(?P<part>early|late|earlier|later)\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening)|now)", anchored=True)
def today(m, anchor, tense, lead, previous):
    return day(anchor, relative=True, confidence=0.9)


@handler(r"(?:(?:early|late|earlier|later)\s+)?(?:yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night)", anchored=True)
def yesterday(m, anchor, tense, lead, previous):
    return day(anchor - dt.timedelta(days=1), relative=True, confidence=0.9)


@handler(r"(?:(?:early|late|earlier|later)\s+)?tomorrow(?:\s+(?:morning|afternoon|evening|night))?", anchored=True)
def tomorrow(m, anchor, tense, lead, previous):
    return day(anchor + dt.timedelta(days=1), relative=True, confidence=0.9)


@handler(r"(?:the\s+)?day\s+(?P<dir>before\s+yesterday|after\s+tomorrow)", anchored=True)
def two_days(m, anchor, tense, lead, previous):
    return day(anchor + dt.timedelta(days=-2 if m["dir"].startswith("before") else 2), relative=True, confidence=0.9)


@handler(rf"(?:(?P<rel>last|this|next|past|coming|early|late|earlier|later)\s+)?(?:on\s+)?{WDN}{TOD}(?:\s+of\s+(?P<wk>last|this|next)\s+week)?", anchored=True)
def weekday(m, anchor, tense, lead, previous):
    wd, rel = WEEKDAYS[m["wd"]], m["rel"]
    if m["wk"]:  # "Friday of last week"
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks={"last": -1, "this": 0, "next": 1}[m["wk"]])
        return day(monday + dt.timedelta(days=wd), relative=True, confidence=0.85)
    options = [day(anchor + dt.timedelta(days=k), relative=True, confidence=0.85)
               for k in range(-7, 8) if (anchor + dt.timedelta(days=k)).weekday() == wd]
    if rel in ("last", "past"):
        return pick(options, anchor, "past", strict=True)
    if rel in ("next", "coming"):
        return pick(options, anchor, "future", strict=True)
    return pick(options, anchor, tense, default="past")


@handler(r"the\s+(?:past|last)\s+(?:day|24\s+hours)", anchored=True)
def past_day(m, anchor, tense, lead, previous):
    return interval(anchor - dt.timedelta(days=1), anchor, "day", relative=True, confidence=0.8)


@handler(r"(?:the\s+|that\s+)?weekend", anchored=True)
def the_weekend(m, anchor, tense, lead, previous):
    """"the weekend": the last one for a past verb (news default), else the coming one."""
    sat = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(days=5)
    options = [weekend(sat + dt.timedelta(weeks=k), relative=True, confidence=0.75) for k in (-1, 0, 1)]
    return pick(options, anchor, tense, default="past")


@handler(rf"{PART}?(?P<the>the\s+)?(?P<rel>last|this|next|past|coming|previous|following|current|same|that)\s+(?P<unit>week|weekend|month|year|decade|century)", anchored=True)
def unit_relative(m, anchor, tense, lead, previous):
    rel, unit, part = m["rel"], m["unit"], m["part"]
    if rel in ("previous", "following", "same", "that"):
        return _anaphoric_unit(rel, unit, part, previous)
    if m["the"] and rel in ("past", "last", "coming", "next"):  # "the past week": a rolling span
        one = dt.timedelta(days=1)
        if rel in ("past", "last"):
            start = shift(anchor, -1, "week" if unit == "weekend" else unit) + one
            return with_part(interval(start, anchor, unit, relative=True, confidence=0.8), part, anchor)
        return interval(anchor, shift(anchor, 1, "week" if unit == "weekend" else unit) - one, unit,
                        relative=True, confidence=0.8)
    if unit == "weekend":
        sat = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(days=5)
        if rel in ("last", "past"):
            sat = sat if sat + dt.timedelta(days=1) < anchor else sat - dt.timedelta(days=7)
        elif rel in ("next", "coming"):
            sat = sat + dt.timedelta(days=7) if anchor >= sat else sat
        return weekend(sat, relative=True, confidence=0.85)
    offset = {"last": -1, "past": -1, "this": 0, "current": 0, "next": 1, "coming": 1}[rel]
    r = calendar_unit(shift(anchor, offset, unit), unit, relative=True, confidence=0.9)
    return with_part(r, part, anchor)


def _anaphoric_unit(rel, unit, part, previous):
    if previous is None or previous.start is None:
        return Resolved(None, None, None, None, relative=True, confidence=0.0)
    offset = {"previous": -1, "following": 1, "same": 0, "that": 0}[rel]
    base = previous.start if offset <= 0 else previous.end
    r = calendar_unit(shift(base, offset, unit), unit, relative=True, confidence=0.6)
    return with_part(r, part, previous.start if part == "later" else previous.end)


@handler(r"(?:the\s+)?(?P<rel>next|following|previous|same|day\s+before|day\s+after|prior)\s*(?:day|morning|evening|night)?|that\s+(?:day|morning|afternoon|evening|night)|(?:earlier|later)\s+that\s+day")
def anaphoric_day(m, anchor, tense, lead, previous):
    text = m.group(0)
    if previous is None or previous.start is None or previous.granularity != "day":
        return Resolved(None, None, None, "day", relative=True, confidence=0.0)
    if re.search(r"next|following|after", text):
        d = previous.start + dt.timedelta(days=1)
    elif re.search(r"previous|before|prior", text):
        d = previous.start - dt.timedelta(days=1)
    else:
        d = previous.start
    return day(d, relative=True, confidence=0.6)


@handler(rf"(?:about\s+|nearly\s+|almost\s+|more\s+than\s+|some\s+|over\s+)?{N}[\s-]+{UNIT}\s+(?P<dir>ago|earlier|before|later|after|from\s+now|hence|previously|prior|since)")
def ago(m, anchor, tense, lead, previous):
    n, unit, direction = number(m["n"]), m["unit"].rstrip("s"), m["dir"]
    unit = "century" if unit.startswith("centur") else unit
    vague = m["n"] in VAGUE
    if direction in ("ago", "from now", "hence", "since"):
        base, sign = anchor, (1 if direction in ("from now", "hence") else -1)
    else:
        if previous is None or previous.start is None:
            return Resolved(None, None, None, None, relative=True, confidence=0.0)
        base, sign = previous.start, (1 if direction in ("later", "after") else -1)
    if base is None:
        return Resolved(None, None, None, None, relative=True, confidence=0.0)
    if unit == "decade":
        unit, n = "year", 10 * n
    target = shift(base, sign * n, unit)
    r = calendar_unit(target, "week" if unit == "weekend" else unit, relative=True,
                      confidence=0.6 if vague else (0.85 if base is anchor else 0.6))
    return replace(r, mod="approx") if vague or m.group(0).startswith(("about", "nearly", "almost", "some")) else r


@handler(rf"(?:the\s+)?(?P<rel>past|last|next|coming|previous|recent|following)\s+(?:{N}\s+)?(?P<unit>days|weeks|months|years|decades)")
def rolling(m, anchor, tense, lead, previous):
    if anchor is None:
        return Resolved(None, None, None, None, type="range", relative=True, confidence=0.0)
    unit = m["unit"].rstrip("s")
    if m["n"]:
        n, vague = number(m["n"]), m["n"] in VAGUE
    else:
        n, vague = {"day": 7, "week": 4, "month": 6, "year": 3, "decade": 2}[unit], True
        unit = {"day": "day", "week": "week", "month": "month", "year": "year", "decade": "decade"}[unit]
    if unit == "decade":
        unit, n = "year", 10 * n
    one = dt.timedelta(days=1)
    if m["rel"] in ("next", "coming", "following"):
        r = interval(anchor, shift(anchor, n, unit) - one, unit, relative=True, confidence=0.7)
    else:  # "the past three years": the three years up to and including the publication day
        r = interval(shift(anchor, -n, unit) + one, anchor, unit, relative=True, confidence=0.7)
    return replace(r, mod="approx") if vague else r


@handler(r"recent\s+(?P<unit>days|weeks|months|years)")
def recent(m, anchor, tense, lead, previous):
    if anchor is None:
        return Resolved(None, None, None, None, type="range", relative=True, confidence=0.0)
    unit = m["unit"].rstrip("s")
    n = {"day": 7, "week": 4, "month": 6, "year": 3}[unit]
    start = shift(anchor, -n, unit) + dt.timedelta(days=1)
    return replace(interval(start, anchor, unit, relative=True, confidence=0.5), mod="approx")


@handler(r"(?:every|each)\s+(?:\w+)|daily|weekly|monthly|annually|annual|yearly|nightly")
def a_set(m, anchor, tense, lead, previous):
    return Resolved(None, None, None, None, type="set", confidence=0.5)


@handler(rf"(?:about\s+|nearly\s+|almost\s+|more\s+than\s+|some\s+|over\s+|at\s+least\s+|the\s+)?(?:{N}[\s-]+)?(?:more\s+)?(?P<unit>second|minute|hour|day|week|month|year|decade|century|centurie)s?(?:[\s-]long)?")
def duration(m, anchor, tense, lead, previous):
    unit = m["unit"]
    unit = "century" if unit.startswith("centur") else unit
    if m["n"] is None and not m.group(0).rstrip().endswith("s") and not m.group(0).startswith(("a ", "an ")):
        return None  # "the year", "the week": not a duration, and no date either
    n = number(m["n"]) if m["n"] else None
    if lead in ("in", "within") and n and anchor is not None:  # "in two weeks": a future point or span
        target = shift(anchor, n, "year" if unit in ("decade", "century") else unit) if unit in (
            "day", "week", "month", "year") else None
        if target is not None:
            if lead == "within":
                return interval(anchor, target, unit, relative=True, confidence=0.7)
            return calendar_unit(target, unit, relative=True, confidence=0.75)
    code = {"second": "S", "minute": "M", "hour": "H"}.get(unit)
    count = "X" if n is None or m["n"] in VAGUE else str(n)
    if code:
        value = f"PT{count}{code}"
    elif unit == "decade":
        value = f"P{int(count) * 10}Y" if count != "X" else "PXDE"
    elif unit == "century":
        value = f"P{int(count) * 100}Y" if count != "X" else "PXCE"
    else:
        value = f"P{count}{UNITS[unit]}"
    return Resolved(value, None, None, unit, type="duration", confidence=0.8 if count != "X" else 0.5)
