"""Who said it: the speaker's mention in the parse, and the document actor it refers to.

No coreference model works offline, so resolution is a few rules over the parse, in the order
a reader would apply them:
- a name links to the actor the actors stage built for it ("Mr Lavrov" and "Lavrov" are the
  same actor as "Sergei Lavrov"); a short name the actors stage kept apart ("Peskov",
  "al Jubeir") links to the earlier person whose full name ends with it;
- "he"/"she" is the most salient person before it: going back sentence by sentence (this one,
  then up to three before), the latest person who spoke there, else who was a subject there,
  else the last person mentioned at all; "they"/"it"/"we" the same over organisations,
  countries, groups and unnamed sources;
- a title ("the Russian foreign minister", "the official") is the most recent person whose
  title words match (head noun and modifiers), never one whose country contradicts it;
- an unnamed source ("a senior U.S. official") becomes an actor of its own with no name but a
  code (country of the modifier + sector of the head noun) so later "the official" finds it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..annotation import Annotation
from ..records import Actor, Speaker
from .cues import (GROUP_PRONOUNS, PERSON_NOUNS, PERSON_PRONOUNS, RELATIVE_PRONOUNS,
                   SOFT_MODIFIERS, TITLE_SECTORS)

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
DROP_CHILDREN = frozenset({"advcl", "punct", "cc", "advmod"})
ORG_NOUNS = frozenset("agency newspaper paper television channel radio network outlet broadcaster daily service".split())


def new_actor(ann: Annotation, name: str | None, kind: str, span: tuple[int, int],
              country: str | None = None, sector: str | None = None) -> Actor:
    """Append an actor for a speaker the actors stage did not give one, with a fresh id."""
    taken = {a.id for a in ann.document.actors}
    n = len(taken)
    while f"q{n}" in taken:
        n += 1
    code = (country or "") + (sector or "") or None
    actor = Actor(id=f"q{n}", name=name, kind=kind, code=code, country=country, sector=sector,
                  mentions=[span], confidence=0.3)
    ann.document.actors.append(actor)
    return actor


def _breaks(tok) -> bool:
    """A token a noun phrase never runs across: a line break, or a spaced dash (datelines)."""
    return tok.is_space and "\n" in tok.text or tok.text in "-—–" and bool(tok.whitespace_)


def np_span(head) -> tuple[int, int]:
    """Character span of a noun phrase as annotators mark a speaker: the head's subtree with
    appositions and relative clauses ("Scott Reed, who managed Dole's campaign,") but without
    adverbial clauses, participle phrases or a leading "even"; within its line; never cutting
    a named entity ("al-Jubeir")."""
    left, right = head.i, head.i
    for child in head.children:
        if child.dep_ in DROP_CHILDREN and not (child.dep_ == "punct" and child.i < head.i):
            continue
        if child.dep_ == "acl" and child.tag_ == "VBG":  # "..., speaking on condition of anonymity"
            continue
        left = min(left, child.left_edge.i)
        right = max(right, child.right_edge.i)
    doc = head.doc
    if head.ent_iob_ in ("B", "I"):  # widen to the whole entity
        first, last = head.i, head.i
        while doc[first].ent_iob_ == "I" and first > 0:
            first -= 1
        while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
            last += 1
        left, right = min(left, first), max(right, last)
    for i in range(head.i - 1, left - 1, -1):
        if _breaks(doc[i]):
            left = i + 1
            break
    for i in range(head.i + 1, right + 1):
        if _breaks(doc[i]):
            right = i - 1
            break
    while right > left and (doc[right].is_punct or doc[right].is_space or doc[right].dep_ in ("cc", "case")) and doc[right].text not in ".)":
        right -= 1
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return doc[left].idx, doc[right].idx + len(doc[right])


def actor_head(head):
    """The token naming who spoke: the name in apposition to a title ("Putin's spokesman,
    Dmitry Peskov"), the agency in "Interfax news agency", else the head itself."""
    if head.pos_ == "NOUN":
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                return child
        if head.lemma_.lower() in ORG_NOUNS:
            for child in head.lefts:
                if child.dep_ == "compound" and child.ent_type_ == "ORG":
                    return child
    return head


@dataclass
class Mention:
    start: int
    actor: Actor
    sentence: int
    salient: int  # 2 speaker, 1 subject, 0 other


class Resolver:
    """Speaker resolution for one document; speakers found so far feed later pronouns."""

    def __init__(self, ann: Annotation) -> None:
        self.ann = ann
        self.doc = ann.doc
        self.mentions: list[Mention] = []
        self.titles: dict[str, set[str]] = {}  # actor id -> role words of all its mentions
        self._persons = {e.actor_id for e in ann.document.entities if e.label == "PERSON" and e.actor_id}
        last_titled: set[str] = set()
        found = []
        for actor in ann.document.actors:
            for s, e in actor.mentions:
                span = self.doc.char_span(s, e, alignment_mode="expand")
                if span is not None and len(span):
                    found.append((s, actor, span))
        for s, actor, span in sorted(found, key=lambda x: x[0]):
            root = span.root
            self.mentions.append(Mention(s, actor, ann.sentence_of(s), 1 if _subject_like(root) else 0))
            if self._personal(actor):
                words = _title_words(root, span)
                if "counterpart" in words:  # "his Russian counterpart": the same office elsewhere
                    words |= {w for w in last_titled if not w.startswith("@")}
                if words:
                    self.titles.setdefault(actor.id, set()).update(words)
                    last_titled = words
        self._starts = [m.start for m in self.mentions]

    def _add(self, m: Mention, titles: frozenset[str] = frozenset()) -> None:
        i = bisect.bisect_right(self._starts, m.start)
        self._starts.insert(i, m.start)
        self.mentions.insert(i, m)
        if titles:
            self.titles.setdefault(m.actor.id, set()).update(titles)

    def _before(self, pos: int) -> list[Mention]:
        return self.mentions[: bisect.bisect_left(self._starts, pos)]

    def speaker(self, head, span: tuple[int, int] | None = None) -> Speaker:
        """Speaker record for the subject head token `head` (surface span kept as start/end)."""
        start, end = span or np_span(head)
        actor = self.resolve(actor_head(head), start, end)
        if actor is not None:
            titles = _title_words(head, None) if self._personal(actor) and head.pos_ != "PRON" else frozenset()
            self._add(Mention(start, actor, self.ann.sentence_of(start), 2), titles)
        return Speaker(name=actor.name if actor else None, actor_id=actor.id if actor else None,
                       code=actor.code if actor else None, start=start, end=end)

    def _personal(self, actor: Actor) -> bool:
        """A person, by the actors stage or by any of its mentions' NER label."""
        return actor.kind == "person" or actor.id in self._persons

    def resolve(self, head, start: int, end: int) -> Actor | None:
        low = head.lower_
        if low in RELATIVE_PRONOUNS and head.head is not None:
            noun = head.head.head  # "Lynch, who told ...": relcl verb -> its noun
            return self.resolve(actor_head(noun), *np_span(noun)) if noun.pos_ in ("PROPN", "NOUN") else None
        if low in PERSON_PRONOUNS:
            return self._salient(head.idx, self._personal)
        if low in GROUP_PRONOUNS:
            return self._salient(head.idx, lambda a: not self._personal(a) or a.name is None)
        if head.pos_ == "PRON":
            return None
        actor = self.ann.actor_at(head.idx, head.idx + len(head))
        if actor is not None:
            return self._fuller(actor, start)
        if low in TITLE_SECTORS or head.lemma_.lower() in TITLE_SECTORS:
            return self._by_title(head, start, end)
        if head.pos_ == "PROPN":
            return self._by_name(head, start, end)
        if head.pos_ == "NOUN":  # "the campaign", "analysts": an actor of its own, unnamed
            return new_actor(self.ann, None, "group" if head.tag_ == "NNS" else "organization",
                             (start, end), country=self._country(head))
        return None

    def _fuller(self, actor: Actor, pos: int) -> Actor:
        """The earlier person a short name stands for ("Peskov", "al Jubeir" after "Dmitry
        Peskov", "Adel al-Jubeir"), when the actors stage kept them apart."""
        short = _name_key(actor.name)
        if not short or len(short) > 2:
            return actor
        for m in reversed(self._before(pos)):
            other = m.actor
            if other is not actor and self._personal(other):
                full = _name_key(other.name)
                if len(full) > len(short) and full[-len(short):] == short:
                    return other
        return actor

    def _salient(self, pos: int, ok) -> Actor | None:
        """The compatible actor a pronoun at `pos` most likely means: sentence by sentence
        backwards (this one, then up to three before), a speaker before a subject; else the
        last compatible mention."""
        before = [m for m in self._before(pos) if ok(m.actor)]
        if not before:
            return None
        here = self.ann.sentence_of(pos)
        best: Mention | None = None
        for m in reversed(before):
            if m.sentence < here - 3 or best is not None and m.sentence < best.sentence:
                break
            if m.salient and (best is None or m.salient > best.salient):
                best = m
        return (best or before[-1]).actor

    def _by_name(self, head, start: int, end: int) -> Actor:
        """A name the actors stage missed: match a known person by surname, else a new actor."""
        low = head.lower_
        for m in reversed(self._before(start)):
            if m.actor.name and m.actor.name.lower().split()[-1] == low:
                return m.actor
        name_tokens = [t for t in head.subtree if t.pos_ == "PROPN" and t.i <= head.i and t.dep_ in ("compound", "flat") or t.i == head.i]
        name = " ".join(t.text for t in name_tokens[-3:])
        kind = "organization" if head.ent_type_ == "ORG" else "person"
        return new_actor(self.ann, name, kind, (start, end))

    def _by_title(self, head, start: int, end: int) -> Actor | None:
        """A title or an unnamed source: an earlier actor with matching titles, or a new one."""
        words = _title_words(head, None)
        nouns = {head.lower_, head.lemma_.lower()}
        nations = {w for w in words if w.startswith("@")}
        country = self._country(head)
        definite = any(t.lower_ in ("the", "this", "that") or t.dep_ == "poss" for t in head.children)
        if definite:
            best, best_score = None, 1
            here = self.ann.sentence_of(start)
            latest = {m.actor.id: m for m in self._before(start)}
            for m in latest.values():
                actor = m.actor
                if not self._personal(actor) and actor.name is not None:
                    continue
                titles = self.titles.get(actor.id, set())
                theirs = {w for w in titles if w.startswith("@")}
                if country and actor.country and actor.country != country or nations and theirs and not nations & theirs:
                    continue
                score = 2 * bool(nouns & titles) + len((words - SOFT_MODIFIERS - nouns) & titles)
                score += m.salient >= 1 and here - m.sentence <= 1
                if score > best_score or score == best_score and best is not None and m.start > latest[best.id].start:
                    best, best_score = actor, score
            if best is not None:
                return best
        noun = head.lower_
        kind = "person" if noun in PERSON_NOUNS else "organization"
        actor = new_actor(self.ann, None, kind, (start, end), country=country,
                          sector=TITLE_SECTORS.get(noun) or TITLE_SECTORS.get(head.lemma_.lower()))
        self._add(Mention(start, actor, self.ann.sentence_of(start), 2), words)
        return actor

    def _country(self, head) -> str | None:
        """Country of a title's modifiers ("U.S.", "Russian"), as the actors stage coded it."""
        for tok in head.subtree:
            if tok.ent_type_ in ("GPE", "NORP") and tok.i < head.i:
                actor = self.ann.actor_at(tok.idx, tok.idx + len(tok))
                if actor is not None and (actor.country or (actor.code or "")[:3]):
                    return actor.country or actor.code[:3]
        return None


def _name_key(name: str | None) -> list[str]:
    """A name's words, lower-cased, with hyphens as spaces ("Adel al-Jubeir" -> adel al jubeir)."""
    return (name or "").lower().replace("-", " ").replace(".", " ").split()


def _subject_like(tok) -> bool:
    while tok.dep_ in ("compound", "flat", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in SUBJECT_DEPS


def _title_words(root, span) -> set[str]:
    """Lower-cased words around a mention that describe a role: "Russian Foreign Minister
    Sergei Lavrov" and "Sergei Lavrov, the Russian foreign minister" both give {@russ,
    foreign, minister}. Nationalities are kept as "@" + their first four letters, so
    "Russian" and "Russia's" agree."""
    inside = set(range(span.start, span.end)) if span is not None else {root.i}
    words: set[str] = set()

    def add(t) -> None:
        if t.ent_type_ in ("NORP", "GPE"):
            words.add("@" + t.lower_[:4])
        elif t.pos_ in ("NOUN", "PROPN", "ADJ") and t.dep_ != "poss":
            words.add(t.lower_)

    def take(tok) -> None:
        for t in tok.subtree:
            if t.i not in inside and not t.is_punct:
                add(t)

    for child in root.children:
        if child.i < root.i and child.dep_ in ("compound", "amod", "nmod", "poss"):
            take(child)
        elif child.dep_ == "appos":
            take(child)
    if root.dep_ == "appos":
        head = root.head
        add(head)
        for child in head.children:
            if child.i < head.i and child.dep_ in ("compound", "amod", "nmod", "poss"):
                take(child)
    if span is None:
        add(root)
    return words
