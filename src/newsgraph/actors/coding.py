"""Actor code conventions: CAMEO-style codes and their mapping to PLOVER for scoring.

A code is a country (ISO 3166 alpha-3) or a pseudo-country (IGO + organisation, IMG for
transnational armed groups, NGO), followed by a sector: RUSGOV, SYRREB, IGOUNOMIL, IMGREB.
Sectors follow CAMEO (MED = media, HLH = health); PLOVER renamed these JRN and MED, and
spells some countries differently in old gold data (JAP, ITL). The evaluation compares in
PLOVER's terms through the functions here, so the conventions live in one place.
"""

from __future__ import annotations

from ..records import Actor

PSEUDO = ("IGO", "IMG", "NGO")
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "KSV": "XKX", "ROM": "ROU", "GER": "DEU"}
TO_PLOVER = {"MED": "JRN", "HLH": "MED"}
RELIGIONS = {"MOS", "CHR", "JEW", "BUD", "HIN", "SHI", "SUN", "CTH", "ORT", "PRO"}


def compose(country: str | None, sector: str | None) -> str | None:
    """RUS + GOV -> RUSGOV; either part may be missing."""
    return ((country or "") + (sector or "")) or None


def country_key(actor: Actor | None) -> str | None:
    """The country an actor is coded with, a pseudo-country for organisations without one:
    'IGO' plus the organisation ('IGOUNO' -> UNO, 'IGOEUR' -> EUR), 'IMG', 'NGO'."""
    if actor is None:
        return None
    if actor.country:
        return actor.country
    code = actor.code or ""
    if code.startswith("IGO"):
        return code[3:6] or "IGO"
    if code[:3] in PSEUDO:
        return code[:3]
    return None


def gold_country(code: str | None) -> str | None:
    """A gold country code in ISO3 (old CAMEO spellings mapped)."""
    if not code:
        return None
    code = code.strip().upper()
    return CAMEO_TO_ISO.get(code, code)


def country_matches(actor: Actor | None, gold: str | None) -> bool:
    """Gold IGO accepts any intergovernmental code (IGOUNO, IGONATMIL ...); UNO and EUR
    (PLOVER's pseudo-countries for the UN and the EU) must name that organisation."""
    predicted = country_key(actor)
    if gold in (None, ""):
        return predicted is None
    if gold == "IGO":
        return bool(actor and (actor.code or "").startswith("IGO"))
    return predicted == gold


def gold_sector(sector: str | None) -> str | None:
    """The main sector of a gold code: the first three capitals ('CVLalb' -> CVL, 'REFKUR' -> REF);
    CAMEO religion codes -> REL; '***' (uncoded) -> None."""
    if not sector or sector.startswith("*"):
        return None
    s = sector[:3].upper()
    return "REL" if s in RELIGIONS else s


def plover_sector(sector: str | None) -> str | None:
    """Our CAMEO sector in PLOVER's terms (MED -> JRN, HLH -> MED)."""
    if sector == "NGO":  # PLOVER has NGO as a pseudo-country, not as a sector
        return None
    return TO_PLOVER.get(sector, sector) if sector else None
