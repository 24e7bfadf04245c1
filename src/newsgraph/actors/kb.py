"""The actor knowledge base: shipped YAML files plus the user's, compiled once per process.

Why compiled: resolution must cost a few dict lookups per noun phrase, never a scan over the
KB. Every name and alias becomes a path in a word trie (`KB.trie`), surnames go to their own
index, and office holders are indexed by (office, where) with their dates. Text and KB names are
split into words by the same `words()` so "al-Qaeda", "Al Qaeda" and "U.S." / "US" meet.

Files (src/newsgraph/actors/data/, documented in docs/actors.md): countries.yaml, lexicon.yaml,
igos.yaml, groups.yaml, bodies.yaml, media.yaml and offices_*.yaml. A user's file uses the same
sections; an entry with the id of an existing one replaces it (people are keyed by name).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..errors import NewsgraphError

DATA = Path(__file__).with_name("data")
SHIPPED = ("countries.yaml", "igos.yaml", "groups.yaml", "bodies.yaml", "media.yaml",
           "offices_west.yaml", "offices_mideast.yaml", "offices_asia_africa.yaml")
LEXICON = "lexicon.yaml"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml parses the KB ~10x faster

_FOLD = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                       "’": "'", "‘": "'", "æ": "ae", "œ": "oe"})
_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=1 << 16)  # called on every token of every document: token texts repeat
def words(text: str) -> tuple[str, ...]:
    """Case-kept words of a name: accents folded, dots dropped ("U.S." -> "US"), every other
    non-letter a separator ("al-Qaeda" -> al, Qaeda; "People's" -> People, s)."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c)).replace(".", "")
    return tuple(w for w in _NON_WORD.split(text) if w and w != "_")


def key(text: str) -> tuple[str, ...]:
    """Lower-cased words: the form every index is keyed by."""
    return tuple(w.lower() for w in words(text))


def _shape(alias: str) -> tuple[str, ...]:
    """What the text must look like to match `alias`: 'A' all capitals (UN, IS, AP), 'C' a
    capital initial (Islamic State, Security Council), '' anything (rebels, al-)."""
    ws = words(alias)
    if len(ws) == 1 and ws[0].isupper() and len(ws[0]) > 1:
        return ("A",)
    return tuple("C" if w[:1].isupper() else "" for w in ws)


def shape_ok(shape: tuple[str, ...], text_words: tuple[str, ...]) -> bool:
    if not shape:
        return True
    if shape == ("A",):
        return len(text_words) == 1 and text_words[0].isupper()
    return len(shape) == len(text_words) and all(not s or w[:1].isupper() or w[:1].isdigit()
                                                 for s, w in zip(shape, text_words))


def parse_date(value: Any, end: bool = False) -> dt.date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD (a YAML date too); a partial date is the start of its period."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    parts = [int(p) for p in str(value).split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@dataclass(frozen=True)
class Office:
    title: str
    where: str | None  # ISO3 or an entry id (UN, HAMAS); None: the holder's country
    start: dt.date
    end: dt.date | None  # exclusive: on this day the successor holds it

    def holds(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass
class Entry:
    id: str
    name: str
    kind: str  # person | organization | country | group
    country: str | None = None
    sector: str | None = None
    code: str | None = None  # explicit base code (IGOUNO, IMGREB); else country + sector
    aliases: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()
    gov: bool = False  # stands for the government itself (the Kremlin, a capital)
    until: dt.date | None = None  # from this date the sector is `then`
    then: str | None = None
    surname: str | None = None
    igo: bool = False

    def sector_at(self, day: dt.date) -> str | None:
        if self.until is not None and day >= self.until:
            return self.then
        return self.sector


@dataclass
class Lexicon:
    """Head nouns, titles and modifiers (lexicon.yaml), with plurals generated."""

    sectors: dict[str, tuple[str, bool]] = field(default_factory=dict)  # phrase -> (sector, weak)
    weak_none: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)  # singular person nouns
    plural_of: dict[str, str] = field(default_factory=dict)  # plural -> singular
    roles: dict[str, str] = field(default_factory=dict)  # title phrase -> canonical office
    former: set[str] = field(default_factory=set)
    honorifics: set[str] = field(default_factory=set)
    leader_order: tuple[str, ...] = ()
    office_sectors: dict[str, str] = field(default_factory=dict)
    honorific_sectors: dict[str, str] = field(default_factory=dict)
    max_phrase: int = 1

    def singular(self, phrase: str) -> str:
        return self.plural_of.get(phrase, phrase)

    @cached_property
    def role_prefixes(self) -> frozenset[str]:
        """Every beginning of a title as written (singular or plural): a phrase that starts
        with a word outside it cannot be a title (the resolver skips most words this way)."""
        forms = set(self.roles) | {p for p, s in self.plural_of.items() if s in self.roles}
        return frozenset(f[:i] for f in forms for i in range(len(f) + 1))


