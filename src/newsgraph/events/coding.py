"""Noun phrase -> coded actor for an event's source, target or claimant.

The actors stage owns actor coding: an NP is looked up there first (`link_mention` of
newsgraph.actors.resolve when it exists, else the actor whose mention the NP covers). Only when
that gives nothing is a small table of our own used (country names, adjectives and capitals,
and the sector of the head noun), so events keep their country when the actor stage has no
entry for a phrase such as "Hungarian and Romanian officials".
"""

from __future__ import annotations

import bisect
import importlib
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable

from ..records import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..annotation import Annotation

# ISO3: name variants | adjectives and demonyms | capitals used for governments (curated by hand).
_COUNTRIES = """
AFG afghanistan|afghan|kabul; ALB albania|albanian|tirana; DZA algeria|algerian|algiers; AGO angola|angolan|luanda;
ARG argentina|argentine argentinian|buenos aires; ARM armenia|armenian|yerevan; AUS australia|australian|canberra;
AUT austria|austrian|vienna; AZE azerbaijan|azerbaijani azeri|baku; BHR bahrain|bahraini|manama;
BGD bangladesh|bangladeshi|dhaka; BLR belarus|belarusian belarussian|minsk; BEL belgium|belgian|brussels;
BIH bosnia|bosnian|sarajevo; BRA brazil|brazilian|brasilia; BGR bulgaria|bulgarian|sofia; BFA burkina faso|burkinabe|ouagadougou;
BDI burundi|burundian|bujumbura; KHM cambodia kampuchea|cambodian kampuchean khmer|phnom penh; CMR cameroon|cameroonian|yaounde;
CAN canada|canadian|ottawa; CAF central african republic|central african|bangui; TCD chad|chadian|n'djamena;
CHL chile|chilean|santiago; CHN china prc|chinese|beijing; COL colombia|colombian|bogota; COD congo drc|congolese|kinshasa;
HRV croatia|croatian croat|zagreb; CUB cuba|cuban|havana; CYP cyprus|cypriot|nicosia; CZE czech republic czechia|czech|prague;
DNK denmark|danish dane|copenhagen; EGY egypt|egyptian|cairo; ERI eritrea|eritrean|asmara; EST estonia|estonian|tallinn;
ETH ethiopia|ethiopian|addis ababa; FIN finland|finnish finn|helsinki; FRA france|french|paris; GMB gambia|gambian|banjul;
GEO georgia|georgian|tbilisi; DEU germany|german|berlin; GHA ghana|ghanaian|accra; GRC greece|greek|athens;
GTM guatemala|guatemalan|guatemala city; GIN guinea|guinean|conakry; HTI haiti|haitian|port-au-prince; HND honduras|honduran|tegucigalpa;
HUN hungary|hungarian|budapest; IND india|indian|new delhi; IDN indonesia|indonesian|jakarta; IRN iran|iranian|tehran;
IRQ iraq|iraqi|baghdad; IRL ireland|irish|dublin; ISR israel|israeli|jerusalem tel aviv; ITA italy|italian|rome;
CIV ivory coast cote d'ivoire|ivorian|abidjan yamoussoukro; JPN japan|japanese|tokyo; JOR jordan|jordanian|amman;
KAZ kazakhstan|kazakh|astana; KEN kenya|kenyan|nairobi; PRK north korea dprk|north korean|pyongyang; KOR south korea|south korean|seoul;
XKX kosovo|kosovar|pristina; KWT kuwait|kuwaiti|kuwait city; KGZ kyrgyzstan|kyrgyz|bishkek; LAO laos|laotian lao|vientiane;
LVA latvia|latvian|riga; LBN lebanon|lebanese|beirut; LBR liberia|liberian|monrovia; LBY libya|libyan|tripoli;
LTU lithuania|lithuanian|vilnius; MKD macedonia north macedonia|macedonian|skopje; MYS malaysia|malaysian|kuala lumpur;
MLI mali|malian|bamako; MRT mauritania|mauritanian|nouakchott; MEX mexico|mexican|mexico city; MDA moldova|moldovan|chisinau;
MNG mongolia|mongolian|ulan bator; MNE montenegro|montenegrin|podgorica; MAR morocco|moroccan|rabat; MOZ mozambique|mozambican|maputo;
MMR myanmar burma|burmese myanmar|naypyidaw; NAM namibia|namibian|windhoek; NPL nepal|nepalese nepali|kathmandu;
NLD netherlands holland|dutch|amsterdam the hague; NZL new zealand|new zealander|wellington; NIC nicaragua|nicaraguan|managua;
NER niger|nigerien|niamey; NGA nigeria|nigerian|abuja; NOR norway|norwegian|oslo; OMN oman|omani|muscat;
PAK pakistan|pakistani|islamabad; PSE palestine palestinian territories gaza west bank|palestinian|ramallah; PAN panama|panamanian|panama city;
PER peru|peruvian|lima; PHL philippines|philippine filipino|manila; POL poland|polish pole|warsaw; PRT portugal|portuguese|lisbon;
QAT qatar|qatari|doha; ROU romania|romanian|bucharest; RUS russia russian federation|russian|moscow kremlin;
RWA rwanda|rwandan|kigali; SAU saudi arabia|saudi|riyadh; SEN senegal|senegalese|dakar; SRB serbia|serbian serb|belgrade;
SLE sierra leone|sierra leonean|freetown; SGP singapore|singaporean|; SVK slovakia|slovak|bratislava; SVN slovenia|slovenian slovene|ljubljana;
SOM somalia|somali|mogadishu; ZAF south africa|south african|pretoria; SSD south sudan|south sudanese|juba; ESP spain|spanish|madrid;
LKA sri lanka|sri lankan|colombo; SDN sudan|sudanese|khartoum; SWE sweden|swedish swede|stockholm; CHE switzerland|swiss|bern;
SYR syria|syrian|damascus; TWN taiwan|taiwanese|taipei; TJK tajikistan|tajik|dushanbe; TZA tanzania|tanzanian|dodoma dar es salaam;
THA thailand|thai|bangkok; TLS east timor timor-leste|timorese|dili; TUN tunisia|tunisian|tunis; TUR turkey turkiye|turkish|ankara;
TKM turkmenistan|turkmen|ashgabat; UGA uganda|ugandan|kampala; UKR ukraine|ukrainian|kyiv kiev; ARE united arab emirates uae emirates|emirati|abu dhabi;
GBR britain united kingdom uk great britain england|british english|london downing street; USA united states us u.s. america usa|american|washington white house pentagon;
URY uruguay|uruguayan|montevideo; UZB uzbekistan|uzbek|tashkent; VEN venezuela|venezuelan|caracas; VNM vietnam viet nam|vietnamese|hanoi;
YEM yemen|yemeni|sanaa; ZMB zambia|zambian|lusaka; ZWE zimbabwe|zimbabwean|harare; FJI fiji|fijian|suva; VAT vatican holy see|vatican|
"""

