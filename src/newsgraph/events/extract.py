"""Events from the dependency parse of one sentence: triggers, arguments, modality.

1. Triggers: each token is looked up in the lexicon (verbs, and nouns such as "the attack on
   the convoy"); a noun counts only with an argument of its own or a light verb over it
   ("launched strikes", "held talks"), and a noun already used as a verb entry's object
   ("imposed sanctions") is part of that verb's event.
2. Speech acts over acts ("agreed to withdraw", "threatened to strike", "demanded that X
   release"): the wrapper takes its PLOVER mode and CAMEO code from the embedded act, which is
   kept as an event of its own with modality future or hypothetical and `parent` set.
3. Arguments: source from nsubj / passive agent / controller / possessive / nationality
   modifier; target from dobj / passive subject / pobj of to, on, against, with, ...; each is
   coded through the actor stage (see coding.py). Conjoined actors give one event per pair.
4. Modality by walking up the parse: negation, will/would, if/unless, speech verbs (claimant),
   deny, plan/intend, "too early to speak of", reports of, questions.
5. A promise or plan in the future tense ("Finland will give Tanzania a grant") also gives the
   speech act PLOVER codes it as: AGREE for a cooperative act, THREATEN for a hostile one,
   REJECT for a refused one ("will not accept").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from .cameo import DEFAULT_CAMEO
from .coding import Arg, actor_at, bare_np, code_np, is_country_word, np_tokens, split_conjuncts
from .lexicon import Entry, Lexicon, is_passive, load_lexicon, match, objects, through_containers, verb_forms

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..annotation import Annotation

SPEECH = frozenset("""say tell state announce report claim add confirm note stress declare explain write
    argue assert maintain acknowledge admit disclose reveal quote tweet predict estimate believe think suggest
    indicate contend insist reiterate remark comment tell inform signal concede affirm testify recall""".split())
SPEECH_OR_INSIST = SPEECH | {"remind", "insist", "reiterate", "stress"}
DENY = frozenset("deny refute dismiss reject disprove".split())
INTENT = frozenset("plan intend aim decide hope want expect prepare schedule set seek propose mean wish consider "
                   "contemplate weigh mull".split())
HYPO_VERBS = frozenset("consider contemplate mull weigh speak talk discuss debate fear risk imagine envisage "
                       "rule".split())
HYPO_NOUNS = frozenset("possibility prospect threat risk fear option idea talk speculation question plan proposal "
                       "scenario danger likelihood chance call demand warning".split())
REPORT_NOUNS = frozenset("report claim allegation rumour rumor account word sign evidence".split())
HEDGES = frozenset("reportedly allegedly purportedly apparently supposedly".split())
LIGHT = frozenset("""launch carry conduct stage mount hold begin start continue resume intensify escalate step
    make issue lodge file take join order announce declare reach conclude open undertake wage unleash perform
    organize organise call lead go impose sign approve authorize authorise deliver send provide give offer
    renew break end halt suspend extend observe violate breach engage fly place put voice express""".split())
PARTICIPATE = frozenset("be remain participate enter join engage part".split())
INVERSE_LIGHT = frozenset("face suffer receive survive escape come".split())
OBJECT_CONTROL = frozenset("urge ask press pressure call invite force order persuade allow permit encourage "
                           "help tell warn implore beg exhort petition lobby require".split())
COOPERATIVE = frozenset("AGREE CONSULT SUPPORT COOPERATE AID CONCEDE RETREAT".split())
VERBAL = frozenset("AGREE REQUEST ACCUSE REJECT THREATEN".split())
PRONOUNS_WE = frozenset("we us our ours ourselves".split())
PRONOUNS_I = frozenset("i me my mine myself".split())
PRONOUNS_3 = frozenset("it they he she its their his her them him".split())
TIME_PREPS = frozenset("since after before during following amid despite until".split())
FUTURE_AUX = frozenset(("will", "would", "shall", "'ll", "wo"))
TARGET_PREPS = ("to", "on", "against", "with", "at", "into", "toward", "towards", "upon", "in", "for", "over", "from")


@dataclass
class Found:
    """An event in one sentence, before ids and document context are attached."""

    entry: Entry
    tok: "Token"
    type: str
    mode: str | None
    cameo: str
    pos: str
    sources: list[Arg] = field(default_factory=list)
    targets: list[Arg] = field(default_factory=list)
    negated: bool = False
    modality: str = "asserted"
    claim_tok: "Token | None" = None
    claimed: Arg | None = None
    parent: "Found | None" = None
    embedded: "Found | None" = None
    derived: bool = False
    depth: int = 0
    light: "Token | None" = None
    via_noun: "Token | None" = None
    preset: bool = False
    failed: bool = False
    conditional: bool = False
    confidence: float = 0.5

    @property
    def anchor(self) -> "Token":
        """The verb whose clause holds the event (the light verb for "launched strikes")."""
        return self.light or self.tok


# ------------------------------------------------------------------ triggers


def _light(verb: "Token") -> bool:
    return bool(set(verb_forms(verb)) & (LIGHT | INVERSE_LIGHT))


def _nominal_licensed(tok: "Token") -> "Token | None | bool":
    """A noun trigger counts when a light verb governs it, it has an argument, or it is a
    happening's subject. Returns the light verb, True, or False."""
    if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
        return False  # a noun modifying another names a kind, not an event: "riot police", "strike group"
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass", "attr") and _light(head):
        return head
    if tok.dep_ == "pobj" and head.dep_ in ("prep", "agent") and _light(head.head) \
            and head.lower_ in ("on", "under", "in", "to", "into", "of"):
        return head.head  # "went on strike", "came under attack"
    if tok.dep_ == "pobj" and head.lower_ in ("in", "into") and head.head.lemma_.lower() in PARTICIPATE:
        return head.head  # "we are in talks with", "took part in the attack"
    for child in tok.children:
        if child.dep_ == "poss":
            return True
        if child.dep_ == "prep" and child.lower_ in ("on", "against", "by", "between", "with", "of", "in", "at",
                                                   "to", "from", "over", "near", "across"):
            return True
        if child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG"):
            return True
    if tok.dep_ in ("nsubj", "nsubjpass") and head.pos_ == "VERB":
        return True
    return tok.dep_ in ("dobj", "pobj", "conj", "appos", "ROOT")


