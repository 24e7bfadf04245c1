"""The trigger lexicon (lexicon.tsv): which words are events, read once per process.

An entry is a lemma with tests on its parse neighbourhood (object, particle, preposition,
modifier, subject, complement, voice) and the PLOVER type, mode and CAMEO code it gives. Entries
for one lemma are tried in file order, so a specific reading ("open fire") precedes a general
one, and a blocking entry (type "-") stops a wrong reading ("meet the demands").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

LEXICON_FILE = Path(__file__).with_name("lexicon.tsv")
IDLE_CACHE = 200_000  # token forms remembered as matching no entry (a few MB at most)

# Heads that stand for their "of" complement: "a mission of observers", "dozens of protesters".
CONTAINERS = frozenset("""number group dozen hundred thousand million team batch series contingent
    shipment consignment ton tonne kg kilogram worth part member members mission delegation crowd
    convoy lot package state return arrival entry presence round wave acre hectare dose flotilla decade""".split())

OBJ_DEPS = frozenset(("dobj", "attr", "oprd", "dative"))
MOD_DEPS = frozenset(("compound", "amod", "nmod", "npadvmod", "advmod", "poss"))
COMP_DEPS = frozenset(("xcomp", "ccomp", "pcomp"))


@dataclass(frozen=True)
class Entry:
    lemma: str
    pos: str  # V or N
    particle: str | None
    tests: tuple[tuple[str, frozenset[str] | None], ...]
    type: str | None  # None: blocking entry
    mode: str | None
    cameo: str | None
    flags: frozenset[str]
    line: int

    @property
    def wrap(self) -> bool:
        return "wrap" in self.flags


@dataclass(frozen=True)
class Lexicon:
    entries: dict[tuple[str, str], tuple[Entry, ...]]
    classes: dict[str, frozenset[str]]
    idle: dict[tuple[int, int, int], bool] = field(default_factory=dict, compare=False, repr=False)
    """(orth, tag, lemma) -> True when no entry can match a token of that form: most tokens
    are such, and `match` then skips building their lookup keys."""

    def candidates(self, lemma: str, pos: str) -> tuple[Entry, ...]:
        return self.entries.get((lemma, pos), ())

    @cached_property
    def hyphen_tails(self) -> frozenset[str]:
        """Last words of hyphenated noun entries ("pro-government"): a token of such a lemma
        may match through the words before it, so its form is never remembered as idle."""
        return frozenset(k.rsplit("-", 1)[1] for k, pos in self.entries if pos == "N" and "-" in k)


def _words(spec: str, classes: dict[str, frozenset[str]]) -> frozenset[str]:
    out: set[str] = set()
    for item in spec.split("/"):
        if item.startswith("@"):
            out |= classes[item[1:]]
        elif item:
            out.add(item)
    return frozenset(out)


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Parse the lexicon file (cached: one parse per process)."""
    text = Path(path or LEXICON_FILE).read_text(encoding="utf-8")
    classes: dict[str, frozenset[str]] = {}
    rows: list[tuple[int, list[str]]] = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if parts[0].startswith("@"):
            classes[parts[0][1:]] = frozenset(parts[1:])
        else:
            rows.append((n, parts))
    entries: dict[tuple[str, str], list[Entry]] = {}
    for n, parts in rows:
        if len(parts) < 6:
            raise ValueError(f"{path or LEXICON_FILE}:{n}: expected 6 or 7 columns, got {parts}")
        word, pos, cond, etype, mode, cameo = parts[:6]
        flags = frozenset(parts[6].split(";")) if len(parts) > 6 else frozenset()
        lemma, _, particle = word.partition("+")
        tests: list[tuple[str, frozenset[str] | None]] = []
        if cond != "-":
            for test in cond.split(";"):
                name, _, spec = test.partition("=")
                tests.append((name, _words(spec, classes) if spec else None))
        entry = Entry(lemma, pos, particle or None, tuple(tests), None if etype == "-" else etype,
                      None if mode == "-" else mode, None if cameo == "-" else cameo, flags, n)
        entries.setdefault((lemma, pos), []).append(entry)
    return Lexicon({k: tuple(v) for k, v in entries.items()}, classes)


