"""In-document actor resolution: noun phrases -> document-level Actor records.

A reader codes "French President Macron", "the Russian foreign minister" or "a senior US
official" from three things: a name the knowledge base knows, a title valid at the article's
date, and the words around the head noun (whose country, which sector). `Resolver` does the
same over spaCy's parse, one noun phrase at a time:

1. `reading()` interprets a phrase: knowledge-base matches inside it (a word trie, see kb.py),
   the PERSON name, a title ("President", "foreign minister"), the head noun's sector, the
   country of its modifiers or of an "of/in/for" phrase, and "former".
2. `resolve()` turns the reading into an actor: an office holder at the date for a title with
   a country ("the US president" in 2015 -> Barack Obama), an earlier actor of the document
   (same KB entry; same person by full name, surname or honorific + surname; an earlier
   person with the same title; the same organisation by name or acronym), or a new actor.

`link_mention(ann, start, end)` runs the same two steps on any span, for the quotes and events
components. Pronouns are left to the quotes component (newsgraph.quotes.speakers).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.attrs import IDX, IS_SPACE, LENGTH, ORTH

from ..records import Actor
from .kb import KB, Entry, key, load_kb, shape_ok, words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..annotation import Annotation

LEFT_DEPS = frozenset({"compound", "amod", "nmod", "poss", "det", "predet", "nummod", "quantmod", "case",
                       "npadvmod", "advmod", "punct", "nn", "flat"})
RIGHT_DEPS = frozenset({"flat", "compound", "nummod"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "flat", "nn"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
LOCATIVE = frozenset({"in", "at", "into", "near", "across", "inside", "outside", "throughout", "within",
                      "around", "via", "through", "along", "off", "onto", "beyond"})
PP_COUNTRY = frozenset({"of", "for", "in", "from", "at", "inside", "within", "throughout", "across", "based"})
PP_SECTOR = frozenset({"of", "for"})
LOCATED = frozenset({"base", "operate", "station", "deploy", "locate", "active", "live", "fight"})
DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "his", "her", "their", "our"})
PLACE_NOUNS = frozenset({"town", "village", "city", "district", "neighbourhood", "neighborhood", "camp", "region"})
GOV_HEADS = frozenset({"government", "regime", "administration", "cabinet", "authority", "leadership"})
PERSONAL_ORGS = frozenset({"person", "group"})
token_words = functools.lru_cache(maxsize=100_000)(words)  # a token's words: the same few thousand forms recur


@dataclass
class Reading:
    """What one phrase says about the actor it names."""

    start: int
    end: int
    head: int  # token index
    kind: str | None = None
    entry: Entry | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    title: str | None = None  # canonical office named by a title ("foreign minister")
    head_word: str | None = None  # singular head phrase ("official", "rebel")
    org: Entry | None = None  # organisation modifying the head ("UN peacekeepers")
    former: bool = False
    definite: bool = False
    plural: bool = False
    confidence: float = 0.4
    surface: bool = False  # `name` is a full name as the text writes it
    via_title: bool = False  # the KB person was found from a title, not a name
    honor: str | None = None  # sector an honorific in the phrase implies ("Senator" -> LEG)
    role_word: str | None = None  # a person noun before a name ("spokesman" in "Taliban spokesman X")
    ethnic: bool = False  # the country is a guess from an ethnicity ("ethnic Albanians")
    ethnic_iso: str | None = None  # the country of that ethnicity
    countries: list[tuple[str, int, int]] = field(default_factory=list)  # conjoined modifiers

    @property
    def coded(self) -> bool:
        return bool(self.code)


@dataclass
class Mention:
    start: int
    end: int
    actor: Actor


class Resolver:
    """Resolution state of one document: its actors and the indexes that find them again."""

    def __init__(self, ann: "Annotation", kb: KB | None = None) -> None:
        self.ann = ann
        self.main: str | None = None  # the document's main country, known after run()
        self.main_place: str | None = None  # the same, counting places named too
        self.only_country: str | None = None  # the one country the document names, if only one
        self.doc = ann.doc
        self.text = ann.document.text  # (Doc.text rebuilds the string on every access)
        self.kb = kb or load_kb(ann.options.actors.kb_files)
        self.lex = self.kb.lexicon
        self.day = _day(ann.document.date)
        self.actors = ann.document.actors
        self.by_key: dict[Any, Actor] = {}
        self.entry_of: dict[str, Entry] = {}  # actor id -> KB entry
        self.order: dict[str, Actor] = {}  # actors by latest mention, most recent last (by id)
        self.titles: dict[str, set[str]] = {}  # actor id -> offices and head words of its mentions
        self.surnames: dict[tuple[str, ...], Actor] = {}
        self.acronyms: dict[str, Actor] = {}
        self.head_actor: dict[int, Actor] = {}  # head token -> actor
        self.readings: dict[int, Reading] = {}
        self.ethnic: dict[str, str] = {}  # actor id -> ethnicity's country, while its country is a guess
        self._n = 0
        # the token table from arrays: a Token object per token would cost more than the rest
        starts, lengths, orths, spaces = self.doc.to_array([IDX, LENGTH, ORTH, IS_SPACE]).T.tolist() \
            if len(self.doc) else ([], [], [], [])
        strings = self.doc.vocab.strings
        self._words = [() if space else token_words(strings[o]) for o, space in zip(orths, spaces)]
        self._starts = starts
        self._ends = [a + n for a, n in zip(starts, lengths)]
        self._phrases: dict[tuple[int, int], str] = {}
        self._matches = self._kb_matches()
        self._ents = {}
        for ent in self.doc.ents:
            for i in range(ent.start, ent.end):
                self._ents[i] = ent

    # ------------------------------------------------------------------ KB matches
    def _kb_matches(self) -> dict[int, tuple[int, int, list[tuple]]]:
        """Leftmost-longest knowledge-base matches over the document: token -> (start, end, hits)."""
        out: dict[int, tuple[int, int, list[tuple]]] = {}
        tw, trie, i, n = self._words, self.kb.trie, 0, len(self._words)
        while i < n:
            ws = tw[i]
            if not ws or ws[0].lower() not in trie:
                i += 1
                continue
            for end, hits in self.kb.match(tw, i):
                text_words = tuple(w for j in range(i, end) for w in tw[j])
                ok = list({h[0]: h for h in reversed(hits) if shape_ok(h[2], text_words)}.values())[::-1]
                if ok:
                    for j in range(i, end):
                        out[j] = (i, end, ok)
                    i = end - 1
                    break
            i += 1
        return out

    def _phrase_matches(self, toks: list["Token"], idx: set[int]) -> list[tuple[int, int, list[tuple]]]:
        """The document's matches inside the phrase; where one runs past it ("Venezuela's
        opposition alliance" seen from "Venezuela"), the phrase is matched on its own."""
        out, seen, spill = [], set(), False
        for t in toks:
            m = self._matches.get(t.i)
            if m and m[0] not in seen:
                seen.add(m[0])
                if m[0] in idx and m[1] - 1 in idx:
                    out.append(m)
                else:
                    spill = True
        if not spill:
            return out
        out, tw = [], self._words
        sub = [tw[t.i] for t in toks]
        i = 0
        while i < len(toks):
            for end, hits in self.kb.match(sub, i) if sub[i] else ():
                text_words = tuple(w for j in range(i, end) for w in sub[j])
                ok = list({h[0]: h for h in reversed(hits) if shape_ok(h[2], text_words)}.values())[::-1]
                if ok:
                    out.append((toks[i].i, toks[end - 1].i + 1, ok))
                    i = end - 1
                    break
            i += 1
        return out

    # ------------------------------------------------------------------ phrases
    def np_tokens(self, head: "Token") -> list["Token"]:
        """The head with its left modifiers (their whole subtrees) and right name parts."""
        out = [head]
        for child in head.lefts:
            if child.dep_ in LEFT_DEPS:
                out.extend(child.subtree)
        for child in head.rights:
            if child.dep_ in RIGHT_DEPS:
                out.extend(child.subtree)
        ent = self._ents.get(head.i)
        if ent is not None:
            out.extend(t for t in ent if t not in out)
        toks = sorted(set(out), key=lambda t: t.i)
        # never across a line break or a dateline dash
        for k in range(len(toks) - 1, -1, -1):
            if toks[k].i < head.i and ("\n" in toks[k].text or toks[k].text in "—–" ):
                toks = toks[k + 1:]
                break
        while toks and toks[0].is_punct and toks[0] is not head:
            toks = toks[1:]
        while toks and toks[-1].is_punct and toks[-1] is not head:
            toks = toks[:-1]
        return toks

    def phrase(self, a: int, b: int) -> str:
        """Lower-cased text of tokens a..b-1, single-spaced (memoised: readings ask for the
        same token windows again and again)."""
        p = self._phrases.get((a, b))
        if p is None:
            p = self._phrases[a, b] = " ".join(self.text[self._starts[a]: self._ends[b - 1]].lower().split())
        return p

    def reading(self, toks: list["Token"], head: "Token", pp: bool = True) -> Reading:
        """Interpret one noun phrase (see the module docstring)."""
        lex, kb, day = self.lex, self.kb, self.day
        first, last = toks[0].i, toks[-1].i + 1
        r = Reading(toks[0].idx, toks[-1].idx + len(toks[-1]), head.i)
        idx = {t.i for t in toks}
        r.definite = any(t.lower_ in DEFINITE or t.dep_ == "poss" for t in toks if t.i < head.i)
        # knowledge-base matches inside the phrase
        matches = self._phrase_matches(toks, idx)
        head_match = next((m for m in matches if m[0] <= head.i < m[1]), None)
        head_phrase, hp_start, plural = self._head_phrase(head, first)
        r.head_word, r.plural = head_phrase, plural
        # a title anywhere before the head or as the head ("President Macron", "the president")
        title, title_span = None, None
        name_ent = self._ents.get(head.i) if head.ent_type_ == "PERSON" else None
        possessor = {t.i for c in head.lefts if c.dep_ == "poss" for t in c.subtree}  # "Putin's" spokesman
        k = first
        while k < last:
            if head_match is not None and head_match[0] <= k < head_match[1] or k in possessor \
                    or self.phrase(k, k + 1) not in lex.role_prefixes:
                k += 1
                continue
            for n in range(min(5, last - k), 0, -1):
                p = self.phrase(k, k + n)
                office = lex.roles.get(p) or lex.roles.get(lex.singular(p))
                if office:
                    title, title_span = office, (k, k + n)
                    break
            if title:
                break
            k += 1
        # "former", modifier sectors, countries and organisations of the modifiers
        mod_sector = None
        for t in toks:
            if t.i >= hp_start:
                break
            if t.i in possessor:
                continue
            low = t.lower_
            if low in lex.former or low.rstrip("-") in lex.former:
                r.former = True
            if head_match and head_match[0] <= t.i < head_match[1]:
                continue
            if title_span and title_span[0] <= t.i < title_span[1]:
                continue
            for n in range(min(3, t.i - first + 1), 0, -1):  # "border patrol agents", "rebel leader"
                p = self.phrase(t.i - n + 1, t.i + 1)
                s = lex.sectors.get(p) or (lex.sectors.get(t.lemma_.lower()) if n == 1 else None)
                if s:
                    mod_sector = s[0]
                    break
        for m in matches:
            if m is head_match:
                continue
            entry_id, how, _ = m[2][0]
            entry = kb.entries.get(entry_id)
            if how == "demonym" and m[0] > 0 and self.doc[m[0] - 1].lower_ == "ethnic":
                r.ethnic_iso = entry_id  # "ethnic Albanian guerrillas": an ethnicity, not a state
            elif how == "demonym":
                self._add_country(r, entry_id, m)
            elif entry is not None and entry.kind == "country":
                self._add_country(r, entry.id, m)
            elif how == "capital" or (entry is not None and entry.gov):
                self._add_country(r, entry.country, m)
            elif entry is not None and entry.kind == "person":
                person = self.choose_person([h[0] for h in m[2]], None, None)
                c, _, _ = kb.person_code(person, day)
                if c and not r.country:
                    r.country = c
            elif entry is not None:
                r.org = entry
        r.country = r.country or (r.countries[0][0] if r.countries else None)
        # "of" / "in" phrases: "the leader of Venezuela's opposition alliance", "rebels in Ivory Coast"
        if pp and (head.pos_ == "NOUN" or head.ent_type_ == "NORP"):
            for child in head.rights:
                if child.dep_ == "acl" and child.lemma_.lower() in LOCATED:  # "a group based in Trinidad"
                    child = next((c for c in child.children if c.dep_ == "prep" and c.lower_ in PP_COUNTRY), child)
                if child.dep_ != "prep" or child.lower_ not in PP_COUNTRY:
                    continue
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is None or pobj.pos_ not in ("NOUN", "PROPN"):
                    continue
                sub = self.reading(self.np_tokens(pobj), pobj, pp=False)
                used = False
                weak = head_phrase is None or head_phrase in lex.weak_none or lex.sectors.get(head_phrase, ("", True))[1]
                if sub.country and not r.country and sub.kind != "person":
                    r.country, used = sub.country, True
                if child.lower_ in PP_SECTOR and weak:
                    if sub.entry is not None and sub.entry.kind == "organization" and r.org is None:
                        r.org, used = sub.entry, True
                    elif sub.sector and not mod_sector:
                        mod_sector, used = sub.sector, True
                    if sub.country and not r.country:
                        r.country, used = sub.country, True
                if used:
                    r.end = max(r.end, pobj.right_edge.idx + len(pobj.right_edge))
                break
        r.honor = next((lex.honorific_sectors[t.lower_.rstrip(".")] for t in toks
                        if t.lower_.rstrip(".") in lex.honorific_sectors and t.i != head.i), None)
        if head.pos_ == "PROPN":  # "Taliban spokesman Zabihullah Mujahid": later "the spokesman"
            for t in reversed([t for t in toks if t.i < head.i and t.i not in possessor]):
                for n in range(min(3, t.i - first + 1), 0, -1):
                    p = lex.singular(self.phrase(t.i - n + 1, t.i + 1))
                    if p in lex.people:
                        r.role_word = p
                        break
                if r.role_word:
                    break
        self._decide(r, toks, head, head_match, head_phrase, title, mod_sector, name_ent)
        return r

    def _head_phrase(self, head: "Token", first: int) -> tuple[str | None, int, bool]:
        """The longest lexicon phrase ending at the head (singular), where it starts, and
        whether the text has it in the plural."""
        lex = self.lex
        for n in range(min(lex.max_phrase, head.i - first + 1), 0, -1):
            p = self.phrase(head.i - n + 1, head.i + 1)
            sing = lex.singular(p)
            if n == 1 and head.lemma_.lower() != p:
                sing = lex.singular(p) if p in lex.plural_of else head.lemma_.lower()
            if sing in lex.sectors or sing in lex.weak_none or sing in lex.roles or sing in lex.people:
                return sing, head.i - n + 1, p != sing or head.tag_ in ("NNS", "NNPS")
        return None, head.i, False

    def _plain_noun(self, head: "Token", toks: list["Token"]) -> bool:
        """A common noun that no reading can make an actor ("the talks", "a week"): no name,
        no knowledge-base match in its phrase, no "of/in" phrase, no actor head word. A quarter
        of all heads are such; reading() comes to kind None for them too, only more slowly."""
        if head.pos_ != "NOUN" or head.i in self._ents:
            return False
        if any(t.i in self._matches for t in toks) or any(c.dep_ in ("prep", "acl") for c in head.rights):
            return False
        return self._head_phrase(head, toks[0].i)[0] is None

    def _add_country(self, r: Reading, iso: str | None, m) -> None:
        if iso and all(c != iso for c, _, _ in r.countries):
            r.countries.append((iso, m[0], m[1]))

    def _decide(self, r: Reading, toks, head, head_match, head_phrase, title, mod_sector, name_ent) -> None:
        """Kind, entry, country, sector and code of a reading (see resolve for coreference)."""
        self._decide_kind(r, toks, head, head_match, head_phrase, title, mod_sector, name_ent)
        if r.ethnic_iso and r.kind is not None and not r.country and r.entry is None:
            guess = self.main_place if self.main_place and self.main_place != r.ethnic_iso else None
            r.country, r.ethnic = guess or r.ethnic_iso, guess is None
            r.code = r.country + (r.sector or "")

    def _decide_kind(self, r: Reading, toks, head, head_match, head_phrase, title, mod_sector, name_ent) -> None:
        lex, kb, day = self.lex, self.kb, self.day
        if head_match is not None:
            hits = head_match[2]
            entry_id, how, _ = hits[0]
            entry = kb.entries.get(entry_id)
            if entry is not None and entry.kind == "organization" and entry.country and r.countries \
                    and all(c != entry.country for c, _, _ in r.countries):
                head_match, entry = None, None  # "Chile's Defense Department" is not the Pentagon
        if head_match is not None:
            if how == "demonym":  # "Liberians", "a Mexican", "Iraqi Kurds" (the country of the first)
                r.kind = "group" if head.tag_ in ("NNS", "NNPS") or head.lower_.endswith("s") else "person"
                located = r.country if r.country and r.country != entry_id else None  # "Albanians in Serbia"
                r.country = r.countries[0][0] if r.countries else located
                if r.country is None and head_match[0] > 0 and self.doc[head_match[0] - 1].lower_ == "ethnic":
                    r.ethnic_iso = entry_id  # "ethnic Albanians": of the country the story is about
                r.country = r.country or (None if r.ethnic_iso else entry_id)
                if mod_sector is None:  # "Albanian rebel" parsed with the adjective as head
                    mod_sector = next((lex.sectors[t.lower_][0] for t in toks if t.lower_ in lex.sectors
                                       and not head_match[0] <= t.i < head_match[1]), None)
                minority = bool(r.ethnic_iso or located or r.countries)  # "Iraqi Kurds", "ethnic Albanians"
                r.sector = "ELI" if r.former else mod_sector or ("CVL" if minority else None)  # "Israelis": the country
                r.code, r.confidence = ((r.country or "") + (r.sector or "")) or None, 0.75
                return
            if entry is not None and entry.kind == "person":
                ids = [h[0] for h in hits]
                if head_match[1] - head_match[0] == 1:  # "Assad": every KB person of that surname
                    ids += [i for i in kb.surnames.get(key(self.doc[head_match[0]].text), ()) if i not in ids]
                person = self.choose_person(ids, title, r.country)
                self._person(r, person, title)
                a, b = head_match[0], head_match[1]
                if b - a >= 2:  # the name as the article spells it: "Volodymyr Zelenskiy"
                    r.name, r.surface = self.doc[a:b].text, True
                return
            if entry is not None:
                r.entry = entry
                r.kind = entry.kind
                r.name = entry.name
                r.country, r.sector, r.code = kb.code_of(entry, day)
                r.confidence = 0.95 if how == "name" else 0.9
                return
        if name_ent is not None:  # a person name the KB does not hold as a full name
            name_toks = [t for t in name_ent if not (t.lower_.rstrip(".") in lex.honorifics and t.i < name_ent.end - 1)
                         and not t.is_punct]
            name = " ".join(t.text for t in name_toks) or name_ent.text
            found = self._person_by_name(name, title, r.country)
            if isinstance(found, Entry):
                self._person(r, found, title)
                r.name = _form_ending(found, name)
                return
            r.kind, r.name = "person", name
            r.title = title
            honor = next((lex.honorific_sectors[t.lower_.rstrip(".")] for t in name_ent
                          if t.lower_.rstrip(".") in lex.honorific_sectors and t.i < name_ent.end - 1), None)
            if honor is None:  # "Gen. X" where NER leaves the honorific out of the name
                honor = next((lex.honorific_sectors[t.lower_.rstrip(".")] for t in toks
                              if t.i < name_ent.start and t.lower_.rstrip(".") in lex.honorific_sectors), None)
            self._code_nominal(r, title_sector(lex, title) or mod_sector_for_person(lex, head_phrase, mod_sector) or honor,
                               mod_sector, weak=True)
            r.confidence = 0.75 if r.country and r.sector else 0.6 if (r.country or r.sector) else 0.4
            if r.former:
                r.sector, r.code = "ELI", (r.country or "") + "ELI"
            return
        ent = self._ents.get(head.i)
        untagged = ent is None and head.pos_ == "PROPN" and head_match is None
        if untagged or ent is not None and ent.label_ in ("ORG", "FAC", "GPE") and head.pos_ == "PROPN" and len(ent) <= 2:
            text = head.text if untagged else ent.text  # "Lavrov later left" with no NER label
            found = self.surnames.get(key(text)[-1:]) if key(text) else None
            person = found if found is not None or untagged else self._person_by_name(text, title, r.country)
            if isinstance(person, Actor) and person.kind == "person":  # "Lavrov said", tagged ORG
                r.kind, r.name, r.country, r.sector, r.code = "person", person.name, person.country, person.sector, person.code
                r.entry = self.entry_of.get(person.id)
                r.confidence = person.confidence
                return
            if isinstance(person, Entry):
                self._person(r, person, title)
                r.name = _form_ending(person, text)
                return
        if ent is not None and ent.label_ in ("ORG", "FAC", "GPE", "NORP") and head.pos_ == "PROPN":
            r.name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            if ent.label_ == "GPE":
                iso = self.kb_city(ent.text)
                r.kind, r.country = "group", iso or r.country
                r.sector = "CVL" if iso else None
                r.code = r.country and r.country + (r.sector or "")
                r.confidence = 0.6 if iso else 0.4
                return
            if ent.label_ == "NORP":  # "Iraqi Kurds": civilians of the state they live in
                r.kind = "group"
                self._code_nominal(r, "CVL" if r.country else None, mod_sector, weak=True)
                r.confidence = 0.6 if r.code else 0.4
                return
            r.kind = "organization"
            sector = lex.sectors[head_phrase][0] if head_phrase in lex.sectors else None  # "Saudi National Guard"
            for t in ent if sector is None else ():  # "Nigerian Union of Teachers", "Serbian Workers' Union"
                s = lex.sectors.get(t.lower_) or lex.sectors.get(t.lemma_.lower())
                if s and not s[1]:
                    sector = s[0]
                    if t is head:
                        break
            self._code_nominal(r, sector, mod_sector, weak=False)
            r.confidence = 0.6 if r.code else 0.4
            return
        # "the IRNA news agency", "the Hamas movement": the organisation itself
        if r.org is not None and head_phrase and head_phrase not in lex.people and not r.countries:
            own = lex.sectors.get(head_phrase)
            if own is None or own[1] or own[0] == r.org.sector_at(day):
                r.entry, r.kind, r.name = r.org, r.org.kind, r.org.name
                r.country, r.sector, r.code = kb.code_of(r.org, day)
                r.org, r.confidence = None, 0.9
                return
        # "Hezbollah fighters", "ISIS militants": the organisation acting, when coded alike
        if r.org is not None and r.plural and not r.countries and not r.former and head_phrase in lex.sectors \
                and head_phrase in lex.people:
            own = lex.sectors[head_phrase]
            c, sec, code = kb.code_of(r.org, day)
            if own[1] or own[0] == sec:
                r.entry, r.kind, r.name, r.country, r.sector, r.code = r.org, r.org.kind, r.org.name, c, sec, code
                r.org, r.confidence = None, 0.9
                return
        # a common noun: a title, an unnamed source, a group, an organisation
        if head_phrase is None and not (r.org or r.country and head.pos_ == "NOUN" and head_is_people(head)):
            return
        r.title = title if title and head_phrase and (head_phrase == title or lex.roles.get(head_phrase) == title) else None
        r.title = r.title or (title if title and head_phrase in lex.people else None)
        if r.title and lex.sectors.get(head_phrase, ("GOV",))[0] != "GOV" and lex.roles.get(head_phrase) != r.title:
            r.title = None  # "a Jewish community leader", "the chairman of the board" hold no state office
        where = self._where(r)
        if (r.title and where and not r.plural and not r.former and title_sector(lex, r.title) in ("GOV", None)
                and (r.definite or head.i == toks[0].i or toks[0].lower_ not in ("a", "an"))):
            holder = self.holder(r.title, where)
            if holder is not None:
                self._person(r, holder, r.title)
                r.confidence, r.via_title = 0.85, True
                return
        if head_phrase in GOV_HEADS and not r.plural and r.country and not mod_sector and not r.org:
            gov = kb.entries.get(f"{r.country}.GOV")
            if gov is not None:
                r.entry, r.kind, r.name = gov, "organization", gov.name
                r.sector, r.code, r.confidence = "GOV", f"{r.country}GOV", 0.85
                return
        singular_person = head_phrase in lex.people or (r.title is not None)
        r.kind = ("group" if r.plural else "person") if singular_person or head_is_people(head) else \
            ("group" if r.plural and head_phrase in lex.sectors else "organization")
        own = lex.sectors.get(head_phrase) if head_phrase else None
        weak = own is None or own[1]
        self._code_nominal(r, title_sector(lex, r.title) or (own[0] if own else None), mod_sector, weak=weak)
        if r.former:
            r.sector, r.code = "ELI", (r.country or "") + "ELI"
        r.confidence = 0.75 if r.country and r.sector else 0.6 if r.code else 0.4

    def _code_nominal(self, r: Reading, own: str | None, mod_sector: str | None, weak: bool) -> None:
        """Country and sector of an unnamed actor: a weak head ("leader", "official", "forces")
        takes the sector of its modifier or organisation, a strong one keeps its own."""
        org = r.org
        org_country, org_sector, org_code = (self.kb.code_of(org, self.day) if org else (None, None, None))
        if weak:
            sector = mod_sector or org_sector or own
        else:
            sector = own or mod_sector or org_sector
        if org is not None and (org.igo or (org_code or "")[:3] in ("IGO", "IMG", "NGO")) and not r.country:
            base = (org_code or "")[:6]
            r.country, r.sector = None, sector
            r.code = base + (sector or "") if base else None
            return
        r.country = r.country or org_country
        r.sector = sector
        r.code = ((r.country or "") + (sector or "")) or None

    def _person(self, r: Reading, person: Entry, title: str | None) -> None:
        r.entry, r.kind, r.name = person, "person", person.name
        r.country, r.sector, r.code = self.kb.person_code(person, self.day, title)
        if r.sector is None and r.honor:  # "US Senator Marco Rubio" before any office we list
            r.sector, r.code = r.honor, (r.country or "") + r.honor
        if r.former and r.sector != "ELI":
            r.sector, r.code = "ELI", (r.country or "") + "ELI"
        r.title = title
        r.confidence = 0.95

    def _where(self, r: Reading) -> str | None:
        if r.org is not None:
            return r.org.id
        return r.country

    # ------------------------------------------------------------------ KB people
    def holder(self, office: str, where: str) -> Entry | None:
        """The KB holder of `office` at `where` at the document's date; "leader" is whoever
        leads first in lexicon.leader_order; an organisation's chief by its head offices."""
        kb = self.kb
        offices = [office]
        if office == "leader":
            offices = list(self.lex.leader_order)
        if where in kb.entries and kb.entries[where].kind != "country" and office in ("leader", "secretary-general", "director-general", "chairperson", "president"):
            offices = [office, "secretary-general", "director-general", "chairperson", "president", "leader"]
        for o in offices:
            person = kb.holder(o, where, self.day)
            if person is not None:
                return person
        return None

    def choose_person(self, ids: list[str], title: str | None, country: str | None) -> Entry:
        """Among KB people sharing a name, the one in office at the date (with the title given)."""
        people = [self.kb.entries[i] for i in ids if i in self.kb.entries]
        if len(people) == 1:
            return people[0]

        def score(p: Entry) -> tuple:
            now = [o for o in p.offices if o.holds(self.day)]
            return (any(o.title == title for o in now), bool(now), country is None or p.country == country,
                    any(o.title == title for o in p.offices), -min((abs((o.start - self.day).days) for o in p.offices), default=10**6))
        return max(people, key=score)

    def _person_by_name(self, name: str, title: str | None, country: str | None) -> Entry | Actor | None:
        """A KB person named by surname (or a partial name), when the date or title agree."""
        k = key(name)
        if not k:
            return None
        ids = self.kb.surnames.get(k) or self.kb.surnames.get(k[-1:]) if len(k) <= 2 else None
        if not ids:
            return None
        people = [self.kb.entries[i] for i in ids]
        if len(k) == 2 and not any(key(p.name)[0] == k[0] or any(key(a)[0] == k[0] for a in p.aliases) for p in people):
            return None  # "John Kerry" is not "Kerry X"; a first name must agree when given
        ok = [p for p in people if (country is None or p.country == country)
              and (any(o.holds(self.day) for o in p.offices) or (title and any(o.title == title for o in p.offices))
                   or (p.sector and not p.offices and len(people) == 1))]
        if not ok:
            return None
        return self.choose_person([p.id for p in ok], title, country)

    def kb_city(self, name: str) -> str | None:
        """Country of a town used as an actor ("Cizre"), from the offline gazetteer."""
        return city_country(name)

    # ------------------------------------------------------------------ coreference
    def resolve(self, r: Reading, span: tuple[int, int] | None = None) -> Actor | None:
        """The document actor a reading names: found again, or new."""
        if r.kind is None:
            return None
        span = span or (r.start, r.end)
        actor = None
        if r.entry is not None:
            k = ("gov", r.entry.country) if r.entry.gov else ("kb", r.entry.id)
            actor = self.by_key.get(k)
            if actor is None and r.entry.kind == "person":
                actor = self._unnamed_for(r)  # "the minister ... Lavrov": an earlier unnamed title
                if actor is not None:
                    actor.name = r.entry.name
                    self.by_key[k] = actor
        elif r.kind == "person" and r.name:
            k = ("name",) + key(r.name)
            actor = self.by_key.get(k) or self._by_surname(r)
        elif r.kind == "person":  # unnamed: "the foreign minister", "a senior US official"
            k = ("title", r.title or r.head_word, r.country, self._n) if not r.definite else None
            if r.definite:
                actor = self._by_title(r)
                k = ("title", r.title or r.head_word, r.code)
        elif r.kind == "organization" and r.name:
            k = ("org",) + key(r.name)
            actor = self.by_key.get(k) or self.acronyms.get(r.name)
        elif r.kind == "country":
            k = ("country", r.country)
            actor = self.by_key.get(k)
        else:  # groups and unnamed organisations: "Russian troops", "the rebels", "the ministry"
            k = ("group", r.code, r.head_word or r.name)
            actor = self.by_key.get(k)
            if actor is None and not r.country and r.definite:
                actor = self._by_group(r)
        if actor is None:
            actor = self.new_actor(r)
            if k is not None:
                self.by_key[k] = actor
        self.add_mention(actor, span, r)
        if r.ethnic and r.ethnic_iso:
            self.ethnic[actor.id] = r.ethnic_iso
        self._fill_country(actor)
        return actor

    def new_actor(self, r: Reading) -> Actor:
        ids = {a.id for a in self.actors}
        while f"a{self._n}" in ids:
            self._n += 1
        name = r.name if r.kind != "group" or r.entry is not None or r.name else None
        if r.kind in ("person",) and r.entry is None and not r.name:
            name = None
        actor = Actor(id=f"a{self._n}", name=name, kind=r.kind or "organization", code=r.code, country=r.country,
                      sector=r.sector, kb_id=r.entry.id if r.entry else None, confidence=r.confidence)
        self._n += 1
        self.actors.append(actor)
        if r.entry is not None:
            self.entry_of[actor.id] = r.entry
        if r.kind == "person" and r.name:
            k = key(r.name)
            if k:
                self.surnames[k[-1:]] = actor
        if r.kind == "organization" and r.name:
            self._acronym(actor, r)
        return actor

    def add_mention(self, actor: Actor, span: tuple[int, int], r: Reading) -> None:
        if span not in actor.mentions:
            actor.mentions.append(span)
            actor.mentions.sort()
        if actor.code is None and r.code or (r.title and r.entry is not None and actor.sector == "ELI"
                                             and r.code and r.sector != "ELI"):
            actor.code, actor.country, actor.sector = r.code, r.country, r.sector
        if actor.name is None and r.name and r.kind == actor.kind:
            actor.name = r.name
        elif r.surface and actor.kb_id and actor.name == self.kb.entries[actor.kb_id].name:
            actor.name = r.name
        elif r.name and actor.kb_id is None and actor.kind == "person" and len(r.name) > len(actor.name or ""):
            actor.name = r.name  # the fullest form of an unknown person's name
        actor.confidence = max(actor.confidence, r.confidence)
        words_ = self.titles.setdefault(actor.id, set())
        if r.title:
            words_.add(r.title)
        if r.head_word:
            words_.add(r.head_word)
        if r.role_word:
            words_.add(r.role_word)
        if r.kind == "person" and r.name:
            k = key(r.name)
            if k:
                self.surnames[k[-1:]] = actor
        self.head_actor[r.head] = actor
        self.order.pop(actor.id, None)  # (a list's `in` would compare dataclasses field by field)
        self.order[actor.id] = actor

    def _by_surname(self, r: Reading) -> Actor | None:
        """ "Lavrov" or "Mr Lavrov" after "Sergei Lavrov"."""
        k = key(r.name or "")
        if not k:
            return None
        if len(k) == 1:
            return self.surnames.get(k)
        actor = self.surnames.get(k[-1:])
        if actor is not None and actor.name and key(actor.name)[0] == k[0]:
            return actor
        return None

    def _unnamed_for(self, r: Reading) -> Actor | None:
        """An earlier unnamed person with the title this KB person holds ("the president" before "Obama")."""
        for actor in reversed(self.order.values()):
            if actor.kind == "person" and actor.name is None and actor.kb_id is None and r.title \
                    and r.title in self.titles.get(actor.id, ()) and (actor.country in (None, r.country)):
                return actor
        return None

    def _by_title(self, r: Reading) -> Actor | None:
        """A definite title without a name: the most recent person with that title and no
        contradicting country ("the minister" after "Foreign Minister Sergei Lavrov")."""
        wanted = {w for w in (r.title, r.head_word) if w}
        for actor in reversed(self.order.values()):
            if actor.kind != "person" or not _titles_meet(wanted, self.titles.get(actor.id, set())):
                continue
            if r.country and actor.country and actor.country != r.country:
                continue
            return actor
        return None

    def _by_group(self, r: Reading) -> Actor | None:
        """ "the rebels" after "Syrian rebels": the most recent group with that head or sector."""
        generic = r.head_word in self.lex.weak_none  # "the group", "the alliance", "the movement"
        for actor in reversed(self.order.values()):
            if actor.kind not in ("group", "organization"):
                continue
            entry = self.entry_of.get(actor.id)
            if entry is not None and (entry.gov or entry.kind != "organization"):
                continue
            heads = self.titles.get(actor.id, set())
            if r.head_word in heads or generic and actor.kb_id or (r.sector and actor.sector == r.sector):
                return actor
        return None

    def _acronym(self, actor: Actor, r: Reading) -> None:
        """ "Revolutionary United Front (RUF)", then "the RUF": the same organisation."""
        ws = [w for w in words(actor.name or "") if w.lower() not in ("of", "the", "and", "for", "de", "la", "s")]
        if len(ws) >= 2:
            self.acronyms.setdefault("".join(w[0].upper() for w in ws), actor)
        nxt = self.doc.char_span(r.end, r.end + 1, alignment_mode="expand")
        if nxt is not None and len(nxt) and nxt[0].text == "(" and nxt[0].i + 2 < len(self.doc):
            acr, close = self.doc[nxt[0].i + 1], self.doc[nxt[0].i + 2]
            if close.text == ")" and acr.text.isupper():
                self.acronyms[acr.text] = actor

    # ------------------------------------------------------------------ the document
    def run(self) -> None:
        """Every actor phrase of the document, in order; then names used as modifiers."""
        doc = self.doc
        assigned: dict[int, Actor] = {}
        for tok in doc:
            if not self._is_head(tok):
                continue
            actor = self.resolve_head(tok)
            if actor is not None:
                assigned[tok.i] = actor
        # names inside other phrases ("Russia's" in "Russia's foreign minister", "Hamas" in
        # "Hamas fighters") are actors of their own
        for ent in doc.ents:
            if ent.label_ not in ACTOR_LABELS or ent.label_ == "NORP" or ent.root.i in assigned:
                continue
            if any(i in self.head_actor and self.readings.get(i) and self.readings[i].entry is not None
                   and self.readings[i].name == ent.text for i in range(ent.start, ent.end)):
                continue
            if self._locative(ent.root) or ent.root.dep_ not in MODIFIER_DEPS:
                continue
            if ent.label_ == "GPE" and ent.root.dep_ != "poss":
                continue  # "US" in "a US official" is the official's country, not an actor
            toks = [t for t in ent if not t.is_punct or t.i not in (ent.start, ent.end - 1)]
            k = ent.start - 1  # a title or honorific right before the name: "President Suharto"
            while k >= 0 and doc[k].dep_ == "compound" and doc[k].head.i >= ent.start and \
                    (doc[k].lower_.rstrip(".") in self.lex.honorifics or doc[k].lower_ in self.lex.roles):
                toks.insert(0, doc[k])
                k -= 1
            if toks and toks[-1].dep_ == "case":
                toks = toks[:-1]
            if not toks:
                continue
            r = self.reading(toks, ent.root, pp=False)
            if r.kind is not None:
                assigned[ent.root.i] = self.resolve(r)
        self.main, self.main_place = self.main_country(), self.main_country(places=True)
        for actor in self.actors:
            iso = self.ethnic.get(actor.id)
            if iso and self.main_place and self.main_place != iso:  # "ethnic Albanians" in Serbia
                actor.country, actor.code = self.main_place, self.main_place + (actor.sector or "")
            self._fill_country(actor)
        self._link_entities()

    def main_country(self, places: bool = False) -> str | None:
        """The country the document is about: the only one it names, or the one named most
        (by mentions of actors coded with it, and with `places` of places too: "in Serbia"),
        when that one leads."""
        counts: dict[str, int] = {}
        for actor in self.actors:
            if actor.country:
                counts[actor.country] = counts.get(actor.country, 0) + len(actor.mentions)
        for start, _, hits in {m[0]: m for m in self._matches.values()}.values() if places else ():
            entry_id, how, _ = hits[0]  # places named as places count too: "in Serbia"
            if how == "demonym" and start > 0 and self.doc[start - 1].lower_ == "ethnic":
                continue
            if how in ("demonym", "capital") or self.kb.entries.get(entry_id, None) is not None \
                    and self.kb.entries[entry_id].kind == "country":
                iso = entry_id if how != "capital" else entry_id[:3]
                if not self._actor_covers(start):
                    counts[iso] = counts.get(iso, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not places:
            self.only_country = ranked[0][0] if len(ranked) == 1 else None
        if len(ranked) == 1 or len(ranked) > 1 and ranked[0][1] >= 2 * ranked[1][1]:
            return ranked[0][0]
        return None

    def _actor_covers(self, tok: int) -> bool:
        return tok in self.head_actor

    def _fill_country(self, actor: Actor) -> None:
        """An actor with a sector but no country is taken to be of the document's main country
        when it is a named person ("President X"), or of the only country the document names
        (for "the rebels", "police"), with a confidence that says it was guessed."""
        main = self.main if actor.kind == "person" and actor.name else self.only_country
        if main and actor.country is None and actor.sector and actor.kb_id is None and not (actor.code or "").startswith(("IGO", "IMG", "NGO")) and actor.sector not in ("NGO", "IGO"):
            actor.country, actor.code = main, main + actor.sector
            actor.confidence = min(actor.confidence, 0.5)

    def _is_head(self, tok: "Token") -> bool:
        if tok.pos_ not in ("NOUN", "PROPN"):
            return tok.ent_type_ == "NORP" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj") and tok.pos_ != "ADJ"
        if tok.dep_ in MODIFIER_DEPS and tok.head.pos_ in ("NOUN", "PROPN") and tok.head is not tok:
            return False
        if tok.dep_ == "appos":
            return False  # read together with the phrase it renames
        return True

    def _locative(self, tok: "Token") -> bool:
        """A place named as where something happens ("in Moscow"), not as who acts."""
        head = tok
        while head.dep_ in ("compound", "conj", "flat") and head.head is not head:
            head = head.head
        return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE

    def is_place(self, r: Reading, head: "Token") -> bool:
        """A country, capital, region or town named as where something happens ("in Moscow")."""
        placelike = r.kind == "country" or (r.entry is not None and r.entry.kind == "group" and r.entry.sector is None) \
            or (r.entry is not None and r.entry.gov and r.entry.id.endswith(".GOV")
                and self._matches.get(head.i, (0, 0, [("", "")]))[2][0][1] == "capital") \
            or (r.kind == "group" and r.sector == "CVL" and r.entry is None and self._ents.get(head.i) is not None
                and self._ents[head.i].label_ == "GPE")
        return placelike and self._locative(head)

    def resolve_head(self, head: "Token") -> Actor | None:
        toks = self.np_tokens(head)
        if self._plain_noun(head, toks):
            return None
        r = self.reading(toks, head)
        if r.kind is None or self.is_place(r, head):
            return None
        apps = [c for c in head.children if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN")]
        app_readings = [self.reading(self.np_tokens(a), a, pp=True) for a in apps]
        first = r
        for ar in app_readings:
            r = merge(r, ar, self)
        if len(r.countries) > 1 and r.entry is None and r.kind in ("group", "person"):
            return self._split_countries(r)
        self.readings[head.i] = r
        actor = self.resolve(r, (first.start, first.end))
        if actor is not None:
            if r is not first and first.kind is not None:
                self.add_mention(actor, (first.start, first.end), first)  # its title: "Ukraine's foreign minister"
            for ar, a in zip(app_readings, apps):
                self.add_mention(actor, (ar.start, ar.end), ar if ar.kind else r)
                self.head_actor[a.i] = actor
        return actor

    def _split_countries(self, r: Reading) -> Actor | None:
        """ "Senior Hungarian and Romanian officials": one actor per country, each mentioned
        by its adjective."""
        first = None
        for iso, a, b in r.countries:
            part = Reading(self.doc[a].idx, self.doc[b - 1].idx + len(self.doc[b - 1]), r.head, kind=r.kind,
                           country=iso, sector=r.sector, code=iso + (r.sector or ""), title=r.title,
                           head_word=r.head_word, plural=r.plural, definite=r.definite, confidence=r.confidence)
            actor = self.resolve(part)
            first = first or actor
        return first

    def _link_entities(self) -> None:
        """Each NER entity's actor: the one with the tightest mention covering it (the first
        actor on a tie). Mentions are indexed by start, as a document has hundreds."""
        spans = sorted((s, t, k, actor) for k, actor in enumerate(self.actors) for s, t in actor.mentions)
        starts = [s for s, _, _, _ in spans]
        longest = max((t - s for s, t, _, _ in spans), default=0)
        for e in self.ann.document.entities:
            best = None
            j = bisect.bisect_right(starts, e.start) - 1
            while j >= 0 and starts[j] >= e.start - longest:
                s, t, k, actor = spans[j]
                if e.end <= t and (best is None or (t - s, k) < best[:2]):
                    best = (t - s, k, actor)
                j -= 1
            if best is not None:
                e.actor_id = best[2].id


def merge(r: Reading, other: Reading, res: Resolver) -> Reading:
    """A phrase and its apposition name one actor: "Sergei Lavrov, the Russian foreign minister"."""
    if other.kind is None:
        return r
    def has_name(x: Reading) -> bool:
        return x.kind == "person" and (x.entry is not None and not x.via_title or x.entry is None and bool(x.name))

    named, titled = (r, other) if has_name(r) or not has_name(other) and r.entry is not None else (other, r)
    if named.kind == "person" and titled.kind == "person":
        if named.entry is None and titled.entry is not None:
            return titled if not named.name else _with_title(named, titled)
        if named.entry is None:
            return _with_title(named, titled)
        return named
    if r.kind is None or (r.code is None and other.code):
        return other
    return r


def _with_title(named: Reading, titled: Reading) -> Reading:
    named.country = named.country or titled.country
    named.sector = named.sector or titled.sector
    named.title = named.title or titled.title
    named.code = ((named.country or "") + (named.sector or "")) or None
    named.confidence = max(named.confidence, titled.confidence if titled.entry is None else 0.75)
    return named


def _form_ending(person: Entry, written: str) -> str:
    """The KB form of a person's name that ends as the text's does ("Padrino" -> "Vladimir
    Padrino", not "Vladimir Padrino López"), else the canonical name."""
    k = key(written)
    for form in (person.name, *person.aliases):
        fk = key(form)
        if len(fk) > len(k) and fk[-len(k):] == k:
            return form
    return person.name


def _titles_meet(wanted: set[str], titles: set[str]) -> bool:
    """ "the minister" meets "foreign minister", "the opposition leader" meets "leader": one
    title ends with the other's words."""
    for w in wanted:
        for t in titles:
            if w == t or t.endswith(" " + w) or w.endswith(" " + t):
                return True
    return False


def title_sector(lex, title: str | None) -> str | None:
    if title is None:
        return None
    return lex.office_sectors.get(title, "GOV")


def mod_sector_for_person(lex, head_phrase: str | None, mod_sector: str | None) -> str | None:
    """Sector a person's own head noun gives ("rebel commander X" -> the modifier decides)."""
    if head_phrase and head_phrase in lex.sectors and not lex.sectors[head_phrase][1]:
        return lex.sectors[head_phrase][0]
    return None


def head_is_people(tok: "Token") -> bool:
    return tok.ent_type_ == "NORP"


def _day(date: str | None) -> dt.date:
    if date:
        try:
            return dt.date.fromisoformat(date[:10])
        except ValueError:
            pass
    return dt.date.today()


def city_country(name: str) -> str | None:
    """ISO3 of a town or province used as an actor ("Cizre", "Sindh"): the most important
    place of that name in the places component's gazetteer (one per process, shared)."""
    try:
        from ..places.gazetteer import gazetteer
    except ImportError:  # pragma: no cover - the places package ships with newsgraph
        return None
    found = [e for e, _ in gazetteer().lookup(name, loose=False) if e.country and e.feature in ("city", "admin1", "admin2", "region")]
    return max(found, key=lambda e: e.importance).country if found else None


def resolver(ann: "Annotation") -> Resolver:
    """The document's resolver, made on first use (when the actors component did not run)."""
    res = ann.shared.get("actors")
    if not isinstance(res, Resolver):
        res = Resolver(ann)
        ann.shared["actors"] = res
    return res


def link_mention(ann: "Annotation", start: int, end: int) -> Actor | None:
    """The document actor that the phrase at [start, end) names, found or created.

    For the quotes and events components: a title ("the Russian foreign minister"), an
    unnamed source ("a senior US official"), a surname ("Lavrov"), an adjective that stands
    for its noun ("Hungarian" in "Hungarian officials" -> HUNGOV), a phrase with a location
    ("rebels in the Ivory Coast"). An existing actor is returned when the phrase's head word
    is already a mention of one; otherwise the phrase is read like any other and added to
    the document's actors (with this span as a mention). None when the phrase names no actor
    (no name, no country, no actor noun). Pronouns are not resolved here.
    """
    res = resolver(ann)
    span = ann.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    if span[0].pos_ == "ADP" and len(span) > 1:  # "in central Baghdad": the phrase after it
        span = span[1:]
    head = span.root
    outer = head.head
    # an adjective or name modifying a noun outside the span: "Hungarian" (officials)
    if head.dep_ in MODIFIER_DEPS | {"conj"} and outer is not head and not (span.start <= outer.i < span.end):
        while outer.dep_ in MODIFIER_DEPS | {"conj"} and outer.head is not outer and outer.pos_ != "NOUN":
            outer = outer.head
        if outer.pos_ == "NOUN":
            own = res.reading([t for t in span if not t.is_punct] or list(span), head, pp=False)
            noun = res.reading(res.np_tokens(outer), outer, pp=False)
            if own.kind is not None and own.entry is not None and own.entry.kind not in ("country",) and own.kind != "group":
                return res.resolve(own, (start, end))
            iso = own.country or (own.countries[0][0] if own.countries else None)
            if iso and noun.kind is not None:
                sector = own.sector or noun.sector
                part = Reading(start, end, head.i, kind=noun.kind, country=iso, sector=sector,
                               code=iso + (sector or ""), title=noun.title, head_word=noun.head_word,
                               plural=noun.plural, definite=noun.definite, confidence=noun.confidence)
                return res.resolve(part, (start, end))
            if own.kind is not None and (own.country or own.entry is not None):
                return res.resolve(own, (start, end))
            if outer.i in res.head_actor:  # "Moslem fundamentalist" (demonstrators): their actor
                actor = res.head_actor[outer.i]
                res.add_mention(actor, (start, end), own)
                return actor
            if own.kind is not None:
                return res.resolve(own, (start, end))
    if head.i in res.head_actor:
        actor = res.head_actor[head.i]
        res.add_mention(actor, (start, end), res.readings.get(head.i) or Reading(start, end, head.i))
        return actor
    toks = [t for t in span if not t.is_space]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return None
    r = res.reading(toks, head, pp=True)  # the caller decided it is an actor, even "in Moscow"
    if r.kind is None and head.lemma_.lower() in PLACE_NOUNS:  # "Iraqi towns" as an actor: their people
        r.kind, r.sector = "group", "CVL"
        r.code = (r.country or "") + "CVL"
        r.confidence = 0.6 if r.country else 0.4
    if r.kind is None:
        # fall back on an existing mention covering the head ("he" is not ours to resolve)
        if head.pos_ in ("NOUN", "PROPN"):
            return ann.actor_at(head.idx, head.idx + len(head))
        return None
    return res.resolve(r, (start, end))