def find_triggers(sent: "Span", lexicon: Lexicon) -> list[Found]:
    found: list[Found] = []
    consumed: set[int] = set()
    for tok in sent:
        entry = match(tok, lexicon)
        if entry is None or entry.type is None:
            continue
        pos = entry.pos
        f = Found(entry, tok, entry.type, entry.mode, entry.cameo or DEFAULT_CAMEO[entry.type], pos)
        if pos == "V" and any(name == "obj" for name, _ in entry.tests) and not entry.wrap:
            consumed.update(o.i for o in objects(tok, "V"))
        found.append(f)
    verbs = {f.tok.i: f for f in found if f.pos == "V"}
    for f in found:  # "the attack on the convoy killed 12": one ASSAULT, its source from the noun
        if f.pos == "N" and f.tok.dep_ == "nsubj" and f.tok.head.i in verbs and verbs[f.tok.head.i].type == f.type:
            verbs[f.tok.head.i].via_noun = f.tok
            consumed.add(f.tok.i)
    out: list[Found] = []
    for f in found:
        if f.pos == "N":
            if f.tok.i in consumed:
                continue
            lic = _nominal_licensed(f.tok)
            if lic is False:
                continue
            if not isinstance(lic, bool):
                f.light = lic
        out.append(f)
    # "bombed a market, killing 12": the participle reports the same attack's toll
    by_tok = {f.tok.i: f for f in out}
    for f in list(out):
        if f.pos == "V" and f.tok.dep_ == "advcl" and f.tok.tag_ == "VBG" and f.tok.head.i in by_tok \
                and by_tok[f.tok.head.i].type == f.type and f.type == "ASSAULT":
            out.remove(f)
    # a verb trigger that is itself a light verb over a same-type noun ("provided aid") keeps one event
    by_tok = {f.tok.i: f for f in out}
    for f in list(out):
        if f.pos == "N" and f.light is not None and f.light.i in by_tok:
            v = by_tok[f.light.i]
            if v.type == f.type and not v.entry.wrap:
                if (v.mode is None and f.mode) or (len(f.cameo) > len(v.cameo)):
                    v.mode, v.cameo = f.mode or v.mode, f.cameo
                out.remove(f)
    return out


# ------------------------------------------------------------------ wrappers

# (embedded type, mode) -> code under each wrapper kind; "*" any mode
_AGREE = {("CONSULT", "third-party"): "039", "CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031",
          ("AID", "military"): "0332", ("AID", "economic"): "0331", ("AID", "humanitarian"): "0333",
          ("AID", "peacekeeping"): "0334", "AID": "033", "CONCEDE": "034", ("RETREAT", "release"): "0353",
          ("RETREAT", "access"): "0355", ("RETREAT", "resign"): "0341", "RETREAT": "0356", "AGREE": "030"}
_THREATEN = {"ASSAULT": ("violence", "138"), "MOBILIZE": ("violence", "138"), "PROTEST": (None, "133"),
             ("COERCE", "arrest"): ("arrest", "137"), ("COERCE", "curfew"): ("restrict", "1323"),
             ("COERCE", "martial-law"): ("restrict", "1324"), ("COERCE", "seize"): ("territory", "1382"),
             ("COERCE", "deport"): ("expel", "130"), "COERCE": ("restrict", "132"),
             ("SANCTION", "expel"): ("expel", "136"), ("SANCTION", "convict"): ("arrest", "130"),
             "SANCTION": ("relations", "131")}
_REQUEST_MODE = {"AID": "assist", "COOPERATE": "assist", "SUPPORT": "assist", "CONCEDE": "change",
                 ("RETREAT", "resign"): "change", "RETREAT": "yield", "CONSULT": "meet", "AGREE": "meet"}
_DEMAND = {"AID": "103", "COOPERATE": "101", "SUPPORT": "102", "CONCEDE": "104", ("RETREAT", "resign"): "1041",
           ("RETREAT", "release"): "1053", ("RETREAT", "withdraw"): "106", ("RETREAT", "ceasefire"): "107",
           ("RETREAT", "access"): "1055", "RETREAT": "105", "CONSULT": "108", "AGREE": "108", "ACCUSE": "101"}
_APPEAL = {"AID": "023", "COOPERATE": "021", "SUPPORT": "022", "CONCEDE": "024", ("RETREAT", "resign"): "0241",
           ("RETREAT", "release"): "0253", ("RETREAT", "access"): "0255", "RETREAT": "025", "CONSULT": "026",
           "AGREE": "027", ("CONSULT", "third-party"): "028"}
_REJECT = {"AID": ("assist", "122"), "COOPERATE": ("assist", "121"), "SUPPORT": ("assist", "120"),
           "CONCEDE": ("change", "123"), ("RETREAT", "release"): ("yield", "1243"),
           ("RETREAT", "access"): ("yield", "1245"), "RETREAT": ("yield", "124"), "CONSULT": ("meet", "125"),
           ("CONSULT", "third-party"): ("meet", "126"), "AGREE": (None, "127")}


def _lookup(table: dict, etype: str, mode: str | None):
    return table.get((etype, mode), table.get(etype))


