"""Events as GDELT 2.0 event rows and as PLOVER JSON records (for `newsgraph export`)."""

from __future__ import annotations

import zlib
from typing import Any

from ..records import ActorRef, Document
from .cameo import goldstein, root_code

SECTOR_ROLES = frozenset("GOV MIL REB OPP COP MED LEG JUD CVL LAB EDU BUS ELI REL SPY UAF CRM".split())


def _split_code(ref: ActorRef | None, doc: Document) -> tuple[str | None, str | None]:
    """(country, sector) of an actor reference, from its actor record or its code."""
    if ref is None:
        return None, None
    actor = doc.actor(ref.actor_id) if ref.actor_id else None
    code = ref.code or ""
    country = actor.country if actor and actor.country else None
    sector = actor.sector if actor and actor.sector else None
    if not country and len(code) >= 3 and code[:3] not in SECTOR_ROLES:
        country = code[:3]
    if not sector:
        rest = code[3:6] if country and code.startswith(country) else code[:3]
        sector = rest if rest in SECTOR_ROLES else None
    return country, sector


def _place_get(place: Any, *keys: str) -> Any:
    for key in keys:
        value = place.get(key) if isinstance(place, dict) else getattr(place, key, None)
        if value is not None:
            return value
    return None


GDELT_COLUMNS = ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "Actor1Code", "Actor1Name", "Actor1CountryCode",
                 "Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "IsRootEvent",
                 "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
                 "NumSources", "NumArticles", "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode",
                 "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL")
"""The GDELT 2.0 event-table columns newsgraph fills, in GDELT's order (the others do not apply)."""


def gdelt_row(event: Any, document: Document) -> dict[str, Any]:
    """The GDELT 2.0 event-table columns that apply to one event (others are left out).

    GLOBALEVENTID is a stable 63-bit number from the document hash and the event id; SQLDATE is
    the event date (its start for a range); IsRootEvent marks the top-ranked main event of its
    sentence; NumMentions/NumSources/NumArticles are 1 (one article).
    """
    a1c, a1s = _split_code(event.source, document)
    a2c, a2s = _split_code(event.target, document)
    date = (event.date or document.date or "")[:10]
    loc = event.location
    row: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS)  # GDELT's order; the columns left unset stay null
    row.update({
        "GLOBALEVENTID": zlib.crc32(f"{document.hash}:{event.id}".encode()) | (zlib.crc32(document.hash.encode()) << 31),
        "SQLDATE": int(date.replace("-", "")) if date else None,
        "MonthYear": int(date[:7].replace("-", "")) if date else None,
        "Year": int(date[:4]) if date else None,
        "Actor1Code": event.source.code if event.source else None,
        "Actor1Name": (event.source.name or "").upper() or None if event.source else None,
        "Actor1CountryCode": a1c,
        "Actor1Type1Code": a1s,
        "Actor2Code": event.target.code if event.target else None,
        "Actor2Name": (event.target.name or "").upper() or None if event.target else None,
        "Actor2CountryCode": a2c,
        "Actor2Type1Code": a2s,
        "IsRootEvent": 1 if event.parent is None and _is_first_in_sentence(event, document) else 0,
        "EventCode": event.cameo,
        "EventBaseCode": event.cameo[:3],
        "EventRootCode": root_code(event.cameo),
        "QuadClass": event.quad_class,
        "GoldsteinScale": event.goldstein if event.goldstein is not None else goldstein(event.cameo),
        "NumMentions": 1,
        "NumSources": 1,
        "NumArticles": 1,
        "SOURCEURL": document.url,
    })
    if loc is not None:
        row["ActionGeo_FullName"] = _place_get(loc, "name", "text")
        row["ActionGeo_CountryCode"] = _place_get(loc, "country", "country_code")
        row["ActionGeo_Lat"] = _place_get(loc, "lat", "latitude")
        row["ActionGeo_Long"] = _place_get(loc, "lon", "lng", "longitude")
        row["ActionGeo_FeatureID"] = _place_get(loc, "geonameid", "gazetteer_id", "id")
        row["ActionGeo_Type"] = _geo_type(_place_get(loc, "feature_type", "feature", "type"),
                                          row["ActionGeo_CountryCode"])
    return row



def _geo_type(feature: Any, country: Any) -> int | None:
    """GDELT's ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state
    (any subdivision or region); None for seas and continents, which GDELT does not code."""
    feature, us = str(feature or "").lower(), country in ("USA", "US")
    if feature == "country":
        return 1
    if feature == "city":
        return 3 if us else 4
    if feature in ("admin1", "admin2", "region"):
        return 2 if us else 5
    return None


def _is_first_in_sentence(event: Any, document: Document) -> bool:
    first = next((e for e in document.events if e.sentence == event.sentence and e.parent is None), None)
    return first is not None and (first.id == event.id or (first.group is not None and first.group == event.group))


def _entity(ref: ActorRef | None, doc: Document, text: str | None = None) -> dict[str, Any] | None:
    if ref is None:
        return None
    country, sector = _split_code(ref, doc)
    return {"code": country, "sector": sector, "entity_text": ref.name, "identifier_id": ref.actor_id,
            "identifier_text": ref.name, "newsgraph_code": ref.code}


def plover_record(event: Any, document: Document) -> dict[str, Any]:
    """One PLOVER JSON event record (PLOVER manual v2.0 field names).

    Auxiliary modes carry the modality (future, hypothetical, negation); `has_event` is false
    for denied, negated and hypothetical events, so consumers that count events can skip them.
    """
    aux = []
    if event.negated or event.modality == "denied":
        aux.append("negation")
    if event.modality in ("future", "hypothetical"):
        aux.append(event.modality)
    date = event.date or document.date
    start, _, end = (date or "").partition("/")
    loc = event.location
    record: dict[str, Any] = {
        "id": f"{document.id}-{event.id}",
        "has_event": event.factual,
        "date": start or None,
        "enddate": end or None,
        "actor": [e for e in (_entity(event.source, document),) if e],
        "recipient": [e for e in (_entity(event.target, document),) if e],
        "event": [event.type],
        "mode": [event.mode] if event.mode else [],
        "aux_mode": aux,
        "context": [],
        "quad_code": event.quad_class,
        "event_scale": event.goldstein,
        "event_text": [event.trigger.text],
        "event_loc": None,
        "link": event.parent,
        "text": document.text[event.start:event.end],
        "text_info": {"sentence": event.sentence, "start": event.start, "end": event.end,
                      "trigger": {"text": event.trigger.text, "start": event.trigger.start, "end": event.trigger.end}},
        "cite_info": {"document_id": document.id, "url": document.url, "source": document.source,
                      "title": document.title, "claimed_by": event.claimed_by.name if event.claimed_by else None},
        "coder": f"newsgraph ({document.version})" if document.version else "newsgraph",
        "comment": f"CAMEO {event.cameo}; modality {event.modality}; confidence {event.confidence}",
    }
    if loc is not None:
        record["event_loc"] = {
            "extracted_place": _place_get(loc, "text", "name"), "resolved_place": _place_get(loc, "name"),
            "geonameid": _place_get(loc, "geonameid", "gazetteer_id", "id"), "lat": _place_get(loc, "lat", "latitude"),
            "lon": _place_get(loc, "lon", "lng", "longitude"), "country_code": _place_get(loc, "country", "country_code")}
    return record
