"""Find place mentions in a parsed article, resolve each to one gazetteer entry, and tell
locations from places that stand for their government.

Mentions come from the NER (GPE, LOC, FAC), from entities the small model mislabels (ORG
"Kiev", NORP "Sevastopol", LANGUAGE "Odesa", DATE "Amhara") and untagged proper nouns ("Aleppo,
Syria's largest city"), both accepted only for well-known places or after a locative cue (a
preposition, a list joined to one, "the X front", "X, a town in Y"), or, for a mislabelled town,
when the article's other places point to its country; and from datelines ("NEW YORK/MOSCOW, Oct
1 -"). A town the gazetteer lacks that the text puts in a container ("X, a town in Y", "the
village of X in Y", "X, south of Y", "X, near Y's border", "X, an Ethiopian town") takes the
container's place, and one after a locative cue in a sentence whose locations all lie in one
country takes that country, both at half confidence.

Each candidate entry gets a score, and the best wins:
    importance (log10 population; countries +1) + 0.75 if a capital
    - 0.5 for an alternate spelling or a spelling variant, - 1.5 for a loose (consonant) match
    + 3 x the share of the article's country evidence that points to the candidate's country
      (other places, demonyms such as "Lebanese", the countries of the article's actors; not
      other mentions of the same name);
      1 x for a small town competing with bigger places of its name
    + 2 if the candidate's US state is mentioned in the article
    + 1 if it lies within 300 km of another place of the article that is not in doubt
    + 6 if an explicit qualifier names its country or state ("Paris, Texas", "Libya's Tripoli",
      "the Lebanese city of Tripoli", "Tripoli in northern Lebanon", "Hyderabad, a city in Pakistan's ...")
    + 2 if a feature word agrees ("Idlib province" -> admin1, "the city of Idlib" -> city),
      - 2 for a country when the word says admin ("Niger state")
    + 0.25 x the similarity of the written name to the entry's own name (breaks ties between
      entries sharing an alternate name).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING

import pycountry

from .gazetteer import Entry, Gazetteer, fold, gazetteer, haversine_km
from .records import Place

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..annotation import Annotation

PLACE_LABELS = {"GPE", "LOC", "FAC"}
CONNECTORS = {"al", "el", "ez", "ed", "ad", "as", "ar", "an", "-", "de", "del", "la", "on", "upon", "bin",
              "e", "i", "ul",  # Persian ezafe: "Mazar-e-Sharif", "Mazar-i-Sharif"
              "der", "am", "im", "sur",  # "Frankfurt an der Oder", "Boulogne-sur-Mer"
              "des", "du", "les", "aux", "sous",  # "Croix-des-Bouquets", "Trou-du-Nord"
              "do", "da", "dos", "das",  # "Rio Grande do Norte", "Mato Grosso do Sul"
              "'s", "’s"}  # "Cox's Bazar"
EXTENDERS = CONNECTORS | {"of", "and"}  # only to extend to a name the gazetteer knows: "Port" of "Port of
# Spain", "Jammu" and "Kashmir"
POSSESSIVE = ("'s", "’s")
# Words an entity span may open with that belong to no place's name
LEADING_WORDS = {"the", *POSSESSIVE, "neighbouring", "neighboring", "nearby", "landlocked", "impoverished"}
# Labels of names written in title case, and the small words such a name may hold
TITLE_LABELS = {"WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "LANGUAGE"}
NAME_WORDS = CONNECTORS | {"of", "and", "the", "for", "to", "in", "at", "with", "without", "a", "y", "von", "van"}
# Labels that never name a place; any other label may be a place the small model mislabelled
# (ORG "Kiev", NORP "Sevastopol", LANGUAGE "Odesa", PRODUCT "Mirebalais").
NON_PLACE_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
# ...but a "DATE" of proper nouns that name no day, month or feast is a mislabelled name ("in
# Amhara after fighting" tagged DATE): its words are left to the proper-noun search.
DATE_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
              "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "today", "tonight", "christmas", "easter", "ramadan", "eid", "lent",
              "passover", "hanukkah", "diwali", "nowruz", "ashura", "thanksgiving", "new", "year", "day",
              "eve", "holy", "week", "yom", "kippur", "adha", "fitr", "al", "mubarak", "ul", "mid"}
# Words between two places in one NER span: "from Abuja to Kaduna" tagged as one GPE.
SPAN_SPLITTERS = {"to", "and", "or", ",", "&", "via", "from"}
# "rebel-held X", "Russian-occupied X": only places are held so.
HELD_WORDS = {"held", "controlled", "occupied", "besieged", "administered"}  # (not "-run": "state-run Xinhua")
# Parts of a place: "the Old City of Mosul", "the outskirts of Aleppo" name the place after "of".
PART_WORDS = {"outskirts", "suburbs", "centre", "center", "heart", "streets", "edge", "countryside"}
# A word after a name that makes it a location: "the Kupiansk front", "the Bakhmut direction".
FRONT_WORDS = {"front", "frontline", "direction", "axis", "sector", "area", "outskirts", "countryside"}
# A word after a name that makes it a natural feature: "the Shabelle river" is no city (Sevilla).
NATURE_WORDS = {"river", "lake", "mountains", "mountain", "valley", "dam", "canal", "basin", "desert", "gorge",
                "plateau", "delta", "hills"}
FEATURE_WORDS = NATURE_WORDS | {"volcano", "island", "glacier", "reservoir", "creek", "forest", "peninsula", "airport",
                                 "park"}  # of unlisted features
# a name so opened is a place's
PLACE_FIRST = {"Port", "Fort", "Cape", "Cap", "Mount", "Lake", "Puerto", "Porto", "Ciudad", "Nueva", "Nuevo"}
FEATURE_FIRST = ("River", "Lake", "Mount", "Mt", "Mt.", "Wadi")  # "the River Eden", "Mount Aso"
# "Serekaniye, known in Arabic as Ras al-Ain", "Dnipro (formerly Dnipropetrovsk)": one place, two names.
ALIAS_AFTER = re.compile(r",?\s+\(?(?:also\s+|locally\s+|formerly\s+|previously\s+)?(?:known|called|named)\s+"
                         r"(?:in\s+[A-Z]\w+\s+|locally\s+)?(?:as\s+)?(?=[A-Z])|\s+\((?:formerly|previously|also)\s+(?=[A-Z])")
ALIAS_WORDS = ("known", "called", "named", "formerly", "previously", "(also")
ALIAS_BEFORE = re.compile(r"(?P<name>[A-Z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,2}?),?\s+\(?(?:also\s+)?(?:known|called)\s+"
                          r"(?:in\s+[A-Z]\w+\s+|locally\s+)?(?:as\s+)?$")
# "Renk, a town near the border in South Sudan's Upper Nile state": the feature word says the
# name is a place, and what follows "in"/"of" up to the end of the clause contains it (not past
# a relative pronoun: "Rostov, the Russian city that serves as a hub for the war in Ukraine"; nor
# past "across from": "Narva, a town on the river across from Ivangorod in Russia").
APPOSITIVE = re.compile(
    r",\s+(?:(?:\w+ly\s+)?(?:described|known|regarded|dubbed|billed|called)\s+(?:as\s+)?)?"  # ", often described as"
    r"(?P<pre>(?:one\s+of\s+)?(?:a|an|the)\s+|(?=(?-i:[A-Z])[\w-]*['’]s\s))(?:[\w'’-]+\s+){0,3}?"
    r"(?P<word>city|cities|town|village|port|hamlet|suburb|settlement|enclave|exclave|resort|commune|municipality|"
    r"township|capital|district|province|region|state|governorate|oblast|department|county|slum|neighbou?rhood|"
    r"community)s?\b"
    r"(?!\s+(?:town|city|village|capital)\b)"  # "a district town": the town
    r"(?:(?:(?!\b(?:that|which|who|where|whose|across|opposite)\b)(?:[^,.;:()]|,(?=\d)))*?\b(?:in|of)\s+"
    r"(?P<container>(?:[^,.;:()]|,(?=\d))+))?", re.I)
LOCATIVE = {"in", "near", "at", "outside", "from", "to", "into", "around", "across", "toward", "towards", "opposite",
            "inside", "through", "throughout", "via", "between", "within", "on", "above", "below", "beyond", "along"}
PLACE_OBJECT_VERBS = {"enter", "seize", "capture", "recapture", "retake", "take", "storm", "shell", "bomb",
                      "besiege", "encircle", "surround", "raid", "liberate", "reach", "visit", "occupy",
                      "overrun", "evacuate", "leave", "flee", "abandon", "defend", "lose", "hold", "control",
                      "tour", "invade", "annex", "blockade",
                      "retook", "took", "overran", "held", "left", "fled", "lost"}  # unlemmatised forms
# Nouns a place name modifies as a place: "the Cabo Delgado insurgency", "Gdansk mayor".
PLACE_NOUNS = {"insurgency", "war", "conflict", "crisis", "offensive", "fighting", "siege", "uprising",
               "massacre", "earthquake", "flood", "floods", "bombing", "blast", "ceasefire", "front",
               "frontline", "battle", "clashes", "violence", "unrest", "protests", "riots", "famine",
               "refugees", "camp", "border", "region", "province", "area", "mayor", "governor", "residents",
               "airport", "port", "authorities", "refinery", "airfield", "airbase", "oilfield", "reactor", "complex",
               "shrine", "crossing", "post", "checkpoint", "island", "islands"}
# What a place has ("Garoua's central market", "Kherson's airport"), beyond OF_PLACE.
PLACE_HOLDINGS = {"market", "airport", "harbour", "harbor", "hospital", "square", "neighbourhood", "neighborhood",
                  "district", "old", "downtown", "outskirt", "suburb", "street", "port", "river", "waterfront"}
# A name that acts or owns ("Ramos received", "Sharif's party") is a person before it is a town.
AGENT_DEPS = {"nsubj", "nsubjpass", "poss", "compound", "appos"}
# Verbs whose object is a place or a person: only believed for a place of the article's countries
# ("rockets hit Kiryat Shmona" in an article about Israel, not "protesters attacked Obama").
STRIKE_VERBS = {"hit", "strike", "struck", "attack", "target", "pound", "bombard", "rock", "shake"}
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
              "north-east", "north-west", "south-east", "south-west"}
DISTANCE_WORDS = {"about", "some", "just", "roughly", "nearly", "km", "kilometres", "kilometers", "miles", "mi", "(",
                  ")"}
DIRECTION_WORDS = DIRECTIONS | {"northern", "southern", "eastern", "western", "central", "northeastern",
                                "northwestern", "southeastern", "southwestern"}
OF_PLACE = DIRECTIONS | {"out", "outskirts", "centre", "center", "heart", "control", "capture", "siege", "fall", "hub",
                         "residents", "people", "governor", "mayor", "governors", "mayors", "streets", "city",
                         "town", "village",
                         "capital", "port", "province", "region", "state", "governorate", "oblast", "blockade",
                         "edge", "suburbs", "ruins", "parts", "battle", "shelling", "bombardment", "occupation",
                         "liberation", "evacuation", "areas", "island", "isle", "neighbourhoods", "neighborhoods",
                         "neighbourhood", "neighborhood", "shrine", "citadel", "temple", "fortress", "terminal"}
CITY_WORDS = {"city", "town", "village", "capital", "port", "hamlet", "suburb", "district", "commune",
              "municipality", "township", "resort", "enclave", "exclave", "settlement",
              "cities", "towns", "villages", "ports", "suburbs", "communes"}  # "the towns of Kiwanja and Rutshuru"
ADMIN_FEATURES = ("admin1", "admin2", "region")  # gazetteer features of a country's parts
ADMIN_WORDS = {"province", "governorate", "region", "state", "oblast", "county", "prefecture", "district",
               "territory", "department", "republic", "regency"}
# Verbs whose subject acts: a place as their subject stands for its government or people.
NON_AGENT_VERBS = {"be", "become", "remain", "see", "witness", "host", "suffer", "experience", "lie", "sit",
                   "stand", "border", "record", "face", "have", "include", "contain", "get", "undergo",
                   "receive", "need", "lack", "look", "seem", "fall", "burn", "shake", "come", "go", "rank"}
AGENT_VERBS = {"say", "tell", "warn", "announce", "accuse", "deny", "reject", "insist", "urge", "call",
               "demand", "condemn", "criticize", "criticise", "welcome", "claim", "argue", "state", "add",
               "respond", "reply", "threaten", "vow", "pledge", "promise", "agree", "refuse", "decide",
               "retaliate", "protest", "negotiate", "propose", "offer", "ask", "want", "seek", "plan",
               "intend", "hope", "expect", "believe", "fear", "blame", "praise", "approve", "insist",
               "confirm", "acknowledge", "admit", "report", "allege", "dismiss", "denounce", "slam", "hail",
               "express", "voice", "maintain", "stress", "signal", "suggest", "vote", "veto", "abstain",
               "object", "complain", "push", "press", "step", "move", "act", "intervene", "invade", "attack",
               "strike", "bomb", "respond", "react", "refuse", "resist", "recognize", "recognise"}
# Verbs whose object is addressed or judged as an actor: "Beijing warned Manila", "accused Kigali".
TARGET_VERBS = {"warn", "accuse", "urge", "condemn", "criticize", "criticise", "blame", "threaten", "sanction",
                "pressure", "press", "praise", "thank", "congratulate", "ask", "invite", "reassure", "lobby",
                "persuade", "denounce", "rebuke", "caution", "implore", "exhort", "support", "back", "help",
                "join", "reward", "punish", "defy", "oppose", "trust", "thwart", "provoke", "outmaneuver"}
STANCE_ADJECTIVES = {"ready", "willing", "prepared", "determined", "concerned", "open", "committed", "eager",
                     "reluctant", "unwilling", "keen", "opposed", "unhappy", "satisfied", "confident", "adamant",
                     "firm", "careful", "cautious", "worried", "angry", "furious", "aware", "responsible"}
# Nouns a place modifies when it stands for an actor: "Russia's foreign ministry", "U.S. officials".
ACTOR_NOUNS = {
    "government", "forces", "force", "troops", "army", "military", "navy", "officials", "official", "ministry",
    "minister", "president", "premier", "leader", "leaders", "leadership", "envoy", "ambassador",
    "authorities", "administration", "delegation", "diplomats", "diplomat", "regime", "intelligence",
    "police", "parliament", "spokesman", "spokeswoman", "spokesperson", "warplanes", "jets", "aircraft",
    "coalition", "position", "decision", "support", "plan", "proposal", "response", "demand", "offer",
    "refusal", "policy", "intervention", "annexation", "backing", "stance", "sanctions", "involvement",
    "allies", "ally", "partners", "counterpart", "lawmakers", "cabinet", "department", "agency",
    "soldiers", "commanders", "negotiators", "representative", "representatives", "mission", "statement",
    "secretary", "chief", "general", "foreign", "defence", "defense", "navy", "marines", "embassy",
    "consulate", "envoys", "delegates", "pressure", "threat", "warning", "accusation", "demands",
}
# AP-style state abbreviations ("Paris, Tex.", the dateline "MAYFIELD, Ky.") -> postal code.
AP_STATES = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "colo": "CO", "conn": "CT", "del": "DE", "fla": "FL",
    "ga": "GA", "ill": "IL", "ind": "IN", "kan": "KS", "ky": "KY", "la": "LA", "md": "MD", "mass": "MA",
    "mich": "MI", "minn": "MN", "miss": "MS", "mo": "MO", "mont": "MT", "neb": "NE", "nev": "NV", "nh": "NH",
    "nj": "NJ", "nm": "NM", "ny": "NY", "nc": "NC", "nd": "ND", "okla": "OK", "ore": "OR", "pa": "PA",
    "ri": "RI", "sc": "SC", "sd": "SD", "tenn": "TN", "tex": "TX", "vt": "VT", "va": "VA", "wash": "WA",
    "wva": "WV", "wis": "WI", "wyo": "WY",
}
DATELINE = re.compile(
    r"(?m)^[ \t]*((?:[A-ZÀ-Þ][A-ZÀ-Þ'.\-]*(?: [A-ZÀ-Þ][A-ZÀ-Þ'.\-]*)*)(?:/[A-ZÀ-Þ][A-ZÀ-Þ'.\-]*(?: [A-ZÀ-Þ][A-ZÀ-Þ'.\-]*)*)*)"
    r"(?=(?:,\s*(?P<country>[A-Z][A-Za-z.]+(?:\s(?:and\s|of\s(?:the\s)?)?[A-Z][a-z]+){0,3}))?(?:,\s*[A-Z][a-z]{2,4}\.?\s*\d{1,2})?\s*(?:\([^)]{2,30}\)\s*)?[-–—]\s)")
TOWN_NAME = re.compile(r"(?-i:[A-ZÀ-Þ])(?:[^\W\d_A-ZÀ-Þ]|['’])+(?:[ -](?:(?:al|el|ad|ar|as|ash|az|ez)-)?"
                       r"(?-i:[A-ZÀ-Þ])(?:[^\W\d_A-ZÀ-Þ]|['’])+)*")  # "Tecún Umán", not "D.R." or "LA"
PHRASE_END = re.compile(r"[,.;:()]")
THE_COUNTRY = re.compile(r"\bthe (?:country|nation)['’]s\b", re.I)
BORDER = re.compile(r"\b(?:border|borders|bordering|frontier|near|close to|across|opposite|facing)\b", re.I)
FRONTIER = re.compile(r"\b(?:border|borders|bordering|frontier)\b", re.I)  # the country next door, not a near place
BORDER_AFTER = re.compile(r"(?:['’]s)?\s+(?:border|frontier)\b", re.I)  # "south of the U.S. border"
STREET_WORDS = {"street", "road", "avenue", "square", "boulevard", "lane", "bridge", "highway", "plaza"}  # no towns
# "the Windsor Framework", "the Minsk agreements": a text named after a place is no place
DOCUMENT_WORDS = {"framework", "agreement", "agreements", "accord", "accords", "protocol", "declaration", "treaty",
                  "memorandum", "format", "convention", "communique", "charter"}
AWAY = {"into", "to", "toward", "towards", "across"}  # "fled from X into Mexico": Mexico is elsewhere
# "Beita, south of Nablus", "Akobo, 20 km east of the border town of Nasir": the place named next
# is near it, in the same country as a rule.
NEAR_GAP = re.compile(r",\s+(?:about\s+|some\s+|just\s+)?(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
                      r"(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s+(?:the\s+)?$", re.I)
# "Ben Guerdane, near Tunisia's border with Libya": in the country whose border it is.
BORDER_GAP = re.compile(r",\s+(?:near|along|on|close\s+to)\s+$", re.I)
OWN_BORDER = re.compile(r"['’]s\s+border")
# "Rafah, on the border with Egypt": not the namesake on the other side
BORDER_WITH_GAP = re.compile(r",?\s+(?:near|along|on|at|close\s+to)\s+the\s+(?:border|frontier)\s+with\s+$", re.I)
POSSESSIVE_GAP = re.compile(r"['’]s\s+(?:(?:north|south)?-?(?:east|west)?(?:ern)?\s+|central\s+)?", re.I)
QUALIFIER_GAP = re.compile(r",?\s+(?:in\s+(?:the\s+)?(?:(?:north|south)?-?(?:east|west)?(?:ern)?\s+|central\s+)?"
                           r"(?:(?<=the\s)(?:[a-z]+\s+){1,3}of\s+(?:the\s+)?)?"  # "in the inland valley of"
                           r"|(?:at|on)\s+the\s+(?:[a-z]+\s+){1,3}of\s+(?:the\s+)?"  # "at the southern tip of"
                           r"|(?:region|valley|district|area)\s+of\s+(?:the\s+)?)$", re.I)  # "the Hunter region of"

W_CONTEXT, W_STATE, W_QUALIFIER, W_FEATURE, W_NEAR, W_CAPITAL = 3.0, 2.0, 6.0, 2.0, 1.0, 1.0
SOURCE_RELIABILITY = {"ner": 1.0, "dateline": 0.97, "mislabel": 0.85, "propn": 0.8, "context": 0.8}
MATCH_RELIABILITY = {"name": 1.0, "alternate": 0.95, "variant": 0.9, "loose": 0.7}


@dataclass
class Mention:
    start: int
    end: int
    text: str
    source: str  # ner | dateline | mislabel | propn | context (the country a sentence points to)
    root: "Token | None"
    candidates: list[tuple[Entry, str]]
    locative: bool = False  # after "in", "near", "the outskirts of"; the object of "seized"
    feature_hint: str | None = None  # "city" or "admin"
    qualifiers: list[Entry] = field(default_factory=list)
    qualifier_states: set[str] = field(default_factory=set)
    prior: Counter = field(default_factory=Counter)  # country -> share, before context
    clause: tuple[int, int] | None = None  # where an appositive says what contains it
    containers: list["Mention"] = field(default_factory=list)  # "Y" of "X in Y", "X, a town in Y"
    tentative: bool = False  # a name the gazetteer lacks: kept only if a container places it
    own: Counter = field(default_factory=Counter)  # the priors of all mentions of this name
    needs_evidence: bool = False  # only the object of "hit", "attacked": believed in the article's countries
    placed_in: bool = False  # "X in Y", "X, in Y": the text says what contains it
    echo_of: "Mention | None" = None  # the dateline's place, named again in the text: read as it is
    qualifies: bool = False  # the "Y" of "X, Y": a region or country ("Windsor, Ontario")
    listed: set[str] = field(default_factory=set)  # the countries of the towns listed with it


def places_of(ann: "Annotation") -> list[Place]:
    """The article's places, computed once and kept in `ann.shared["places"]` so that a
    component running earlier (events) and the 'places' component share the work."""
    cached = ann.shared.get("places")
    if cached is None:
        cities = getattr(getattr(ann.options, "places", None), "cities", "cities1000")
        cached = ann.shared["places"] = resolve(ann, gazetteer(cities))
    return cached


def places_for_sentence(ann: "Annotation", sentence: int, role: str | None = "location") -> list[Place]:
    """The places of one sentence (only those with `role`, unless role is None)."""
    return [p for p in places_of(ann) if p.sentence == sentence and (role is None or p.role == role)]


def resolve(ann: "Annotation", gaz: Gazetteer) -> list[Place]:
    mentions = find_mentions(ann, gaz)
    _add_qualifiers(ann, mentions, gaz)
    _one_sense(mentions)
    _in_the_sentence_country(ann, mentions, gaz)
    mentions = [m for m in mentions if not m.tentative or m.containers]
    countries = {best[0].country for best in map(_likeliest, (m.candidates for m in mentions))
                 if best and best[0].feature == "country"}  # the countries the article names
    for m in mentions:
        _drop_outside(m, countries)
    for m in (m for m in mentions if not m.candidates and not m.containers):
        place = _named_after(m, mentions) if _feature_name(m.text) else None  # "the Wadi Derna" on Derna
        if place is None and (_street(m) or _building(m)):  # "Prague ... Police closed the Charles Bridge",
            place = _city_before(ann, m, mentions)  # "LONDON - ... outside 10 Downing Street"
        if place is not None:
            m.containers.append(place)
            m.placed_in = True
    evidence = _country_evidence(ann, mentions, gaz)
    main = _main_country(evidence)
    for m in mentions:
        if main and _unlisted_feature(m) and not m.containers:  # "the Polcevera river" in an article on Genoa
            m.containers.append(_context(m, gaz.country(main)))
            m.placed_in = True
    _namesakes(mentions)
    _drop_loose_guesses(mentions, evidence)
    believed = {id(m): _believable(m, evidence) for m in mentions}
    for m in mentions:
        if m.feature_hint == "city" and (not believed[id(m)] or _introduced_abroad(m, evidence, main)):
            m.candidates, m.tentative = [], True  # "the nearby town of Aguas Calientes" (only Mexico's is
            # listed): unlisted, if its sentence places it
        elif _feature_name(m.text) and not believed[id(m)]:  # "the Flint River" (Jamaica's is listed)
            m.candidates = []
    _in_the_sentence_country(ann, mentions, gaz)  # for those, and those whose only match was a loose guess
    for m in mentions:  # else, the country the article is plainly about, twice over ("overran the town of
        # Konna" in an article on Mali, not "Laukkaing ... on the Chinese border")
        if main and evidence[main] >= 2 and not m.candidates and not m.containers and (
                m.feature_hint == "city" and TOWN_NAME.fullmatch(m.text) or _unlisted_feature(m)):
            m.containers.append(_context(m, gaz.country(main)))
            m.placed_in = True
    mentions = [m for m in mentions if believed[id(m)] or (m.feature_hint == "city" or _unlisted_feature(m))
                and m.containers]
    states = {e.admin1 for m in mentions for e, _ in m.candidates[:1] if e.feature == "admin1" and e.admin1}
    anchors = _anchors(mentions)  # (a mention's namesakes anchor no reading of it: "Moria" twice, not near Jerusalem)
    places = {id(m): _choose(ann, m, evidence, states, countries, [a for a in anchors if a[0].own is not m.own])
              for m in mentions}
    for c in (c for m in mentions for c in m.containers if c.source == "context"):
        places[id(c)] = _choose(ann, c, evidence, states, countries, [])
    for m in mentions:
        if m.echo_of is not None and id(m.echo_of) in places:
            places[id(m)] = replace(_placed_in_container(m.echo_of, places), name=m.text, start=m.start, end=m.end,
                                    sentence=ann.sentence_of(m.start), role=_role(m.root))
    return [_placed_in_container(m, places) for m in mentions
            if m.candidates or m.echo_of is None or id(m.echo_of) in places]  # (an unplaced town's echo)


def _one_sense(mentions: list[Mention]) -> None:
    """A name the text once places ("the South Sudanese town of Nasir") means that place when named
    again bare, not a small namesake elsewhere; a well-known one may still be meant."""
    placed: dict[str, Mention] = {}
    for m in mentions:
        if m.qualifiers or m.containers:
            placed.setdefault(m.text, m)
        elif m.text in placed and m.echo_of is None and m.source != "dateline" \
                and not any(e.importance >= 5.5 or e.capital for e, _ in m.candidates):
            m.echo_of = placed[m.text]  # (but "from St. Petersburg, Florida, ... sentenced in St. Petersburg")


def _in_the_sentence_country(ann: "Annotation", mentions: list[Mention], gaz: Gazetteer) -> None:
    """A GPE after a locative cue that the gazetteer lacks ("troops combed the forests around
    Rajouri ... in the Jammu region", Indian troops), or a name of another label that the text
    calls a town ("Shewa Robit, a town on the highway linking Addis Ababa", "the nearby town of
    Aguas Calientes" whose only namesake the article does not point to), is placed in its
    sentence's country when the sentence's other locations point to one country only (not its
    actors: "U.S. Secretary of State", "Russian missiles hit X"; nor where people go: "from X into
    Mexico", though "crossed into Congo near Mahagi"; nor the country across a border: "near the
    borders with Rwanda and Burundi")."""
    text, sentences = ann.document.text, ann.document.sentences
    for m in mentions:
        if not (m.tentative and not m.candidates and not m.containers and m.locative and TOWN_NAME.fullmatch(m.text)
                and (m.source == "ner" or m.feature_hint == "city" and (
                    m.clause is not None or m.source == "mislabel" and m.root.ent_type_ != "NORP"))) \
                or _street(m):  # "in Downing Street ... in Germany"
            continue
        start, end = sentences[ann.sentence_of(m.start)] if sentences else (0, len(text))
        countries = {_likeliest(o.candidates)[0].country  # each one's likeliest reading
                     for o in mentions if o is not m and start <= o.start < end and o.candidates
                     and not (o.clause and o.clause[0] <= m.start < o.clause[1])  # (X's container, not by X)
                     and (o.source == "dateline" or _role(o.root) == "location"
                          and (o.root.head.lower_ not in AWAY or o.start < m.start) and not _origin_after(o, m))
                     and not _across_border(text[start:o.start], FRONTIER)}
        countries.discard(None)
        if len(countries) == 1:
            m.containers.append(_context(m, gaz.country(countries.pop())))
            m.placed_in = True


def _city_before(ann: "Annotation", m: Mention, mentions: list[Mention]) -> Mention | None:
    """The city a building or street the gazetteer lacks stands in: the last well-known city named
    in its sentence or the one before, else the dateline's; not one of another country than the
    sentence's other places ("Luzon, linking the former naval base at Subic Bay", after Beijing)."""
    sentence = ann.sentence_of(m.start)
    here = {best[0].country for o in mentions if o is not m and ann.sentence_of(o.start) == sentence
            and (best := _likeliest(o.candidates))}
    cities = [o for o in mentions if o.end <= m.start and (city := _known_city(o))
              and (not here or city[0].country in here)]
    near = [o for o in cities if o.source != "dateline" and ann.sentence_of(o.start) >= sentence - 1]
    return near[-1] if near else next((o for o in cities if o.source == "dateline"), None)


def _named_after(m: Mention, mentions: list[Mention]) -> Mention | None:
    """The place of the text an unlisted river, valley or airport is named after ("the Wadi Derna",
    Derna; "Hartsfield-Jackson Atlanta International Airport", Atlanta)."""
    words = m.text.split()
    stem = f' {fold(" ".join(words[1:] if words[0] in FEATURE_FIRST else words[:-1]))} '
    return next((o for o in mentions if o.candidates and f" {fold(o.text)} " in stem), None)


def _origin_after(o: Mention, m: Mention) -> bool:
    """"came ashore in Colaba ... after sailing from Karachi": where people came from is elsewhere
    (not a distance: "20 km from Mosul")."""
    head = o.root.head
    return o.start > m.start and head.lower_ == "from" and head.head.pos_ == "VERB"


def _context(m: Mention, entry: Entry) -> Mention:
    """A container the text implies without naming it as a place of its own."""
    return Mention(m.start, m.start, "", "context", None, [(entry, "name")])


def _drop_outside(m: Mention, named: set[str]) -> None:
    """When the text says which country a town is in ("Joda, a border town in South Sudan's
    Upper Nile state", "the village of X in Y") and none of the town's namesakes lies there,
    the gazetteer lacks the town: it is placed in its container instead. Also for a name after a
    locative cue that the text places with "in" and only small towns bear ("in Nasir, in South
    Sudan's Upper Nile state"), and a region so placed ("the Hunter region of New South Wales").
    A city container counts by its countries ("Mati, a seaside resort east of Athens" is no Mati of
    the Philippines). Not when the article names the town's country and not the container's:
    "Authorities in Tajikistan ... in Khorog, the main town of the ... Badakhshan region"
    (Afghanistan has a Badakhshan too), unless a well-known city contains it ("London's Heathrow
    airport", not Heathrow, Florida, in an article that names the US)."""
    if m.clause is None and m.feature_hint is None and not (m.locative and m.placed_in and _minor_only(m)) \
            and not _state_qualified(m) or _names_a_country(m.candidates):
        return  # (a country lies in no other: "visitors from Britain, the United States and India")
    inside = {e.country for c in m.containers for e in _admin(c) or _known_city(c) if e.country}
    if inside and m.candidates and not any(e.country in inside for e, _ in m.candidates) \
            and not (named & {e.country for e, _ in m.candidates} and not named & inside
                     and not any(_known_city(c) for c in m.containers)):  # (a city has one reading: London)
        m.candidates, m.tentative = [], True


def _state_qualified(m: Mention) -> bool:
    """"near Buras, Louisiana": a small place the text puts in a province or state (not "Tokyo,
    China" of a list)."""
    return m.locative and bool(m.qualifiers) and all(q.feature != "country" for q in m.qualifiers) \
        and not any(e.importance >= 5.5 or e.capital for e, _ in m.candidates)


def _known_city(m: Mention) -> list[Entry]:
    """The likeliest reading of a mention when it is a city of 15,000+ people by its own name or
    another ("Athens"), else nothing (not "Plateau", a small US town or, loosely, Poltava)."""
    best = _likeliest([c for c in m.candidates if c[1] != "loose"])
    return [best[0]] if best and best[0].feature == "city" and not best[0].minor else []


def _placed_in_container(m: Mention, places: dict[int, Place]) -> Place:
    """A town the gazetteer lacks ("the village of Robotyne in Zaporizhzhia region", "Renk, a
    town in South Sudan's Upper Nile state") takes the place of its most specific container:
    the country is right, the point approximate, `resolved` names the container, and the
    confidence is halved."""
    place = places[id(m)]
    # Only where the text says the name is such a place ("Hugh Schofield in Athens" is none): a
    # feature word says it is a town (or "in X, in Y" for a GPE, "near X, Louisiana"), a street
    # word a street ("Tahrir Square in central Cairo"), a nature word a river.
    says = m.clause is not None or m.feature_hint is not None or m.source == "dateline" \
        or m.tentative and (m.locative and m.placed_in or _state_qualified(m)) \
        or m.placed_in and (_street(m) or _unlisted_feature(m))
    if place.gazetteer_id is not None or not says:
        return place
    inside = [places[id(c)] for c in m.containers if id(c) in places and places[id(c)].gazetteer_id]
    if not inside:
        return place
    best = min(inside, key=lambda p: (p.feature == "country", -p.start))
    role = "location" if _unlisted_feature(m) else place.role  # a river acts for no one
    return Place(place.name, place.start, place.end, place.sentence, role, best.country, best.lat, best.lon,
                 best.feature, best.geonames_id, best.gazetteer_id, best.resolved, round(best.confidence / 2, 3))


def _street(m: Mention) -> bool:
    return m.text.rsplit(None, 1)[-1].lower() in STREET_WORDS


def _building(m: Mention) -> bool:
    """A building or an airport: "the Eiffel Tower" (FAC), "Toussaint Louverture International Airport"."""
    return m.text.lower().endswith("airport") or m.root is not None and m.root.ent_type_ == "FAC"


def _unlisted_feature(m: Mention) -> bool:
    """A river, lake, valley, volcano or building the gazetteer lacks ("the River Eden", "Lake
    Hora", "the Eiffel Tower" as FAC)."""
    return not m.candidates and (_feature_name(m.text) or _building(m))


def _feature_name(name: str) -> bool:
    words = name.split()
    return len(words) > 1 and (words[-1].lower() in FEATURE_WORDS or words[0] in FEATURE_FIRST)


def _main_country(evidence: Counter) -> str | None:
    """The country an article is plainly about: most of its evidence, and more than one mention's worth."""
    total = sum(evidence.values())
    top = evidence.most_common(1)
    return top[0][0] if top and top[0][1] >= 1.0 and top[0][1] >= 0.6 * total else None


def _names_a_country(candidates: list[tuple[Entry, str]]) -> bool:
    return any(e.feature == "country" and how == "name" for e, how in candidates)


def _minor_only(m: Mention) -> bool:
    """Only small towns bear the name (a loose spelling of another place's name aside)."""
    exact = [e for e, how in m.candidates if how != "loose"]
    return bool(exact) and all(e.minor for e in exact)


def _believable(m: Mention, evidence: Counter) -> bool:
    """A name that only small towns bear is a place when something else says so: the article's
    other places and demonyms pointing to the town's country, a qualifier naming it ("Chibok,
    Borno"), or, unless the article is plainly about other countries, a feature word ("the town
    of Huwara") or, for a span the NER called a place, a locative cue ("fighting near Sake").
    Otherwise it is more likely a person, a group or a word ("Koréa", a village in Ivory Coast)."""
    if m.echo_of is not None:
        return _believable(m.echo_of, evidence)
    countries = {e.country for e, _ in m.candidates if e.country}
    if m.needs_evidence:  # other mentions must point there, not the name itself
        return any(evidence[c] - m.own[c] >= 0.5 for c in countries)
    if not _minor_only(m):
        return True
    if all(e.feature == "admin2" for e, how in m.candidates if how != "loose") and not (m.locative or m.feature_hint):
        return False  # a district's name only where the text puts a place: not "Swan told reporters"
    if any(evidence[c] >= 0.5 for c in countries) or countries & {q.country for q in m.qualifiers} or any(
            e.admin1 in m.qualifier_states for e, _ in m.candidates):
        return True
    if sum(evidence.values()) >= 1 and not any(evidence[c] >= max(0.1, max(evidence.values()) / 5) for c in countries):
        return False  # (nor where a namesake of another place barely points there: Santiago's in Mexico)
    return m.feature_hint is not None or (m.source == "ner" and m.locative)


def _introduced_abroad(m: Mention, evidence: Counter, main: str | None) -> bool:
    """A town the text introduces ("Bodo, a fishing community in Ogoniland") in an article plainly
    about one country, whose namesakes are all in countries nothing else points to (Norway's Bodø):
    an unlisted town of that article."""
    return m.clause is not None and main is not None and evidence[main] >= 2 and not any(
        evidence[e.country] - m.own[e.country] >= 0.5 for e, _ in m.candidates if e.country)


def _namesakes(mentions: list[Mention]) -> None:
    """Mentions of one name do not vouch for each other: the second "Tripoli" of an article
    about Lebanon would otherwise add Libya's weight to the first one's context."""
    by_name: dict[str, Counter] = {}
    for m in mentions:
        m.own = by_name.setdefault(fold(m.text), Counter())
        m.own.update(m.prior)


def _drop_loose_guesses(mentions: list[Mention], evidence: Counter) -> None:
    """A loose spelling match in a country the article never points to is a guess: Bunagana
    (DR Congo, not in the gazetteer) read as Binangonan in the Philippines; and where places bear
    the name itself, it is a guess unless the article points there (Ballina, not Berlin). Nor a
    country the article names in passing (Khurais, a Saudi oilfield, is no Cary because the US is
    named once): the guess's country must have at least half the evidence of the article's main one."""
    weight = sum(evidence.values())
    top = max(evidence.values(), default=0.0)
    for m in mentions:
        if weight - sum(m.own.values()) >= 1 or any(how != "loose" for _, how in m.candidates):
            kept = [(e, how) for e, how in m.candidates if how != "loose" or (
                evidence[e.country] - m.own[e.country] >= max(0.5, top / 2))]
            m.tentative = m.tentative or not kept  # a town the gazetteer lacks, if a container places it
            m.candidates = kept


def _anchors(mentions: list[Mention]) -> list[tuple[Mention, float, float]]:
    """Points of places that are not in doubt (one candidate, or one far ahead), below country level."""
    out = []
    for m in mentions:
        if not m.candidates:
            continue
        best = _likeliest(m.candidates)
        margin = min((_prior(*best) - _prior(*c) for c in m.candidates if c is not best), default=9.0)
        if margin >= 1.5 and best[0].lat is not None and best[0].feature in ("city", *ADMIN_FEATURES):
            out.append((m, best[0].lat, best[0].lon))
    return out


# mentions -------------------------------------------------------------------------------------
def find_mentions(ann: "Annotation", gaz: Gazetteer) -> list[Mention]:
    doc, text = ann.doc, ann.document.text
    names = [e for e in doc.ents if not _no_name(e)]  # (doc.ents is built anew on each use)
    ents = [(e.start_char, e.end_char, e.label_) for e in names]
    found: list[Mention] = []
    taken = bytearray(len(text) + 1)

    def add(m: Mention) -> None:
        if any(taken[m.start:m.end]):
            return
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        found.append(m)

    for match in DATELINE.finditer(text):
        pos = match.start(1)
        # "SREBRENICA, Bosnia and Herzegovina, July 11 -": a small town, in the country named;
        # "MAYFIELD, Ky., Dec 11 -": in the US state named
        named, state, region = _dateline_country(gaz, match.group("country"))
        for part in match.group(1).split("/"):
            cands = [c for c in gaz.lookup(part, loose=False, minor=bool(named))
                     if c[0].feature in ("city", "country", "admin1") and (not c[0].minor or c[0].country in named)
                     and not (state and c[0].feature == "city" and c[0].admin1 != state)]
            if named and not any(c[0].country in named for c in cands) and TOWN_NAME.fullmatch(part.title()):
                # "HORGOS, Serbia": a town the gazetteer lacks (China's Khorgos is no reading of it)
                m = Mention(pos, pos + len(part), part, "dateline", None, [], True, tentative=True)
                m.containers.append(_context(m, gaz.country(sorted(named)[0])))
                add(m)
            elif cands:
                add(Mention(pos, pos + len(part), part, "dateline", None, cands))
                # the dateline's place named again: "the military placed General Santos under alert",
                # which the NER calls a general
                for echo in _echoes(doc, text, ents, found[-1], match.end(), re.I, persons=True):
                    add(echo)
            pos += len(part) + 1
        if region:  # "JOPLIN, Mo.", "KHARKIV, Ukraine": the state or country named
            add(Mention(match.start("country"), match.end("country"), match.group("country"), "dateline", None, region))

    groups = _group_names(tuple(getattr(getattr(ann.options, "actors", None), "kb_files", ()) or ()))
    ent_tokens = set()
    for ent in names:
        free = _names_in_date(ent) if ent.label_ in ("DATE", "TIME") else set()
        ent_tokens.update(i for i in range(ent.start, ent.end) if i not in free)
        if ent.label_ == "NORP" and ent.end < len(doc) and doc[ent.end].is_lower:  # "the Korean peninsula"
            span = doc[ent.start:ent.end + 1]
            cands = [c for c in gaz.lookup(span.text, loose=False, minor=False) if c[0].feature != "city"]
            if cands:
                ent_tokens.add(ent.end)
                add(Mention(span.start_char, span.end_char, span.text, "ner", span.root, cands, _is_locative(span)))
                continue
        if ent.label_ in NON_PLACE_LABELS or (ent.label_ not in PLACE_LABELS and fold(ent.text) in gaz.demonyms) \
                or ent.start and doc[ent.start - 1].is_lower and doc[ent.start - 1].ent_type_ == "PERSON":
            continue  # (and the end of a name: "Ursula von der" PERSON, "Leyen" GPE)
        trimmed = _trim(ent)
        if trimmed is not None and len(trimmed) > 1 and trimmed[0].lower_ in LOCATIVE and any(
                not e.minor and how == "name" for e, how in gaz.lookup(trimmed[1:].text, loose=False)):
            trimmed = trimmed[1:]  # "Across Canada" (ORG), not "In Congress" (a town in Arizona)
        for span in _split(gaz, _undirected(gaz, _extend(gaz, trimmed))) if trimmed is not None else ():
            ent_tokens.update(range(span.start, span.end))
            if _part_of_next(span) or span.text.islower() or span[-1].lower_ in DOCUMENT_WORDS \
                    or all(t.lower_ in DATE_NAMES for t in span):
                continue  # "flee into the bush" (PERSON), "the Windsor Framework", "on Easter Sunday" (FAC)
            clause, word = _appositive(span, text)
            hint = _feature_hint(span) or word
            locative = _is_locative(span) or clause is not None
            if ent.label_ in PLACE_LABELS:
                cands = _lookup_span(gaz, span, ent.label_, locative) or _alias(gaz, span, text)
                # A GPE the gazetteer lacks is most often an organisation ("ISIL"), unless the
                # text says it is a place.
                tentative = not cands and ent.label_ == "GPE"
                m = Mention(span.start_char, span.end_char, span.text, "ner", span.root, cands, locative, hint,
                            clause=clause, tentative=tentative)
            else:
                locative = locative or hint is not None
                person = ent.label_ == "PERSON" and not _bare_name(trimmed) and span[-1].lower_ not in NATURE_WORDS \
                    and span[0].text not in PLACE_FIRST  # (not "Port Said", "Fort Worth")
                m = _mislabelled(gaz, span, person, locative, hint, clause, groups, text)  # (not "Chao Phraya river")
                if m is None:
                    continue
            if _natural_feature(span):  # (a river the gazetteer lacks, named after a town: "the Paraopeba river")
                m.candidates = [c for c in m.candidates if c[0].feature != "city"]
            nxt = _feature_after(span)
            if nxt is not None and (not m.candidates or nxt.i > span.end) \
                    and (ent.label_ != "NORP" or all(t.tag_ == "NNP" for t in span)):
                end = nxt.idx + len(nxt)  # "Guatemala's Fuego volcano": placed in resolve
                m = Mention(span.start_char, end, text[span.start_char:end], m.source, span.root,
                            _whole_name(gaz, text[span.start_char:end]), True)
            if len({e.country for e, _ in m.candidates}) > 1:
                m.listed = _listed_with(span, found)  # "the towns of Tal Abyad and Ras al-Ain": in Syria
            if m.candidates or not m.tentative or hint is not None or (locative and _unlisted_town(span, ent.label_)):
                add(m)  # a tentative name is kept only if a container places it (resolve)

    for span in _proper_noun_runs(doc, ent_tokens, gaz.opening_names):
        cands = gaz.lookup(span.text, loose=False)
        if any(taken[span.start_char:span.end_char]):
            continue
        clause, word = _appositive(span, text)
        if cands and (nxt := _feature_after(span)) is not None and nxt.i > span.end:
            cands = []  # "St Mary's Island": an island, not St. Marys
        if cands:
            hint = _feature_hint(span) or word
            locative = _is_locative(span) or hint is not None
            if not locative and (_title_case(span.sent) or _modifies_common_noun(span) or _after_title(span)):
                taken[span.start_char:span.end_char] = b"\x01" * (span.end_char - span.start_char)
                continue  # "Split Deepens Over Nice Deal", "Mobile phones" (and not "Mobile" of it)
            listed = _listed_with(span, found)  # "Timbuktu, Gao and Kidal": a town listed with its neighbours
            cands = [c for c in cands if _strong(c, locative) or c[0].country in listed and c[1] != "variant"]
            if cands:
                add(Mention(span.start_char, span.end_char, span.text, "propn", span.root, cands, locative, hint,
                            clause=clause))
                continue
        # a name the gazetteer lacks, or gives only a weak namesake ("near the Tempi valley", not Tempe):
        if word == "city" and clause is not None and clause[1] > clause[0] and TOWN_NAME.fullmatch(span.text):
            # "stormed Saraf Omra, a town in North Darfur": kept if its container places it
            add(Mention(span.start_char, span.end_char, span.text, "propn", span.root, [], True, word,
                        clause=clause, tentative=True))
        elif not _title_case(span.sent) and (_feature_name(span.text) or (nxt := _feature_after(span))):
            # "the Paraopeba River", "the Mangfall river": placed in resolve (and not "River" of it)
            end = span.end_char if _feature_name(span.text) else nxt.idx + len(nxt)
            add(Mention(span.start_char, end, text[span.start_char:end], "propn", span.root,
                        _whole_name(gaz, text[span.start_char:end]), True))
    echoed = set()
    for m in list(found):  # one sense per article: "Bouake" opening a sentence, where the tagger
        if (m.candidates or m.feature_hint == "city") and m.source != "dateline" and m.echo_of is None \
                and m.text not in echoed and fold(m.text) not in gaz.demonyms:  # calls it a noun; and an
            # unlisted town the text introduced: "the village of Creeslough ... who visited Creeslough"
            echoed.add(m.text)
            for echo in _echoes(doc, text, ents, m, 0):
                add(echo)
    found.sort(key=lambda m: m.start)
    return found


def _names_in_date(ent: "Span") -> set[int]:
    """Tokens of a name the NER swallowed into a date, left to the proper-noun pass: "struck
    Madagascar last month", "on Sunday, South Korea's military said" (not "Independence" of
    "Independence Day")."""
    doc, free, i = ent.doc, set(), ent.start
    while i < ent.end:
        j = i
        while j < ent.end and doc[j].tag_ == "NNP" and doc[j].lower_ not in DATE_NAMES:
            j += 1
        if j > i and (i == ent.start or doc[i - 1].is_punct) and (
                j == ent.end or doc[j].is_lower or doc[j].is_punct or doc[j].lower_ in POSSESSIVE):
            free.update(range(i, j))
        i = j + 1
    return free


def _listed_with(span: "Span", found: list[Mention]) -> set[str]:
    """The countries of the towns and regions (not countries) found in the list a span belongs to."""
    members, todo = [], [_first_conjunct(_list_member(span))]
    while todo:
        tok = todo.pop()
        members.append(tok.idx)
        todo += [c for c in tok.children if c.dep_ == "conj"]
    listed = [m for m in found if any(m.start <= i < m.end for i in members) and m.start != span.start_char]
    return {best[0].country for best in map(_likeliest, (m.candidates for m in listed))
            if best and best[0].feature != "country" and best[0].country}


def _echoes(doc, text: str, ents: list[tuple[int, int, str]], m: Mention, start: int, flags: int = 0,
            persons: bool = False):
    """The other places where the text names a found place again, read as it is: outside any
    longer entity ("The Washington Post"), not after a title ("Mr Kappan"), not in capitals
    (a dateline) and, unless `persons`, the text called it a town ("the town of Pokrovsk ...
    Pokrovsk, once a supply hub") or the name is a city's of two words or more ("Ciudad Juarez,
    which lies"), not where the NER sees a person ("Ramos received")."""
    persons = persons or m.feature_hint == "city" or " " in m.text and any(
        how == "name" and e.importance >= 5.5 for e, how in m.candidates)
    for again in re.finditer(rf"\b{re.escape(m.text)}\b", text[start:], flags):
        a, b = start + again.start(), start + again.end()
        span = doc.char_span(a, b)
        if a != m.start and span is not None and not text[a:b].isupper() and not _after_title(span) and not any(
                s < b and a < e and (s < a or e > b or label == "PERSON" and not persons) for s, e, label in ents):
            yield Mention(a, b, span.text, "propn", span.root, m.candidates, echo_of=m)


def _dateline_country(gaz: Gazetteer, name: str | None) -> tuple[set[str], str | None, list[tuple[Entry, str]]]:
    """The countries a dateline's second part names (also by a province: "LAC-MEGANTIC, Quebec"), the
    US state when it names one, and its entries: its country or province, or the state an AP
    abbreviation names ("Mo." is Missouri)."""
    if not name:
        return set(), None, []
    state = AP_STATES.get(fold(name.rstrip(".")))
    if state and (sub := pycountry.subdivisions.get(code=f"US-{state}")):
        name = sub.name
    found = [c for c in gaz.lookup(name, loose=False, minor=False) if c[0].feature in ("country", "admin1")]
    state = state or next((e.admin1 for e, _ in found if e.feature == "admin1" and e.country == "USA" and e.admin1
                           and not any(c.feature == "country" for c, _ in found)), None)  # "TBILISI, Georgia"
    if state:  # is no US dateline
        return {"USA"}, state, [c for c in found if c[0].country == "USA"]
    return {e.country for e, _ in found if e.country}, None, found


def _mislabelled(gaz: Gazetteer, span: "Span", named_person: bool, locative: bool, hint: str | None,
                 clause: tuple[int, int] | None, groups: frozenset[str], text: str) -> Mention | None:
    """A place the NER gave another label (ORG "Kiev", PERSON "Falluja"), or None when it is
    more likely what the label says. Its candidates: a well-known place, or any after a locative
    cue (`_strong`); else, for a name that neither acts nor owns, a town of 15,000+ people that
    the article's other places must point to ("Islamic State overran Sinjar"); else the place
    of another name the text gives it. A person with a title or two names counts only after a
    locative cue or as the object of "hit"/"attacked", and the knowledge base's organisations
    never ("the Taliban", though a Turkish village bears the name)."""
    struck = not locative and _struck(span)
    if named_person and not (locative or struck) and fold(span.text) not in gaz.capital_names \
            and not any(how == "name" and (e.feature == "country" or e.feature != "city" and len(span) > 1)
                        for e, how in gaz.lookup(span.text, loose=False, minor=False)):
        return None  # (a capital's, country's, province's or airport's name is no person's: "Bandar Seri
        # Begawan", "Sri Lanka", "Republika Srpska", "Kahului Airport")
    named = gaz.lookup(span.text, loose=False)
    if not named and len(span) > 1 and span[-1].lower_ in ADMIN_WORDS:  # "Rivers State" (ORG)
        named = [c for c in gaz.lookup(span[:-1].text, loose=False) if c[0].feature in ADMIN_FEATURES]
    if fold(span.text) in groups and all(e.minor or how != "name" for e, how in named) and not (
            span.start and span.doc[span.start - 1].lower_ in LOCATIVE and not span.text.isupper()
            and any(not e.minor for e, _ in named)):
        return None  # (but "around Fao", Iraq's Al Faw, not the FAO; not "in Congress", a village in Arizona)
    region = _region_after(gaz, span, text) if named else None
    cands = [c for c in named if _strong(c, locative or struck) or region and c[0].country == region.country
             and (region.feature == "country" or c[0].admin1 == region.admin1)]  # "the hub of Cushing, Oklahoma"
    needs_evidence = struck and not _names_a_country(cands)  # "struck India, Thailand and the Maldives"
    if not cands and span.root.dep_ not in AGENT_DEPS:
        cands = [c for c in named if c[0].feature == "city" and not c[0].minor and c[1] != "variant"]
        needs_evidence = bool(cands)
    cands = cands or _alias(gaz, span, text)
    return Mention(span.start_char, span.end_char, span.text, "mislabel", span.root, cands, locative, hint,
                   clause=clause, tentative=not cands and not _feature_name(span.text),  # (an airport is kept)
                   needs_evidence=needs_evidence)


REGION_AFTER = re.compile(r",\s+([A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2})")


def _region_after(gaz: Gazetteer, span: "Span", text: str) -> Entry | None:
    """The state, province or country named right after a name and a comma ("Cushing, Oklahoma",
    "Matarani, Peru")."""
    after = REGION_AFTER.match(text, span.end_char)
    return None if after is None else next((e for e, how in gaz.lookup(after.group(1), loose=False, minor=False)
                                            if how == "name" and e.feature in ("country", "admin1")), None)


@lru_cache(maxsize=8)
def _group_names(kb_files: tuple[str, ...]) -> frozenset[str]:
    """Folded names of the actor knowledge base's organisations and armed groups (not its
    regions, nor the capitals and buildings that stand for a government)."""
    from ..actors.kb import load_kb

    return frozenset(fold(name) for e in load_kb(kb_files).entries.values()
                     if e.kind == "organization" and not e.gov and not e.id.startswith("region:")
                     for name in (e.name, *e.aliases))


def _no_name(ent: "Span") -> bool:
    """An entity span that is no name, whose proper nouns are left to the proper-noun search: a
    "DATE" of proper nouns that name no day or month ("Xai-Xai"), or a span of another label that
    runs on into plain words ("had left Aberdeen for Glasgow early in the morning", WORK_OF_ART; not
    an organisation: "Xinhua news agency")."""
    if ent.label_ in NON_PLACE_LABELS:
        return all(t.tag_ in ("NNP", "NNPS") and t.is_alpha and t.lower_ not in DATE_NAMES or t.text == "-"
                   for t in ent)
    return ent.label_ in TITLE_LABELS and any(t.is_lower and t.is_alpha and t.lower_ not in NAME_WORDS for t in ent)


def _trim(span: "Span") -> "Span | None":
    """Drop a leading "the" or describing word ("Neighbouring Sierra Leone", ORG), the words up to
    a preposition inside a "person", a trailing possessive, trailing common words and numbers from
    an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in LEADING_WORDS:
        start += 1
    if span.label_ == "PERSON":  # no person's name holds a preposition: "Turnout across Bihar" (PERSON)
        start = max([start, *(t.i + 1 for t in doc[start:end - 1] if t.is_lower and t.lower_ in LOCATIVE)])
    norp = span.label_ == "NORP"  # and a word the NER took along: "Abuja thousands" (NORP)
    other = span.label_ not in PLACE_LABELS  # or a score: "beating hosts Qatar 2-0" (PERSON)
    while end > start and (doc[end - 1].lower_ in (*POSSESSIVE, "'", "-", ",", ";", ":")
                           or norp and doc[end - 1].is_lower and doc[end - 1].pos_ in ("NOUN", "VERB")
                           or other and doc[end - 1].like_num):
        end -= 1
    return doc[start:end] if end > start else None


def _undirected(gaz: Gazetteer, span: "Span") -> "Span":
    """ "west Belfast", "Northern California": the part of a well-known place the gazetteer names
    without its direction (not "South Sudan" or "East Azerbaijan", names of their own, nor "West
    Yorkshire" as a US village called Yorkshire)."""
    if len(span) > 1 and span[0].lower_ in DIRECTION_WORDS and not gaz.lookup(span.text, minor=False) \
            and gaz.lookup(span[1:].text, loose=False, minor=False):
        return span[1:]
    return span


def _extend(gaz: Gazetteer, span: "Span") -> "Span":
    """An entity span cut short of a name ("Mazar" of "Mazar-i-Sharif", "Frankfurt" of
    "Frankfurt an der Oder", "Sharif" of "Mazar-e Sharif", "Krivoy" of "Krivoy Rog", "Domingo"
    of "Santo Domingo", "Southern Highlands" of "Southern Highlands province", "Port" of "Port of
    Spain"), extended when the longer name is a well-known place."""
    doc, k = span.doc, span.end
    while k < len(doc) and k - span.end < 3 and doc[k].lower_ in EXTENDERS:
        k += 1
    # a capitalised word, also with no connector ("Krivoy" (GPE) + "Rog" (PERSON)), a type word
    # when the name alone is only small towns' ("Plateau" + "state"), or a nature word ("Tana" + "river")
    if k < len(doc) and (doc[k].text[:1].isupper() or doc[k].lower_ in NATURE_WORDS or doc[k].lower_ in ADMIN_WORDS
                         and all(e.minor for e, _ in gaz.lookup(span.text, loose=False))) \
            and gaz.lookup(doc[span.start:k + 1].text, loose=False, minor=False):
        span = doc[span.start:k + 1]
    k = span.start  # and to the left: "Sharif" of "Mazar-e Sharif", "Domingo" of "Santo Domingo", "High"
    # of "High Atlas mountains"
    while k > 0 and span.start - k < 3 and doc[k - 1].lower_ in EXTENDERS:
        k -= 1
    # a capitalised small word opens a name only inside a sentence ("the town of In Amenas"), "The" never
    small = k > 1 and doc[k - 1].is_stop and not doc[k - 1].is_sent_start and doc[k - 1].lower_ != "the"
    if k > 0 and doc[k - 1].text[:1].isupper() and (small or not doc[k - 1].is_stop) \
            and gaz.lookup(doc[k - 1:span.end].text, loose=False, minor=small):
        return doc[k - 1:span.end]
    k = span.start  # "Indian-administered Kashmir", "Pakistani-controlled Kashmir"
    if k > 2 and doc[k - 1].lower_ in HELD_WORDS and doc[k - 2].text == "-" \
            and gaz.lookup(doc[k - 3:span.end].text, loose=False, minor=False):
        return doc[k - 3:span.end]
    return span


def _split(gaz: Gazetteer, span: "Span") -> list["Span"]:
    """One entity span holding several places ("Abuja to Kaduna", "Donetsk and Luhansk"), in
    parts, when the whole is no known name and each part is one; "X's Y" as X and Y (Kyiv's Podil);
    "X on Y" as X (and Y when it is a place: "Cox's Bazar on Bangladesh's"); a span that runs on past "in"
    to a place ("the Transfiguration Cathedral in Odesa"), or past "of" after a word for a part
    of a place ("the Old City of Mosul"), that place."""
    own = [t.i for t in span[1:-1] if t.lower_ in POSSESSIVE]  # "Kyiv's Podil" (district): Kyiv, then Podil
    if own and span[-1].lower_ not in FEATURE_WORDS | STREET_WORDS and not gaz.lookup(span.text, loose=False) \
            and any(how == "name" for _, how in gaz.lookup(span.doc[span.start:own[0]].text, loose=False, minor=False)):
        return [span.doc[span.start:own[0]], *_split(gaz, span.doc[own[0] + 1:span.end])]
    inner = [t.i for t in span[1:-1] if t.lower_ in SPAN_SPLITTERS]
    cut = [t.i for t in span[1:-1] if t.lower_ in ("in", "near", "outside")
           or t.lower_ == "of" and t.nbor(-1).lower_ in CITY_WORDS | PART_WORDS]
    on = [t.i for t in span[1:-1] if t.lower_ == "on" and t.nbor(-1).text != "-"]
    if not (inner or cut or on) or gaz.lookup(span.text, loose=False, minor=False):
        return [span]
    doc, out, start = span.doc, [], span.start
    if on and not cut:  # "Cox's Bazar on Bangladesh's (coast)", "Lahaina on Maui": the place before it
        head, tail = _trim(doc[span.start:on[0]]), _trim(doc[on[0] + 1:span.end])
        if head is not None and gaz.lookup(head.text, loose=False):
            return [head] + ([tail] if tail is not None and gaz.lookup(tail.text, loose=False) else [])
        return [span]
    if cut:  # "the Transfiguration Cathedral in Odesa's", "the Old City of Mosul": the place after it,
        tail = _trim(doc[cut[-1] + 1:span.end])  # and the one before it if it lies there ("Keswick in Cumbria")
        tails = _split(gaz, tail) if tail is not None else []  # ("in Cumbria, England")
        inside = [gaz.lookup(part.text, loose=False) for part in tails]
        if not tails or not all(inside):
            return [span]
        head = _trim(doc[span.start:cut[-1]])
        if head is None:
            return tails
        countries = {e.country for found in inside for e, _ in found}
        named = gaz.lookup(head.text, loose=False)
        if any(e.country in countries and e.feature == "city" for e, _ in named) \
                or not named and _feature_hint(head) == "city":  # "the village of Creeslough in County Donegal"
            return [head] + tails
        return tails
    for i in inner + [span.end]:
        if i > start and doc[i - 1].lower_ not in SPAN_SPLITTERS:
            out.append(doc[start:i])
        start = i + 1
    # every part a place name, or the span was something else ("Chile Agree to Hold Military Talks");
    # a lone direction is half of the next name ("North and South Korea": South Korea at least)
    out = [part for part in out if not (len(part) == 1 and part[0].lower_ in DIRECTIONS)] or out
    return out if all(gaz.lookup(part.text, loose=False) for part in out) else [span]


def _unlisted_town(span: "Span", label: str) -> bool:
    """After a locative cue, may this name the gazetteer lacks be a town, to be placed by its
    container? A GPE; a one-word name of another label with no article ("around Pibor (ORG) in
    South Sudan's ...", not "from the Red Cross in Geneva"); a "person" right after "in",
    "near", "outside", "around" or "through" ("in Ben Guerdane, near Tunisia's border")."""
    prev = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if label == "PERSON":
        return prev in ("in", "near", "outside", "around", "through")
    return label == "GPE" or len(span) == 1 and prev not in ("the", "a", "an")


def _natural_feature(span: "Span") -> bool:
    """ "the Shabelle river", "the Panjshir valley": a river, a valley or a range, named by a
    region or water entry or by none, not by a city (the loose spelling finds Sevilla)."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].text in NATURE_WORDS  # lowercase: not "Nuba Mountains"


def _feature_after(span: "Span") -> "Token | None":
    """The feature word after a name that the gazetteer lacks ("the Mangfall river", "Guatemala's
    Fuego volcano"), unless it modifies a noun ("the Himalayan mountain village")."""
    doc, k = span.doc, span.end
    words = FEATURE_WORDS
    if k + 1 < len(doc) and doc[k].lower_ in POSSESSIVE and doc[k + 1].text[:1].isupper():
        k += 1  # "St Martin's Island": an island, not Saint Martin; "St Mark's Square": a square
        words = FEATURE_WORDS | STREET_WORDS
    nxt = doc[k] if k < len(doc) else None
    return nxt if nxt is not None and nxt.lower_ in words and nxt.dep_ != "compound" else None


def _whole_name(gaz: Gazetteer, name: str) -> list[tuple[Entry, str]]:
    """The entries a name with its feature word is the own name of ("Mitiga airport", "Lake
    Kivu"); none for most, which resolve places by their context."""
    return [c for c in gaz.lookup(name, loose=False, minor=False) if c[1] == "name"]


def _part_of_next(span: "Span") -> bool:
    """ "the Old City" of "the Old City of Tal Afar": a part of the place named after "of" (found
    on its own), not GeoNames' Old City of Jerusalem."""
    doc = span.doc
    return span.end + 1 < len(doc) and span[-1].lower_ in CITY_WORDS | PART_WORDS \
        and doc[span.end].lower_ == "of" and doc[span.end + 1].text[:1].isupper()


def _appositive(span: "Span", text: str) -> tuple[tuple[int, int] | None, str | None]:
    """For "X, a town in ...", "X, Syria's largest city": the characters of the clause that
    holds X's container (none in "X, a coastal town near a gas project") and the feature hint of
    its word; else (None, None)."""
    match = APPOSITIVE.match(text, span.end_char)
    if match is None:
        return None, None
    word = match.group("word").lower()
    # the container after "in"/"of", else the words before the feature word ("Santiago, the
    # Dominican Republic's second-largest city")
    clause = match.span("container") if match.group("container") else (match.start("pre"), match.end("word"))
    return clause, "admin" if word in ADMIN_WORDS else "city"


def _lookup_span(gaz: Gazetteer, span: "Span", label: str, locative: bool = False) -> list[tuple[Entry, str]]:
    """Whole span first; then without a trailing feature word ("Idlib province" -> "Idlib"), and
    the longest leading name ("Damascus International Airport" -> "Damascus"). A facility must
    match a place's own name: "White House" is an alternate name of Casablanca; a small town
    only after a locative word and with no article of its own ("near Spin Boldak", "the Vuhledar
    front", not "at the White House"), and then by another spelling too ("near Bint Jbeil")."""
    doc = span.doc
    town_like = label == "FAC" and locative and (span.start == 0 or doc[span.start - 1].lower_ != "the" or (
        span.end < len(doc) and doc[span.end].lower_ in FRONT_WORDS))  # "the Vuhledar front"
    cands = gaz.lookup(span.text, loose=label != "FAC", minor=label != "FAC" or town_like)
    if label == "FAC" and not town_like:
        cands = [c for c in cands if c[1] == "name"]
    words = [t for t in span]
    if len(words) > 1 and words[-1].lower_ in ADMIN_WORDS | CITY_WORDS:  # "Idlib province"; "Córdoba province":
        kinds = ("city",) if words[-1].lower_ in CITY_WORDS else ADMIN_FEATURES  # Spain's by that name,
        more = gaz.lookup(span[:-1].text)  # Argentina's by its own (not Congo of "Congo Republic")
        cands += [c for c in more if c[0].feature in kinds and c not in cands] if cands else more
    if cands:
        return cands
    nature = words[-1].lower_ in NATURE_WORDS  # "the Guadalupe River" is no town called Guadalupe
    if words[-1].lower_ in STREET_WORDS:
        return []  # nor "Independence Square" one called Independence
    for n in (n for n in range(len(words) - 1, 0, -1) if words[n].lower_ != "of"):  # "Gulf of Uraba" is no Gulf
        cands = [c for c in gaz.lookup(span[:n].text, loose=False)  # by its own name: "Galle Face Green"
                 if c[0].importance >= 5 and c[1] == "name" and not (nature and c[0].feature == "city")]
        if cands:
            return [(e, "alternate") for e, _ in cands]  # a part of the name: match counts less
    return []


def _alias(gaz: Gazetteer, span: "Span", text: str) -> list[tuple[Entry, str]]:
    """The entries of the other name a text gives a place the gazetteer lacks: "Serekaniye, known
    in Arabic as Ras al-Ain", "Ras al-Ain, known in Kurdish as Serekaniye", "Dnipro (formerly
    Dnipropetrovsk)". Only an explicit naming phrase counts, not any brackets."""
    names = []
    window = text[max(0, span.start_char - 40):span.end_char + 40]
    if not any(w in window for w in ALIAS_WORDS):
        return []
    after = ALIAS_AFTER.match(text, span.end_char)
    if after:
        doc = span.doc
        first = doc.char_span(after.end(), after.end() + 1, alignment_mode="expand")
        if first is not None:
            names += [run.text for run in _sub_runs(doc, first.start, _run_end(doc, first.start))]
    before = ALIAS_BEFORE.search(text, max(0, span.start_char - 80), span.start_char)
    if before:
        names.append(before.group("name"))
    for name in names:
        cands = [(e, "alternate" if how == "name" else how) for e, how in gaz.lookup(name, loose=False)]
        if cands:
            return cands
    return []


def _strong(cand: tuple[Entry, str], locative: bool) -> bool:
    """Enough to accept a span the NER did not call a place: a well-known place by its own name,
    or any place after a locative preposition."""
    entry, how = cand
    if locative:
        return True
    if how == "variant":
        return False  # "Saleh" is a name before it is Salé
    return (entry.feature != "city" or entry.importance >= 5.0 or entry.capital) and (
        how == "name" or entry.importance >= 5.5)  # a capital by its name: "Honiara has signed"


TITLES = {"mr", "mrs", "ms", "dr", "president", "minister", "general", "gen", "sen", "senator", "rep",
          "king", "queen", "prince", "sheikh", "judge", "colonel", "col", "commander", "leader", "chief"}


def _bare_name(span: "Span") -> bool:
    """A one-word "PERSON" with no title before it: the small model often tags "Kiev accused
    Moscow" or "entered Falluja" so; `_strong` then keeps only well-known places."""
    return len(span) == 1 and not _after_title(span)


def _after_title(span: "Span") -> bool:
    """"Mr Bouake", "President Kidal": a person's name."""
    return span.start > 0 and span.doc[span.start - 1].lower_.rstrip(".") in TITLES


def _is_locative(span: "Span") -> bool:
    """Is the span where a place would be: after "in", "near", "out of", "the outskirts of",
    "rebel-held", or the object of "entered", "seized", "shelled"?"""
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and (prev.lower_ in LOCATIVE or prev.text == "over"):  # not "Split Deepens Over Nice Deal"
        return True
    if prev is not None and prev.pos_ == "VERB" and _verb_in(prev, PLACE_OBJECT_VERBS):  # "Erdogan, visiting Soma,"
        return True
    if prev is not None and prev.lower_ == "of" and span.start > 1 and doc[span.start - 2].lower_ in OF_PLACE:
        return True
    if span.end < len(doc) and doc[span.end].lower_ in FRONT_WORDS:
        return True
    if prev is not None and prev.lower_ in HELD_WORDS and span.start > 1 and doc[span.start - 2].text == "-":
        return True  # "rebel-held Tubruq", "Russian-occupied Melitopol"
    root, head = span.root, span.root.head
    if root.dep_ == "pobj" and (head.lower_ in LOCATIVE or head.text in ("over", "off")):  # "sank off Pylos"
        return True
    if root.dep_ == "conj" and head.i < root.i:  # "in Arbinda, Djibo and Gorom-Gorom"
        first = _first_conjunct(root)
        return _is_locative(doc[first.left_edge.i:first.i + 1])
    if root.dep_ == "poss" and head.lemma_.lower() in OF_PLACE | PLACE_HOLDINGS:  # "Garoua's central market"
        return True
    if root.dep_ in ("compound", "nmod") and head.i >= span.end and head.lemma_.lower() in PLACE_NOUNS and all(
            t.is_lower for t in doc[span.end:head.i]):  # "Zaventem airport", "the Yongbyon nuclear complex"
        return True
    if root.dep_ == "nsubj" and head.lemma_ in ("lie", "locate") and any(  # "Chibok lies in Borno state"
            c.dep_ == "prep" and c.lower_ in LOCATIVE for c in head.children):
        return True
    return root.dep_ == "dobj" and _verb_in(head, PLACE_OBJECT_VERBS) or _placed_near(span)


def _placed_near(span: "Span") -> bool:
    """"Tal Afar, west of Mosul", "Akobo, 20 km east of ...", "Penrith, in western Sydney": the
    text puts the name on a map."""
    doc, j = span.doc, span.end
    if j >= len(doc) or doc[j].text != ",":
        return False
    j += 1
    if j + 2 < len(doc) and doc[j].lower_ == "in" and doc[j + 1].lower_ in DIRECTION_WORDS and _capitalised(doc[j + 2]):
        return True
    while j < len(doc) and (doc[j].like_num or doc[j].lower_ in DISTANCE_WORDS):
        j += 1
    k = j
    while k < len(doc) and (doc[k].lower_ in DIRECTIONS or doc[k].text == "-"):
        k += 1
    return j < k < len(doc) and doc[k].lower_ == "of"


def _list_head(span: "Span") -> "Span":
    """The first member of the list a span ends ("Kiwanja" of "the towns of Kiwanja and Rutshuru",
    "Tal Abyad" of "... of Tal Abyad and Ras al-Ain"), or the span itself: where its feature word
    and demonym stand."""
    first = _first_conjunct(_list_member(span))
    return span.doc[first.left_edge.i:first.i + 1] if first.i < span.start else span


def _list_member(span: "Span") -> "Token":
    """The token by which a span belongs to a list: its root, or the word that joins the list
    where the parse breaks the name ("... Tal Abyad and Ras al-Ain": "al")."""
    return next((t for t in span if t.dep_ == "conj" and not span.start <= t.head.i < span.end), span.root)


def _first_conjunct(tok: "Token") -> "Token":
    """The first member of the list a token ends: "Djibo" in "Arbinda, Djibo and Gorom-Gorom"."""
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return tok


def _struck(span: "Span") -> bool:
    """The object of "hit", "struck", "attacked" (or a later member of it: "hit Kiryat Shmona,
    Metula and Shlomi"): a place or a person."""
    root = _first_conjunct(span.root)
    return root.dep_ == "dobj" and _verb_in(root.head, STRIKE_VERBS)


def _verb_in(verb: "Token", words: set[str]) -> bool:
    """By lemma, or by form where the small model leaves a past tense unlemmatised ("retook")."""
    return verb.lemma_.lower() in words or verb.lower_ in words


def _feature_hint(span: "Span") -> str | None:
    doc = span.doc
    head = _list_head(span)
    if head.start < span.start:  # "the towns of Kiwanja and Rutshuru", "... of Tal Abyad and"
        return _feature_hint(head)
    last = span[-1].lower_ if len(span) > 1 else ""  # "State" alone is no feature word
    nxt = _singular(doc[span.end].lower_) if span.end < len(doc) else ""  # "Katsina and Niger states"
    if last in ADMIN_WORDS or nxt in ADMIN_WORDS:
        return "admin"
    if last in CITY_WORDS or nxt in CITY_WORDS:
        return "city"
    k = span.start - 2 if span.start >= 2 and doc[span.start - 1].text == "," else span.start - 1
    if k >= 0 and doc[k].lower_ in CITY_WORDS and doc[k].text.islower():
        return "city"  # "the regional capital Bahir Dar", "the port town Mokha", "the provincial capital, Wabag,"
    word = _listed_after(span)  # "frontier cities such as Paju", "ten districts, including Phalombe"
    if word in CITY_WORDS:
        return "city"
    if word in ADMIN_WORDS:
        return "admin"
    if span.start >= 2 and doc[span.start - 1].lower_ == "of":
        word = _singular(doc[span.start - 2].lower_)  # "the hill districts of Jajarkot and Rukum West"
        if word in CITY_WORDS:
            return "city"
        if word in ADMIN_WORDS:
            return "admin"
    return None


def _listed_after(span: "Span") -> str:
    """The place word, made singular, of "districts such as X", "towns, including X", "cities like X",
    "towns along the coast, including X" (the word "including" hangs on)."""
    doc, k = span.doc, span.start - 1
    if k < 1 or doc[k].lower_ not in ("as", "including", "like") \
            or doc[k].lower_ == "as" and doc[k - 1].lower_ != "such":
        return ""
    prep = doc[k]
    k -= 2 if prep.lower_ == "as" else 1
    k -= k >= 0 and doc[k].text == ","
    word = _singular(doc[k].lower_) if k >= 0 else ""
    return word if word in CITY_WORDS | ADMIN_WORDS else _singular(prep.head.lower_)


def _singular(word: str) -> str:
    """ "cities" -> "city", "states" -> "state": enough for the place words."""
    return word[:-3] + "y" if word.endswith("ies") else word.removesuffix("s")


def _proper_noun_runs(doc, ent_tokens: set[int], openers: frozenset[str] = frozenset()):
    """Runs of capitalised tokens outside entities ("Deir ez-Zor", "Aleppo"), longest first
    inside each run, as spans; a capital or country opening a sentence counts whatever its tag."""
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if i in ent_tokens or not (_capitalised(tok) or tok.is_sent_start and fold(tok.text) in openers
                                   and tok.pos_ not in ("ADJ", "VERB") or _short_name_start(doc, i)):
            i += 1
            continue
        j = _run_end(doc, i, ent_tokens)
        yield from _sub_runs(doc, i, min(j, i + 6))  # "Mazar - e - Sharif"
        i = j


def _short_name_start(doc, i: int) -> bool:
    """A two-letter word that opens a longer name ("Ha Long", "Da Nang")."""
    tok = doc[i]
    return len(tok) == 2 and tok.text[0].isupper() and tok.pos_ == "PROPN" and i + 1 < len(doc) \
        and _capitalised(doc[i + 1])


def _run_end(doc, i: int, ent_tokens: set[int] = frozenset()) -> int:
    """The end of the run of capitalised tokens starting at i, across connectors inside a name
    ("Deir ez-Zor", "Jisr al-Shughour")."""
    j, n = i + 1, len(doc)
    while j < n and j not in ent_tokens:
        if _capitalised(doc[j]):
            j += 1
            continue
        k = j
        while k < n and k - j < 3 and doc[k].lower_ in CONNECTORS:
            k += 1
        if k > j and k < n and k not in ent_tokens and _capitalised(doc[k]):
            j = k + 1
        else:
            break
    return j


def _sub_runs(doc, i: int, j: int):
    for length in range(j - i, 0, -1):
        for s in range(i, j - length + 1):
            span = doc[s:s + length]
            if span[0].text[0].isupper() and span[-1].text[0].isalpha():
                yield span


def _title_case(sent: "Span") -> bool:
    """A headline in title case, where capitals say nothing about names."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.text[0].isupper() for t in words) > 0.7 * len(words)


def _modifies_common_noun(span: "Span") -> bool:
    """"Mobile phones": a name modifying a common noun, unless the noun is something that
    happens in a place or belongs to one ("the Cabo Delgado insurgency", "Gdansk mayor")."""
    root = span.root
    head = root.head
    return root.dep_ in ("compound", "amod") and head.pos_ == "NOUN" and head.text.islower() \
        and head.lemma_ not in PLACE_NOUNS and head.lower_ not in NATURE_WORDS  # "the High Atlas mountains"


def _capitalised(tok: "Token") -> bool:
    t = tok.text
    if not t[:1].isupper() or len(t) < 3 or tok.pos_ in ("PRON", "DET", "ADP", "CCONJ", "AUX", "PUNCT", "NUM"):
        return False
    if tok.is_sent_start:
        return tok.tag_ in ("NNP", "NNPS") and not tok.is_stop
    return True


# qualifiers and context ---------------------------------------------------------------------------
def _admin(m: Mention) -> list[Entry]:
    """What a mention can contain: countries and regions, not a sea ("the Red Sea port" is not
    in Sudan's Red Sea state, unless the text says "state")."""
    if m.feature_hint != "admin" and any(e.feature == "water" for e, _ in m.candidates):
        return []
    return [e for e, _ in m.candidates if e.feature == "country" or e.feature in ADMIN_FEATURES]


def _add_qualifiers(ann: "Annotation", mentions: list[Mention], gaz: Gazetteer) -> None:
    text = ann.document.text
    for a, b in zip(mentions, mentions[1:]):
        gap = text[a.end:b.start]
        comma = gap.strip() == ","
        near = NEAR_GAP.fullmatch(gap) and not BORDER_AFTER.match(text, b.end)  # not "100 km south of the U.S. border"
        listed = comma and _names_a_country(a.candidates) and _names_a_country(b.candidates)  # "Venezuela, Cuba"
        water = all(e.feature == "water" for e, _ in b.candidates)  # "on the Chadian shore of Lake Chad": no country
        if b.candidates and not water and (comma and _admin(b) and not listed or QUALIFIER_GAP.fullmatch(gap) or near):
            a.qualifiers += _admin(b) or (_known_city(b) if near else [])  # "Paris, Texas"; "Tripoli in northern
            # Lebanon" (not "Tartous, Moscow's ..."); "Ipswich, west of Brisbane"
            a.containers.append(b)  # also a city: "Robotyne in Zaporizhzhia region" (named after it)
            a.placed_in = not comma
            b.qualifies = comma
        elif BORDER_GAP.fullmatch(gap) and OWN_BORDER.match(text, b.end, b.end + 10) and _admin(b):
            a.qualifiers += _admin(b)
            a.containers.append(b)
            a.placed_in = True
        elif BORDER_WITH_GAP.fullmatch(gap):
            across = {e.country for e in _admin(b)}
            a.candidates = [c for c in a.candidates if c[0].country not in across] or a.candidates
        elif (owner := _admin(a) or _known_city(a)) and POSSESSIVE_GAP.fullmatch(gap):
            b.qualifiers += owner  # "Libya's Tripoli", "Yemen's northern Jawf province", "London's Heathrow airport"
            b.containers.append(a)
            b.placed_in = True
    for a in mentions:
        if a.clause and a.clause[1] > a.clause[0]:  # "Khiam, a town in southern Lebanon"
            for b in mentions:
                if a.clause[0] <= b.start < a.clause[1] and b.candidates and b not in a.containers \
                        and not _across_border(text[a.clause[0]:b.start]):
                    a.qualifiers += _admin(b) or _known_city(b)  # "a suburb of Los Angeles": its country
                    a.containers.append(b)
            a.qualifiers += _clause_countries(text[a.clause[0]:a.clause[1]], gaz)
            a.qualifiers += _the_country(ann, a, gaz)
            if a.tentative and not a.containers and a.qualifiers:  # "Humera, an Ethiopian town near ..."
                a.containers.append(_context(a, a.qualifiers[0]))
    for m in mentions:
        after = re.match(r",\s*([A-Z][A-Za-z]{1,4})\.", text[m.end:m.end + 12])
        if after and after.group(1).lower() in AP_STATES:
            m.qualifier_states.add(AP_STATES[after.group(1).lower()])  # "Paris, Tex."
        if m.root is not None:
            iso3 = _norp_qualifier(m, gaz)
            if iso3 and gaz.country(iso3):
                m.qualifiers.append(gaz.country(iso3))
                if not any(e.country == iso3 or e.capital or e.importance >= 5.5 for e, _ in m.candidates):
                    # "the Swiss village of Bondo" (Kenya's is a town), not "the Indian city of Kathmandu";
                    m.containers.append(_context(m, gaz.country(iso3)))  # "the Philippine island of Negros"
                    m.placed_in = True  # and no namesake elsewhere: "the Indonesian island of Flores" (Uruguay's)
                    m.candidates = []


def _across_border(before: str, words: re.Pattern = BORDER) -> bool:
    """Does the clause before a place end on a border word, with no "in"/"of" after it ("the
    western province bordering Iran", "near the borders with Eritrea and Sudan"; not "a town near
    the border in South Sudan's Upper Nile state")?"""
    last = None
    for last in words.finditer(before):
        pass
    return last is not None and not re.search(r"\b(?:in|of)\b", before[last.end():])


def _clause_countries(clause: str, gaz: Gazetteer) -> list[Entry]:
    """Countries a container clause names in passing, by name or adjective: "the colonial city
    on the shores of Lake Nicaragua". Not near a border, which names the country next door."""
    return [] if BORDER.search(clause) else _countries_named(clause, gaz)


def _the_country(ann: "Annotation", m: Mention, gaz: Gazetteer) -> list[Entry]:
    """"Santiago, the country's second city", "Trujillo, a port on the country's northern
    coast": the country meant is the first one its sentence names before the place."""
    text = ann.document.text
    stop = PHRASE_END.search(text, m.clause[0])
    if not THE_COUNTRY.search(text, m.clause[0], stop.start() if stop else len(text)):
        return []
    start = ann.document.sentences[ann.sentence_of(m.start)][0] if ann.document.sentences else m.start
    return _countries_named(text[start:m.start], gaz)[:1]


def _countries_named(text: str, gaz: Gazetteer) -> list[Entry]:
    """Countries named in `text`, by name or adjective, in order."""
    out = []
    for word in re.findall(r"[A-Z][\w’'-]+", text):
        word = re.sub(r"['’]s$", "", word)
        iso3 = gaz.demonyms.get(fold(word))
        entry = gaz.country(iso3) if iso3 else next(
            (e for e, how in gaz.lookup(word, loose=False, minor=False) if e.feature == "country" and how == "name"), None)
        if entry is not None:
            out.append(entry)
    return out


def _norp_qualifier(m: Mention, gaz: Gazetteer) -> str | None:
    """"the Lebanese city of Tripoli", "the Libyan capital Tripoli", "the Syrian town Kobani", "the
    Syrian border towns of Tal Abyad and Ras al-Ain"."""
    doc = m.root.doc
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    k = _list_head(span).start - 1
    if k >= 0 and doc[k].lower_ == "of":
        k -= 1
    if k >= 1 and doc[k].lower_ in CITY_WORDS | ADMIN_WORDS | {"island"}:  # "the Italian island of Lampedusa"
        for j in range(k - 1, max(-1, k - 4), -1):  # "the South Sudanese town of Nasir": not Sudanese
            if doc[j + 1].text == "-" or not doc[j].is_alpha:
                continue  # "the Russian-occupied town of Enerhodar" says who holds it, not where it is
            iso3 = gaz.demonyms.get(fold(doc[j - 1:j + 1].text)) if j and doc[j - 1].is_alpha else None
            iso3 = iso3 or gaz.demonyms.get(fold(doc[j].text))
            if iso3:
                return iso3
    return None


def _country_evidence(ann: "Annotation", mentions: list[Mention], gaz: Gazetteer) -> Counter:
    """Countries the article is about: each mention's prior belief, demonyms, actors' countries."""
    evidence: Counter = Counter()
    for m in mentions:
        scores = [(_prior(e, how), e) for e, how in m.candidates if how != "loose"]  # a guess is no evidence
        if _minor_only(m):
            continue  # not yet believed; see _believable
        total = sum(math.exp(s) for s, _ in scores) or 1.0
        for s, e in scores:
            if e.country:
                m.prior[e.country] += math.exp(s) / total
        evidence.update(m.prior)
    norp = set()
    for ent in ann.doc.ents:
        if ent.label_ == "NORP":
            norp.update(range(ent.start, ent.end))
            iso3 = gaz.demonyms.get(fold(ent.text))
            if iso3:
                evidence[iso3] += 1.0
    for tok in ann.doc:  # demonyms the NER missed or mislabelled: "Azerbaijani troops", "a Tajik exclave"
        if (tok.pos_ == "ADJ" or tok.pos_ == "PROPN" and tok.dep_ in ("amod", "compound")) \
                and tok.text[:1].isupper() and tok.i not in norp:
            iso3 = gaz.demonyms.get(fold(tok.text))
            if iso3:
                evidence[iso3] += 1.0
    spans = [(m.start, m.end) for m in mentions]
    for actor in ann.document.actors:
        # Only actors named at least once by something other than a place of the text: the others
        # took their country from that place ("the governor of Georgia", "Syracuse") and would
        # vouch for the reading they came from.
        if actor.country and any(all(end <= s or e <= start for s, e in spans) for start, end in actor.mentions):
            evidence[actor.country] += 0.5
    return evidence


def _likeliest(candidates: list[tuple[Entry, str]]) -> tuple[Entry, str] | None:
    """The candidate with the highest prior, before any context."""
    return max(candidates, key=lambda c: _prior(*c), default=None)


def _prior(entry: Entry, how: str) -> float:
    score = entry.importance + (0.75 if entry.capital else 0.0)
    return score - {"name": 0.0, "alternate": 0.5, "variant": 0.5, "loose": 1.5}[how]


# choosing ---------------------------------------------------------------------------------------
def _choose(ann: "Annotation", m: Mention, evidence: Counter, states: set[str], countries: set[str],
            anchors: list[tuple[Mention, float, float]]) -> Place:
    """The likeliest candidate: its prior, then the article's countries, the US states and
    countries it names (a capital of a named country: "the Falkland Islands government in
    Stanley"), qualifiers, feature words and nearby places."""
    sentence = ann.sentence_of(m.start)
    role = "dateline" if m.source == "dateline" else _role(m.root)
    if not m.candidates:
        return Place(m.text, m.start, m.end, sentence, role, None, None, None, None, None, None, None, 0.0)
    own = m.own
    total = sum(evidence.values()) - sum(own.values())
    qual_countries = {q.country for q in m.qualifiers if q.country}
    qual_states = m.qualifier_states | {q.admin1 for q in m.qualifiers if q.admin1}
    # A small town needs more than the article's country to take a name from a bigger place
    # (Saint Helena, California, in an article full of the United States), unless the bigger
    # place bears it only as another name (Westport, New Zealand; not Kansas City).
    known = any(not e.minor and how == "name" for e, how in m.candidates)
    minor_context = W_CONTEXT / 3 if known else W_CONTEXT
    # a town or province takes no article: "across the Rio Grande" is the river, "the foothills of the
    # Andes" the range (not so "the Mosul dam": no river's name)
    features = {e.feature for e, _ in m.candidates}
    the = ann.document.text[max(0, m.start - 4):m.start] == "the "
    the_feature = "water" if the and "water" in features else "region" if the and "region" in features else None
    scored = []
    for entry, how in m.candidates:
        score = _prior(entry, how)
        if entry.country and total > 0:
            weight = minor_context if entry.minor else W_CONTEXT
            score += weight * max(0.0, evidence[entry.country] - own[entry.country]) / total
        if entry.admin1 and entry.feature == "city" and entry.admin1 in states:
            score += W_STATE / 3 if known and entry.minor else W_STATE  # (not "from Detroit and Cleveland to
            # Toronto" in Ohio)
        if entry.capital and entry.country in countries:
            score += W_CAPITAL
        if entry.country in qual_countries and not (entry in m.qualifiers):
            score += W_QUALIFIER
        if entry.admin1 and entry.feature == "city" and entry.admin1 in qual_states:
            score += W_QUALIFIER
        if entry.country in m.listed and not known:  # (not "as far as New Delhi and Dhaka")
            score += W_FEATURE
        if the_feature and entry.feature != the_feature and (
                entry.feature == "city" or entry.feature in ADMIN_FEATURES and m.feature_hint != "admin"):
            score -= W_FEATURE  # ("from Port Sudan on the Red Sea": not Sudan's Red Sea state)
        if m.feature_hint == "city" and entry.feature == "city":
            score += W_FEATURE
        elif m.feature_hint == "admin" and entry.feature in ADMIN_FEATURES:
            score += W_FEATURE
        elif m.feature_hint == "admin" and entry.feature == "country":
            score -= W_FEATURE  # "Niger state", "Punjab province": part of a country
        elif m.qualifies and (entry.feature == "country" or entry.feature in ADMIN_FEATURES):
            score += W_FEATURE  # "Windsor, Ontario": the province, not a Californian city
        scored.append([score, entry, how])
    if len(scored) > 1:
        # The two costly terms, only for candidates they could lift to the top: with a hundred
        # small towns called Paris or Moscow, the others cannot win and count little in `share`.
        top = max(s[0] for s in scored) - W_NEAR - 0.25
        for row in scored:
            if row[0] < top:
                continue
            entry = row[1]
            if entry.lat is not None and any(haversine_km(entry.lat, entry.lon, lat, lon) <= 300
                                             for _, lat, lon in anchors):
                row[0] += W_NEAR
            row[0] += 0.25 * _likeness(fold(m.text), fold(entry.name))  # closer spelling wins
    scored.sort(key=lambda x: (-x[0], x[1].feature != "country", -x[1].importance))
    best_score, best, how = scored[0]
    share = 1.0 / sum(math.exp(s - best_score) for s, _, _ in scored)
    confidence = round(min(0.99, share * SOURCE_RELIABILITY[m.source] * MATCH_RELIABILITY[how]), 3)
    if best.feature == "water":
        role = "location"  # a river or sea acts for no one ("the Tana river burst its banks")
    return Place(m.text, m.start, m.end, sentence, role, best.country, best.lat, best.lon, best.feature,
                 best.geonames_id, best.id, best.name, confidence)


@lru_cache(maxsize=65536)
def _likeness(a: str, b: str) -> float:
    """How alike two spellings are (difflib's ratio; cached, as the same pairs recur)."""
    return SequenceMatcher(None, a, b).ratio()


def _role(root: "Token | None") -> str:
    """"actor" when the place stands for its government or people, else "location"."""
    if root is None:
        return "location"
    tok = root
    while tok.dep_ == "conj" and tok.head is not tok:  # "Moscow and Washington said"
        tok = tok.head
    dep, head = tok.dep_, tok.head
    if dep == "nsubj" and head.pos_ in ("VERB", "AUX"):
        lemma = head.lemma_.lower()
        if lemma in AGENT_VERBS:
            return "actor"
        if lemma not in NON_AGENT_VERBS and any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in head.children):
            return "actor"
    if dep == "nsubj" and head.lemma_ == "be" and any(
            c.dep_ == "acomp" and c.lemma_.lower() in STANCE_ADJECTIVES for c in head.children):
        return "actor"  # "Moscow was ready to ..."
    if dep == "pobj" and head.dep_ == "agent":  # "was bombed by Russia"
        return "actor"
    if dep in ("poss", "compound", "nmod", "amod", "npadvmod") and head.lemma_.lower() in ACTOR_NOUNS | {"lead", "back"}:
        return "actor"
    if dep == "dobj" and head.lemma_.lower() in TARGET_VERBS:  # "Beijing warned Manila"
        return "actor"
    return "location"
