"""Mention finding and container placement: classes of misses found by a blind evaluation set.
The sentences are written for these tests."""

import pytest

from newsgraph import Pipeline, load_options
from newsgraph.places.gazetteer import gazetteer


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(load_options(pipeline={"components": ["places"]}))


@pytest.fixture(scope="module")
def run(pipeline):
    return lambda text: {p.name: p for p in pipeline(text, date="2024-01-01").places}


@pytest.mark.parametrize("text, name, country, resolved", [
    # appositive "X, a city in Y": the container's country beats a bigger namesake (Hyderabad, India)
    ("Police sealed off Hyderabad, a city in Pakistan's Sindh province, after the riots.", "Hyderabad", "PAK",
     "Hyderabad"),
    # members of a list after one locative preposition, the later ones tagged ORG or LANGUAGE
    ("Clashes were reported in Kramatorsk, Sloviansk and Druzhkivka in eastern Ukraine.", "Druzhkivka", "UKR",
     "Druzhkivka"),
    ("Shelling intensified in Pokrovsk, Myrnohrad and Selydove overnight, Ukrainian officials said.", "Selydove",
     "UKR", "Selydove"),
    # "the X front" / "the X direction"; a FAC-tagged town before a front word
    ("Ukrainian troops held the line on the Vuhledar front for months.", "Vuhledar", "UKR", "Vuhledar"),
    # one NER span holding two places
    ("The convoy drove from Kharkiv to Izium under fire.", "Izium", "UKR", "Izyum"),
    # an NER span cut before its connectors
    ("Protesters gathered in Boulogne-sur-Mer on Saturday.", "Boulogne-sur-Mer", "FRA", "Boulogne-sur-Mer"),
    # an Iranian province in English, its ISO name in Persian
    ("Officials in West Azerbaijan province reported damage after the earthquake, Iranian media said.",
     "West Azerbaijan", "IRN", "Āz̄ārbāyjān-e Ghārbī"),
])
def test_found_and_resolved(run, text, name, country, resolved):
    place = run(text)[name]
    assert (place.country, place.resolved) == (country, resolved)


@pytest.mark.parametrize("text, name, container", [
    # the gazetteer lacks the village: it takes the point of the region it is said to be in
    ("The fighting in the village of Krynky in Kherson region killed dozens, Ukrainian officials said.", "Krynky",
     "Kherson"),
    # (blind set 8) "X, south of Y": a village the gazetteer lacks, near the town named next
    ("Villagers marched near Beita, south of Nablus, on Friday.", "Beita", "Nablus"),
    # "one of the largest towns in Y" is a container clause too
    ("Government forces retook Shire, one of the largest towns in Tigray, aid workers said.", "Shire", "Tigray"),
    # the gazetteer's only "Joda" is in India; the text puts this one in South Sudan
    ("Displaced families crossed into Joda, a border town in South Sudan's Upper Nile state, on Friday.", "Joda",
     "Upper Nile"),
])
def test_placed_in_container(run, text, name, container):
    places = run(text)
    place, outer = places[name], places[container]
    assert (place.country, place.gazetteer_id, place.resolved) == (outer.country, outer.gazetteer_id, outer.resolved)
    assert place.confidence == pytest.approx(outer.confidence / 2, abs=0.001)


def test_well_known_city_behind_exact_namesakes(run):
    """Two villages bear "Nikolayev" as an alternate name; the city of Mykolaiv only as "Nikolaev"."""
    place = run("Shipyards in Nikolayev were hit again, Ukrainian officials said.")["Nikolayev"]
    assert place.country == "UKR" and abs(place.lat - 46.97) < 0.1 and abs(place.lon - 32.0) < 0.1


def test_unknown_name_without_container_is_not_a_place(run):
    assert "Yarmila" not in run("Officials said Yarmila would announce the results on Monday.")


def test_facility_with_article_is_not_a_town(run):
    assert run("Ministers met at the White House on Monday.")["White House"].gazetteer_id is None


def test_english_directional_province_names():
    gaz = gazetteer()
    for name, code in [("East Azerbaijan", "IR-03"), ("South Khorasan", "IR-29"), ("North Khorasan", "IR-28")]:
        assert f"iso3166-2:{code}" in {e.id for e, _ in gaz.lookup(name)}, name


def test_split_only_into_place_names():
    from newsgraph.places.resolve import _split
    from newsgraph.settings import load_options
    from newsgraph.nlp import load_spacy

    nlp = load_spacy(load_options().nlp.model)
    gaz = gazetteer()
    doc = nlp("Convoys from Kharkiv to Izium. Rebels and Army Agree to Hold Talks.")
    assert [s.text for s in _split(gaz, doc[2:5])] == ["Kharkiv", "Izium"]
    assert [s.text for s in _split(gaz, doc[6:13])] == [doc[6:13].text]  # a headline, not places