# ---------------------------------------------------------------- parse helpers


def is_passive(tok: "Token") -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def through_containers(tok: "Token") -> list["Token"]:
    """The token, plus its "of" object when it is a container noun ("dozens of troops")."""
    out = [tok]
    if tok.lemma_.lower() in CONTAINERS or tok.lower_.rstrip("s") in CONTAINERS or tok.like_num:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                out.extend(p for p in prep.children if p.dep_ == "pobj")
    return out


def objects(tok: "Token", pos: str) -> list["Token"]:
    """Direct objects (verbs: dobj/attr, or the passive subject; nouns: the "of" object)."""
    found: list["Token"] = []
    passive = pos == "V" and is_passive(tok)
    for child in tok.children:
        dep = child.dep_
        if pos == "V" and (dep in OBJ_DEPS or (passive and dep == "nsubjpass")):
            found.append(child)
        elif pos == "N" and dep == "prep" and child.lower_ == "of":
            found.extend(p for p in child.children if p.dep_ == "pobj")
        elif pos == "V" and dep == "prep" and child.lower_ == "with" and tok.lemma_ in ("supply", "provide", "arm", "equip"):
            found.extend(p for p in child.children if p.dep_ == "pobj")  # "supplied them with missiles"
        elif pos == "V" and dep == "prep" and child.lower_ in ("on", "into") and tok.lemma_ in ("crack", "hack", "fire", "open"):
            found.extend(p for p in child.children if p.dep_ == "pobj")
    if pos == "V" and not found:  # "allowed journalists to enter", "held the army responsible": the
        for clause in tok.children:  # parser makes them the subject of a clause of the verb's
            if clause.dep_ in ("ccomp", "xcomp") and (clause.pos_ == "ADJ" or any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)):
                found.extend(c for c in clause.children if c.dep_ == "nsubj")
    more = [c for f in found for c in f.children if c.dep_ == "conj"]
    return [t for f in found + more for t in through_containers(f)]


def with_compounds(tokens: list["Token"]) -> list["Token"]:
    """The tokens plus their noun compounds and appositions: "ambassador Vincent Karega",
    "internet services", "William Walker, the American diplomat" name what the head is there."""
    return tokens + [c for t in tokens for c in t.children if c.dep_ in ("compound", "appos") and c.pos_ == "NOUN"]


def verb_forms(tok: "Token") -> list[str]:
    """A verb's lemma plus plain de-inflections: the lemmatizer errs on rare verbs ("staged" -> "stag")."""
    low = tok.lower_
    return [tok.lemma_.lower()] + ([low[:-1], low[:-2], low[:-3], low[:-3] + "e"] if low.endswith(("ed", "ing"))
                                   else [low[:-1]] if low.endswith("s") else [])


def governor(tok: "Token") -> "Token":
    """The word a trigger depends on, past a preposition: "went on strike" -> went."""
    head = tok.head
    return head.head if tok.dep_ == "pobj" and head.dep_ in ("prep", "agent") else head


def subject(tok: "Token", pos: str) -> "Token | None":
    for child in tok.children:
        if pos == "V" and child.dep_ in ("nsubj", "csubj"):
            return child
        if pos == "N" and child.dep_ == "poss":
            return child
    if pos == "N":
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "by":
                for p in prep.children:
                    if p.dep_ == "pobj":
                        return p
        # "strikes by the workers" already handled; a noun as a verb's subject: "protesters blockaded"
    return None


def lemma_set(tokens: list["Token"]) -> set[str]:
    return {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}


