"""Speech cues in the parse: the verb, what was said (its clause) and who said it.

A cue is a speech verb outside quotation marks ("said", "told", "warned", "denied"), or
"according to". Its content is the reported clause: the ccomp of the verb ("said (that) X"),
an object for verbs that take one ("denied reports that ..."), an infinitive for promises and
threats ("vowed to respond", "warned residents to stay indoors"), the rest of the sentence
around a parenthetical cue ("X, he said, Y") or around "according to Y". The subject is the speaker, except in mediated
speech ("Interfax quoted Lavrov as saying X": speaker Lavrov, via Interfax).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Callable

from .cues import (ADJACENT_ONLY, CLAUSAL_OBJECT, NOUN_TAGGED, OBJECT_CONTENT,
                   PARTICLE_VERBS, SPEECH_VERBS, TITLE_SECTORS, XCOMP_CONTENT)


@dataclass
class Cue:
    verb: object  # spaCy Token of the speech verb (the "quoted" of mediated speech)
    cue_span: tuple[int, int]
    content: tuple[int, int] | None
    subject: object | None  # head Token of the speaker's noun phrase
    via: object | None = None  # head Token of the medium in mediated speech
    kind: str = "ccomp"  # how the content was found: ccomp, xcomp, object, parenthetical, according, none
    content_head: object | None = None
    fragments: list[tuple[int, int]] | None = None
    """Content in pieces around a parenthetical cue ("X, he said, Y"); else None (one span)."""

    @property
    def cue(self) -> str:
        """The cue's words ("said", "according to", "quoted")."""
        if self.kind == "according":
            return f"{self.verb.text} {self.verb.nbor().text}"
        return self.verb.text


QUOTE_MARKS = frozenset(['"', "“", "”", "„", "«", "»", "''", "``"])


def _span(doc, left: int, right: int) -> tuple[int, int] | None:
    """Character span of tokens left..right without punctuation at either end (quote marks stay)."""
    while right >= left and (doc[right].is_space or doc[right].is_punct and doc[right].text not in QUOTE_MARKS):
        right -= 1
    while left <= right and (doc[left].is_space or doc[left].is_punct and doc[left].text not in QUOTE_MARKS):
        left += 1
    if right < left:
        return None
    return doc[left].idx, doc[right].idx + len(doc[right])


DOCUMENTS = frozenset("statement letter note post tweet message release email memo video interview".split())
CLIMB = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep", "acomp"})
INVERTED = frozenset({"dobj", "npadvmod", "attr", "appos", "nsubj", "oprd", "dative"})


def _own_subject(verb):
    """The verb's own subject, if the parse gives one in the verb's paragraph."""
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and _same_paragraph(c, verb)), None)


def subject_of(verb):
    """The speaker head for a speech verb: its own subject; an inverted one ("said Foreign
    Minister Dmytro Kuleba", often parsed as an object); the noun a participle hangs on ("a
    statement saying"); for "..., adding" / "and said" / "refusing to concede" the subject of
    the nearest speech verb above it, else of the nearest verb above it. "Asked whether ..."
    (no asker named) has none."""
    own = _own_subject(verb)
    if own is not None:
        return own
    if verb.lemma_ == "ask" and verb.tag_ == "VBN":
        by = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    for child in verb.rights:
        if child.i - verb.i > 4:
            break
        if child.dep_ in INVERTED and (child.pos_ == "PROPN" or child.lemma_.lower() in TITLE_SECTORS):
            if verb.lemma_ != "tell" or child.dep_ not in ("dobj", "dative"):
                return child
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        doc_noun = verb.head
        if doc_noun.lemma_.lower() in DOCUMENTS and doc_noun.dep_ in ("dobj", "pobj"):
            # "she released a statement saying": the one who issued it
            up = doc_noun.head if doc_noun.dep_ == "dobj" else doc_noun.head.head
            own = _own_subject(up)
            if own is not None:
                return own
        return doc_noun
    chain, tok = [], verb
    while tok.head.i != tok.i and len(chain) < 6:
        chain.append(tok)
        tok = tok.head
    ancestors = [t.head for t in chain]
    for anc in ancestors:
        if anc.lemma_.lower() in SPEECH_VERBS and anc.pos_ == "VERB":
            own = _own_subject(anc)
            if own is not None:
                return own
    for link, anc in zip(chain, ancestors):
        if link.dep_ not in CLIMB:
            break
        own = _own_subject(anc)
        if own is not None:
            return own
        if anc.dep_ in ("acl", "relcl") and anc.head.pos_ in ("NOUN", "PROPN"):
            return anc.head
    return _left_noun(verb) if verb.tag_ in ("VBD", "VBZ", "VBP") else None