# Classes of misses of the second and third blind sets (fresh sentences, written for these tests).
@pytest.mark.parametrize("text, name, country", [
    # a second mention of a name does not vouch for the bigger namesake
    ("Lebanese soldiers patrolled Tripoli after the clashes, and Tripoli's port reopened on Sunday.", "Tripoli",
     "LBN"),
    # an appositive with a possessive country: "X, Y's second city"
    ("Protesters marched through Santiago, the Dominican Republic's second city, on Sunday.", "Santiago", "DOM"),
    # a country named in passing in the container clause
    ("Fishermen were stranded in Granada, the old city on the shores of Lake Nicaragua, for days.", "Granada",
     "NIC"),
    # French connectors inside a hyphenated name
    ("Gangs torched houses in Croix-des-Bouquets overnight, police said.", "Croix-des-Bouquets", "HTI"),
    # a small town in a dateline that names its country
    ("SREBRENICA, Bosnia and Herzegovina, July 11 (Reuters) - Mourners gathered at the memorial on Friday.",
     "SREBRENICA", "BIH"),
    # the object of "hit" in an article about the town's country
    ("Rockets fired from Lebanon hit Kiryat Shmona on Monday, the Israeli army said.", "Kiryat Shmona", "ISR"),
    # "Congo" alone is, in the news, the Democratic Republic
    ("Rebels advanced on Goma, the biggest city in eastern Congo, on Sunday.", "Goma", "COD"),
    # a place after "in" inside a long entity span
    ("Drones damaged the Transfiguration Cathedral in Odesa's old town overnight.", "Odesa", "UKR"),
    # list members after "the towns of"
    ("Rebels seized the towns of Kiwanja and Rutshuru, north of Goma, on Friday.", "Rutshuru", "COD"),
    # (blind set 5) the place after "of" a word for a part of it, inside one LOC span
    ("Israeli troops raided the Old City of Nablus before dawn, Palestinian officials said.", "Nablus", "PSE"),
    # a facility-tagged town after a locative word, by another spelling
    ("A drone strike hit a motorcycle near Bint Jbeil on Tuesday, residents said.", "Bint Jbeil", "LBN"),
    # "the country's": the first country the sentence names ("Dominican" from the knowledge base)
    ("Dominican police said on Monday that in Santiago, the country's second city, crime had fallen.",
     "Santiago", "DOM"),
    # (blind set 6) "rebel-held X": only places are held, even one the NER calls an organisation
    ("Rebel-held Tubruq received a shipment of medicine by sea on Thursday.", "Tubruq", "LBY"),
    # "the country's" after the feature word, still inside the appositive
    ("Honduran soldiers patrolled near Trujillo, a port on the country's northern coast, on Monday.", "Trujillo",
     "HND"),
    # a region of the curated list
    ("Thousands fled clashes in the Catatumbo, a region on the Venezuelan border.", "Catatumbo", "COL"),
    # (blind set 7) a name the gazetteer lacks, with the other name the text gives it
    ("Syrian Kurdish fighters left Gire Spi, known in Arabic as Tal Abyad, as Syrian troops moved north.",
     "Gire Spi", "SYR"),
    # a proper noun the NER calls a DATE
    ("The army declared a curfew in Amhara after fighting between soldiers and Fano militiamen spread.", "Amhara",
     "ETH"),
    # a feature word right before the name, the NER calling it a person
    ("Militiamen clashed with soldiers in the regional capital Bahir Dar on Tuesday.", "Bahir Dar", "ETH"),
    # a state the ISO list names by its long official name (Michoacán de Ocampo)
    ("Vigilante groups in Michoacán refused to disarm, the Mexican government said.", "Michoacán", "MEX"),
    # an NER span cut after the connectors: "Sharif" of "Mazar-e Sharif"
    ("Northern Alliance forces said they had taken Mazar-e Sharif from the Taliban in northern Afghanistan.",
     "Mazar-e Sharif", "AFG"),
    # a town the NER calls an organisation, believed because the article points to its country
    ("Years after Islamic State overran Sinjar, Yazidi families still live in camps in the Kurdistan region.",
     "Sinjar", "IRQ"),
    # a valley named after its province
    ("Resistance fighters in the Panjshir valley vowed to keep fighting.", "Panjshir valley", "AFG"),
    # (blind set 10) a direction before a well-known place, and the state it names
    ("Youths threw petrol bombs at police in west Belfast on Wednesday night.", "Belfast", "GBR"),
    ("Wildfires tore through Northern California's wine country, destroying homes in Santa Rosa.", "Santa Rosa",
     "USA"),
    # a name the NER cuts in two entities with no connector between
    ("Russian missiles hit a five-storey building in Krivoy Rog, killing at least 11 people.", "Krivoy Rog", "UKR"),
    # "X, near Y's border": in Y, even for a town the NER calls a person
    ("Gunmen attacked army posts in Ben Guerdane, near Tunisia's border with Libya, on Monday.", "Ben Guerdane",
     "TUN"),
    # (blind set 9) a one-word name the NER calls an organisation, after a locative, in a container
    ("Armed youths raided villages around Pibor in South Sudan's Jonglei state.", "Pibor", "SSD"),
    # (blind set 11) "X, in the inland valley of Y province"; a clause's demonym for a town the
    # gazetteer lacks; a resort "east of" a known city, though the Philippines have a Mati
    ("Fighters entered Seiyun, in the inland valley of Hadramout province, on Friday.", "Seiyun", "YEM"),
    ("Refugees fled Humera, an Ethiopian town near the Sudanese border, on Tuesday.", "Humera", "ETH"),
    ("Firefighters searched houses in Mati, a seaside resort east of Athens.", "Mati", "GRC"),
    # (blind set 12) a place before a noun that belongs to a place; an ISO name without its article
    ("Gdansk mayor Pawel Adamowicz was stabbed on stage, Polish police said.", "Gdansk", "POL"),
    ("Chile extended a state of emergency in the southern Araucanía region.", "Araucanía", "CHL"),
    # (blind set 13) "Domingo" (PERSON) of "Santo Domingo"; a capital by its name though small;
    # a city after a comma is no container; "residential areas of X"
    ("Santo Domingo ordered its land border with Haiti closed after a dispute over a canal.", "Santo Domingo",
     "DOM"),
    ("Honiara has signed a security pact with Beijing, officials in Canberra said.", "Honiara", "SLB"),
    ("Russian warships docked at the Syrian port of Tartous, Moscow's only naval facility in the Mediterranean.",
     "Tartous", "SYR"),
    ("Shelling hit residential areas of Pervomaisk in eastern Ukraine's Luhansk region overnight.", "Pervomaisk",
     "UKR"),
    # (blind set 14) a country across a border word contains nothing ("bordering Iran", "south of
    # the U.S. border")
    ("Taliban fighters attacked checkpoints on the edge of Farah city, the capital of the western province "
     "bordering Iran.", "Farah city", "AFG"),
    ("Families fled the desert town of Caborca, some 100 km south of the U.S. border, Mexican officials said.",
     "Caborca", "MEX"),
    # "X on Y" in one entity span
    ("Refugees crowded into camps near Cox's Bazar on Bangladesh's southeastern coast.", "Cox's Bazar", "BGD"),
    # (blind set 8) at sea "off" a town
    ("A migrant boat capsized off Pylos overnight, the Greek coast guard said.", "Pylos", "GRC"),
    # a province under a first level of island groups, in English ("Jawa Barat")
    ("Floods hit South Sulawesi and West Java, officials said.", "West Java", "IDN"),
    # (blind sets 15-16) a province whose name is only generic words, known with its type word
    ("Gunmen killed 12 villagers in Plateau State overnight, police said.", "Plateau State", "NGA"),
    ("Aid reached Goroka, the capital of Eastern Highlands province, on Tuesday.", "Goroka", "PNG"),
    # "X State" tagged ORG
    ("Troops were deployed to Zamfara State after the kidnapping of 300 schoolgirls.", "Zamfara State", "NGA"),
    # the capital of a country the article names, before a namesake in a country it also names
    ("The Bermuda government in Hamilton said it had asked London for help.", "Hamilton", "BMU"),
    # a capital opening a sentence that the tagger reads as a common noun
    ("Montevideo recalled its ambassador after the remarks.", "Montevideo", "URY"),
    ("Tunis will not attend the summit, the foreign ministry said.", "Tunis", "TUN"),
    # (blind sets 17-18) a town the gazetteer lacks: its sentence's country, not the one across a border
    ("Shells landed in Rugari, near the border with Rwanda and Uganda in North Kivu province, residents said.",
     "Rugari", "COD"),
    # ... also for a name of another label that an appositive calls a village or town
    ("Rebels overran Kibumba, a village on the road linking Goma with Rutshuru, on Tuesday.", "Kibumba", "COD"),
    # ... placed in its container after "through", though a loose spelling elsewhere was its only match
    ("A flash flood swept through Bulengo in central North Kivu early on Monday.", "Bulengo", "COD"),
    # a small town by its own name before a bigger place of a like spelling (Seversk, Russia)
    ("Ukrainian forces pulled back from Siversk as Moscow claimed gains in the Donetsk region.", "Siversk", "UKR"),
    # a dateline in a US state by AP's abbreviation, and its place named again
    ("PARIS, Tenn. (AP) — A fire destroyed three buildings on Monday, and Paris police said the cause was "
     "unknown.", "Paris", "USA"),
    # a commune in apposition
    ("Ayorou, a rural commune on the Niger River, was attacked on Sunday, Nigerien officials said.", "Ayorou", "NER"),
    # English names of regions whose ISO names are local ("Thüringen", "Guangdong Sheng", "Tatarstan, Respublika")
    ("Protests spread across Thuringia and Saxony, and factories in Guangdong and Tatarstan were idle.",
     "Thuringia", "DEU"),
    ("Protests spread across Thuringia and Saxony, and factories in Guangdong and Tatarstan were idle.",
     "Guangdong", "CHN"),
    ("Protests spread across Thuringia and Saxony, and factories in Guangdong and Tatarstan were idle.",
     "Tatarstan", "RUS"),
    # (blind sets 19-20) what a place has: "X's central market"
    ("Bossangoa's central market reopened on Friday after a week of clashes, officials in the Central African "
     "Republic said.", "Bossangoa", "CAF"),
    # a town whose only match was a loose spelling far away takes its sentence's country
    ("Rebels took control of Bunagana and the nearby town of Rutshuru on Saturday, residents in Goma said.",
     "Bunagana", "COD"),
    # the country people went into, when the town comes after it
    ("Ugandan troops crossed into Congo near Kamango, residents said.", "Kamango", "COD"),
    # a possessive country before a direction word
    ("Clashes erupted in Yemen's northern Jawf province on Monday as Saudi jets flew overhead.", "Jawf province",
     "YEM"),
    # a demonym the tagger calls a proper noun
    ("Residents of Sokh, an Uzbek exclave inside Kyrgyz territory, fled the shelling.", "Sokh", "UZB"),
    # a province named like a small town, with its type word
    ("Violence flared again in Nigeria's Plateau state on Sunday.", "Plateau state", "NGA"),
    # "a district town": the town, not the district
    ("Militants raided Negomano, a district town close to Mozambique's border with Tanzania.", "Negomano", "MOZ"),
    # curated regions: the islands of New Zealand, Ukrainian oblasts with no city of their name
    ("About 300 homes were flooded in Westport, on New Zealand's South Island, officials said.", "Westport", "NZL"),
    ("Budapest protested over schools in Ukraine's Zakarpattia region.", "Zakarpattia", "UKR"),
    # (blind sets 21-22) a capital's full name the NER calls a person; a capital "X of Y" in two entities
    ("Bandar Seri Begawan has urged restraint in the maritime dispute, officials said.", "Bandar Seri Begawan",
     "BRN"),
    ("Port of Spain said it would not allow its territory to be used for attacks.", "Port of Spain", "TTO"),
    # a container region whose first word is another city's alternate name (Metro, Indonesia)
    ("Police in Pasig, a city in Metro Manila, arrested two men on Sunday.", "Pasig", "PHL"),
    # "a suburb of" a well-known city: its country, before a country of the same name
    ("Firefighters battled a blaze in San Marino, a suburb of Los Angeles, on Tuesday.", "San Marino", "USA"),
    # a Kazakh province without "oblysy"
    ("Strikes spread from Mangystau to other Kazakh regions on Wednesday.", "Mangystau", "KAZ"),
    # (blind sets 23-24) a name no entity holds, that an appositive calls a town, in its container
    ("Fighters stormed Saraf Omra, a town in North Darfur, on Monday.", "Saraf Omra", "SDN"),
    # "the Swiss village of X" when only towns elsewhere bear the name
    ("Rockfalls threatened the Swiss village of Bondo again on Monday, cantonal officials said.", "Bondo", "CHE"),
    # (blind sets 25-26) a container of the same name in a country the article never names
    ("Authorities in Tajikistan said protesters gathered in Khorog, the main town of the Badakhshan region.",
     "Khorog", "TJK"),
    ("Police in Tajikistan detained activists in Khorog, the capital of the Gorno-Badakhshan region.",
     "Gorno-Badakhshan", "TJK"),
    # (natural sets 1-4) a country lies in no other country: a list, not "X, Y"
    ("Tourists from Germany, the United States and Japan were among those evacuated.", "Germany", "DEU"),
    # "X, Y": Y is the region or country, before a city of its name
    ("Car plants in Oshawa, Ontario, and in Detroit may idle if the tariffs take effect, the union said.",
     "Ontario", "CAN"),
    # country names without "the"
    ("KINSHASA, Democratic Republic of Congo (Reuters) - Voting was delayed again.", "Democratic Republic of Congo",
     "COD"),
    ("Troops from the Republic of Congo joined the regional force.", "Republic of Congo", "COG"),
    # English names of Korean provinces; "do" joins a Portuguese name
    ("Seismologists in Seoul detected a tremor in South Hamgyong province on Friday.", "South Hamgyong", "PRK"),
    ("Farmers in North Gyeongsang protested against rice imports.", "North Gyeongsang", "KOR"),
    ("Floods cut the highways of Rio Grande do Sul, Brazilian officials said.", "Rio Grande do Sul", "BRA"),
    # a demonym and a common noun that together name a region
    ("Talks on the future of the Arabian peninsula's security resumed in Riyadh.", "Arabian peninsula", None),
    # (natural sets 5-8) a country's name the NER calls a person; a hyphenated name it calls a date
    ("The motion was tabled by opposition leader Sajith Premadasa. Sri Lanka is facing its worst fuel shortage "
     "in decades.", "Sri Lanka", "LKA"),
    ("Aid workers said the provincial capital Xai-Xai had been cut off by the floods.", "Xai-Xai", "MOZ"),
    # a name modifying a place noun; "X lies in Y"; "the island of X"
    ("A bomb alert closed Zaventem airport for three hours, Belgian police said.", "Zaventem", "BEL"),
    ("The girls were taken from their school at night. Chibok lies in Borno state, in Nigeria's far northeast.",
     "Chibok", "NGA"),
    ("Coastguards rescued 80 people off the Italian island of Lampedusa overnight.", "Lampedusa", "ITA"),
    # a dateline town in the country it names, which the gazetteer lacks (China's Khorgos is no reading)
    ("HORGOS, Serbia (Reuters) - Police fired tear gas at migrants at the border with Hungary on Wednesday.",
     "HORGOS", "SRB"),
    # "the town of X" where only another country's X is listed; "X's Y" for a well-known city X
    ("Floods stranded tourists in Cusco and in the nearby town of Aguas Calientes, Peruvian officials said.",
     "Aguas Calientes", "PER"),
    ("Passengers were stuck for hours at London's Heathrow airport, U.S. airlines said.", "Heathrow", "GBR"),
    # islands and seas
    ("Ferries to Bornholm were cancelled as the storm reached the Baltic.", "Bornholm", "DNK"),
    ("A migrant boat sank in the Ionian Sea off the coast of Greece.", "Ionian Sea", None),
    # (natural sets 9-12) a two-letter word opening a name; "the capital, X"; "St." for "Saint"; Irish counties
    ("Tourist boats were kept in port at Ha Long as the typhoon approached.", "Ha Long", "VNM"),
    ("Rescuers from the provincial capital, Wabag, reached the village on foot.", "Wabag", "PNG"),
    ("The storm battered St. Croix overnight, officials said.", "St. Croix", "VIR"),
    ("Farmers in County Cork counted their losses after the storm.", "County Cork", "IRL"),
    # (natural sets 13-16) two entities joined by "and" that together name a place
    ("A car bomb exploded in Pulwama district, in Jammu and Kashmir state, on Thursday.", "Jammu and Kashmir",
     "IND"),
    ("Tourists were stranded in Antigua and Barbuda after the hurricane.", "Antigua and Barbuda", "ATG"),
    # (natural sets 17-20) US counties by their full name; a name before a nature word
    ("Officials in Broward County began a recount on Monday.", "Broward County", "USA"),
    ("Aftershocks shook the High Atlas mountains again on Sunday.", "High Atlas", "MAR"),
    # (natural sets 21-24) "above", "below", "beyond", "along" are locative
    ("Protesters blocked the highway from El Alto, the city on the plateau above La Paz, on Monday.", "La Paz",
     "BOL"),
    # (natural sets 25-28) a dateline naming a province; Korean counties; "the neighbourhoods of X and Y"
    ("LAC-MEGANTIC, Quebec (Reuters) - Investigators began sifting through the wreckage on Sunday.",
     "LAC-MEGANTIC", "CAN"),
    ("Residents of Seongju county protested against the missile battery on Friday.", "Seongju", "KOR"),
    ("Floodwater filled the neighbourhoods of Biloxi and Gulfport overnight.", "Gulfport", "USA"),
])
def test_blind_set_classes(run, text, name, country):
    assert run(text)[name].country == country