# Non-state groups and organisations the actor stage may not know yet (code as in CAMEO/PLOVER).
_GROUPS: dict[str, tuple[str, str | None]] = {
    "houthi": ("YEM", "REB"), "houthis": ("YEM", "REB"), "hezbollah": ("LBN", "REB"), "hizbollah": ("LBN", "REB"),
    "hamas": ("PSE", "REB"), "taliban": ("AFG", "REB"), "al-shabab": ("SOM", "REB"), "al-shabaab": ("SOM", "REB"),
    "boko haram": ("NGA", "REB"), "pkk": ("TUR", "REB"), "islamic state": ("IMG", "REB"), "isis": ("IMG", "REB"),
    "isil": ("IMG", "REB"), "daesh": ("IMG", "REB"), "al-qaeda": ("IMG", "REB"), "al qaeda": ("IMG", "REB"),
    "nato": ("IGO", None), "united nations": ("IGO", None), "un": ("IGO", None), "u.n.": ("IGO", None),
    "security council": ("IGO", None), "european union": ("IGO", None), "eu": ("IGO", None),
    "african union": ("IGO", None), "arab league": ("IGO", None), "iaea": ("IGO", None), "osce": ("IGO", None),
    "red cross": ("NGO", None), "red crescent": ("NGO", None), "amnesty international": ("NGO", None),
    "human rights watch": ("NGO", None),
}