def _left_noun(verb):
    """The noun phrase right before a finite verb the parser left without a subject
    ("Alarmed by ..., Senator Harry Reid, the minority leader, said")."""
    doc, j = verb.doc, verb.i - 1
    while j >= verb.sent.start and (doc[j].is_punct or doc[j].dep_ in ("advmod", "aux", "neg")):
        j -= 1
    if j < verb.sent.start or doc[j].pos_ not in ("NOUN", "PROPN", "PRON") or not _same_paragraph(doc[j], verb):
        return None
    head = doc[j]
    while head.dep_ in ("compound", "flat", "appos") and head.head.i < verb.i and head.head.i != head.i:
        head = head.head
    return head


def _same_paragraph(a, b) -> bool:
    """No line break between tokens a and b (the parser's sentences may run across them)."""
    first, last = (a, b) if a.i <= b.i else (b, a)
    breaks = _line_breaks(a.doc)
    return breaks[last.i] == breaks[first.i] and "\n" not in first.whitespace_


_BREAKS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _line_breaks(doc) -> list[int]:
    """How many line-break tokens come before each token (so a range is counted in O(1):
    _same_paragraph is asked ~150 times an article)."""
    out = _BREAKS.get(doc)
    if out is None:
        out, n = [0], 0
        for t in doc:
            n += t.is_space and "\n" in t.text
            out.append(n)
        _BREAKS[doc] = out
    return out


def _content(verb) -> tuple[str, object] | None:
    """(kind, head token) of what the verb reports, from its dependents."""
    lemma = verb.lemma_.lower()
    kids = [c for c in verb.children if _same_paragraph(c, verb)]
    for child in kids:
        if child.dep_ == "ccomp":
            return "ccomp", child
    if lemma in XCOMP_CONTENT:
        for child in kids:
            if child.dep_ == "xcomp":
                return "xcomp", child
    if lemma in OBJECT_CONTENT or lemma in CLAUSAL_OBJECT:
        for child in kids:
            if child.dep_ == "dobj" and child.i > verb.i and (lemma in OBJECT_CONTENT or any(
                    c.dep_ in ("acl", "ccomp", "relcl") for c in child.children)):
                return "object", child
    return None


def find_cues(doc, text: str, in_quote: Callable[[int], bool],
              paragraph: Callable[[int], tuple[int, int]]) -> list[Cue]:
    """Every speech cue outside quotation marks, in text order. `text` is doc.text (a spaCy
    property that rebuilds the string on every read); `paragraph(char)` gives the bounds of
    the paragraph holding `char`: reported clauses never cross them."""
    out: list[Cue] = []
    for tok in doc:
        if in_quote(tok.i):
            continue
        low = tok.lower_
        if low == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            cue = _according(tok)
        elif tok.pos_ == "NOUN" and low in NOUN_TAGGED:
            cue = _noun_cue(tok)
        else:
            lemma = tok.lemma_.lower()
            if tok.pos_ not in ("VERB", "AUX") or lemma not in SPEECH_VERBS and lemma not in PARTICLE_VERBS:
                continue
            if lemma in PARTICLE_VERBS and not any(c.dep_ == "prt" and c.lower_ == PARTICLE_VERBS[lemma] for c in tok.children):
                continue
            cue = _verb_cue(tok)
        if cue is None:
            continue
        if cue.content is not None:
            p_start, p_end = paragraph(cue.cue_span[0])
            s, e = max(cue.content[0], p_start), min(cue.content[1], p_end)
            while e > s and text[e - 1].isspace():
                e -= 1
            cue.content = (s, e) if e > s else None
        out.append(cue)
    return out


def _noun_cue(tok) -> Cue | None:
    """ "he notes" / "notes Bozell": a speech verb the tagger took for a noun; adjacency only."""
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if prev is not None and prev.pos_ in ("PRON", "PROPN") and prev.dep_ != "poss":
        subject = prev
    elif nxt is not None and nxt.pos_ == "PROPN" and (prev is None or prev.is_punct):
        subject = nxt
    else:
        return None
    return Cue(tok, (tok.idx, tok.idx + len(tok)), None, subject, None, "none", None)