def test_object_of_attack_needs_the_article_to_point_there(run):
    """"attacked Obama" is a person, though a Japanese city bears the name."""
    found = run("Protesters attacked Obama in a fiery speech, the senator said.")
    assert "Obama" not in found or found["Obama"].gazetteer_id is None


def test_loose_spelling_in_a_country_the_article_never_names_is_dropped(run):
    """No town called Bunagana in the gazetteer: a consonant-alike in the Philippines is no answer."""
    found = run("Congolese soldiers fled across the border to Uganda after M23 rebels captured Bunagana on Monday.")
    assert "Bunagana" not in found or found["Bunagana"].country in (None, "COD")


def test_locative_name_placed_by_in_clause(run):
    """"in X, in Y's Z state": a name only small towns elsewhere bear takes its container."""
    places = run("Militiamen overran a garrison in Nasir, in South Sudan's Upper Nile state, the army said.")
    nasir = places["Nasir"]
    assert nasir.country == "SSD" and nasir.resolved in ("South Sudan", "Upper Nile") and nasir.confidence < 0.5


def test_of_after_a_part_word_only(run):
    """"the Old City of Nablus" names Nablus; "the Department of Justice" and "the Islamic State
    of Iraq" name no place after "of"."""
    found = run("The Department of Justice said the Islamic State of Iraq and Greater Syria had claimed the attack.")
    assert "Justice" not in found and "Iraq" not in found


