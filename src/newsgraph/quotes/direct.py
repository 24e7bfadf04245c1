"""Find the spans inside double quotation marks, robust to the marks news text really has.

Marks are paired paragraph by paragraph, so one stray or missing mark can only disturb its own
paragraph, never the rest of the document. Straight marks (") are told apart as opening or
closing by the characters around them; curly marks by their glyph unless the context clearly
says otherwise (a ” used as opening mark). A quote left open at the end of a paragraph goes on
in the next one when that paragraph opens with a mark (the news convention for quotes running
over paragraphs); otherwise the lone mark is dropped. Single marks (‘ ’ ') are mostly
apostrophes: they are only read as quotation marks in a headline-like first paragraph with no
double marks, where British-style headlines put them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
MARKS = re.compile('["“”„«»]')
PARAGRAPH = re.compile(r"[^\n]+")
BEFORE_OPEN = set(" \t\u00a0([{—–-/\n")
AFTER_CLOSE = set(" \t\u00a0.,;:!?)]}—–-/\n…")
# ‘Headline quote’: opening mark after a space, closing mark before a space or punctuation.
HEADLINE_SINGLE = re.compile(r"(?:(?<=\s)|^)[‘'](?=\S)([^‘’'\n]{2,}?)(?<=\S)[’'](?=[\s.,:;!?]|$)")


@dataclass
class Marked:
    """One quotation: its content fragments (without marks), one per paragraph it runs over."""

    spans: list[tuple[int, int]] = field(default_factory=list)
    closed: bool = True
    """False when the closing mark was missing (quote taken to the end of its paragraph)."""

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    @property
    def outer(self) -> tuple[int, int]:
        """Envelope including the opening and closing marks."""
        return self.start - 1, self.end + (1 if self.closed else 0)


def _role(text: str, i: int) -> str:
    """'open', 'close' or 'either' for the mark at text[i]."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    looks_open = (prev in BEFORE_OPEN or prev in "“\"'‘") and not nxt.isspace()
    looks_close = (nxt in AFTER_CLOSE or nxt in "”\"'’") and not prev.isspace()
    ch = text[i]
    if ch in OPENING:
        return "close" if looks_close and not looks_open else "open"
    if ch in CLOSING:
        return "open" if looks_open and not looks_close else "close"
    if looks_open and not looks_close:
        return "open"
    if looks_close and not looks_open:
        return "close"
    return "either"


def scan(text: str) -> list[Marked]:
    """All double-quoted spans of `text`, in order; see the module docstring for the rules."""
    paragraphs = [(m.start(), m.end()) for m in PARAGRAPH.finditer(text)]
    out: list[Marked] = []
    carry: Marked | None = None  # a quote running on from the previous paragraph
    for n, (p_start, p_end) in enumerate(paragraphs):
        marks = [(m.start(), _role(text, m.start())) for m in MARKS.finditer(text, p_start, p_end)]
        k = 0
        open_at: int | None = None
        current: Marked | None = None
        if carry is not None:  # this paragraph starts with the re-opening mark (checked below)
            open_at, current, carry = marks[0][0], carry, None
            k = 1
        for pos, role in marks[k:]:
            if open_at is None:
                if role != "close":  # a closing mark outside any quote is stray: skip it
                    open_at = pos
                continue
            if role == "open":  # an opening mark inside a quote: the earlier one was stray
                if current is not None and current.spans:
                    out.append(current)
                open_at, current = pos, None
                continue
            (current := current or Marked()).spans.append((open_at + 1, pos))
            out.append(current)
            open_at, current = None, None
        if open_at is None:
            continue
        nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
        if nxt and MARKS.match(text, nxt[0]) and _role(text, nxt[0]) != "close":
            carry = current or Marked()
            carry.spans.append((open_at + 1, p_end))
        elif current is not None and current.spans:
            current.closed = False  # the last paragraph of a long quote lost its closing mark
            current.spans.append((open_at + 1, p_end))
            out.append(current)
        elif open_at == p_start:
            out.append(Marked([(open_at + 1, p_end)], closed=False))
    if carry is not None and carry.spans:
        carry.closed = False
        out.append(carry)
    out = [_trim(m, text) for m in out]
    out = [m for m in out if m.spans]
    if paragraphs and not MARKS.search(text, *paragraphs[0]) and paragraphs[0][1] - paragraphs[0][0] < 200:
        p_start, p_end = paragraphs[0]
        for m in HEADLINE_SINGLE.finditer(text[p_start:p_end]):
            out.insert(0, Marked([(p_start + m.start(1), p_start + m.end(1))]))
    return sorted(out, key=lambda m: m.start)


def _trim(m: Marked, text: str) -> Marked:
    """Drop surrounding whitespace from each fragment (and empty fragments)."""
    spans = []
    for s, e in m.spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    m.spans = spans
    return m