def wrap_code(wtype: str, wcameo: str, inner: Found) -> tuple[str, str | None, str]:
    """(type, mode, cameo) of a speech act over `inner`."""
    t, m = inner.type, inner.mode
    if wtype == "AGREE":
        if t not in COOPERATIVE:
            wtype = "THREATEN"
        else:
            return "AGREE", None, _lookup(_AGREE, t, m) or "030"
    if wtype == "THREATEN":
        mode, code = _lookup(_THREATEN, t, m) or (None, "130")
        return "THREATEN", mode, code
    if wtype == "REQUEST":
        mode = _lookup(_REQUEST_MODE, t, m)
        table = _DEMAND if wcameo.startswith("10") else _APPEAL
        return "REQUEST", mode, _lookup(table, t, m) or wcameo
    if wtype == "REJECT":
        mode, code = _lookup(_REJECT, t, m) or (None, "120")
        return "REJECT", mode, code
    return wtype, None, wcameo


def _path_up(tok: "Token", stop: "Token") -> list["Token"] | None:
    path = []
    cur = tok
    while cur.i != stop.i:
        if cur.head.i == cur.i:
            return None
        path.append(cur)
        cur = cur.head
    return path


def link_wrappers(found: list[Found]) -> None:
    """Attach each wrapper to the nearest act below it through complement/object links."""
    for w in found:
        if not w.entry.wrap:
            continue
        best: tuple[int, Found] | None = None
        for f in found:
            if f is w or f.parent is not None or f.tok.i == w.tok.i:
                continue
            path = _path_up(f.anchor, w.tok)
            if path is None and w.pos == "N" and f.anchor.dep_ == "ccomp" and f.anchor.head.i == w.tok.head.i:
                path = [f.anchor]  # "reiterated its demand that Israel ease ...": the clause hangs on the verb
            if path is None or len(path) > 4:
                continue
            if any(p.dep_ in ("relcl", "advcl", "parataxis", "nsubj", "nsubjpass", "appos") for p in path):
                continue
            if any(p.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in p.children) for p in path):
                continue  # "threatened to use weapons, and Lukashenko put the army on alert": a clause of its own
            if any(p.dep_ == "prep" and p.lower_ in TIME_PREPS for p in path):
                continue  # "pledged to reopen the crossing, for the first time since deadly clashes": background
            if any(g.entry.wrap and g is not w and g.tok in path for g in found):
                continue
            if best is None or len(path) < best[0]:
                best = (len(path), f)
        if best:
            inner = best[1]
            inner.parent = w
            w.embedded = inner
            w.type, w.mode, w.cameo = wrap_code(w.type, w.cameo, inner)


# ------------------------------------------------------------------ arguments


def _resolve_pronoun(ann: "Annotation", tok: "Token", quote_speaker) -> Arg | None:
    low = tok.lower_
    if low in PRONOUNS_WE and quote_speaker is not None:
        return _speaker_side(ann, quote_speaker, tok)
    if low in PRONOUNS_I and quote_speaker is not None:  # "I ask forgiveness", said the president: the speaker
        arg = speaker_arg(ann, quote_speaker)
        if arg is not None:
            arg.token, arg.role = tok, "speaker"
        return arg
    actor = actor_at(ann, tok.idx, tok.idx + len(tok.text))
    if actor is not None and actor.code and (actor.country or low not in PRONOUNS_3):
        from ..records import ActorRef

        return Arg(ActorRef(actor.name, actor.id, actor.code), actor.country, actor.sector, tok, "pronoun")
    if low in PRONOUNS_3 and (tok.dep_ in ("nsubj", "nsubjpass", "poss")):
        # "Syria says it is willing": the subject of the nearest governing clause
        # (not the phrase holding the pronoun: "denied that its soldiers shelled" is not the
        # soldiers' own soldiers)
        cur = tok.head
        while cur.head.i != cur.i:
            cur = cur.head
            for child in cur.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ != "PRON" \
                        and not child.left_edge.i <= tok.i <= child.right_edge.i:
                    arg = code_np(ann, child, "pronoun")
                    if arg is not None and (arg.country or tok.dep_ != "poss"):
                        return arg
        for child in cur.children:  # the root's own subject
            if child.dep_ in ("nsubj",) and child.i < tok.i and child.pos_ != "PRON":
                return code_np(ann, child, "pronoun")
    return None


def speaker_arg(ann: "Annotation", speaker) -> Arg | None:
    """A quote's speaker as a coded argument. The quotes stage's code is used when it names a
    country; otherwise the speaker's span is coded here ("the French foreign minister")."""
    from ..records import ActorRef
    from .coding import SECTOR_CODES

    if speaker is None:
        return None
    code = getattr(speaker, "code", None)
    actor = ann.document.actor(getattr(speaker, "actor_id", None))
    country = (actor.country if actor else None) or (code[:3] if code and code[:3] not in SECTOR_CODES else None)
    start, end = getattr(speaker, "start", None), getattr(speaker, "end", None)
    if not country and start is not None and end is not None:
        span = ann.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            arg = code_np(ann, span.root, "speaker")
            if arg is not None and arg.country:
                arg.ref = ActorRef(getattr(speaker, "name", None) or arg.ref.name, getattr(speaker, "actor_id", None),
                                   arg.ref.code)
                return arg
    if not code:
        return None
    sector = (actor.sector if actor else None) or (code[3:6] if country else code[:3]) or None
    return Arg(ActorRef(getattr(speaker, "name", None), getattr(speaker, "actor_id", None), code), country, sector,
               None, "speaker")