def test_part_of_the_place_named_next(run):
    """"the Old City of Tal Afar" is in Iraq: "the Old City" is a part of the town named next,
    not GeoNames' Old City of Jerusalem."""
    found = run("Iraqi troops cleared the Old City of Tal Afar after weeks of fighting.")
    assert found["Tal Afar"].country == "IRQ" and "Old City" not in found


def test_a_date_of_proper_nouns_is_a_name_unless_it_names_a_day(pipeline):
    """"Amhara" tagged DATE is a mislabelled name; "Monday", "Ramadan" and "mid-October" are dates."""
    from spacy.tokens import Span

    from newsgraph.places.resolve import _no_name

    doc = pipeline.nlp("Curfews in Amhara since Monday, through Ramadan and to mid-October.")
    spans = {t.text: Span(doc, t.i, t.i + 1, label="DATE") for t in doc}
    spans["mid-October"] = Span(doc, len(doc) - 4, len(doc) - 1, label="DATE")
    assert _no_name(spans["Amhara"])
    assert not any(_no_name(spans[w]) for w in ("Monday", "Ramadan", "mid-October"))


def test_a_title_that_runs_on_into_plain_words_is_no_name(pipeline):
    """A work of art in title case is a name; one that holds plain words is the tagger running on."""
    from spacy.tokens import Span

    from newsgraph.places.resolve import _no_name

    doc = pipeline.nlp("He read War and Peace on the train from Aberdeen to Glasgow early in the day.")
    assert not _no_name(Span(doc, 2, 5, label="WORK_OF_ART"))
    assert _no_name(Span(doc, 9, 14, label="WORK_OF_ART"))  # "Aberdeen to Glasgow early in"
    assert not _no_name(Span(doc, 9, 14, label="ORG"))  # (an organisation may: "Xinhua news agency")


@pytest.mark.parametrize("text, name", [
    # a river the gazetteer lacks is not the city a loose spelling finds (Sevilla)
    ("Farmers lost their crops when the Sabaki river burst its banks, Kenyan officials said.", "Sabaki"),
    # an armed group of the actor knowledge base, though a Turkish village bears its name
    ("Northern Alliance forces said they had taken Mazar-e Sharif from the Taliban in northern Afghanistan.",
     "Taliban"),
    # a lowercase word the NER calls a person
    ("Armed youths raided villages around Pibor, forcing residents to flee into the bush.", "bush"),
    # a person as the subject is not a town of the article's country
    ("Philippine officials met in Manila, and Ramos received the report on Monday.", "Ramos"),
    # an organisation's name after "in" is no small town of that name (Congress, Arizona)
    ("The measure was proposed by Republicans in Congress on Tuesday.", "Congress"),
])
def test_not_a_place(run, text, name):
    assert name not in run(text)


def test_russian_ye_spelling_is_a_variant():
    """"Nikolayev" reaches the city GeoNames spells "Nikolaev"; a name found both exactly and by
    variant keeps its exact match."""
    from newsgraph.places.gazetteer import variant

    assert variant("nikolayev") == variant("nikolaev")
    found = gazetteer().lookup("Nikolayev")
    assert any(e.country == "UKR" and not e.minor for e, _ in found)
    assert all(how != "variant" for e, how in gazetteer().lookup("Sergeyevka") if e.name == "Sergeyevka")


def test_a_town_the_gazetteer_lacks_takes_its_sentence_country_if_only_one(run):
    """"around Budhal" with Indian troops and Jammu: India, at half confidence; with Kabul and
    New Delhi in the sentence, nothing."""
    place = run("Indian troops combed the forests around Budhal after militants ambushed a patrol near Jammu.")[
        "Budhal"]
    assert (place.country, place.feature) == ("IND", "country") and place.confidence < 0.5
    assert "Budhal" not in run("Troops combed the forests around Budhal, officials in Kabul and New Delhi said.")
    # nor where people go
    assert "El Ceibo" not in run("Migrants crossed from El Ceibo into Mexico on Monday.")
    # the country of an actor is not where a place lies
    assert "Yugoslavia" not in run("The U.S. secretary of state discussed a peace settlement in former Yugoslavia.")


def test_an_article_does_not_join_a_name(run):
    """Extending a name leftwards takes "Santo" of "Santo Domingo", never "The" of "The United States"."""
    assert "United States" in run("The United States and Iran resumed talks.")


def test_actors_named_by_a_place_do_not_vouch_for_its_reading():
    """The actors stage reads "the governor of Georgia" as the country's government; counted as
    evidence, that reading would outvote Atlanta. Actors named otherwise still count ("the NPFL")."""
    full = Pipeline(load_options(pipeline={"components": ["actors", "places"]}))
    places = {p.name: p for p in full("The governor of Georgia signed the bill in Atlanta on Monday.",
                                      date="2024-01-01").places}
    assert places["Georgia"].country == "USA"
    places = {p.name: p for p in full("Liberian Peace Council fighters said the NPFL had taken over the city of "
                                      "Greenville.", date="1995-01-01").places}
    assert places["Greenville"].country == "LBR"


