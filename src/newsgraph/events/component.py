"""The 'events' component: PLOVER/CAMEO events per sentence, with claimant, place and date.

Runs after actors and quotes (it codes arguments through the actors and resolves "we" in a
quote to the speaker's side); places and dates are read if their components ran before it
(settings [pipeline].components), else location is null and the date is the publication date.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from itertools import product
from typing import Any, Callable

from ..annotation import Annotation
from ..records import ActorRef
from ..registry import component
from ..settings import Options
from .cameo import goldstein, quad_class
from .coding import SECTOR_CODES, Arg, actor_at, code_np, np_tokens
from .extract import Found, sentence_events, speaker_arg
from .lexicon import load_lexicon
from .records import Event, Trigger

MAX_PAIRS = 8


@component("events")
def make_events(options: Options):
    lexicon = load_lexicon()

    def events(ann: Annotation) -> None:
        ann.document.events = extract_events(ann, lexicon)

    return events


def extract_events(ann: Annotation, lexicon=None) -> list[Event]:
    """All events of an annotated document, in sentence order, main acts first within a sentence."""
    lexicon = lexicon or load_lexicon()
    quotes = QuoteIndex(ann)
    out: list[Event] = []
    ids: dict[int, list[str]] = {}
    for si, sent in enumerate(ann.doc.sents):
        found = sentence_events(ann, sent, lexicon, quotes.speaker_at)
        if not found:
            continue
        places = [p for p in (ann.document.places or []) if _is_location(p, sent.start_char, sent.end_char)]
        for f in found:
            made = _events_of(ann, f, si, quotes, len(out))
            # an uncoded target takes the event's country unless it names another ("16 Russian advisers")
            bare = not any(t.ent_type_ in ("NORP", "GPE") for a in f.targets for t in np_tokens(a.token))
            date, date_source = sentence_date(ann, si, sent.start_char, sent.end_char, f.tok.idx, f.anchor)
            for e in made:
                e.date, e.date_source = date, date_source
                e.location = _nearest_place(places, f.tok.idx, e)
                source, target = _placed(e.source, e.location), _placed(e.target, e.location, bare)
                if not (source and target and source.code == target.code):  # (no act on itself)
                    e.source, e.target = source, target
            ids[id(f)] = [e.id for e in made]
            out.extend(made)
        for f in found:  # link embedded acts to their speech act
            if f.parent is not None and id(f.parent) in ids and ids[id(f.parent)]:
                for eid in ids.get(id(f), []):
                    ev = next(e for e in out if e.id == eid)
                    ev.parent = ids[id(f.parent)][0]
    return out


def _events_of(ann: Annotation, f: Found, si: int, quotes: "QuoteIndex", n0: int) -> list[Event]:
    sources: list[Arg | None] = list(f.sources) or [None]
    targets: list[Arg | None] = list(f.targets) or [None]
    if "sym" in f.entry.flags and len(f.sources) >= 2 and not f.targets:
        pairs = [(s, t) for s in f.sources for t in f.sources if s is not t]
    else:
        pairs = list(product(sources, targets))
    pairs = [(s, t) for s, t in pairs if not (s and t and _same(s, t))] or [(sources[0], None)]
    pairs = pairs[:MAX_PAIRS]
    tok = f.tok
    trigger = Trigger(tok.text, tok.idx, tok.idx + len(tok.text))
    qi, qspeaker = quotes.quote_at(tok.idx)
    if f.preset:  # "X said Y must ...": X's own demand, not a claim about it
        qspeaker = None
    claimed = None
    if qspeaker is not None and (getattr(qspeaker, "name", None) or getattr(qspeaker, "code", None)):
        arg = speaker_arg(ann, qspeaker)
        claimed = arg.ref if arg is not None else ActorRef(getattr(qspeaker, "name", None),
                                                             getattr(qspeaker, "actor_id", None), None)
    elif f.claim_tok is not None:
        arg = code_np(ann, f.claim_tok, "claimant")
        if arg is not None:
            claimed = arg.ref
        else:
            claimed = _bare_ref(ann, f.claim_tok)
    modality = f.modality
    if claimed is not None and modality == "asserted":
        modality = "reported"
    group = f"g{n0 + 1}" if len(pairs) > 1 else None
    out = []
    for k, (s, t) in enumerate(pairs):
        toks = [tok] + [a.token for a in (s, t) if a is not None]
        start = min(x.idx for x in toks)
        end = max(x.idx + len(x.text) for x in toks)
        out.append(Event(
            id=f"e{n0 + k + 1}", type=f.type, mode=f.mode, cameo=f.cameo, quad_class=quad_class(f.cameo),
            goldstein=goldstein(f.cameo), source=s.ref if s else None, target=t.ref if t else None,
            trigger=trigger, sentence=si, start=start, end=end, negated=f.negated, modality=modality,
            claimed_by=claimed, confidence=f.confidence, quote=qi, group=group,
            source_role=s.role if s else None))
    return out


def _same(a: Arg, b: Arg) -> bool:
    if a.token.i == b.token.i:
        return True
    if a.ref.actor_id and a.ref.actor_id == b.ref.actor_id and a.ref.code == b.ref.code:
        return True
    return False


def _bare_ref(ann: Annotation, tok) -> ActorRef | None:
    """A claimant the actor stage cannot code still has a name ("witnesses", "a UN official")."""
    actor = actor_at(ann, tok.idx, tok.idx + len(tok.text))
    if actor is not None:
        return ActorRef(actor.name, actor.id, actor.code)
    if tok.pos_ == "PRON":
        return None
    return ActorRef(" ".join(t.text for t in tok.subtree if t.dep_ not in ("relcl", "punct"))[:80], None, None)


class QuoteIndex:
    """Which quote (and speaker) holds a character offset."""

    def __init__(self, ann: Annotation) -> None:
        self.spans: list[tuple[int, int, int, Any]] = []
        for qi, q in enumerate(ann.document.quotes or []):
            frags = list(getattr(q, "spans", None) or []) or [(q.start, q.end)]
            for s, e in frags:
                self.spans.append((s, e, qi, q))

    def quote_at(self, char: int) -> tuple[int | None, Any]:
        for s, e, qi, q in self.spans:
            if s <= char < e:
                return qi, getattr(q, "speaker", None)
        return None, None

    def speaker_at(self, char: int) -> Any:
        """The speaker of a direct or mixed quote holding `char` ("we" is the speaker's side)."""
        qi, speaker = self.quote_at(char)
        return speaker


# ------------------------------------------------------------------ places and dates


def _is_location(place: Any, start: int, end: int) -> bool:
    role = getattr(place, "role", None) if not isinstance(place, dict) else place.get("role")
    pstart = getattr(place, "start", None) if not isinstance(place, dict) else place.get("start")
    if role not in (None, "location") or pstart is None:
        return False
    return start <= pstart < end and role == "location"


def _placed(ref: ActorRef | None, place: Any, bare: bool = False) -> ActorRef | None:
    """An actor known only by its sector ("gunmen", "demonstrators") takes the country of the
    place the event happens in, as event coders do ("gunmen stormed a village in Burkina Faso");
    so does an uncoded target (`bare`: "shelled a displacement camp near El Fasher")."""
    country = _get(place, "country") if place is not None else None
    if ref is None or not country:
        return ref
    if not ref.code:
        return ActorRef(ref.name, ref.actor_id, country) if bare else ref
    if ref.code[:3] not in SECTOR_CODES:
        return ref
    return ActorRef(ref.name, ref.actor_id, country + ref.code[:3])


def _nearest_place(places: list[Any], char: int, event: Event) -> Any:
    if not places:
        return None

    def pos(p: Any) -> int:
        return p["start"] if isinstance(p, dict) else p.start

    inside = [p for p in places if event.start <= pos(p) <= event.end + 60]
    pool = inside or places
    return min(pool, key=lambda p: abs(pos(p) - char))


@lru_cache(maxsize=1)
def _date_helpers() -> tuple[Callable[..., Any] | None, Callable[..., Any] | None]:
    """newsgraph.dates' (date_for_token, date_for_sentence), where that package offers them."""
    try:
        module = importlib.import_module("newsgraph.dates")
    except ImportError:
        return None, None
    by_token = getattr(module, "date_for_token", None)
    by_sentence = getattr(module, "date_for_sentence", None)
    return (by_token if callable(by_token) else None), (by_sentence if callable(by_sentence) else None)


def _get(rec: Any, key: str) -> Any:
    return rec.get(key) if isinstance(rec, dict) else getattr(rec, key, None)


def _date_value(rec: Any) -> str | None:
    """ISO date, or an ISO interval "start/end", of a date record (DateRef or look-alike)."""
    if rec is None:
        return None
    if _get(rec, "type") in ("duration", "set"):
        return None
    first, last = _get(rec, "start_date"), _get(rec, "end_date")
    if isinstance(first, str) and first[:4].isdigit():
        return first if not last or last == first else f"{first}/{last}"
    for key in ("value", "iso", "normalized", "resolved", "date"):
        value = _get(rec, key)
        if isinstance(value, str) and len(value) >= 10 and value[:4].isdigit() and value[4] == "-":
            return value
    return None


def sentence_date(ann: Annotation, si: int, start: int, end: int, char: int | None = None,
                  token: Any = None) -> tuple[str | None, str | None]:
    """The date of the date expression governing the event (newsgraph.dates' helpers, else the
    dates records of its sentence nearest the trigger), else the publication date; with its
    source ("sentence" or "publication")."""
    by_token, by_sentence = _date_helpers()
    for helper, arg in ((by_token, token), (by_sentence, si)):
        if helper is None or arg is None:
            continue
        try:
            value = _date_value(helper(ann, arg))
        except Exception:  # the dates stage must never break event coding
            value = None
        if value:
            return value, "sentence"
    found: list[tuple[int, str]] = []
    for rec in ann.document.dates or []:
        rstart = _get(rec, "start")
        if rstart is not None and start <= rstart < end:
            value = _date_value(rec)
            if value:
                found.append((abs(rstart - (char if char is not None else start)), value))
    if found:
        return min(found)[1], "sentence"
    if ann.document.date:
        return ann.document.date, "publication"
    return None, None
