"""The shipped knowledge base: complete, consistent, dated, and extensible by a user's file."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest
import yaml

from newsgraph.actors.kb import DATA, SHIPPED, load_kb, words
from newsgraph.errors import NewsgraphError


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def hits(kb, text):
    """Entry ids a text matches as a whole in the trie (case shape checked)."""
    from newsgraph.actors.kb import shape_ok

    ws = words(text)
    for end, found in kb.match([(w,) for w in ws], 0):
        if end == len(ws):
            return list(dict.fromkeys(h[0] for h in found if shape_ok(h[2], ws)))
    return []


def test_every_iso_country_is_an_entry_with_a_government(kb):
    for c in pycountry.countries:
        assert c.alpha_3 in kb.entries, c.name
        assert f"{c.alpha_3}.GOV" in kb.entries


def test_shipped_ids_are_unique_across_files():
    seen: dict[str, str] = {}
    for name in SHIPPED:
        data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
        for section in ("igos", "groups", "bodies", "media"):
            for e in data.get(section) or ():
                assert e["id"] not in seen, f"{e['id']} in {name} and {seen.get(e['id'])}"
                seen[e["id"]] = name
        for p in data.get("people") or ():
            assert p["name"] not in seen, f"{p['name']} twice"
            seen[p["name"]] = name


MANY_HOLDERS = {"envoy", "ambassador", "spokesman", "spokeswoman", "commander", "leader"}  # posts held side by side


def test_no_two_people_hold_one_office_on_the_same_day(kb):
    """Office dates are exclusive at the end: a successor starts the day the holder leaves."""
    clashes = []
    for (office, where), holders in kb.offices.items():
        if office in MANY_HOLDERS:
            continue
        by_day = defaultdict(list)
        for o, pid in holders:
            by_day[pid].append(o)
        people = list(by_day)
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                for oa in by_day[a]:
                    for ob in by_day[b]:
                        end_a, end_b = oa.end or dt.date.max, ob.end or dt.date.max
                        if oa.start < end_b and ob.start < end_a and (min(end_a, end_b) - max(oa.start, ob.start)).days > 31:
                            clashes.append((office, where, a, b))
    assert not clashes, clashes[:10]


@pytest.mark.parametrize("office,where,day,name", [
    ("president", "USA", "2015-06-01", "Barack Obama"),
    ("president", "USA", "2018-06-01", "Donald Trump"),
    ("president", "USA", "2009-01-19", "George W. Bush"),
    ("president", "USA", "2009-01-20", "Barack Obama"),
    ("president", "RUS", "1999-06-01", "Boris Yeltsin"),
    ("president", "RUS", "2015-06-01", "Vladimir Putin"),
    ("president", "RUS", "2010-06-01", "Dmitry Medvedev"),
    ("prime minister", "RUS", "2010-06-01", "Vladimir Putin"),
    ("foreign minister", "RUS", "2003-01-01", "Igor Ivanov"),
    ("foreign minister", "RUS", "2015-01-01", "Sergei Lavrov"),
    ("defence minister", "UKR", "2022-06-01", "Oleksii Reznikov"),
    ("secretary-general", "UN", "2010-01-01", "Ban Ki-moon"),
    ("leader", "HEZBOLLAH", "2010-01-01", "Hassan Nasrallah"),
])
def test_office_holders_by_date(kb, office, where, day, name):
    holder = kb.holder(office, where, dt.date.fromisoformat(day))
    assert holder is not None and holder.name == name


def test_people_are_coded_by_what_they_held_then(kb):
    trump = kb.entries["person:donald-trump"]
    assert kb.person_code(trump, dt.date(2018, 1, 1))[2] == "USAGOV"
    assert kb.person_code(trump, dt.date(2022, 1, 1))[2] == "USAELI"  # out of office
    assert kb.person_code(trump, dt.date(2022, 1, 1), title="president")[2] == "USAGOV"  # the text says so
    assert kb.person_code(kb.entries["person:ban-ki-moon"], dt.date(2010, 1, 1))[2] == "IGOUNOGOV"
    assert kb.person_code(kb.entries["person:hassan-nasrallah"], dt.date(2010, 1, 1))[2] == "LBNREB"


def test_aliases_meet_one_entry_whatever_the_spelling(kb):
    for text in ("Islamic State", "ISIS", "ISIL", "IS", "Daesh", "DAESH", "Islamic State of Iraq and the Levant"):
        assert hits(kb, text)[:1] == ["ISIS"], text
    assert hits(kb, "al-Qaeda") == hits(kb, "Al Qaeda") == hits(kb, "al-Qaida") == ["AQ"]
    assert hits(kb, "U.S.") == hits(kb, "US") == ["USA"]
    assert hits(kb, "Hizbollah") == ["HEZBOLLAH"]


def test_acronyms_match_only_in_capitals(kb):
    assert hits(kb, "is") == [] and hits(kb, "us") == [] and hits(kb, "Is") == []
    assert hits(kb, "un") == [] and hits(kb, "UN") == ["UN"]


def test_demonyms_and_capitals(kb):
    assert kb.demonyms[("russian",)] == "RUS" and kb.demonyms[("russians",)] == "RUS"
    assert kb.demonyms[("ivorian",)] == "CIV"
    assert kb.capitals[("moscow",)] == "RUS" and kb.capitals[("kyiv",)] == "UKR"
    assert hits(kb, "Moscow") == ["RUS.GOV"]


def test_user_file_adds_and_overrides(tmp_path: Path):
    user = tmp_path / "my_actors.yaml"
    user.write_text(
        "groups:\n"
        "  - {id: NORTHFRONT, name: Northern Liberation Front, country: NER, sector: REB, aliases: [NLF-N]}\n"
        "  - {id: HAMAS, name: Hamas, country: PSE, sector: GOV, aliases: []}\n"
        "people:\n"
        "  - {name: Amina Diallo, country: NER, held: [foreign minister 2031-01-01..]}\n", encoding="utf-8")
    kb = load_kb([str(user)])
    assert kb is not load_kb() and kb.files[-1] == str(user)
    assert hits(kb, "NLF-N") == ["NORTHFRONT"]
    assert kb.entries["HAMAS"].sector == "GOV" and load_kb().entries["HAMAS"].sector == "REB"
    assert kb.holder("foreign minister", "NER", dt.date(2032, 1, 1)).name == "Amina Diallo"


def test_a_broken_user_file_is_a_coded_error(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("people:\n  - {name: X, held: [president since 2001]}\n", encoding="utf-8")
    with pytest.raises(NewsgraphError) as err:
        load_kb([str(bad)])
    assert err.value.code == "E022" and "bad.yaml" in str(err.value)


def test_no_entry_takes_a_country_s_id(tmp_path: Path):
    """A group or body with a country's ISO code as its id would replace the country: a group
    with id NLD once made every "the Netherlands" Myanmar's National League for Democracy."""
    kb = load_kb()
    assert kb.entries["NLD"].kind == "country" and kb.entries["NAM"].kind == "country"
    assert kb.entries["MMR-NLD"].name == "National League for Democracy"
    clash = tmp_path / "clash.yaml"
    clash.write_text("groups:\n  - {id: FRA, name: Front for Renewal, country: TCD, sector: REB}\n", encoding="utf-8")
    with pytest.raises(NewsgraphError) as err:
        load_kb([str(clash)])
    assert err.value.code == "E022" and "FRA" in str(err.value) and "clash.yaml" in str(err.value)
