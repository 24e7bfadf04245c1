"""Find the spans inside double quotation marks, robust to the marks news text really has.

Marks are paired paragraph by paragraph, so one stray or missing mark can only disturb its own
paragraph, never the rest of the document. Straight marks (" and the '' of some wires) are told
apart as opening or closing by the characters around them; curly marks by their glyph unless
the context clearly says otherwise (a ” used as an opening mark). An opening mark inside an
open quote means the earlier one was stray: the quote restarts there. A quote left open at the
end of a paragraph goes on in the next one when that paragraph opens with a mark (the news
convention for quotes running over paragraphs) and the quote opened a whole utterance;
otherwise the lone mark is dropped. Single marks (‘ ’ ') are mostly apostrophes: inside a
double-quoted span they are nested quotes and stay content; elsewhere they are read as
quotation marks only in a headline-like first paragraph with no double marks, where
British-style headlines put them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPENING = ("“", "„", "«", "``")
CLOSING = ("”", "»")
MARKS = re.compile("''|``|[\"“”„«»]")
PARAGRAPH = re.compile(r"[^\n]+")
BEFORE_OPEN = set(" \t\u00a0([{—–-/\n“\"'‘")
AFTER_CLOSE = set(" \t\u00a0.,;:!?)]}—–-/\n…”\"'’")
# ‘Headline quote’: opening mark after a space, closing mark before a space or punctuation.
HEADLINE_SINGLE = re.compile(r"(?:(?<=\s)|^)[‘'](?=\S)([^‘’'\n]{2,}?)(?<=\S)[’'](?=[\s.,:;!?]|$)")


@dataclass
class Marked:
    """One quotation: its content fragments without the marks, one per paragraph it runs over,
    and the same fragments with their marks (`outers`)."""

    spans: list[tuple[int, int]] = field(default_factory=list)
    outers: list[tuple[int, int]] = field(default_factory=list)
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
        return self.outers[0][0], self.outers[-1][1]

    def add(self, open_at: int, open_len: int, close_at: int, close_len: int) -> None:
        self.spans.append((open_at + open_len, close_at))
        self.outers.append((open_at, close_at + close_len))


def _role(text: str, i: int, mark: str) -> str:
    """'open', 'close' or 'either' for the mark `mark` at text[i]."""
    prev = text[i - 1] if i > 0 else " "
    j = i + len(mark)
    nxt = text[j] if j < len(text) else " "
    looks_open = prev in BEFORE_OPEN and not nxt.isspace()
    looks_close = nxt in AFTER_CLOSE and not prev.isspace()
    if mark in OPENING:
        return "close" if looks_close and not looks_open else "open"
    if mark in CLOSING:
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
        marks = [(m.start(), m.group(), _role(text, m.start(), m.group()))
                 for m in MARKS.finditer(text, p_start, p_end)]
        opened: tuple[int, int] | None = None  # (position, length) of the open mark
        current: Marked | None = None
        if carry is not None:  # this paragraph starts with the re-opening mark (checked below)
            opened, current, carry = (marks[0][0], len(marks[0][1])), carry, None
            marks = marks[1:]
        for pos, mark, role in marks:
            if opened is None:
                if role != "close":  # a closing mark outside any quote is stray: skip it
                    opened = (pos, len(mark))
                continue
            if role == "open":  # an opening mark inside a quote: the earlier one was stray
                if current is not None and current.spans:
                    out.append(current)
                opened, current = (pos, len(mark)), None
                continue
            (current := current or Marked()).add(*opened, pos, len(mark))
            out.append(current)
            opened, current = None, None
        if opened is None:
            continue
        nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
        first = MARKS.match(text, nxt[0]) if nxt else None
        if first and _role(text, nxt[0], first.group()) != "close" and _utterance_start(text, opened[0], p_start):
            carry = current or Marked()
            carry.add(*opened, p_end, 0)
        elif current is not None and current.spans:
            current.closed = False  # the last paragraph of a long quote lost its closing mark
            current.add(*opened, p_end, 0)
            out.append(current)
        elif opened[0] == p_start:
            m = Marked(closed=False)
            m.add(*opened, p_end, 0)
            out.append(m)
    if carry is not None and carry.spans:
        carry.closed = False
        out.append(carry)
    out = [m for m in (_trim(m, text) for m in out) if m.spans]
    if paragraphs and not MARKS.search(text, *paragraphs[0]) and paragraphs[0][1] - paragraphs[0][0] < 200:
        p_start, p_end = paragraphs[0]
        for h in HEADLINE_SINGLE.finditer(text[p_start:p_end]):
            m = Marked()
            m.add(p_start + h.start(1) - 1, 1, p_start + h.end(1), 1)
            out.append(m)
    return sorted(out, key=lambda m: m.start)


def _utterance_start(text: str, pos: int, p_start: int) -> bool:
    """Whether a mark at `pos` opens a whole utterance (paragraph start, or after a sentence,
    a colon or a comma): only such a quote may run on into the next paragraph."""
    before = text[p_start:pos].rstrip()
    return not before or before[-1] in ".!?:,;”\"'—–-"


def _trim(m: Marked, text: str) -> Marked:
    """Drop surrounding whitespace from each fragment (and empty fragments)."""
    spans, outers = [], []
    for (s, e), outer in zip(m.spans, m.outers):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
            outers.append(outer)
    m.spans, m.outers = spans, outers
    return m
