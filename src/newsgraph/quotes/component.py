"""The 'quotes' component: direct, indirect and mixed quotes with resolved speakers.

Runs after 'actors'. Three sources of evidence meet here:
- quotation marks (direct.py) give direct quotes, whatever the parse says;
- speech cues in the parse (indirect.py) give reported clauses and their speakers;
- speakers are resolved to document actors (speakers.py).

A quoted span inside a cue's reported clause makes that clause a *mixed* quote; a quoted span
that is the whole clause, or that sits next to a cue ("“A,” he said." / "She added: “A.”"),
is a *direct* quote of that cue's speaker. Fragments around one cue form one quote (“A,” he
said. “B.”), and a paragraph that is only a quotation continues the quote before it.

`Quote.confidence` is a rule score in [0, 1]: how much evidence the rules had that this is an
attribution with the right speaker (a direct quote whose cue governs it in the parse scores
highest, an object-of-verb indirect quote lowest; an unresolved speaker lowers it). It is
not a calibrated probability; use it to rank or filter.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..annotation import Annotation
from ..records import ActorRef, Quote
from ..registry import component
from ..settings import Options
from .direct import Marked, scan
from .indirect import Cue, find_cues
from .speakers import Resolver

SENTENCE_END = frozenset({".", "!", "?"})
DANGLING = re.compile(r"\s(?:and|but|or|while|whereas|when|as|after|before|because|if|although|though)$", re.I)
CLAUSE_START = frozenset({".", "!", "?", ":", ";", "—", "–", "-", "--", "(", "…"})
WORD = re.compile(r"\w+")
# Confidence of each kind of evidence (see the module docstring): the parse governs a quotation,
# a cue stands next to it, a cue's clause or "according to", a parenthetical cue, an infinitive
# or an object as content.
PRIOR = {"syntax": 0.9, "adjacent": 0.8, "ccomp": 0.75, "according": 0.75, "parenthetical": 0.6,
         "xcomp": 0.5, "object": 0.5}
MAX_GAP_AFTER = 10  # tokens between a quote's end and its cue ("..., Houthi spokesman X said")
MAX_GAP_BEFORE = 6  # tokens between a cue and the quote it introduces ("She added, ...")


@dataclass
class Draft:
    """A quote before its speaker is resolved."""

    spans: list[tuple[int, int]]
    type: str
    cue: Cue
    how: str  # which evidence: a key of PRIOR
    marked: list[int] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.spans[0][0]


@component("quotes")
def make_quotes(options: Options):
    min_words = options.quotes.min_direct_words

    def quotes(ann: Annotation) -> None:
        ann.document.quotes = QuoteFinder(ann, min_words).run()

    return quotes


class QuoteFinder:
    def __init__(self, ann: Annotation, min_words: int) -> None:
        self.ann, self.doc, self.text = ann, ann.doc, ann.document.text
        self.min_words = min_words
        self.marked: list[Marked] = scan(self.text)
        self.in_quote = [-1] * len(self.doc)
        for k, m in enumerate(self.marked):
            for s, e in m.outers:
                span = self.doc.char_span(s, e, alignment_mode="expand")
                for tok in span or ():
                    self.in_quote[tok.i] = k
        self.para_starts = [0] + [m.end() for m in re.finditer(r"\n+", self.text)]

    def para(self, char: int) -> int:
        return bisect.bisect_right(self.para_starts, char) - 1

    def para_bounds(self, char: int) -> tuple[int, int]:
        n = self.para(char)
        end = self.para_starts[n + 1] if n + 1 < len(self.para_starts) else len(self.text)
        return self.para_starts[n], end

    def run(self) -> list[Quote]:
        cues = find_cues(self.doc, self.text, lambda i: self.in_quote[i] >= 0, self.para_bounds)
        drafts = self._combine(cues)
        resolver = Resolver(self.ann)  # in text order, so pronouns see the speakers before them
        return [self._record(d, resolver) for d in sorted(drafts, key=lambda d: d.start)]

    def _record(self, d: Draft, resolver: Resolver) -> Quote:
        cue, speaker, via = d.cue, None, None
        if cue.subject is not None:
            speaker = resolver.speaker(cue.subject)
        if cue.via is not None:
            v = resolver.speaker(cue.via)
            via = ActorRef(v.name, v.actor_id, v.code)
        spans = sorted(d.spans)
        conf = PRIOR.get(d.how, 0.5) * (1.0 if speaker is not None and speaker.actor_id else 0.8)
        return Quote(text=" ".join(self.text[s:e] for s, e in spans), start=spans[0][0], end=spans[-1][1],
                     type=d.type, cue=cue.cue, speaker=speaker, via=via,
                     sentence=self.ann.sentence_of(spans[0][0]), spans=spans, cue_span=cue.cue_span,
                     confidence=round(conf, 2))

    def _combine(self, cues: list[Cue]) -> list[Draft]:
        """Match quoted spans with cues: mixed, direct (by parse, then by adjacency), continuation."""
        owner: dict[int, tuple[str, Cue]] = {}  # marked index -> (how, cue)
        absorbed: set[int] = set()
        drafts: list[Draft] = []
        self._unnest(cues)
        for cue in cues:
            if cue.content is None:
                continue
            s, e = cue.content
            for m in self.marked:  # a quotation opened in the clause runs on past the sentence end
                if s <= m.outer[0] < e < m.end and self.para(m.end) == self.para(s):
                    e = m.outer[1]
            cue.content = (s, e)
            inside = [k for k, m in enumerate(self.marked) if m.start < e and s < m.end]
            pieces = [(max(a, s), min(b, e)) for a, b in cue.fragments or [(s, e)] if min(b, e) > max(a, s)]
            if not inside:
                drafts.append(Draft(pieces, "indirect", cue, cue.kind))
                continue
            rest = self._words_outside(s, e, inside)
            if rest == 0:  # the clause is the quotation: a direct quote governed by its cue
                for k in inside:
                    owner.setdefault(k, ("syntax", cue))
            elif all(s <= self.marked[k].outer[0] and self.marked[k].end <= e + 1 for k in inside):
                absorbed.update(inside)
                drafts.append(Draft(pieces, "mixed", cue, cue.kind, inside))
        for k, m in enumerate(self.marked):
            if k in owner or k in absorbed:
                continue
            cue = self._adjacent(k, cues)
            if cue is not None:
                owner[k] = ("adjacent", cue)
        # Direct quotes: fragments sharing a cue form one quote; an uncued one continues the
        # quote before it (direct, or reported: "He said X. “Y.”" is one mixed quote).
        by_cue: dict[int, Draft] = {}
        for k, m in enumerate(self.marked):
            if k in absorbed:
                continue
            if k in owner:
                how, cue = owner[k]
                if how == "adjacent" and not self._quote_like(m):
                    continue
                d = by_cue.get(id(cue))
                if d is None:
                    d = by_cue[id(cue)] = Draft(list(m.spans), "direct", cue, how, [k])
                    drafts.append(d)
                else:
                    d.spans.extend(m.spans)
                    d.marked.append(k)
                continue
            before = [d for d in drafts if d.spans[-1][1] <= m.outer[0]]
            last = max(before, key=lambda d: d.spans[-1][1], default=None)
            if last is not None and self._opens_clause(k) and self._continues(last, m):
                last.spans.extend(m.spans)
                last.marked.append(k)
                if last.type == "indirect":
                    last.type = "mixed"
        return self._drop_overlaps(drafts)

    def _unnest(self, cues: list[Cue]) -> None:
        """A cue inside another cue's clause. Its own speaker there and hung under the clause
        ("X said Y had told him Z"): speech within speech, one claim of X, the inner cue
        gives no quote of its own. Otherwise ("denied that X and said Y", "said X, arguing that
        Y", "said X, while others said Y"): two claims, the outer clause stops where the inner
        cue's clause starts."""
        for outer in cues:
            if outer.content is None:
                continue
            s, e = outer.content
            for inner in cues:
                v = inner.verb
                if inner is outer or not s < v.idx < e or inner.kind == "according" or inner.content is None:
                    continue
                subj = inner.subject
                cut = min([v.idx] + [c.idx for c in v.lefts if c.dep_ in ("aux", "auxpass", "neg", "advmod")])
                if subj is not None and s <= subj.idx < e:
                    if not self._parallel(v, outer):
                        inner.content = None
                        continue
                    cut = min(cut, subj.left_edge.idx)
                cut = self._trim_tail(s, max(s, cut))
                if len(WORD.findall(self.text, s, cut)) >= 2:
                    e = cut
            outer.content = (s, e)

    def _trim_tail(self, s: int, e: int) -> int:
        """End of text[s:e] without trailing punctuation and a dangling "and", "but", "when"..."""
        while True:
            while e > s and (self.text[e - 1].isspace() or self.text[e - 1] in ",;:—–-"):
                e -= 1
            m = DANGLING.search(self.text, s, e)
            if not m:
                return e
            e = m.start()

    @staticmethod
    def _parallel(verb, outer: Cue) -> bool:
        """Whether `verb` joins the outer clause side by side (conj, advcl) rather than inside it."""
        tok = verb
        while tok.head.i != tok.i and tok != outer.content_head and tok != outer.verb:
            if tok.dep_ in ("conj", "advcl"):
                return True
            tok = tok.head
        return False

    def _drop_overlaps(self, drafts: list[Draft]) -> list[Draft]:
        """A reported clause that runs into a direct quote is a parse error: the direct quote
        wins and the clause keeps what comes before it (if anything)."""
        direct = sorted(o for d in drafts if d.type == "direct" for k in d.marked for o in self.marked[k].outers)
        keep = []
        for d in drafts:
            if d.type != "direct":
                s, e = d.spans[0]
                hit = next(((a, b) for a, b in direct if a < e and s < b), None)
                if hit is not None:
                    e = self._trim_tail(s, hit[0])
                    if len(WORD.findall(self.text, s, e)) < 3 or any(a < e and s < b for a, b in direct):
                        continue
                    d.spans = [(s, e)]
            keep.append(d)
        return keep

    def _words_outside(self, s: int, e: int, inside: list[int]) -> int:
        """Words of text[s:e] not inside the given quoted spans."""
        n, pos = 0, s
        for k in inside:
            m = self.marked[k]
            for a, b in m.spans:
                n += len(WORD.findall(self.text, pos, max(pos, min(a, e))))
                pos = max(pos, b)
        n += len(WORD.findall(self.text, pos, e)) if pos < e else 0
        return n

    def _quote_like(self, m: Marked) -> bool:
        """Speech rather than a scare quote: long enough, or a whole utterance (“Unacceptable,”)."""
        inner = self.text[m.start:m.end]
        return len(WORD.findall(inner)) >= self.min_words or inner[-1:] in ",.?!…"

    def _tokens(self, m: Marked) -> tuple[int, int]:
        """First and last token index of a quotation, marks included."""
        first = self.doc.char_span(*m.outers[0], alignment_mode="expand")
        last = self.doc.char_span(*m.outers[-1], alignment_mode="expand")
        return first.start, last.end - 1

    def _opens_clause(self, k: int) -> bool:
        """Whether quotation k starts its sentence (or follows a colon, dash or another quote):
        a direct quote does, a phrase quoted inside a sentence ('called it “terrible”') does not."""
        i = self._tokens(self.marked[k])[0] - 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        if i < 0 or self.in_quote[i] >= 0 or "\n" in self.doc[i].whitespace_ + self.doc[i + 1].text:
            return True
        tok = self.doc[i]
        if tok.text in CLAUSE_START or self.para(tok.idx) != self.para(self.marked[k].start):
            return True
        if tok.pos_ in ("CCONJ", "ADV", "INTJ") and (i == 0 or self.doc[i - 1].text in CLAUSE_START):
            return True
        return False

    def _adjacent(self, k: int, cues: list[Cue]) -> Cue | None:
        """The cue right after the quote ("“A,” she said"), when the quote opens its sentence
        and no other verb comes first; else the cue just before it, when a comma or colon
        leads into the quote ("She added, “A”")."""
        doc, by_verb, m = self.doc, {c.verb.i: c for c in cues}, self.marked[k]
        first, last = self._tokens(m)
        para = self.para(m.end)
        if self._opens_clause(k):
            i, gap = last + 1, 0
            while i < len(doc):
                tok = doc[i]
                if self.in_quote[i] >= 0 or self.para(tok.idx) != para or tok.text in SENTENCE_END:
                    break
                if i in by_verb:
                    return by_verb[i]
                if tok.pos_ == "VERB" or gap > MAX_GAP_AFTER:
                    break
                gap += not tok.is_punct and not tok.is_space
                i += 1
        i = first - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i < 0 or doc[i].text not in (",", ":") and i not in by_verb:
            return None
        colon = doc[i].text == ":"
        # a colon ending the paragraph before may introduce a quote standing on its own
        para, gap = self.para(doc[i].idx if colon else m.start), 0
        while i >= 0:
            tok = doc[i]
            if self.in_quote[i] >= 0 or self.para(tok.idx) != para or tok.text in SENTENCE_END:
                break
            if i in by_verb:
                return by_verb[i] if gap <= MAX_GAP_BEFORE or colon and gap <= 2 * MAX_GAP_BEFORE else None
            gap += not tok.is_punct and not tok.is_space
            i -= 1
        return None

    def _continues(self, last: Draft, m: Marked) -> bool:
        """An uncued quotation continues the quote before it: in the same paragraph (“A,” he
        said. “B.”), or in the next when that paragraph is only the quotation."""
        if not self._quote_like(m):
            return False
        prev_end = last.spans[-1][1]
        p_prev, p_now = self.para(prev_end), self.para(m.start)
        if p_now == p_prev:
            return True
        if p_now != p_prev + 1:
            return False
        p_start = self.para_starts[p_now]
        p_end = self.para_starts[p_now + 1] if p_now + 1 < len(self.para_starts) else len(self.text)
        outside = self.text[p_start:m.outer[0]] + self.text[m.outer[1]:p_end]
        return not WORD.search(outside)