def test_entry(entry: Entry, tok: "Token") -> bool:
    """Whether all of an entry's tests hold for trigger `tok`."""
    if entry.particle:
        if not any(c.dep_ == "prt" and c.lower_ == entry.particle for c in tok.children):
            # "pull troops out": particle may also be an adverb; "walk out of": a preposition without
            # an object of its own ("gave ... in Mekelle" is no "give in"), unless it follows the verb
            # ("handed over 32 men", where the parser hung "over" on the number)
            if not any(c.lower_ == entry.particle and (c.dep_ == "advmod" or (
                    c.dep_ == "prep" and not any(g.dep_ == "pobj" for g in c.children))) for c in tok.children) \
                    and not (tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == entry.particle
                             and tok.nbor(1).tag_ in ("RP", "IN")):  # right after the verb: "voted down the bill"
                return False
    for name, words in entry.tests:
        if name == "obj":
            objs = objects(tok, entry.pos)
            if not objs or not (lemma_set(with_compounds(objs)) & words):  # type: ignore[operator]
                return False
        elif name == "prep":  # a date is no argument: "strike on Monday"
            # "warned the Philippines of countermeasures": the parser often hangs the verb's
            # preposition on a proper-noun object, which seldom takes one of its own; "as" is the
            # verb's whatever the object ("recognised the council as the government")
            heads = [tok] + ([o for o in objects(tok, "V")[:1] if o.pos_ == "PROPN" or "as" in words]  # type: ignore[operator]
                             if entry.pos == "V" else [])
            if not any(c.dep_ in ("prep", "agent", "dative") and c.lower_ in words  # type: ignore[operator]
                       and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)
                       for h in heads for c in h.children):
                return False
        elif name == "head":
            if governor(tok).lemma_.lower() not in words:  # type: ignore[operator]
                return False
        elif name == "mod":
            mods = [c for c in tok.children if c.dep_ in MOD_DEPS]
            mods += [m for c in tok.children if c.dep_ == "compound" for m in c.children if m.dep_ in MOD_DEPS]  # "joint coast guard patrols"
            if tok.i > 1 and tok.nbor(-1).text == "-":  # "drone-strike" split on the hyphen
                mods.append(tok.nbor(-2))
            if not mods or not (lemma_set(mods) & words):  # type: ignore[operator]
                return False
        elif name == "subj":
            subj = subject(tok, entry.pos)
            if subj is None and entry.pos == "N" and tok.dep_ in ("nsubj",):
                subj = None
            if subj is None:
                return False
            if not (lemma_set(through_containers(subj)) & words):  # type: ignore[operator]
                return False
        elif name == "comp":
            if not any(c.dep_ in COMP_DEPS or (c.dep_ == "prep" and any(g.dep_ == "pcomp" for g in c.children))
                       for c in tok.children):
                return False
        elif name == "pass":
            if not is_passive(tok):
                return False
        elif name == "near":
            if not any(t.lemma_.lower() in words for t in tok.subtree):  # type: ignore[operator]
                return False
        else:
            raise ValueError(f"unknown lexicon test {name!r} (line {entry.line})")
    return True


def match(tok: "Token", lexicon: Lexicon) -> Entry | None:
    """The first lexicon entry whose tests hold for `tok` (None if none, or a blocking entry)."""
    form = (tok.orth, tok.tag, tok.lemma)
    if lexicon.idle.get(form):
        return None
    if tok.ent_type_ in ("DATE", "TIME"):  # "the end of March" holds no march
        return None
    pos = "V" if tok.tag_.startswith("VB") or tok.tag_ in ("JJ",) else "N" if tok.tag_.startswith("NN") else None
    if pos is None and tok.tag_ == "RB" and any(c.dep_ == "nsubj" for c in tok.children):
        pos = "V"  # "We fully back ...": a verb the tagger took for an adverb
    if pos is None:
        if tok.tag_ != "RB":  # (an adverb may be a verb in another parse)
            lexicon.idle[form] = True
        return None
    lemma = tok.lemma_.lower()
    keys = verb_forms(tok) if pos == "V" else [lemma]
    if pos == "N":
        keys.append(tok.lower_)
        if tok.i > 1 and tok.nbor(-1).text == "-" and not tok.nbor(-1).whitespace_:
            keys.insert(0, f"{tok.nbor(-2).lower_}-{lemma}")
    # a phrasal verb is more specific than the bare verb: "backed down" before "back"
    entries = sorted((e for k in keys for e in lexicon.candidates(k, pos)), key=lambda e: e.particle is None)
    if not entries and lemma not in lexicon.hyphen_tails and len(lexicon.idle) < IDLE_CACHE:
        lexicon.idle[form] = True  # (a form that a hyphenated entry ends with depends on its context)
    for entry in entries:
        if test_entry(entry, tok):
            return entry if entry.type else None
    return None