def test_an_exact_small_town_beats_a_loose_spelling_of_a_far_city(run):
    """Ballina (Ireland, Australia) is no loose spelling of Berlin when nothing points to Germany."""
    assert run("Police in Ballina arrested two men on Wednesday.")["Ballina"].country in ("IRL", "AUS")


def test_a_district_name_counts_only_where_the_text_puts_a_place(run):
    """A town the lists lack, known by its district ("in Mahagi"), but not a person of that name."""
    assert run("Militia fighters attacked displacement camps in Mahagi on Sunday, Congolese officials said.")[
        "Mahagi"].country == "COD"
    assert "Swan" not in run("Swan told the Australian Broadcasting Corporation the budget was fair.")


@pytest.mark.parametrize("text, name, country", [
    ("Barges ran aground on the Rhine near Cologne as the water fell to a record low.", "Rhine", None),
    ("Volunteers filled sandbags as the Volga rose past its banks.", "Volga", "RUS"),
    ("Crops were lost when the Tana river burst its banks, Kenyan officials said.", "Tana river", "KEN"),
    ("Farmers lost their crops when the Shabelle river burst its banks, Somali officials said.", "Shabelle river", None),
    ("Ukrainian troops held a bridgehead on the left bank of the Dnipro River near Kherson.", "Dnipro River", None),
])
def test_rivers(run, text, name, country):
    place = run(text)[name]
    assert place.feature == "water" and place.country == country and place.role == "location"


def test_an_unknown_river_is_no_town_of_its_name_and_lies_in_the_articles_country(run):
    place = run("Divers searched the Guadalupe River near Kerrville for the missing campers.")["Guadalupe River"]
    assert place.resolved == "United States" and place.feature != "city"  # placed in the article's country
    places = run("Storm Desmond flooded Carlisle and Keswick in Cumbria, England. Soldiers helped residents after "
                 "the River Eden burst its banks.")
    assert places["River Eden"].country == "GBR" and places["River Eden"].role == "location"
    assert places["Cumbria"].country == "GBR"


@pytest.mark.parametrize("text, name, country", [
    ("Tens of thousands of opposition supporters camped on Independence Square in central Kiev.",
     "Independence Square", "UKR"),  # in its container, not a town called Independence
    ("Protesters gathered on Liberty Square in Tbilisi's old town.", "Liberty Square", "GEO"),
    ("Officials in Thailand said the swollen Chao Phraya river could reach Bangkok within days.",
     "Chao Phraya river", "THA"),  # a "person" followed by "river"
    ("A powerful earthquake struck Morocco's High Atlas mountains late on Friday.", "High Atlas mountains", "MAR"),
    ("Drones set fire to the Khurais oilfield in Saudi Arabia, near Riyadh, and Saudi officials said the "
     "U.S. had offered help.", "Khurais", "SAU"),  # no loose guess (Cary) in a country named in passing
    ("Police in Kent said the lorry had crossed from Calais.", "Kent", "GBR"),  # a county, not Kent, Washington
    ("Kordestan's governor said protests had spread from Saqqez in Kurdistan province.", "Kurdistan", "IRN"),
    ("JOPLIN, Mo. (AP) - Search teams picked through flattened homes on Monday.", "Mo.", "USA"),
    ("TBILISI, Georgia (Reuters) - Thousands protested outside parliament.", "Georgia", "GEO"),
    ("TBILISI, Georgia (Reuters) - Thousands protested outside parliament.", "TBILISI", "GEO"),
    ("Roads were blocked in Ibadan and Kaduna, while in the capital Abuja thousands rallied.", "Abuja", "NGA"),
    ("Pilgrims were cut off around the Hindu shrine of Kedarnath in Uttarakhand.", "Kedarnath", "IND"),
    ("North Korea offered to dismantle the Yongbyon nuclear complex.", "Yongbyon", "PRK"),
    ("Drones swarmed over Srinagar, the main city in Indian-administered Kashmir.", "Indian-administered Kashmir",
     "IND"),
    ("Tankers queued at the export terminal of Ras Tanura as traders scrambled for cargoes.", "Ras Tanura", "SAU"),
    ("Nickel miners in Sudbury walked out, the union in Ontario said.", "Ontario", "CAN"),
    ("Rescuers dug through still-smoking ash from Guatemala's Fuego volcano.", "Fuego volcano", "GTM"),
    ("Soldiers dispersed crowds in West Point, a seafront slum in Monrovia.", "West Point", "LBR"),
    ("Toxic mud from the dam near Brumadinho in Brazil reached the Paraopeba River.", "Paraopeba River", "BRA"),
    ("Tremors were felt in Palu and in Donggala regency in Central Sulawesi.", "Donggala", "IDN"),
    ("The eye came ashore near Buras, Louisiana, tearing roofs off in New Orleans.", "Buras", "USA"),
    ("Hurricane Katrina slammed into the Gulf Coast with winds of 125 mph.", "Gulf Coast", "USA"),
])
def test_natural_set_classes(run, text, name, country):
    place = run(text).get(name)
    assert (place and place.country) == country


def test_where_people_came_from_does_not_place_a_town(run):
    places = run("The gunmen landed at a jetty in Machil, a district of the city, after sailing from Karachi.")
    assert places["Karachi"].country == "PAK" and "Machil" not in places


def test_a_place_named_again_is_read_again(pipeline):
    """One sense per article: the repeat that opens a sentence, which the tagger calls a common noun."""
    text = ("Mutinous soldiers seized Bouake, the country's second city, on Thursday. Bouake remained in their "
            "hands late on Friday, residents said. Mr Bouake, no relation, was not reached.")
    found = [(p.start, p.country) for p in pipeline(text, date="2002-09-20").places if p.name == "Bouake"]
    assert found == [(text.index("Bouake"), "CIV"), (text.index("Bouake remained"), "CIV")]


def test_a_lone_direction_is_half_of_the_next_name(run):
    assert run("Gunfire was exchanged between North and South Korea on Sunday.")["South Korea"].country == "KOR"


def test_a_town_listed_with_its_neighbours(run):
    places = run("Islamist fighters still hold the desert north, including Timbuktu, Gao and Kidal.")
    assert places["Timbuktu"].country == "MLI"
    assert "Smith" not in run("Envoys met Smith, Gao and Kidal officials.")