def _speaker_side(ann: "Annotation", speaker, tok: "Token") -> Arg | None:
    """"we" in a quote: the speaker's government or organisation (an actor of that code if the
    document has one, else the speaker's own coded reference)."""
    from ..records import ActorRef

    arg = speaker_arg(ann, speaker)
    if arg is None:
        return None
    code = arg.ref.code
    group = next((a for a in ann.document.actors if a.code == code and a.kind != "person"), None) if code else None
    if group is not None:
        return Arg(ActorRef(group.name, group.id, code), group.country, group.sector, tok, "speaker")
    arg.token, arg.role = tok, "speaker"
    return arg


def code_arg(ann: "Annotation", tok: "Token", role: str, speaker) -> list[Arg]:
    """All actors named by the phrase headed by `tok` (conjuncts split)."""
    out: list[Arg] = []
    for head in split_conjuncts(tok):
        if head.pos_ == "PRON" or head.lower_ in PRONOUNS_WE:
            arg = _resolve_pronoun(ann, head, speaker)
        elif head.dep_ == "conj" and head.head.dep_ in ("amod", "compound"):
            arg = code_np(ann, head, role, alone=False)
        else:
            arg = code_np(ann, head, role)
            if (arg is None or not arg.country) and head.pos_ in ("NOUN", "PROPN"):
                # "their forces": the owner's country, the head's sector
                poss = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
                owner = _resolve_pronoun(ann, poss, speaker) if poss is not None else None
                if owner is not None and owner.country:
                    from ..records import ActorRef
                    from .coding import head_sector

                    sector = head_sector(head) or owner.sector
                    name = arg.ref.name if arg else head.text
                    arg = Arg(ActorRef(name, owner.ref.actor_id, owner.country + (sector or "")), owner.country,
                              sector, head, role)
        if arg is not None:
            if arg.role != "speaker":
                arg.role = role
            if arg.sector == "GOV" and head.dep_ == "pobj" and head.head.lower_ in ("in", "at", "near", "inside", "across") \
                    and head.ent_type_ in ("GPE", "LOC", "FAC"):
                # "bombed a market in Kabul": the place, not the government
                from ..records import ActorRef

                arg = Arg(ActorRef(arg.ref.name, arg.ref.actor_id, arg.country), arg.country, None, head, role)
            out.append(arg)
    return out


def _subject_tok(tok: "Token") -> tuple["Token | None", str]:
    """The token that is the agent of verb `tok`, following conjunction and control."""
    passive = is_passive(tok)
    if passive:
        # "was raided and shut by Israeli troops": a conjoined passive shares the agent
        verbs = [tok] + [c for c in tok.children if c.dep_ == "conj" and (is_passive(c) or c.tag_ == "VBN")]
        agent = next((a for a in map(_agent, verbs) if a is not None), None)
        return (agent, "agent") if agent is not None else (None, "")
    for child in tok.children:
        if child.dep_ == "nsubj":
            if child.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
                return tok.head, "subject"
            return child, "subject"
    if tok.dep_ == "acomp":  # "Norway is willing": the subject of the copula
        return _subject_tok(tok.head)
    if tok.dep_ == "relcl":
        return tok.head, "subject"
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
        return _subject_tok(tok.head)
    if tok.dep_ in ("xcomp", "ccomp", "advcl", "pcomp", "acl") or (tok.dep_ == "dobj" and tok.tag_ == "VBG"):
        head = tok.head
        if head.dep_ == "prep":  # "accused X of attacking": the object of the governing verb
            gov = head.head
            objs = [c for c in gov.children if c.dep_ == "dobj"]
            if objs and head.lower_ == "of":
                return objs[0], "controller"
            return _subject_tok(gov)[0], "controller"
        if head.dep_ == "acomp":  # "is willing to send"
            head = head.head
        if head.lemma_.lower() in OBJECT_CONTROL:
            objs = [c for c in head.children if c.dep_ in ("dobj",)]
            if objs:
                return objs[0], "controller"
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in ("on", "upon"):
                    for p in prep.children:
                        if p.dep_ == "pobj":
                            return p, "controller"
        if tok.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            return None, ""
        subj, _ = _subject_tok(head) if head.pos_ in ("VERB", "AUX", "ADJ") else (None, "")
        return subj, "controller"
    return None, ""