def pluralize(phrase: str, irregular: dict[str, str]) -> str:
    if phrase in irregular:
        return irregular[phrase]
    *first, last = phrase.split(" ")
    if last in irregular:
        plural = irregular[last]
    elif last.endswith("man") and not last.endswith(("human", "german", "roman")):
        plural = last[:-3] + "men"
    elif re.search(r"[^aeiou]y$", last):
        plural = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        plural = last + "es"
    else:
        plural = last + "s"
    return " ".join([*first, plural])


def _load_lexicon(data: dict[str, Any]) -> Lexicon:
    lex = Lexicon()
    irregular = {str(k): str(v) for k, v in (data.get("plurals") or {}).items()}

    def add_plural(singular: str) -> str:
        plural = pluralize(singular, irregular)
        if plural != singular:
            lex.plural_of.setdefault(plural, singular)
        return plural

    for sector, phrases in (data.get("sectors") or {}).items():
        for phrase in phrases:
            phrase = str(phrase).lower()
            weak = phrase.endswith("*")
            phrase = phrase.rstrip("*").strip()
            for form in (phrase, add_plural(phrase)):
                lex.sectors.setdefault(form, (sector, weak))
    for phrase in data.get("weak_none") or ():
        phrase = str(phrase).lower()
        lex.weak_none.update((phrase, add_plural(phrase)))
    for phrase in data.get("person_nouns") or ():
        lex.people.add(str(phrase).lower())
        add_plural(str(phrase).lower())
    for office, titles in (data.get("roles") or {}).items():
        for title in titles:
            lex.roles.setdefault(str(title).lower(), str(office))
            add_plural(str(title).lower())
    lex.former = {str(w).lower() for w in data.get("former") or ()}
    lex.honorifics = {str(w).lower().rstrip(".") for w in data.get("honorifics") or ()}
    lex.leader_order = tuple(data.get("leader_order") or ())
    lex.office_sectors = {str(k): str(v) for k, v in (data.get("office_sectors") or {}).items()}
    lex.honorific_sectors = {str(k): str(v) for k, v in (data.get("honorific_sectors") or {}).items()}
    lex.max_phrase = max(len(p.split()) for p in [*lex.sectors, *lex.roles, *lex.weak_none])
    return lex


_HELD = re.compile(r"^(?P<title>[a-z][a-z -]*?)(?:@(?P<where>[A-Za-z0-9_.]+))?\s+(?P<start>\d{4}(?:-\d\d){0,2})\.\.(?P<end>\d{4}(?:-\d\d){0,2})?$")


def parse_held(text: str, origin: str) -> Office:
    m = _HELD.match(str(text).strip())
    if not m:
        raise NewsgraphError("E022", file=origin, detail=f"bad office {text!r} (want 'office[@WHERE] FROM..TO')")
    return Office(m["title"].strip(), m["where"], parse_date(m["start"]), parse_date(m["end"]))


def display_name(p: dict[str, Any]) -> str:
    """The name as written with its accents when an alias spells it so ("Juan Guaidó")."""
    name = str(p["name"])
    for alias in p.get("aliases") or ():
        alias = str(alias)
        if not alias.isascii() and key(alias) == key(name):
            return alias
    return name