@pytest.mark.parametrize("text, name, country", [
    # a country's own name tagged ORG is no place that needs the article's evidence
    ("The tsunami swept on to strike Sri Lanka, Thailand and the Maldives within hours.", "Maldives", "MDV"),
    # a WORK_OF_ART span that runs on into plain words is no title: its proper nouns are read
    ("The ScotRail train had left Aberdeen for Glasgow early in the morning.", "Glasgow", "GBR"),
    ("The ScotRail train had left Aberdeen for Glasgow early in the morning.", "Aberdeen", "GBR"),
    # "the village of X in Y": an unlisted village before its container
    ("A blast wrecked a filling station in the village of Creeslough in County Donegal on Friday.", "Creeslough",
     "IRL"),
    # "the town of X" the gazetteer lacks, in the country the article is plainly about
    ("Malian troops, backed by French jets, retook the town of Konna from Islamist rebels on Friday, Mali's "
     "army said. Soldiers from Bamako then moved on Gao and Timbuktu.", "Konna", "MLI"),
    # a clause does not reach past "across from": that place is on the other side
    ("Crowds gathered in Narva, a border town on the river across from Ivangorod in Russia, Estonian police said.",
     "Narva", "EST"),
    # "cities such as X": a feature word before "such as"
    ("Residents of frontier cities such as Paju heard the loudspeakers again, South Korean officials said. Seoul "
     "and Incheon were calm.", "Paju", "KOR"),
    # "Mount X" and "the X forest" the gazetteer lacks lie in the country the article is about
    ("A landslide near Mount Aso cut the main road, officials said. Rescuers from Kumamoto, Fukuoka and Tokyo "
     "were sent to Kyushu.", "Mount Aso", "JPN"),
    ("Fire crews from Athens fought the blaze in the Dadia forest near Alexandroupolis for a week, Greek officials "
     "said. Thessaloniki sent planes.", "Dadia forest", "GRC"),
    # a country's abbreviation (countries.tsv)
    ("Australia, PNG's biggest aid donor, sent engineers to the highlands.", "PNG", "PNG"),
    # "X, on the border with Y": not the namesake on Y's side
    ("CAIRO (Reuters) - Trucks waited near El Arish in Egypt for days. Families were crowded into Rafah, on the "
     "border with Egypt, aid workers in Cairo said.", "Rafah", "PSE"),
    # a name's other mention is no anchor for its reading: both "Moria" near Jerusalem, neither on Lesbos
    ("MYTILENE, Greece (Reuters) - Fire swept through the Moria migrant camp on Lesbos, Greek officials said. "
     "Most of those in Moria had come from Afghanistan, and Athens sent tents.", "Moria", "GRC"),
    # a town listed with towns of one country, where the parse breaks the name off the list
    ("AKCAKALE, Turkey (Reuters) - Turkish shells hit the Syrian border towns of Tal Abyad and Ras al-Ain on "
     "Wednesday, as Turkey pressed its offensive. Families fled toward Hasaka.", "Ras al-Ain", "SYR"),
    # a score the NER took along with a country's name
    ("DOHA (Reuters) - Ecuador won the opening match on Sunday, beating hosts Qatar 2-0 in Al Khor.", "Qatar",
     "QAT"),
    # ...but a list does not outweigh a capital's own name
    ("The tremor was felt as far away as New Delhi and Dhaka, Indian officials said.", "Dhaka", "BGD"),
    # a river the gazetteer lacks, named like a town, in the country the article is about
    ("Mud from the burst dam at Mariana in Minas Gerais fouled the Doce river for weeks, Brazilian officials said. "
     "Belo Horizonte and Rio de Janeiro sent teams.", "Doce river", "BRA"),
    # "X, west of Y": the text puts a little-known name on the map
    ("Iraqi commanders said their next target would be Tal Afar, west of Mosul, after Hawija.", "Tal Afar", "IRQ"),
    # a building the gazetteer lacks lies in the country the article is plainly about
    ("PARIS (Reuters) - Strikes shut the Paris metro on Thursday and marches filled Marseille and Lyon. The Eiffel "
     "Tower closed, French unions said.", "Eiffel Tower", "FRA"),
    # "the X river" after a name of no entity
    ("Two trains collided near Bad Aibling in Bavaria, Germany, on a line that runs beside the Mangfall river, "
     "police in Munich said.", "Mangfall river", "DEU"),
    # a named state does not lift a small namesake over a big city ("from Detroit and Cleveland to Toronto")
    ("The blackout spread through Ohio and Michigan, from Detroit and Cleveland to Toronto, grid officials in Ohio "
     "said.", "Toronto", "CAN"),
])
def test_seventh_session_classes(run, text, name, country):
    """Classes of the first-run misses of natural rounds 12-16."""
    place = run(text).get(name)
    assert (place and place.country) == country


@pytest.mark.parametrize("text, name, country", [
    # an unlisted town the text introduced keeps its container where it is named again
    ("A blast wrecked a filling station in the village of Creeslough in County Donegal on Friday. The prime "
     "minister visited Creeslough on Saturday.", "Creeslough", "IRL"),
    # a city of two words or more is read again where the NER sees a person
    ("Gunmen killed 14 people at a party in Ciudad Juarez, police in Chihuahua state said. Ciudad Juarez, which "
     "lies across the river from El Paso, has become the most violent city in Mexico.", "Ciudad Juarez", "MEX"),
])
def test_a_name_read_again(pipeline, text, name, country):
    assert [p.country for p in pipeline(text, date="2020-01-01").places if p.name == name] == [country, country]


def test_a_text_named_after_a_place_and_the_end_of_a_name_are_no_places(run):
    places = run("Rishi Sunak and Ursula von der Leyen unveiled the Windsor Framework after talks in Windsor, "
                 "west of London, easing checks on goods shipped to Belfast.")
    assert "Windsor Framework" not in places and "Leyen" not in places
    assert places["Windsor"].country == "GBR"


def test_a_feast_day_is_no_place(run):
    assert "Easter Sunday" not in run("Gunmen snatched the tourists from a resort in Sabah on Easter Sunday.")


def test_a_generic_word_before_of_is_no_leading_name(run):
    place = run("Migrants boarded boats to cross the Gulf of Uraba toward Panama.").get("Gulf of Uraba")
    assert place is None or place.resolved != "Persian Gulf"


def test_a_describing_word_opening_an_entity_is_trimmed(pipeline):
    from spacy.tokens import Span

    from newsgraph.places.resolve import _trim

    doc = pipeline.nlp("Neighbouring Sierra Leone has sealed off its eastern districts.")
    assert _trim(Span(doc, 0, 3, label="ORG")).text == "Sierra Leone"


def test_a_river_takes_the_article_a_town_does_not(run):
    place = run("Migrants waded across the Rio Grande into El Paso from Ciudad Juarez in Mexico.")["Rio Grande"]
    assert place.feature == "water" and place.country is None


def test_round_seventeen_classes(run):
    # a river whose only namesake in the lists lies where the article does not point (a Jamaican parish)
    place = run("FLINT, Mich. (AP) - The city switched its water from Detroit to the Flint River in 2014, Michigan "
                "officials said, and lead leached from old pipes across Genesee County.").get("Flint River")
    assert place is not None and place.country == "USA"
    # the mountain ranges of news, curated: the Alps in no one country
    alps = run("Glaciers across the Alps are shrinking fast, scientists in Zurich said.")["Alps"]
    assert (alps.country, alps.resolved) == (None, "Alps")


