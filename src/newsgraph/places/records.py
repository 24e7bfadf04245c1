"""The place record that the 'places' component adds to `Document.places`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Place:
    """One mention of a place, resolved against the gazetteer.

    `role` says how the sentence uses it: "location" (where something happens), "actor" (a
    place standing for its government: "Moscow said", "Washington's allies") or "dateline" (the
    city an article is filed from). Later stages pick event locations among "location" places.

    `confidence` is the estimated probability that the chosen gazetteer entry is the place
    meant (so that country, lat and lon are right): the share of the winning candidate in a
    softmax over all candidates' scores, times the reliability of how the mention was found
    and matched (a loose spelling match or a span the NER did not tag as a place counts less).
    A single unambiguous candidate found by the NER gives ~0.95; 0.5-0.8 means a real choice was
    made between same-named places; unresolved mentions have 0.
    """

    name: str
    """The text as written ("Kharkov")."""
    start: int
    end: int
    sentence: int
    role: str  # location | actor | dateline
    country: str | None  # ISO 3166 alpha-3
    lat: float | None
    lon: float | None
    feature: str | None  # country | admin1 | admin2 | region | water | continent | city
    geonames_id: int | None
    gazetteer_id: str | None
    """"geonames:706483", "region:crimea" (data/regions.tsv) or "iso3166-2:SY-ID"; None if unresolved."""
    resolved: str | None
    """The gazetteer's name for it ("Kharkiv")."""
    confidence: float