# Head nouns -> sector (PLOVER/CAMEO sector codes).
_SECTORS = {
    "GOV": "government minister ministry president premier official authority authorities cabinet administration regime "
           "leader king emir chancellor diplomat ambassador envoy spokesman spokeswoman spokesperson secretary governor "
           "mayor kremlin embassy delegation negotiator side state",
    "MIL": "army military troop soldier force navy aircraft jet tank warplane helicopter artillery general commander "
           "marine airforce warship gunship fighter-jet officer peacekeeper battalion brigade pentagon",
    "COP": "police policeman gendarmerie",
    "REB": "rebel insurgent militant guerrilla fighter militia jihadist separatist gunman extremist",
    "OPP": "opposition dissident",
    "MED": "media newspaper agency television radio broadcaster journalist reporter",
    "LEG": "parliament lawmaker congress senate legislator legislature deputy mp senator assembly",
    "JUD": "court judge prosecutor tribunal",
    "CVL": "civilian resident villager people refugee population national citizen",
    "LAB": "worker union",
    "EDU": "student teacher university",
    "BUS": "businessman company firm",
}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    for item in _COUNTRIES.replace("\n", " ").split(";"):
        item = item.strip()
        if not item:
            continue
        iso, rest = item.split(" ", 1)
        parts = rest.split("|")
        for part in parts[:2]:
            # multi-word names are kept whole; single words separated by spaces are variants
            for variant in _variants(part):
                names[variant] = iso
        if len(parts) > 2:
            for variant in _variants(parts[2]):
                names[variant] = iso + "GOV"
    sectors = {w: code for code, words in _SECTORS.items() for w in words.split()}
    return names, sectors


_MULTI = ("united states", "united kingdom", "great britain", "saudi arabia", "north korea", "south korea",
          "south africa", "south sudan", "sri lanka", "new zealand", "ivory coast", "sierra leone", "burkina faso",
          "czech republic", "central african republic", "united arab emirates", "russian federation",
          "east timor", "viet nam", "holy see", "north macedonia", "buenos aires", "addis ababa", "kuala lumpur",
          "mexico city", "panama city", "guatemala city", "kuwait city", "new delhi", "tel aviv", "abu dhabi",
          "dar es salaam", "the hague", "ulan bator", "phnom penh", "white house", "downing street",
          "palestinian territories", "west bank", "north korean", "south korean", "south african", "sri lankan",
          "new zealander", "sierra leonean", "central african", "south sudanese", "cote d'ivoire", "great britain")


def _variants(part: str) -> list[str]:
    """Name variants in one field: known multi-word names whole, the other words one by one."""
    part = f" {part.strip()} "
    out: list[str] = []
    for multi in sorted(_MULTI, key=len, reverse=True):
        if f" {multi} " in part:
            out.append(multi)
            part = part.replace(f" {multi} ", " ")
    out.extend(w for w in part.split() if w)
    return out


@dataclass
class Arg:
    """A coded argument: the reference plus country/sector for evaluation and GDELT columns."""

    ref: ActorRef
    country: str | None
    sector: str | None
    token: Any
    role: str


def _link_fn() -> Callable[..., Any] | None:
    try:
        module = importlib.import_module("newsgraph.actors.resolve")
    except ImportError:
        return None
    return getattr(module, "link_mention", None)


@lru_cache(maxsize=1)
def link_mention_fn() -> Callable[..., Any] | None:
    return _link_fn()


NP_DEPS = frozenset(("compound", "amod", "nmod", "poss", "nummod", "quantmod", "det", "case", "appos", "flat",
                     "npadvmod"))
# Heads that stand for their complement ("thousands of Kurds", "one third of the guerrillas").
CONTAINER_HEADS = frozenset("""number group dozen dozens hundred hundreds thousand thousands million millions third
    half quarter majority part some many most all one two three members member""".split())
# Titles give a person's sector even when the actor stage cannot place them.
_TITLES = {"president": "GOV", "minister": "GOV", "premier": "GOV", "chancellor": "GOV", "king": "GOV",
           "emir": "GOV", "secretary": "GOV", "governor": "GOV", "ambassador": "GOV", "spokesman": "GOV",
           "judge": "JUD", "general": "MIL", "gen.": "MIL", "colonel": "MIL", "commander": "MIL",
           "archbishop": "REL", "bishop": "REL", "leader": "GOV", "senator": "LEG", "speaker": "LEG"}