def _agent(verb: "Token") -> "Token | None":
    """The "by" phrase of a passive verb."""
    return next((p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"), None)


def _noun_source(tok: "Token") -> tuple["Token | None", str]:
    for child in tok.children:
        if child.dep_ == "poss":
            return child, "possessive"
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            for p in child.children:
                if p.dep_ == "pobj":
                    return p, "agent"
        if child.dep_ == "acl" and child.tag_ == "VBN" and _agent(child) is not None:
            return _agent(child), "agent"  # "a strike called by the union"
    for child in np_tokens(tok):
        if child.i < tok.i and child.dep_ in ("amod", "compound") and (
                child.ent_type_ in ("NORP", "GPE", "ORG") or is_country_word(child)):
            return child, "modifier"
    return None, ""


def _pobjs(tok: "Token", preps: Iterable[str]) -> list["Token"]:
    out = []
    for name in preps:
        for child in tok.children:
            if child.dep_ in ("prep", "dative") and child.lower_ == name:
                out.extend(p for p in child.children if p.dep_ == "pobj")
    return out


def _target_toks(f: Found) -> list[tuple["Token", str]]:
    tok = f.tok
    out: list[tuple["Token", str]] = []
    if f.pos == "V":
        if is_passive(tok):
            out += [(c, "passive-subject") for c in tok.children if c.dep_ == "nsubjpass"]
        else:
            out += [(c, "dative") for c in tok.children if c.dep_ == "dative" and c.pos_ != "ADP"]
            out += [(c, "object") for c in tok.children if c.dep_ in ("dobj",)]
            # "held the army responsible": the subject of the verb's small clause
            out += [(o, "object") for o in objects(tok, "V") if o.dep_ == "nsubj" and o.head.i != tok.i]
            if not any(c.dep_ == "dobj" for c in tok.children):  # "shot and (seriously) wounded a detective"
                out += [(o, "object") for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"
                        and all(t.dep_ in ("cc", "advmod", "punct") for t in tok.doc[tok.i + 1:c.i])
                        for o in c.children if o.dep_ == "dobj"]
            for c in tok.children:  # "accused X of ...": X; "praised Haiti's efforts": Haiti
                if c.dep_ == "dobj":  # a pronoun owner is mostly the source itself ("withdrew its troops")
                    out += [(g, "object-possessive") for g in c.children if g.dep_ == "poss" and g.pos_ != "PRON"]
        preps = [p for p in TARGET_PREPS if not (f.entry.flags & {"inv"} and p == "from")]
        out += [(p, "pobj") for p in _pobjs(tok, preps)]
        uses_obj = any(name == "obj" for name, _ in f.entry.tests)
        for c in tok.children:  # objects' own prepositions: "imposed sanctions on Iran"
            if c.dep_ == "dobj" and (uses_obj or match(c, load_lexicon()) is None):
                for o in through_containers(c):  # "imposed a new round of sanctions on North Korea"
                    out += [(p, "pobj") for p in _pobjs(o, ("on", "against", "to", "with", "for", "of"))]
    else:
        if f.type in ("ASSAULT", "COERCE", "RETREAT", "SANCTION", "AID"):
            out += [(p, "pobj") for p in _pobjs(tok, ("on", "against", "at", "to", "of", "in", "into", "toward"))]
        else:
            out += [(p, "pobj") for p in _pobjs(tok, ("with", "on", "against", "to", "at", "for", "of", "in"))]
        if f.light is not None:
            out += [(p, "pobj") for p in _pobjs(f.light, ("on", "against", "to", "with", "at", "in"))]
            out += [(c, "dative") for c in f.light.children if c.dep_ == "dative"]
            # "placed the president under house arrest", "put him on trial"
            out += [(c, "object") for c in f.light.children if c.dep_ == "dobj" and c.i != tok.i]
    # "backing for Moldova's bid", "near Ukraine's borders": the owner; "the border with Guyana"
    more: list[tuple["Token", str]] = []
    for t, role in out:
        more.append((t, role))
        if role == "pobj" and t.pos_ == "NOUN":
            more += [(g, "pobj-possessive") for g in t.children if g.dep_ == "poss" and g.pos_ != "PRON"]
            if t.lemma_.lower() in ("border", "frontier", "boundary"):
                more += [(p, "pobj") for p in _pobjs(t, ("with",))]
    return more


@lru_cache(maxsize=1)
def _theme_words() -> frozenset[str]:
    classes = load_lexicon().classes
    return frozenset().union(*(classes[c] for c in ("troops", "arms", "aid", "money", "police", "peace")))


# ASSAULT with no mode from its trigger: the weapon named by its subject or instrument
_INSTRUMENTS = {
    "aerial": ("195", "jet warplane aircraft plane bomber helicopter gunship airstrike air airforce".split()),
    "drone": ("195", ["drone", "uav"]),
    "heavy-weapons": ("194", "tank artillery mortar rocket missile shell howitzer cannon".split()),
    "firearms": ("193", "gun gunman gunmen gunfire rifle sniper bullet machine-gun".split()),
    "explosives": ("183", "bomb explosive ied grenade mine bomber".split()),
    "primitive": ("182", "knife machete axe stone rock sword".split()),
}
_INSTRUMENT_OF = {w: (mode, code) for mode, (code, words) in _INSTRUMENTS.items() for w in words}


def assault_mode(f: Found) -> None:
    """Fill an ASSAULT's mode and CAMEO code from its weapon ("jets struck" = aerial 195)."""
    if f.type != "ASSAULT" or f.mode is not None or f.cameo not in ("190", "180"):
        return
    words: list["Token"] = []
    for a in f.sources:
        if a.token is not None:
            words += np_tokens(a.token)
    for p in _pobjs(f.anchor, ("with", "in", "by", "using")) + _pobjs(f.tok, ("with", "by")):
        words += np_tokens(p)
    if f.pos == "N":
        words += [c for c in f.tok.children if c.dep_ in ("compound", "amod")]
    for t in words:
        hit = _INSTRUMENT_OF.get(t.lemma_.lower()) or _INSTRUMENT_OF.get(t.lower_)
        if hit:
            f.mode, f.cameo = hit
            return


def find_arguments(ann: "Annotation", f: Found, speaker) -> None:
    tok = f.tok
    src_tok, role = None, ""
    inv = "inv" in f.entry.flags or (f.light is not None and f.light.lemma_.lower() in INVERSE_LIGHT)
    if f.pos == "V" and f.via_noun is not None:
        src_tok, role = _noun_source(f.via_noun)
    elif f.pos == "V":
        src_tok, role = _subject_tok(tok)
    else:
        src_tok, role = _noun_source(tok)
        if src_tok is None and f.light is not None and not inv:
            src_tok, role = _subject_tok(f.light)
        if src_tok is None:  # "talks between A and B"
            between = _pobjs(tok, ("between", "among"))
            if between:
                src_tok, role = between[0], "between"
    if inv:
        subj = _subject_tok(f.anchor)[0]
        agents = _pobjs(f.anchor, ("from", "by")) + _pobjs(tok, ("from", "by"))
        src_tok, role = (agents[0], "from") if agents else (None, "")
        f.targets = code_arg(ann, subj, "subject", speaker) if subj is not None else []
    if src_tok is not None:
        f.sources = code_arg(ann, src_tok, role, speaker)
    if not inv:
        seen: set[int] = {a.token.i for a in f.sources}
        cands = _target_toks(f)
        if (f.type in ("AID", "MOBILIZE", "RETREAT") or f.mode == "withdraw") and f.mode != "release":
            # "sent troops to Syria", "withdrew its force from Chad": the object is what moves
            # (but "supplied the Syrian army with missiles" names the recipient, "freed 14 Saudi
            # soldiers" those released)
            words = _theme_words()
            supplied = [o.i for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
                        for o in c.children if o.dep_ == "pobj"]
            themes = {o.i for o in objects(tok, f.pos) if {o.lemma_.lower(), o.lower_} & words
                      and (not supplied or o.i in supplied)}
            cands = [(t, r) for t, r in cands if t.i not in themes]
        # (not the source again: "gave its backing to ...", where "its backing" codes as the giver)
        source_ids = {a.ref.actor_id for a in f.sources if a.ref.actor_id}
        coded = [(t, trole, [a for a in code_arg(ann, t, trole, speaker)
                             if a.token.i not in seen and not (a.ref.actor_id and a.ref.actor_id in source_ids)])
                 for t, trole in cands]
        # a place the act happens in ("killed five policemen in Kabul") is a target only when
        # nothing else is; it still gives its country to a target of unknown country. In an
        # assault, "at" and a common noun is what the act aims at, and its target whatever the
        # object ("launched a drone at a tanker"); "at" and a name is a place ("at Bulo Marer")
        aimed = [f.entry.type == "ASSAULT" and trole == "pobj" and t.head.lower_ == "at"
                 and t.pos_ != "PROPN" and t.ent_type_ not in ("GPE", "LOC", "FAC") for t, trole, _ in coded]
        is_place = [trole == "pobj" and t.head.lower_ in ("in", "at", "near", "inside", "across") and not aim
                    for (t, trole, _), aim in zip(coded, aimed)]
        ranked = sorted(zip(coded, is_place, aimed), key=lambda c: not c[2])  # (stable: aimed first)
        pick = next((args for (_, _, args), place, _ in ranked if args and not place), None)
        places = [a for (_, _, args), place in zip(coded, is_place) if place for a in args if a.country]
        if pick and places and all(not a.country and a.sector for a in pick):
            # the place's country, from the clause: the component's _placed does the same from the
            # places stage's location, which a pipeline without places lacks
            from ..records import ActorRef

            c = places[0].country
            pick = [Arg(ActorRef(a.ref.name, a.ref.actor_id, c + a.sector), c, a.sector, a.token, a.role)
                    for a in pick]
        pick = pick or (places[:1] or None)
        if pick:
            f.targets = pick
        else:  # nothing coded: keep the first plain object as a named, uncoded target
            sym2 = "sym" in f.entry.flags and len(f.sources) >= 2
            lexicon = load_lexicon()
            for t, trole in cands:
                if sym2 or t.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
                    continue
                if trole == "pobj" and t.head.lower_ not in ("on", "against", "at", "into"):
                    continue
                if match(t, lexicon) is not None:  # "condemned the attack": the attack is an event
                    continue
                if t.pos_ in ("NOUN", "PROPN") and t.i not in seen and trole in ("object", "passive-subject", "pobj"):
                    f.targets = [bare_np(ann, t, trole)]
                    break
    # a symmetric act with two conjoined sources and no target: each acts on the other
    if "sym" in f.entry.flags and len(f.sources) >= 2 and not f.targets:
        f.targets = []  # filled pairwise in the component


# ------------------------------------------------------------------ modality


def _aux_lemmas(tok: "Token") -> set[str]:
    out = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    out |= {c.lemma_.lower() for c in tok.children if c.dep_ in ("aux", "auxpass")}
    return out


def _negated(tok: "Token") -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in ("never", "no")):
            return True
    if tok.dep_ in ("xcomp",) and any(c.dep_ == "neg" for c in tok.head.children) and \
            tok.head.lemma_.lower() in ("try", "attempt", "manage", "begin", "start", "continue", "plan", "intend",
                                        "decide", "want", "be", "go"):
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "without":
        return True
    return False


def according_to(sent: "Span") -> "Token | None":
    """X of "according to X" in the sentence, if any."""
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.nbor(1).lower_ == "to":
            return next((p for p in t.nbor(1).children if p.dep_ == "pobj"), None)
    return None


def find_modality(f: Found, sent: "Span", according: "Token | None" = None, text: str | None = None) -> None:
    """Negation, modality and claim of a trigger; `text` is the sentence's text when the caller
    has it (Span.text rebuilds it on every access)."""
    tok = f.anchor
    f.negated = _negated(tok) or (f.light is not None and _negated(f.tok))
    flags: set[str] = set()
    aux = _aux_lemmas(tok)
    if aux & {"will", "shall", "'ll", "wo"}:
        flags.add("future")
    if aux & {"could", "might", "may", "should", "must", "ought"}:
        flags.add("hypothetical")
    if "would" in aux:
        flags.add("would")
    if any(c.dep_ in ("advmod",) and c.lower_ in HEDGES for c in tok.children):
        flags.add("reported")
    if any(_is_condition(c) for c in tok.children):
        f.conditional = True  # "will withdraw unless ...": an ultimatum
    cur = tok
    steps = 0
    while cur.head.i != cur.i and steps < 8:
        child, cur = cur, cur.head
        steps += 1
        lemma = cur.lemma_.lower()
        if _is_condition(child):
            flags.add("hypothetical")
        if any(m.dep_ == "mark" and m.lower_ == "whether" for m in child.children):
            flags.add("question")
        if f.parent is not None and cur.i == f.parent.tok.i:
            ptype = f.parent.type
            flags.add("future" if ptype == "AGREE" else "hypothetical")
            if f.parent.entry.lemma in ("refuse", "decline", "reject", "rule"):
                f.negated = f.negated  # the refusal is the event; the act stays hypothetical
            continue
        if child.dep_ in ("ccomp", "xcomp", "pcomp", "advcl", "conj", "dobj", "pobj", "prep", "acomp", "parataxis",
                          "acl", "relcl", "nsubj", "nsubjpass", "attr", "oprd", "compound", "amod", "appos", "npadvmod"):
            if lemma in SPEECH and child.dep_ in ("ccomp", "parataxis", "xcomp") and f.claim_tok is None:
                subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None:
                    f.claim_tok = subj
                if "would" in flags:
                    flags.add("future")
            elif lemma in DENY and child.dep_ in ("ccomp", "xcomp", "pcomp", "dobj"):
                flags.add("denied")
            elif lemma in ("fail", "neglect") and child.dep_ == "xcomp":
                f.negated = f.failed = True
            elif lemma in INTENT and child.dep_ in ("xcomp", "ccomp"):
                flags.add("future")
            elif lemma in HYPO_VERBS and child.dep_ in ("pobj", "prep", "dobj", "xcomp", "ccomp"):
                flags.add("hypothetical")
            elif cur.lower_ in ("early", "premature") or (cur.pos_ == "NOUN" and lemma in HYPO_NOUNS and child.dep_ in ("pobj", "prep", "acl")):
                flags.add("hypothetical")
            elif cur.pos_ == "NOUN" and lemma in REPORT_NOUNS and child.dep_ in ("pobj", "prep", "acl", "ccomp"):
                flags.add("reported")
            elif lemma == "accord" and child.dep_ == "prep":
                pass
            elif _is_condition(child):
                flags.add("hypothetical")
        if lemma in ("if", "unless"):
            flags.add("hypothetical")
    # "according to X" anywhere in the sentence
    if f.claim_tok is None and according is not None:
        f.claim_tok = according
    if "would" in flags and "future" not in flags:
        flags.add("hypothetical")
    if (sent.text if text is None else text).rstrip().rstrip('"”’\'').endswith("?"):
        flags.add("question")
    for m in ("question", "denied", "hypothetical", "future", "reported"):
        if m in flags:
            f.modality = m
            break


# ------------------------------------------------------------------ sentence


def depth_of(tok: "Token") -> int:
    """Distance from the sentence root, not counting the speech frame ("X said (that) ...")."""
    d = 0
    cur = tok
    while cur.head.i != cur.i:
        child, cur = cur, cur.head
        if not (cur.lemma_.lower() in SPEECH and child.dep_ in ("ccomp", "parataxis", "xcomp")):
            d += 1
    return d


def derive_commitments(found: list[Found]) -> list[Found]:
    """Future acts without a wrapper ("Finland will give Tanzania a grant") also give the
    promise or threat PLOVER codes: AGREE / THREATEN / REJECT (refused: "will not accept")."""
    out: list[Found] = []
    for f in found:
        if f.failed and f.type in ("AGREE", "CONSULT") and f.parent is None and not f.preset:
            out.append(_derived(f, "REJECT"))  # "failed to reach agreement"
            continue
        if f.type == "AGREE" and f.negated and f.parent is None and not f.entry.wrap and f.sources \
                and _aux_lemmas(f.anchor) & FUTURE_AUX:
            out.append(_derived(f, "REJECT"))  # "we will never accept ..."
            continue
        if f.parent is not None or f.entry.wrap or f.type in VERBAL or not f.sources or f.preset:
            continue
        if f.type == "CONCEDE" and not f.negated and not f.conditional:
            continue  # a promised easing is itself the verbal concession PLOVER codes
        if not (_aux_lemmas(f.anchor) & FUTURE_AUX):
            continue
        if f.conditional:
            out.append(_derived(f, "THREATEN"))  # "will withdraw its force unless ..."
            continue
        if f.modality != "future":
            continue
        if f.type in COOPERATIVE:
            wtype = "REJECT" if f.negated else "AGREE"
        else:
            if f.negated or f.type == "MOBILIZE":  # a deployment is a posture, not yet a threat
                continue
            wtype = "THREATEN"
        out.append(_derived(f, wtype))
    return out


def _derived(f: Found, wtype: str) -> Found:
    """The speech act PLOVER codes over act `f` (promise, threat, refusal), on the same trigger."""
    wtype, mode, cameo = wrap_code(wtype, DEFAULT_CAMEO[wtype], f)
    d = Found(f.entry, f.tok, wtype, mode, cameo, f.pos, sources=f.sources, targets=f.targets,
              modality="asserted", claim_tok=f.claim_tok, derived=True, light=f.light)
    d.embedded = f
    f.parent = d
    return d


MUST_ENTRY = Entry("must", "V", None, (), "REQUEST", None, "100", frozenset({"wrap"}), 0)
OBLIGATION = frozenset("must should ought".split())


def obligations(ann: "Annotation", sent: "Span", found: list[Found], speaker_at, speech: list["Token"],
                according: "Token | None") -> list[Found]:
    """"X said Y must do Z" is a demand by X on Y (CAMEO 10), whether or not Z is a coded act."""
    out: list[Found] = []
    by_tok = {f.tok.i: f for f in found}
    for v in speech:
        for c in v.children:
            # "insisted that Israel withdraw": the bare subjunctive demands as "must" does
            subjunctive = v.lemma_.lower() == "insist" and c.tag_ == "VB" and not _aux_lemmas(c)
            if c.dep_ != "ccomp" or not (_aux_lemmas(c) & OBLIGATION or subjunctive or (c.lemma_ == "have" and any(
                    x.dep_ == "xcomp" for x in c.children))):
                continue
            subj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
            speaker = next((x for x in v.children if x.dep_ == "nsubj"), None)
            if subj is None or speaker is None or subj.lower_ in ("i", "we", "you") or by_tok.get(c.i, None) and \
                    by_tok[c.i].entry.wrap:
                continue
            req = Found(MUST_ENTRY, c, "REQUEST", None, "100", "V", light=v, preset=True)
            spk = speaker_at(v.idx)
            req.sources = code_arg(ann, speaker, "subject", spk)
            req.targets = code_arg(ann, subj, "subject", spk)
            find_modality(req, sent, according)
            req.claim_tok = None
            inner = by_tok.get(c.i)
            if inner is not None and inner.parent is None:
                inner.parent, req.embedded = req, inner
                req.type, req.mode, req.cameo = wrap_code("REQUEST", "100", inner)
            out.append(req)
    return out


def sentence_events(ann: "Annotation", sent: "Span", lexicon: Lexicon, speaker_at) -> list[Found]:
    """All events of one sentence, ranked: main acts first (shallowest trigger, speech acts
    before the acts they embed)."""
    found = find_triggers(sent, lexicon)
    speech = [t for t in sent if t.lemma_.lower() in SPEECH_OR_INSIST]
    if not found and not speech:
        return []
    according = according_to(sent) if found or speech else None
    text = ann.document.text[sent.start_char:sent.end_char]
    link_wrappers(found)
    for f in found:
        speaker = speaker_at(f.tok.idx)
        find_modality(f, sent, according, text)
        find_arguments(ann, f, speaker)
        assault_mode(f)
        if f.parent is not None and not f.sources and f.parent.sources and f.parent.type in ("AGREE", "REJECT", "THREATEN"):
            f.sources = f.parent.sources  # "agreed to ceasefire": the agreeing party observes it
    # a demand's target is who is to act: "demanded that the US cancel ...", "urged Iran to ..."
    for f in found:
        if f.type == "REQUEST" and f.entry.wrap and not f.targets:
            clause = next((c for c in f.tok.children if c.dep_ in ("ccomp", "xcomp", "acl")), None)
            subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None) if clause is not None else None
            if subj is not None:
                f.targets = code_arg(ann, subj, "subject", speaker_at(f.tok.idx))
    # wrappers without a target take their act's target ("threatened to shell Iraqi towns")
    for f in found:
        if f.embedded is not None and not f.targets:
            inner = f.embedded
            src_ids = {a.ref.actor_id or a.ref.code for a in f.sources}
            if f.type == "REQUEST" and inner.sources and {a.ref.actor_id or a.ref.code for a in inner.sources} != src_ids:
                f.targets = inner.sources
            else:
                f.targets = [a for a in inner.targets if (a.ref.actor_id or a.ref.code) not in src_ids]
    # a threat aims at whoever its condition is about: "threatened to block the strait if the
    # United States tried to halt its exports"
    for f in found:
        if f.type == "THREATEN" and not f.targets:
            subj = _condition_subject(f.anchor) or (_condition_subject(f.embedded.anchor) if f.embedded else None)
            if subj is not None:
                f.targets = [a for a in code_arg(ann, subj, "condition", speaker_at(f.tok.idx))
                             if (a.ref.actor_id or a.ref.code) not in {s.ref.actor_id or s.ref.code for s in f.sources}]
    found += derive_commitments(found)
    found += obligations(ann, sent, found, speaker_at, speech, according)
    for f in found:
        if f.parent is not None and f.parent.preset:
            f.modality = "hypothetical"  # what was demanded has not happened
    for f in found:
        # a nominal event as a clause's subject is what the clause is about ("a hunger strike ...
        # entered its third week as the detainees pressed for ..."): it ranks with its verb
        subject = f.tok.dep_ in ("nsubj", "nsubjpass", "csubj") and (f.pos == "N" or f.tok.tag_ == "VBG")
        anchor = f.tok.head if subject and f.light is None else f.anchor
        f.depth = depth_of(anchor) * 2 + (1 if f.parent is not None else 0) - (1 if f.derived else 0)
        f.confidence = _confidence(f)
    found.sort(key=lambda f: (f.depth, -f.confidence, f.tok.i))
    return found