def person_id(name: str) -> str:
    return "person:" + "-".join(key(name))


class KB:
    """Entries and the lookup tables compiled from them."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.lexicon = Lexicon()
        self.trie: dict[str, Any] = {}
        self.surnames: dict[tuple[str, ...], list[str]] = {}
        self.offices: dict[tuple[str, str], list[tuple[Office, str]]] = {}
        self.demonyms: dict[tuple[str, ...], str] = {}  # demonym key -> ISO3
        self.capitals: dict[tuple[str, ...], str] = {}  # capital key -> ISO3
        self.country_names: dict[str, str] = {}  # ISO3 -> display name
        self.adjectives: dict[str, str] = {}  # ISO3 -> "Russian"
        self.files: list[str] = []

    # ---- building
    def add(self, entry: Entry, origin: str = "") -> None:
        """Add or replace an entry. An entry may replace one of its own kind (a user's file
        overriding a shipped person), never a country by something else or the reverse: a group
        with id NLD once turned every "Netherlands" into Myanmar's National League for Democracy."""
        old = self.entries.get(entry.id)
        if old is not None and (old.kind == "country") != (entry.kind == "country"):
            raise NewsgraphError("E022", file=origin or "(built-in)",
                                 detail=f"id {entry.id} names both {old.name} and {entry.name}; ids must be unique")
        self.entries[entry.id] = entry

    def load_file(self, path: str | Path) -> None:
        path = Path(path)
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise NewsgraphError("E022", file=str(path), detail=str(exc).splitlines()[0][:200]) from None
        if not isinstance(data, dict):
            raise NewsgraphError("E022", file=str(path), detail="top level must be a mapping of sections")
        self.files.append(str(path))
        origin = str(path)
        for iso, c in (data.get("countries") or {}).items():
            self._country(str(iso).upper(), c or {})
        for r in data.get("regions") or ():
            self.add(Entry("region:" + "-".join(key(r["name"])), r["name"], "organization" if r.get("sector") else "group",
                           r.get("country"),
                           r.get("sector"), aliases=tuple(r.get("aliases") or ())))
        for section, kind, igo in (("igos", "organization", True), ("groups", "organization", False),
                                   ("bodies", "organization", False), ("media", "organization", False)):
            for e in data.get(section) or ():
                if "id" not in e or "name" not in e:
                    raise NewsgraphError("E022", file=origin, detail=f"{section} entry without id or name: {e}")
                sector = e.get("sector", "MED" if section == "media" else None)
                code = e.get("code")
                self.add(Entry(str(e["id"]), str(e["name"]), kind, e.get("country"), sector, code,
                               tuple(str(a) for a in e.get("aliases") or ()), gov=bool(e.get("gov")),
                               until=parse_date(e.get("until")), then=e.get("then"), igo=igo,
                               surname=None), origin)
        for p in data.get("people") or ():
            if "name" not in p:
                raise NewsgraphError("E022", file=origin, detail=f"person without a name: {p}")
            offices = tuple(parse_held(h, origin) for h in p.get("held") or ())
            self.add(Entry(person_id(p["name"]), display_name(p), "person", p.get("country"), p.get("sector"),
                           aliases=tuple(str(a) for a in p.get("aliases") or ()), offices=offices,
                           surname=p.get("surname")))
        if "sectors" in data or "roles" in data:
            self.lexicon = _load_lexicon(data)

    def _country(self, iso: str, c: dict[str, Any]) -> None:
        old = self.entries.get(iso)
        names = tuple(str(n) for n in c.get("names") or ())
        name = names[0] if names else (old.name if old else iso)
        aliases = tuple(dict.fromkeys([*names, *(old.aliases if old else ())]))
        self.add(Entry(iso, name, "country", iso, None, aliases=aliases))
        self.country_names[iso] = name
        if c.get("demonyms"):
            self.adjectives[iso] = str(c["demonyms"][0])
        for d in c.get("demonyms") or ():
            d = str(d)
            self.demonyms[key(d)] = iso
            if re.search(r"(an|i|ot)$", d):
                self.demonyms.setdefault(key(d + "s"), iso)
        for cap in c.get("capitals") or ():
            self.capitals[key(str(cap))] = iso

    def add_pycountry(self) -> None:
        """ISO 3166 names for every country the YAML does not spell out."""
        import pycountry

        taken = {key(a): e.id for e in self.entries.values() if e.kind == "country" for a in e.aliases}
        for c in pycountry.countries:
            iso = c.alpha_3
            forms = [getattr(c, a, None) for a in ("common_name", "name", "official_name")]
            forms = [f for f in forms if f and "," not in f and taken.get(key(f), iso) == iso]
            if not forms and iso not in self.entries:  # "Bonaire, Sint Eustatius and Saba"
                self.add(Entry(iso, c.name, "country", iso, None))
                self.country_names[iso] = c.name
                continue
            if not forms:
                continue
            entry = self.entries.get(iso)
            if entry is None:
                self.add(Entry(iso, forms[0], "country", iso, None, aliases=tuple(forms)))
                self.country_names[iso] = forms[0]
            else:
                entry.aliases = tuple(dict.fromkeys([*entry.aliases, *forms]))

    def compile(self) -> None:
        """Tries and indexes from the entries; a later entry with the same key comes first."""
        self.trie, self.surnames, self.offices = {}, {}, {}
        for iso in list(self.country_names):
            gid = f"{iso}.GOV"
            if gid not in self.entries:
                self.add(Entry(gid, f"{self.adjectives.get(iso, self.country_names[iso])} government", "organization", iso, "GOV", gov=True))
        for entry in self.entries.values():
            forms = [entry.name, *entry.aliases]
            if entry.kind == "person":
                ws = key(entry.name)
                if len(ws) >= 3 and len(ws[0]) > 1:  # "George W. Bush" -> "George Bush"
                    forms.append(" ".join(words(entry.name)[::len(ws) - 1]))
                self._index_surname(entry)
                for office in entry.offices:
                    where = office.where or entry.country or ""
                    self.offices.setdefault((office.title, where), []).append((office, entry.id))
            for form in forms:
                self._insert(form, entry.id, "name")
        for k, iso in self.demonyms.items():
            self._insert_key(k, (iso, "demonym", ()))
        for k, iso in self.capitals.items():
            self._insert_key(k, (f"{iso}.GOV", "capital", ()))
        for lst in self.offices.values():
            lst.sort(key=lambda x: x[0].start)

    def _insert(self, form: str, entry_id: str, how: str) -> None:
        ws = words(form)
        if ws and ws[0].lower() == "the" and len(ws) > 1:
            ws = ws[1:]
            form = " ".join(ws)
        if not ws:
            return
        self._insert_key(tuple(w.lower() for w in ws), (entry_id, how, _shape(" ".join(ws))))

    def _insert_key(self, k: tuple[str, ...], value: tuple) -> None:
        node = self.trie
        for w in k:
            node = node.setdefault(w, {})
        hits = node.setdefault("$", [])
        hits[:] = [value] + [h for h in hits if h[:2] != value[:2] or h[2] != value[2]]

    def _index_surname(self, entry: Entry) -> None:
        forms = [entry.surname] if entry.surname else []
        for name in (entry.name, *entry.aliases):
            ws = key(name)
            if len(ws) < 2 or entry.surname:
                continue
            forms.append(ws[-1])
            for i, w in enumerate(ws[1:-1], 1):  # "Bashar al-Assad" -> "al Assad"; "de la Rua"
                if w in ("al", "el", "de", "da", "van", "von", "bin", "ibn", "le", "la", "zu", "di", "del", "abu"):
                    forms.append(" ".join(ws[i:]))
                    break
        for form in dict.fromkeys(forms):
            if form:
                lst = self.surnames.setdefault(key(form), [])
                if entry.id not in lst:
                    lst.append(entry.id)

    # ---- lookups
    def match(self, toks: list[tuple[str, ...]], i: int) -> list[tuple[int, list[tuple]]]:
        """Matches starting at word-list `i` of `toks` (one tuple of words per token): a list of
        (end token index exclusive, hits), longest first. Shapes are checked by the caller."""
        out: list[tuple[int, list[tuple]]] = []
        node = self.trie
        for j in range(i, len(toks)):
            ws = toks[j]
            if not ws:
                continue
            for w in ws:
                node = node.get(w.lower())
                if node is None:
                    return out[::-1]
            if "$" in node:
                out.append((j + 1, node["$"]))
        return out[::-1]

    def holder(self, office: str, where: str, day: dt.date) -> Entry | None:
        for o, pid in reversed(self.offices.get((office, where), ())):
            if o.holds(day):
                return self.entries[pid]
        return None

    def person_code(self, entry: Entry, day: dt.date, title: str | None = None) -> tuple[str | None, str | None, str | None]:
        """(country, sector, code) of a person at `day`: the office held then (the one the
        text's title names first), ELI after their last office, else their own sector."""
        current = [o for o in entry.offices if o.holds(day)]
        named = [o for o in current if o.title == title]
        if named or current and title is None:
            return self.office_code(entry, (named or current)[0], day)
        if title is not None:  # the text's own title wins over our dates: "President Yeltsin"
            named = sorted((o for o in entry.offices if o.title == title),
                           key=lambda o: abs((o.start - day).days))
            if named:
                return self.office_code(entry, named[0], day)
            if current:
                return self.office_code(entry, current[0], day)
            sector = self.lexicon.office_sectors.get(title, "GOV")  # an office we do not list
            return entry.country, sector, (entry.country or "") + sector
        if any(o.end is not None and o.end <= day for o in entry.offices) and entry.sector is None:
            return entry.country, "ELI", (entry.country or "") + "ELI"
        return entry.country, entry.sector, ((entry.country or "") + (entry.sector or "")) or None

    def office_code(self, entry: Entry, office: Office, day: dt.date) -> tuple[str | None, str | None, str | None]:
        sector = self.lexicon.office_sectors.get(office.title, "GOV")
        where = office.where
        if where and where in self.entries and self.entries[where].kind != "country":
            org = self.entries[where]
            if org.igo or org.code:
                base = org.code or ""
                osector = org.sector_at(day) or ("GOV" if len(base) <= 6 else None)
                return None, osector or sector, base + ("" if len(base) > 6 else sector)
            c, s, code = self.code_of(org, day)
            return c, s, code
        country = where if where and len(where) == 3 and where.isupper() else entry.country
        return country, sector, (country or "") + sector

    def code_of(self, entry: Entry, day: dt.date) -> tuple[str | None, str | None, str | None]:
        """(country, sector, code) of any entry at `day`."""
        if entry.kind == "person":
            return self.person_code(entry, day)
        sector = entry.sector_at(day)
        if entry.code:  # IGOUNOMIL: the sector is the part after the organisation
            if sector is None and entry.code.startswith(("IGO", "IMG", "NGO")):
                sector = entry.code[6:] if entry.code.startswith("IGO") else entry.code[3:]
            return entry.country, sector or None, entry.code
        return entry.country, sector, ((entry.country or "") + (sector or "")) or None


_lock = threading.Lock()
_cache: dict[tuple[str, ...], KB] = {}


def load_kb(files: Iterable[str] = ()) -> KB:
    """The shipped KB plus `files` (later entries override earlier ones), once per process."""
    files = tuple(str(f) for f in files)
    with _lock:
        kb = _cache.get(files)
        if kb is None:
            kb = KB()
            kb.load_file(DATA / LEXICON)
            for name in SHIPPED:
                kb.load_file(DATA / name)
            kb.add_pycountry()
            for f in files:
                kb.load_file(f)
            kb.compile()
            _cache[files] = kb
        return kb