def np_tokens(head: "Token") -> list["Token"]:
    """The head and its nominal modifiers (not its clauses or prepositional phrases)."""
    out = [head]
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in NP_DEPS or (child.dep_ == "conj" and tok is not head and tok.dep_ in ("amod", "compound")) \
                    or (child.dep_ == "cc" and tok is not head):
                out.append(child)
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def split_conjuncts(head: "Token") -> list["Token"]:
    """Conjoined heads ("Israel and Lebanon") -> each; conjoined adjectives of one head
    ("Hungarian and Romanian officials") -> one pseudo-head per adjective (returned as the adjective)."""
    heads = [head] + [c for c in head.conjuncts if c.i > head.i and c.dep_ == "conj"]
    out: list["Token"] = []
    for h in heads:
        adjs = [c for c in h.children if c.dep_ in ("amod", "compound") and any(g.dep_ == "conj" for g in c.children)]
        if adjs:
            first = adjs[0]
            out.append(h)
            out.extend(g for g in first.conjuncts if g.dep_ == "conj")
        else:
            out.append(h)
    return out


def _country_in(tokens: list["Token"]) -> tuple[str | None, str | None, str]:
    names, _ = _tables()
    text = " ".join(t.lower_ for t in tokens)
    for t in tokens:  # a named group wins over a patron's adjective ("pro-Iranian Hizbollah")
        if t.lower_ in _GROUPS:
            return (*_GROUPS[t.lower_], t.lower_)
    for multi in _MULTI:
        if multi in text and multi in names:
            code = names[multi]
            return code[:3], code[3:] or None, multi
    for t in tokens:
        for key in (t.lower_, t.lemma_.lower(), t.lower_[:-1] if t.lower_.endswith("s") else ""):
            if key in names:
                code = names[key]
                return code[:3], code[3:] or None, key
    for t in tokens:
        if t.lower_ in _GROUPS:
            return (*_GROUPS[t.lower_], t.lower_)
    for k, value in _GROUPS.items():
        if " " in k and k in text:
            return (*value, k)
    return None, None, ""


def is_country_word(tok: "Token") -> bool:
    names, _ = _tables()
    low = tok.lower_
    return low in names or low in _GROUPS or (low.endswith("s") and low[:-1] in names)


def head_sector(head: "Token") -> str | None:
    _, sectors = _tables()
    return sectors.get(head.lemma_.lower()) or sectors.get(head.lower_)


class MentionIndex:
    """Actor mentions sorted by offset: `Annotation.actor_at` in O(log n) (events ask it often)."""

    def __init__(self, actors: list[Any]) -> None:
        spans = sorted(((s, e, a) for a in actors for s, e in a.mentions), key=lambda x: (x[0], x[1]))
        self.starts = [s for s, _, _ in spans]
        self.spans = spans
        self.longest = max((e - s for s, e, _ in spans), default=0)

    def at(self, start: int, end: int) -> Any:
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        best = None
        for s, e, actor in self.spans[lo:hi]:
            if s < end and start < e:
                slack = abs(s - start) + abs(e - end)
                if best is None or slack < best[0]:
                    best = (slack, actor)
        return best[1] if best else None


def actor_at(ann: "Annotation", start: int, end: int) -> Any:
    """The actor whose mention best overlaps [start, end) (same rule as Annotation.actor_at)."""
    index = ann.shared.get("events.mentions")
    if index is None:
        index = ann.shared["events.mentions"] = MentionIndex(ann.document.actors)
    return index.at(start, end)