def _is_condition(clause: "Token") -> bool:
    """Whether `clause` is an "if/unless" clause."""
    return clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children)


def _condition_subject(tok: "Token") -> "Token | None":
    """The subject of an "if/unless" clause hanging on `tok` or on its complement ("threatened to
    close the strait if the United States ...")."""
    for verb in [tok] + [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")]:
        for clause in verb.children:
            if _is_condition(clause):
                return next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def _confidence(f: Found) -> float:
    """Prior probability that the event's type is right, by the evidence behind it. The values
    are the precision of the top-ranked event of a sentence with that evidence on the PLOVER
    GSR dev sentences (docs/evaluation.md): a verb with a specific pattern ("open fire",
    "impose sanctions") ~0.95, a bare verb ~0.9, a derived promise/threat ~0.8, a noun ~0.7;
    an event whose source could not be found is less often a real, codable event (-0.15)."""
    specific = any(name in ("obj", "mod", "prep", "subj") for name, _ in f.entry.tests)
    if f.derived or f.preset:
        base = 0.8
    elif f.pos == "N":
        base = 0.75 if specific else 0.7
    else:
        base = 0.95 if specific or (f.entry.wrap and f.embedded is not None) else 0.9
    if not f.sources:
        base -= 0.15
    return round(base, 2)