def _mediated(verb):
    """The "quoted" of "X quoted Y as saying" / "Y was quoted as saying", however it parsed."""
    if verb.lower_ != "saying" or verb.i < 2 or verb.doc[verb.i - 1].lower_ != "as":
        return None
    sent_start = verb.sent.start
    for i in range(verb.i - 2, max(sent_start, verb.i - 15) - 1, -1):
        tok = verb.doc[i]
        if tok.lemma_ == "quote" and tok.pos_ == "VERB":
            return tok
    return None


def _verb_cue(verb) -> Cue:
    """The cue of a speech verb: speaker, medium, and content by the first rule that applies."""
    doc = verb.doc
    lemma = verb.lemma_.lower()
    cue_tok, subject, via = verb, subject_of(verb), None
    quoted = _mediated(verb)
    if quoted is not None:  # "Interfax quoted Lavrov as saying" / "Zarif was quoted as saying by IRNA"
        cue_tok = quoted
        obj = next((c for c in quoted.children if c.dep_ == "dobj"), None)
        subj = next((c for c in quoted.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and quoted.dep_ == "relcl":
            subj = quoted.head if obj is not None else None
        if obj is not None:
            subject, via = obj, subj
        else:
            subject = subj
            by = next((t for t in doc[verb.i + 1: verb.sent.end] if t.lower_ == "by" and t.head in (quoted, verb)), None)
            via = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    content, kind, head, fragments = None, "none", None, None
    found = None if lemma in ADJACENT_ONLY else _content(verb)
    if found:
        kind, head = found
        left = head.left_edge.i
        if kind == "xcomp":  # "warned residents to stay indoors": the addressee belongs to it
            left = min([left] + [c.left_edge.i for c in verb.rights if c.dep_ == "dobj" and c.i < head.i])
        content = _span(doc, left, head.right_edge.i)
    elif lemma not in ADJACENT_ONLY and subject is not None and quoted is None:
        fragments = _parenthetical(verb, subject)
        if fragments:
            kind, content = "parenthetical", (fragments[0][0], fragments[-1][1])
    span = (cue_tok.idx, cue_tok.idx + len(cue_tok))
    return Cue(cue_tok, span, content, subject, via, kind, head, fragments)


ATTACHED = frozenset({"prep", "npadvmod", "advmod", "agent", "dative", "dobj", "prt", "neg", "aux"})


def _parenthetical(verb, subject) -> list[tuple[int, int]] | None:
    """Content around a cue clause set off by commas: "Within marriages, they said, women now
    have more say." / "A truck rammed into the crowd, French officials said." The clause is
    the subject, the verb and what hangs on the verb (on Tuesday, in a statement)."""
    doc, sent = verb.doc, verb.sent
    if any(c.dep_ not in ATTACHED and not c.is_punct and c.dep_ not in ("nsubj", "nsubjpass") for c in verb.rights):
        return None  # the verb has a clause of its own to the right: not a parenthesis
    left = min(subject.left_edge.i, verb.i)
    right = max([verb.i, subject.right_edge.i] + [c.right_edge.i for c in verb.rights if c.dep_ in ATTACHED])
    if left - 1 <= sent.start or doc[left - 1].text != ",":
        return None
    opener = doc[sent.start]
    if opener.pos_ == "SCONJ" or opener.tag_ in ("VBN", "VBG") or opener.pos_ == "ADP":
        return None  # "As he spoke, ...", "Asked about it, ...", "In an interview, ...": no claim there
    after = right + 1
    while after < sent.end and doc[after].is_space:
        after += 1
    if after < sent.end and doc[after].text not in (",", ".", "!", "?", ";"):
        return None
    first = _span(doc, sent.start, left - 2)
    second = _span(doc, after + 1, sent.end - 1) if after < sent.end and doc[after].text == "," else None
    claim = list(doc[sent.start:left - 1]) + (list(doc[after + 1:sent.end]) if second else [])
    if first is None or sum(not t.is_punct for t in claim) < 3:
        return None
    if not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in claim):
        return None  # no finite verb: not a statement
    return [first, second] if second else [first]
def _according(tok) -> Cue | None:
    """ "According to X, CONTENT." or "CONTENT, according to X." """
    doc = tok.doc
    to = doc[tok.i + 1]
    subject = next((c for c in to.children if c.dep_ == "pobj"), None)
    if subject is None:
        return None
    sent = tok.sent
    left, right = tok.left_edge.i, max(tok.right_edge.i, subject.right_edge.i)
    if left - sent.start > sent.end - 1 - right:  # phrase at the end: content before it
        content = _span(doc, sent.start, left - 1)
    else:
        content = _span(doc, right + 1, sent.end - 1)
    return Cue(tok, (tok.idx, to.idx + len(to)), content, subject, None, "according", None)