def code_np(ann: "Annotation", head: "Token", role: str, alone: bool = True) -> Arg | None:
    """Code the noun phrase headed by `head`; None when it names no actor.

    `alone` is False for a pseudo-head split off a compound modifier ("Romanian" in "Hungarian
    and Romanian officials"): the sector then comes from the shared head noun.
    """
    if alone and (head.lemma_.lower() in CONTAINER_HEADS or head.like_num):
        inner = [p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
                 for p in prep.children if p.dep_ == "pobj"]
        if inner:
            return code_np(ann, inner[0], role)
    shared_head = head
    if not alone:  # "Romanian" in "Hungarian and Romanian officials" -> "officials"
        while shared_head.dep_ == "conj":
            shared_head = shared_head.head
        shared_head = shared_head.head
    tokens = np_tokens(head) if alone else [head]
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    name = ann.document.text[start:end] if alone else f"{head.text} {shared_head.text}"
    split = [t for t in tokens if t.dep_ in ("amod", "compound") and any(c.dep_ == "conj" for c in t.children)]
    if alone and split:
        # "Hungarian and Romanian officials": this conjunct is "Hungarian officials"; look up
        # the adjective alone, or the whole phrase would find the other conjunct's actor
        tokens = [split[0]]
        start, end = split[0].idx, split[0].idx + len(split[0].text)
        name = f"{split[0].text} {head.text}"
    sector = head_sector(shared_head) or _title_sector(tokens)
    # an actor whose mention covers the head already is the actor stage's answer (cheap lookup);
    # only other phrases go to link_mention, which reads the phrase afresh
    found = actor_at(ann, start, end)
    covers = found is not None and found.country and any(s <= head.idx < e for s, e in found.mentions)
    link = link_mention_fn()
    if link is not None and not covers and (sector or any(
            t.ent_type_ in ("PERSON", "NORP", "GPE", "ORG", "LOC", "FAC") or t.pos_ == "PROPN" for t in tokens)):
        try:
            linked = link(ann, start, end)
        except Exception:  # the actor stage must never break event coding
            linked = None
        if linked is not None and getattr(linked, "code", None):
            found = linked
    actor_id = (getattr(found, "actor_id", None) or getattr(found, "id", None)) if found is not None else None
    if found is not None:
        arg = _arg_from(found, name, sector, head, role)
        if arg.country:
            return arg
        sector = arg.sector or sector
        name = arg.ref.name or name
    country, csector, _ = _country_in(tokens)
    if country is None and alone:
        # "Opposition groups in Zimbabwe", "government of Sindh province": where the group is
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "from"):
                for p in prep.children:
                    if p.dep_ == "pobj":
                        country, csector, _ = _country_in(np_tokens(p))
                        if country is None:
                            inner_actor = actor_at(ann, p.idx, p.idx + len(p.text))
                            if inner_actor is not None and inner_actor.country:
                                country = inner_actor.country
                        if country is None:
                            country = _place_country(ann, np_tokens(p))
                        csector = None if csector == "GOV" and sector else csector
                if country:
                    break
    if country is None:
        if found is not None or (sector is not None and sector != "GOV"):
            # "rebels", "police": GDELT codes an actor of unknown country by its sector (REB, COP)
            return Arg(ActorRef(name, actor_id, sector), None, sector, head, role)
        return None
    # a capital or government building names the government ("Moscow said"); a group keeps its
    # own sector ("Houthi rebels"); otherwise the head noun says which part of the country it is
    sector = csector if csector and csector != "GOV" else (sector or csector)
    code = country + (sector or "")
    return Arg(ActorRef(name, actor_id, code), country, sector, head, role)


def _place_country(ann: "Annotation", tokens: list["Token"]) -> str | None:
    """Country of a gazetteer place inside the phrase ("the government of Sindh province")."""
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    for place in ann.document.places or []:
        pstart = place.get("start") if isinstance(place, dict) else getattr(place, "start", None)
        country = place.get("country") if isinstance(place, dict) else getattr(place, "country", None)
        if pstart is not None and start <= pstart < end and country:
            return country
    return None


def _title_sector(tokens: list["Token"]) -> str | None:
    for t in tokens:
        if t.lower_ in _TITLES:
            return _TITLES[t.lower_]
    return None


SECTOR_CODES = frozenset("""GOV MIL REB OPP COP MED LEG JUD CVL LAB EDU BUS ELI REL SPY UAF CRM HLH AGR ENV REF MOD
    RAD SEP INS PTY DEV HRI MNC IMG""".split()) - {"IMG"}


def _arg_from(found: Any, name: str, head_sector_code: str | None, head: "Token", role: str) -> Arg:
    actor_id = getattr(found, "actor_id", None) or getattr(found, "id", None)
    code = getattr(found, "code", None) or None
    country = getattr(found, "country", None)
    if not country and code and code[:3] not in SECTOR_CODES:
        country = code[:3]
    sector = getattr(found, "sector", None)
    if not sector and code:
        rest = code[3:6] if country else code[:3]
        sector = rest if rest in SECTOR_CODES else None
    kind = getattr(found, "kind", None)
    # "Russian aircraft": the actor is the country, the head noun says which part of it.
    if head_sector_code and kind == "country" and sector in (None, "GOV") and country:
        sector = head_sector_code
    if country:
        code = country + (sector or "") if not code or kind == "country" or not code.startswith(country) else code
    return Arg(ActorRef(getattr(found, "name", None) or name, actor_id, code), country, sector or head_sector_code,
               head, role)


def bare_np(ann: "Annotation", head: "Token", role: str) -> Arg:
    """An uncoded argument that still names what was acted on ("the convoy")."""
    tokens = np_tokens(head)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return Arg(ActorRef(ann.document.text[start:end], None, None), None, None, head, role)


def country_of(code: str | None) -> str | None:
    return code[:3] if code else None