EIGHTH_SESSION_CLASSES = [  # first-run misses of natural rounds 18-21
    # round 18
    # a building or street the gazetteer lacks stands in the city named just before it, or the dateline's
    ("Crowds gathered in Budapest on Saturday. Police sealed off the Chain Bridge as the march began.",
     "Chain Bridge", "HUN", "Budapest"),
    ("LISBON (Reuters) - Portugal's prime minister resigned on Tuesday. Speaking outside the Sao Bento Palace, "
     "he said he had done nothing wrong.", "Sao Bento Palace", "PRT", "Lisbon"),
    # a name the gazetteer knows only as a weak namesake, before a feature word
    ("A wildfire spread along the Bistrita valley in northern Romania on Monday, officials in Bucharest said.",
     "Bistrita valley", "ROU", "Romania"),
    # a peninsula is a feature of the country the article is about
    ("Storms cut power to thousands of homes on the Dingle peninsula, Irish officials said.", "Dingle peninsula",
     "IRL", "Ireland"),
    # "X, in western Y": the text puts X on the map, whatever the NER calls it
    ("Bankstown, in western Sydney, recorded 47C as the heatwave hit New South Wales.", "Bankstown", "AUS",
     "Bankstown"),
    # round 19
    # a name's leading words count by a place's own name only: "Wadi" is an alternate name of El Oued
    ("Flash floods filled the Wadi Hadramawt after heavy rain, officials in Yemen said.", "Wadi Hadramawt", "YEM",
     "Yemen"),
    # a river or valley the gazetteer lacks, at the place of the text it is named after
    ("Houses along the Wadi Zabid were flooded, residents of Zabid said.", "Wadi Zabid", "YEM", "Zabīd"),
    # a town before "border crossing" is where a place would be, whatever the NER calls it
    ("Migrants waited at the Metema border crossing between Sudan and Ethiopia.", "Metema", "ETH", "Metemma"),
    # "X's Island" is an island named after X, not X
    ("Fishermen on St Mary's Island, off the Gambian coast, said the storm had destroyed their boats, officials "
     "in Banjul said.", "St Mary's Island", "GMB", "Gambia"),
    # "the Red Sea" is the sea, not the Sudanese state of that name
    ("Sudan's army chief flew from Khartoum to Port Sudan on the Red Sea on Monday.", "Red Sea", None, "Red Sea"),
    # Philippine regions by the name news uses, without ISO's "(Region VIII)"
    ("Typhoon damage was worst in Eastern Visayas, the Philippine disaster agency said.", "Eastern Visayas", "PHL",
     "Eastern Visayas (Region VIII)"),
    # round 20
    # a list of countries is no "town, country" qualifier (a Cuban town is called Venezuela)
    ("Most of the migrants in the caravan came from Venezuela, Cuba and Honduras, organisers said.", "Venezuela",
     "VEN", "Venezuela"),
    # a seat of government acts for its country like a capital, even where the NER sees a person
    ("Brasilia and La Paz signed a gas deal on Monday.", "La Paz", "BOL", "La Paz"),
    # a name the NER swallowed into a date
    ("The cyclone crossed the ocean and first struck Madagascar last month.", "Madagascar", "MDG", "Madagascar"),
    # "Port ..." tagged as a person is a port
    ("Port Said and the city of Suez have seen business dry up since the attacks began.", "Port Said", "EGY",
     "Port Said"),
    # an airport the gazetteer lacks is in the dateline's city
    ("PORT-AU-PRINCE (AP) - Gangs fired on a police post overnight. Flights into Duvalier "
     "International Airport were suspended.", "Duvalier International Airport", "HTI", "Port-au-Prince"),
    # "X, at the southern tip of Y": Y contains X
    ("Egyptian mediators met in Cairo on Saturday. Families sheltering in Rafah, at the southern tip of the Gaza "
     "Strip, said bread was scarce.", "Rafah", "PSE", "Rafaḩ"),
    # "the X islands" and "the mayors of X, Y and Z" are where places would be
    ("Boats leave from beaches facing the Kerkennah islands, Tunisian officials said.", "Kerkennah", "TUN",
     "Kerkennah"),
    ("The government removed the elected mayors of Mardin, Batman and Halfeti on Monday, Turkish media said.",
     "Halfeti", "TUR", "Halfeti"),
    # round 21
    # "the Greek island of X": an island the gazetteer lacks, in the demonym's country
    ("Villagers fled their homes on the remote Greek island of Gavdos after the storm, officials said.", "Gavdos",
     "GRC", "Greece"),
    # a country the NER swallowed into a date after a comma
    ("North Korea fired two missiles on Sunday, South Korea's joint chiefs of staff said.", "South Korea", "KOR",
     "South Korea"),
    # "X's Y" in one entity: X, then Y in it
    ("A drone hit a block of flats in Kharkiv's Saltivka district overnight, the mayor said.", "Saltivka", "UKR",
     "Saltivka"),
    # a dateline whose country is named with "of"
    ("MALABO, Republic of Equatorial Guinea, May 2 (AFP) - The president named a new cabinet.", "MALABO", "GNQ",
     "Malabo"),
]


def test_a_small_namesake_is_no_reading_where_only_another_name_points_to_its_country(run):
    """Santiago's many namesakes give Mexico a little weight; it does not make the copper mine a Mexican village."""
    place = run("Output fell at Escondida, BHP's copper mine in Chile's Atacama desert, after a strike, "
                "officials in Santiago said.").get("Escondida")
    assert place is None or place.country == "CHL"


def test_a_lake_is_no_container(run):
    """"on the Chadian shore of Lake Chad" says where the town is, not which country: the demonym does."""
    assert run("Fighters attacked an army post near Baga Sola, on the Chadian shore of Lake Chad, killing 40 "
               "soldiers.")["Baga Sola"].country == "TCD"


def test_a_province_word_adds_the_province_without_losing_the_country(run):
    """"Córdoba province" is Spain's by that name and Argentina's by its own; "Congo Republic" stays a country."""
    places = run("Officials in Córdoba province said the storm had passed, Argentina's weather service said. "
                 "Rebels in Congo Republic laid down their arms.")
    assert places["Córdoba province"].country == "ARG"
    assert (places["Congo Republic"].country, places["Congo Republic"].feature) == ("COG", "country")


NINTH_SESSION_CLASSES = [  # first-run misses of natural rounds 22-27 (and 19-21's, from sources)
    # an airport by its own name, with the feature word after it
    ("Militia fighters clashed near Mitiga airport overnight, the interior ministry said.", "Mitiga airport", "LBY",
     "Mitiga Airport"),
    ("Two transport planes landed at Sam Ratulangi International Airport on Friday.",
     "Sam Ratulangi International Airport", "IDN", "Sam Ratulangi Airport"),
    # "districts such as X and Y", "districts, including X": places, whatever the NER says
    ("KARACHI, June 2 (Reuters) - Power cuts left districts such as Lyari and Korangi without electricity for "
     "hours.", "Korangi", "PAK", "Korangi District"),
    ("Malawi declared a state of disaster in ten southern districts, including Mulanje and Phalombe.", "Phalombe",
     "MWI", "Phalombe"),
    # round 22
    # a two-word demonym: "South Sudanese", not "Sudanese"; and no namesake elsewhere survives it
    ("Aid workers said the South Sudanese town of Nasir had emptied after the clashes.", "Nasir", "SSD",
     "South Sudan"),
    ("Floods cut roads across the Indonesian island of Seram on Monday.", "Seram", "IDN", "Indonesia"),  # not Sedam
    # counties where they are a country's first level
    ("Herders in Turkana county said the rains had failed again, Kenyan officials said.", "Turkana county", "KEN",
     "Turkana"),
    # "X, Y and Z states": the last one is a state too (Nigeria's Niger State, not the country)
    ("Bandits roam forests straddling Zamfara, Katsina and Niger states, Nigerian police said.", "Niger", "NGA",
     "Niger"),
    # a town of another label qualified by its state
    ("Crude stocks at the storage hub of Cushing, Oklahoma, rose last week.", "Cushing", "USA", "Cushing"),
    # round 23
    # a country or capital opening a sentence, whatever its tag ("Barbados": NNS)
    ("Storm damage was heavy in Grenada. Barbados, spared the worst, reopened its airport on Tuesday.",
     "Barbados", "BRB", "Barbados"),
    # a name opened by "Ciudad" is a place's, even tagged PERSON
    ("Crossings fell at El Paso and its Mexican twin Ciudad Juarez last month.", "Ciudad Juarez", "MEX",
     "Ciudad Juárez"),
    # "towns along the coast, including X": the word "including" hangs on, not the nearest noun
    ("Smaller towns along the Libyan coast, including Susa and Al Bayda, were flooded too.", "Al Bayda", "LBY",
     "Al Bayḑā’"),
    # "the Andes": the range, not the Chilean town of Los Andes
    ("Wildfire smoke from Valparaiso drifted over Santiago and the foothills of the Andes, Chilean officials said.",
     "Andes", None, "Andes"),
    # "X's Y" as one name, "opposite X", "the resort of X"
    ("The blaze swept the hillside shelters at Kutupalong in Cox's Bazar district and was put out by noon.",
     "Cox's Bazar", "BGD", "Cox’s Bāzār"),
    ("Refugees reached Myawaddy, a town opposite Mae Sot in Thailand, on Friday.", "Mae Sot", "THA", "Mae Sot"),
    ("Forecasters said the storm could come ashore near the resort of Tulum on Friday.", "Tulum", "MEX", "Tulum"),
    # an airport by its name without the title the list gives it ("Sir Grantley Adams")
    ("Flights resumed at Grantley Adams International Airport on Wednesday.", "Grantley Adams International Airport",
     "BRB", "Sir Grantley Adams International Airport"),
    # round 24
    # a preposition opening an entity ("Across Canada", ORG); a "person" named like a province
    ("Smoke spread south from the north. Across Canada more than 900 fires were burning on Sunday.", "Canada",
     "CAN", "Canada"),
    ("Milorad Dodik, leader of the Serb-dominated Republika Srpska, rejected the ruling.", "Republika Srpska", "BIH",
     "Republika Srpska"),
    # a continent's name is no town's other name (Mahdia, Tunisia, is also called "Africa")
    ("Most of the migrants held in Sfax had come from sub-Saharan Africa, Tunisian officials said.", "Africa",
     None, "Africa"),
    # "the town of In Amenas": a capitalised small word opens the name
    ("Output recovered at the gas plant near the town of In Amenas, Algerian officials said.", "In Amenas", "DZA",
     "In Amenas"),
    # a title-case name after a locative is the place, not the acronym of an organisation (the FAO)
    ("Salt water has killed date palms around Fao, Iraqi farmers said.", "Fao", "IRQ", "Al Fāw"),
    # "the X region of Y"; "X, west of Y" with Y a city
    ("Storms cut power across the Hunter region of New South Wales on Monday.", "Hunter", "AUS", "New South Wales"),
    ("British and Australian crews joined the effort. Helicopters flew from an air base near Ipswich, west of "
     "Brisbane, on Friday.", "Ipswich", "AUS", "Ipswich"),
    # round 25
    # "the districts of X and Y": plural place words count; ", a rural county"; an airport the NER calls a person
    ("Landslides cut roads in the remote districts of Dolpa and Rukum West, Nepali officials said.", "Rukum West",
     "NPL", "Nepal"),
    ("After the crash, Muan, a rural county south of Seoul, declared a special disaster zone.", "Muan", "KOR",
     "Muan"),
    ("Thousands of stranded tourists crowded Kahului Airport on Thursday.", "Kahului Airport", "USA",
     "Kahului Airport"),
    # round 26
    # "Cap-..." opens a place's name; a hyphen GeoNames writes as one word; "the backpacker hub of X"
    ("Hundreds of families crowded onto buses bound for Cap-Haitien on Tuesday.", "Cap-Haitien", "HTI",
     "Cap-Haïtien"),
    ("Many of the displaced fled uphill from Port-au-Prince to Petion-Ville overnight.", "Petion-Ville", "HTI",
     "Pétionville"),
    ("The train stops at Luang Prabang and the backpacker hub of Vang Vieng.", "Vang Vieng", "LAO", "Vang Vieng"),
    # "X's Square": a square (in the dateline's city), not X ("St Mark" is another name of Ashland, Kentucky)
    ("VENICE (Reuters) - Residents marched to St Mark's Square against mass tourism on Saturday.",
     "St Mark's Square", "ITA", "Venice"),
    # round 27: a dateline with accented capitals
    ("CULIACÁN, Mexico, Sept 12 (Reuters) - Schools closed for a third day as rival factions fought in the streets.",
     "CULIACÁN", "MEX", "Culiacán"),
]


@pytest.mark.parametrize("text, name, country, resolved", EIGHTH_SESSION_CLASSES + NINTH_SESSION_CLASSES)
def test_session_classes(run, text, name, country, resolved):
    """Classes of the blind rounds' first-run misses, each in words of its own."""
    place = run(text).get(name)
    assert (place and (place.country, place.resolved)) == (country, resolved)


def test_a_town_named_again_as_a_person_is_the_town(pipeline):
    """ "the eastern town of Pokrovsk ... Pokrovsk, once a supply hub" (PERSON): the text called it a town."""
    doc = pipeline("Russian troops kept pressing towards the eastern town of Pokrovsk on Tuesday. Pokrovsk, once a "
                   "key supply hub for the army, sits on roads running north to Kramatorsk.", date="2025-02-12")
    assert [p.country for p in doc.places if p.name == "Pokrovsk"] == ["UKR", "UKR"]


def test_a_place_named_again_bare_keeps_its_first_reading(pipeline):
    """One sense per article: the second "Nasir" is the South Sudanese town, not Sudan's Nasir Extension."""
    doc = pipeline("JUBA (AFP) - Thousands fled the South Sudanese town of Nasir this week. "
                   "Fighting around Nasir had intensified since Monday.", date="2025-03-20")
    places = [p for p in doc.places if p.name == "Nasir"]
    assert [p.country for p in places] == ["SSD", "SSD"]


def test_a_town_introduced_in_an_article_about_one_country_is_no_namesake_abroad(run):
    """ "Bodo, a fishing community in Ogoniland", in an article on Nigeria: not Norway's Bodø, and
    Ogoniland is not placed by that reading."""
    places = run("LAGOS (Reuters) - A pipeline fire burned for a second day in Nigeria's Rivers State. "
                 "Residents of Bodo, a fishing community in Ogoniland, said smoke hung over the creeks. "
                 "Nigeria's oil regulator said repairs would take a week.")
    assert places["Bodo"].country == "NGA" and "NOR" not in {p.country for p in places.values()}


def test_the_opening_a_sentence_is_no_part_of_a_name(run):
    """ "The Netherlands" keeps its name without "The" (a capitalised small word joins a name only
    inside a sentence: "the town of In Amenas")."""
    assert "Netherlands" in run('"The Netherlands will host the talks," the minister said.')
