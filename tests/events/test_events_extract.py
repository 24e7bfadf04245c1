"""Event extraction on hand-written news sentences: the cases issue 4 says must be right."""

from __future__ import annotations

import pytest

from newsgraph.annotation import Annotation
from newsgraph.events.component import extract_events
from newsgraph.records import Document, Entity, Quote, Speaker


@pytest.fixture(scope="module")
def events_of(pipeline):
    """Events of a text, with the actors stage run and optional hand-made quotes (so the
    quote-dependent rules are tested without depending on the quotes stage's output)."""
    actors = dict(pipeline.components)["actors"]

    def run(text: str, quotes: list[Quote] | None = None, date: str = "2015-09-05", places=(), dates=()):
        doc = pipeline.nlp(text)
        document = Document(id="t", text=text, date=date)
        document.sentences = [(s.start_char, s.end_char) for s in doc.sents]
        document.entities = [Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents]
        ann = Annotation(doc=doc, document=document, options=pipeline.options)
        actors(ann)
        document.quotes = quotes or []
        document.places, document.dates = list(places), list(dates)
        document.events = extract_events(ann)
        return document.events

    return run


def main_events(events, etype=None):
    return [e for e in events if e.parent is None and (etype is None or e.type == etype)]


def country(ref) -> str | None:
    return ref.code[:3] if ref is not None and ref.code else None


def test_reported_speech_keeps_the_aid_event(events_of):
    events = events_of("A senior US official said Iran is supplying drones to the Houthi rebels.")
    aid = [e for e in events if e.type == "AID"]
    assert len(aid) == 1, events
    ev = aid[0]
    assert ev.mode == "military" and ev.cameo == "072"
    assert country(ev.source) == "IRN"
    assert country(ev.target) == "YEM" and "REB" in ev.target.code
    assert ev.claimed_by is not None and country(ev.claimed_by) == "USA"
    assert ev.modality == "reported" and not ev.negated
    assert ev.trigger.text == "supplying"


def test_we_in_a_direct_quote_is_the_speakers_side(events_of):
    text = '"We are in talks with our European partners," the French foreign minister said.'
    start = text.index("We")
    speaker = Speaker(name="the French foreign minister", actor_id=None, code="FRAGOV",
                      start=text.index("the French"), end=text.index(" said"))
    quote = Quote(text=text[start:text.index(',"')], start=start, end=text.index(',"'), type="direct", cue="said",
                  speaker=speaker, via=None, sentence=0)
    consult = main_events(events_of(text, [quote]), "CONSULT")
    assert consult, "talks inside the quote must be coded"
    ev = consult[0]
    assert ev.source is not None and ev.source.code == "FRAGOV"
    assert ev.source_role == "speaker"
    assert ev.claimed_by is not None and ev.claimed_by.code == "FRAGOV"
    assert ev.quote == 0


def test_negation(events_of):
    ev = main_events(events_of("Russian troops did not attack the village on Tuesday."), "ASSAULT")[0]
    assert ev.negated and ev.modality == "asserted"
    assert ev.source.code.startswith("RUS") and not ev.factual


def test_too_early_to_speak_of_air_strikes_is_hypothetical(events_of):
    events = events_of("It is too early to speak of air strikes, the defence minister said.")
    assault = [e for e in events if e.type == "ASSAULT"]
    assert assault and all(e.modality == "hypothetical" for e in assault)
    assert not any(e.factual for e in events if e.type == "ASSAULT")


def test_denied(events_of):
    events = events_of("Moscow denied sending troops to eastern Ukraine.")
    ev = next(e for e in events if e.trigger.text == "sending")
    assert ev.modality == "denied" and ev.type == "MOBILIZE"
    assert country(ev.source) == "RUS" and country(ev.target) == "UKR"


def test_future(events_of):
    ev = next(e for e in events_of("Russia will send more troops to Syria next month.") if e.trigger.text == "send")
    assert ev.modality == "future" and ev.type == "MOBILIZE"
    assert country(ev.target) == "SYR"


def test_future_aid_is_also_a_promise(events_of):
    events = events_of("Finland will give Tanzania a grant of 580 million shillings.")
    agree = main_events(events, "AGREE")
    aid = [e for e in events if e.type == "AID"]
    assert agree and agree[0].cameo == "0331"
    assert aid and aid[0].modality == "future" and aid[0].parent == agree[0].id
    assert country(agree[0].source) == "FIN" and country(agree[0].target) == "TZA"


def test_reports_of(events_of):
    ev = next(e for e in events_of("There were reports of troops being deployed along the border.") if e.type == "MOBILIZE")
    assert ev.modality == "reported"


def test_question(events_of):
    ev = next(e for e in events_of("Will Turkey send troops into northern Syria?") if e.trigger.text == "send")
    assert ev.modality == "question"


def test_compound_actors_give_one_event_per_pair(events_of):
    events = main_events(events_of("Senior Hungarian and Romanian officials agreed on Wednesday to reopen the border."), "AGREE")
    pairs = {(country(e.source), country(e.target)) for e in events}
    assert pairs == {("HUN", "ROU"), ("ROU", "HUN")}
    assert len({e.group for e in events}) == 1 and events[0].group is not None


def test_passive_with_agent(events_of):
    ev = main_events(events_of("The convoy was attacked by rebels near Aleppo on Friday."), "ASSAULT")[0]
    assert ev.source is not None and "rebels" in ev.source.name and ev.source.code == "REB"
    assert ev.source_role == "agent"
    assert ev.target is not None and "convoy" in ev.target.name


def test_nominal_events(events_of):
    events = events_of("Russia condemned the attack on the convoy.")
    assert [e.type for e in main_events(events)] == ["ACCUSE", "ASSAULT"]
    attack = main_events(events, "ASSAULT")[0]
    assert attack.trigger.text == "attack" and "convoy" in attack.target.name
    talks = main_events(events_of("Talks between Israel and Lebanon resumed in Naqoura on Monday."), "CONSULT")
    assert {(country(e.source), country(e.target)) for e in talks} == {("ISR", "LBN"), ("LBN", "ISR")}


def test_several_events_in_one_sentence(events_of):
    events = main_events(events_of("Rebels kidnapped two aid workers and bombed a market in Kabul on Friday."))
    assert [(e.type, e.mode) for e in events] == [("ASSAULT", "abduct"), ("ASSAULT", "aerial")]
    assert all(e.source is not None and e.source.code == "REB" for e in events)
    assert country(events[1].target) == "AFG" and events[1].target.code == "AFG"  # the place, not its government


def test_threat_wraps_the_threatened_act(events_of):
    events = events_of("Iran threatened to shell Iraqi towns in retaliation.")
    threat = main_events(events, "THREATEN")[0]
    assert (threat.mode, threat.cameo) == ("violence", "138")
    assert country(threat.source) == "IRN" and country(threat.target) == "IRQ"
    shell = next(e for e in events if e.type == "ASSAULT")
    assert shell.parent == threat.id and shell.modality == "hypothetical"


def test_refusal_and_demand(events_of):
    refuse = main_events(events_of("Israel refused to release the prisoners."))[0]
    assert (refuse.type, refuse.mode, refuse.cameo) == ("REJECT", "yield", "1243")
    demand = main_events(events_of("The United States demanded that North Korea abandon its nuclear programme."))[0]
    assert demand.type == "REQUEST" and country(demand.source) == "USA"


def test_light_verb_and_object_complement(events_of):
    ev = main_events(events_of("The European Union imposed new sanctions on Iran on Monday."))[0]
    assert (ev.type, ev.cameo) == ("SANCTION", "163") and country(ev.target) == "IRN"
    ev = main_events(events_of("Police opened fire on protesters in Cairo."))[0]
    assert (ev.type, ev.mode) == ("ASSAULT", "firearms")


def test_blocking_entries(events_of):
    assert not main_events(events_of("The government says it has met all the demands of the creditors."), "CONSULT")
    assert not main_events(events_of("The ministry released a statement on Tuesday."), "RETREAT")


def test_record_fields(events_of):
    ev = next(e for e in events_of("Iran is supplying drones to the Houthi rebels.") if e.type == "AID")
    d = ev.to_dict()
    assert {"id", "type", "mode", "cameo", "quad_class", "goldstein", "source", "target", "trigger", "sentence",
            "start", "end", "negated", "modality", "claimed_by", "location", "date", "date_source",
            "confidence"} <= set(d)
    assert (ev.quad_class, ev.goldstein) == (2, 8.3)
    assert ev.date == "2015-09-05" and ev.date_source == "publication"
    assert 0 < ev.confidence < 1
    text = "Iran is supplying drones to the Houthi rebels."
    assert text[ev.trigger.start:ev.trigger.end] == "supplying"
    assert ev.start <= ev.trigger.start < ev.trigger.end <= ev.end


def test_end_to_end_contract(extract):
    doc = extract("Israeli jets struck targets in Gaza on Friday, the army said.", date="2015-09-05")
    events = doc.to_dict()["events"]
    assert events and events[0]["type"] == "ASSAULT"
    assert events[0]["source"]["code"].startswith("ISR")


def test_location_and_date_come_from_the_sentence(events_of):
    text = "Russian jets bombed a market in Aleppo on Friday, killing 12 people. Moscow said nothing."
    aleppo = {"name": "Aleppo", "start": text.index("Aleppo"), "end": text.index(" on"), "role": "location",
              "country": "SYR"}
    moscow = {"name": "Moscow", "start": text.index("Moscow"), "end": text.index(" said"), "role": "actor",
              "country": "RUS"}
    friday = {"text": "on Friday", "start": text.index("on Friday"), "end": text.index(", killing"), "type": "date",
              "value": "2015-09-04", "start_date": "2015-09-04", "end_date": "2015-09-04"}
    events = main_events(events_of(text, places=[aleppo, moscow], dates=[friday]), "ASSAULT")
    assert len(events) == 1, "the participle 'killing' reports the same attack"
    assert events[0].location is aleppo
    assert (events[0].date, events[0].date_source) == ("2015-09-04", "sentence")
    # without a date expression: the publication date, flagged as such
    ev = main_events(events_of("Russian jets bombed a market in Aleppo.", places=[]), "ASSAULT")[0]
    assert (ev.date, ev.date_source) == ("2015-09-05", "publication") and ev.location is None


def test_date_records_give_days_or_ranges():
    from newsgraph.events.component import _date_value

    week = {"type": "date", "value": "2015-W35", "start_date": "2015-08-24", "end_date": "2015-08-30"}
    assert _date_value(week) == "2015-08-24/2015-08-30"
    assert _date_value(dict(week, end_date="2015-08-24")) == "2015-08-24"
    assert _date_value({"type": "duration", "value": "P3D"}) is None and _date_value(None) is None


def test_weapon_gives_the_mode_and_place_the_country(events_of):
    ev = main_events(events_of("Gunmen killed five police officers in Kabul on Sunday."), "ASSAULT")[0]
    assert (ev.mode, ev.cameo) == ("firearms", "193")
    assert ev.target.code == "AFGCOP"  # the officers, of the country they were killed in
    ev = main_events(events_of("Saudi-led coalition jets struck Houthi positions near Sanaa."), "ASSAULT")[0]
    assert (ev.mode, ev.cameo) == ("aerial", "195") and country(ev.source) == "SAU"


def test_match_cache_keeps_hyphenated_entries(pipeline):
    """`match` remembers token forms that match nothing, but not a form that a hyphenated
    entry ends with: "fire" alone matches nothing here, "cease-fire" does."""
    from newsgraph.events.lexicon import Lexicon, load_lexicon, match

    full = load_lexicon()
    lex = Lexicon({("cease-fire", "N"): full.entries[("cease-fire", "N")]}, full.classes)
    plain = next(t for t in pipeline.nlp("The fire spread to the next village.") if t.text == "fire")
    hyphen = next(t for t in pipeline.nlp("Both sides agreed to a cease-fire.") if t.text == "fire")
    assert (plain.orth, plain.tag, plain.lemma) == (hyphen.orth, hyphen.tag, hyphen.lemma)
    assert match(plain, lex) is None
    assert match(hyphen, lex) is not None and match(hyphen, lex).type == "RETREAT"
    other = next(t for t in pipeline.nlp("The talks resumed.") if t.text == "talks")
    assert match(other, lex) is None and lex.idle  # forms that match nothing are remembered


# Classes found by the blind natural rounds (docs/evaluation.md, "Blind natural event cases"),
# each in new words: (text, type of the top-ranked main event, source country, target country).
BLIND_ROUND_CLASSES = [
    ("Chile's president apologised to the Mapuche for decades of land seizures.", "CONCEDE", "CHL", None),
    ("The governor pardoned 300 inmates held on minor drug charges.", "CONCEDE", None, None),
    ("Poland gave its full backing to Ukraine's request for fighter jets.", "SUPPORT", "POL", "UKR"),
    ("Japan's prime minister threw his weight behind the Philippines in the maritime dispute.", "SUPPORT", "JPN", None),
    ("Greece called up 20,000 reservists as tensions rose in the Aegean.", "MOBILIZE", "GRC", None),
    ("Armenia moved two armoured brigades towards the border with Azerbaijan.", "MOBILIZE", "ARM", "AZE"),
    ("Turkey handed over five Syrian soldiers captured near Afrin.", "RETREAT", "TUR", "SYR"),
    ("Colombia handed over 12 alleged drug traffickers to US authorities.", "COOPERATE", "COL", "USA"),
    ("The former minister was charged with embezzlement by a court in Nairobi.", "ACCUSE", None, None),
    ("Nigeria expelled Niger's ambassador Ali Bako on Monday.", "SANCTION", "NGA", "NER"),
    ("Nine thousand dock workers went on strike in Rotterdam over pay.", "PROTEST", None, None),
    ("The junta brushed aside the regional bloc's peace plan.", "REJECT", None, None),
    ("Canada's prime minister spoke by telephone with the Indian prime minister.", "CONSULT", "CAN", None),
    ("Kazakhstan shipped 40 tanks to Armenia at the end of March.", "AID", "KAZ", "ARM"),
    ("Authorities in Iran shut down mobile internet services across Sistan-Baluchestan.", "COERCE", "IRN", None),
    ("Saudi Arabia denied that its jets had bombed a wedding in Yemen.", "ASSAULT", "SAU", None),
    ("Masked gunmen stormed a police post in northern Burkina Faso, killing six officers.", "ASSAULT", "BFA", None),
    ("Thousands of demonstrators marched through central Kampala, chanting against the president.", "PROTEST", "UGA", None),
    ("Moscow has supplied the Iranian air force with Su-35 jets.", "AID", "RUS", "IRN"),
    ("A newspaper office in Ramallah was raided and sealed by Israeli troops.", "COERCE", "ISR", None),
    ("\"We fully back Georgia's territorial integrity,\" the French foreign minister said.", "SUPPORT", "FRA", "GEO"),
    # round 2
    ("The World Bank has not released the second $500 million tranche of Sri Lanka's loan.", "AID", None, None),
    ("A Dhaka court granted bail to four opposition activists on Monday.", "RETREAT", None, None),
    ("Britain's blacklisting of six Iranian officials angered Tehran.", "SANCTION", "GBR", None),
    ("Turkey's regulator denied blocking the messaging platform Signal during the protests.", "COERCE", "TUR", None),
    ("The Security Council imposed a new round of sanctions on North Korea, targeting firms that ship coal.",
     "SANCTION", None, "PRK"),
    ("India's navy began joint naval drills with the French navy off Goa on Monday.", "COOPERATE", "IND", "FRA"),
    ("Kenya put its military on high alert along the Somali border.", "MOBILIZE", "KEN", None),
    ("\"We will never accept foreign troops on our soil,\" the Malian prime minister said.", "REJECT", "MLI", None),
    ("Serbia's expulsion of Jan Novak, the Czech diplomat who had criticised the vote, drew protests.", "SANCTION", "SRB", "CZE"),
    ("Germany disbursed 50 million euros in budget support for Moldova.", "AID", "DEU", None),
    ("The Kenyan navy began coordinated patrols with Tanzanian vessels off Lamu.", "COOPERATE", "KEN", "TZA"),
    ("Washington turned over four Cessna aircraft to the Lebanese army in March.", "AID", "USA", "LBN"),
    ("Rebels handed over 300 rifles to the UN disarmament team in Bunia.", "RETREAT", None, None),
    ("Ghana's intelligence service has been passing information on smugglers to Togolese police.", "COOPERATE", "GHA", None),
    ("Police in Peru have not taken anyone into custody over the killing of the journalist.", "COERCE", "PER", None),
    ("Human Rights Watch's denunciation of Egypt's prisons was dismissed by Cairo.", "ACCUSE", None, "EGY"),
    ("A strike by lorry drivers against new tolls shut the port of Durban for a day.", "PROTEST", None, None),
    # round 3
    ("Mongolia's army staged a week-long exercise with Indian special forces near Ulaanbaatar.", "COOPERATE", "MNG", "IND"),
    ("Ethiopian authorities cut mobile internet links across Tigray in November.", "COERCE", "ETH", None),
    ("Armenia warned Baku of a firm military response if its troops advanced further.", "THREATEN", "ARM", "AZE"),
    ("Japan dispatched two aircraft loaded with tents and medicine to Turkey.", "AID", "JPN", None),
    ("A Russian diplomat was declared persona non grata by Estonia's foreign ministry.", "SANCTION", None, "RUS"),
    ("Militants hurled a grenade at an army truck in Pulwama.", "ASSAULT", None, None),
    ("Opposition parties called a two-day shutdown across Bangladesh.", "PROTEST", "BGD", None),
    ("Egypt withdrew most-favoured-nation status from Turkey in 2014.", "SANCTION", "EGY", "TUR"),
    ("Protesters set up barricades on the main road to the airport in Lima.", "PROTEST", "PER", None),
    ("Ghana and Togo recognised Western Sahara as an independent state.", "SUPPORT", "GHA", None),
    ("Ten thousand nurses walked off the job in Wellington over pay.", "PROTEST", "NZL", None),
    ("Washington imposed visa bans on four Ugandan officials.", "SANCTION", "USA", "UGA"),
    ("India has extended a $1 billion loan to Sri Lanka.", "AID", "IND", "LKA"),
    ("The Italian foreign minister voiced strong support for Tunisia's reforms.", "SUPPORT", "ITA", "TUN"),
    ("The government's confiscation of the opposition newspaper's printing press drew criticism.", "COERCE", None, None),
    ("Seoul lifted its visa requirement for Chinese tourists.", "CONCEDE", "KOR", None),
    # round 4
    ("Kenya's government backed down on the finance bill after weeks of unrest.", "CONCEDE", "KEN", None),
    ("Algeria dispatched army units to guard the gas fields near In Amenas.", "MOBILIZE", "DZA", None),
    ("Manila dismissed the Chinese coast guard's announcement as baseless.", "REJECT", "PHL", None),
    ("Japan began exchanging radar data with Australia under the new pact.", "COOPERATE", "JPN", "AUS"),
    ("A Bangkok court dissolved the opposition Move Forward party.", "COERCE", "THA", None),
    ("Azerbaijan rushed additional troops towards the border with Armenia.", "MOBILIZE", "AZE", "ARM"),
    ("Thai police handed over two suspected smugglers to Malaysian authorities.", "COOPERATE", "THA", None),
    ("\"We have blocked access to Twitter to keep order,\" a Nigerian government spokesman said.", "COERCE", "NGA", None),
    ("Rioting by students left much of central Dhaka in ruins.", "PROTEST", "BGD", None),
    ("Belize reaffirmed its steadfast backing for Guatemala's candidacy.", "SUPPORT", "BLZ", "GTM"),
    ("Mali's junta bowed to regional pressure and set an election date.", "CONCEDE", "MLI", None),
    ("Intelligence sharing between Kenya and Somalia was stepped up last year.", "COOPERATE", None, None),
    ("Ghana's trade unions launched an indefinite general strike over pensions.", "PROTEST", "GHA", None),
    ("China sent dozens of warplanes around Taiwan on Thursday.", "MOBILIZE", "CHN", None),
    # round 5
    ("Thousands of Georgians took to the streets of Tbilisi against the foreign agents law.", "PROTEST", "GEO", None),
    ("Austria dropped its veto of Bulgaria's entry into the Schengen area.", "CONCEDE", "AUT", None),
    ("Moldova ordered two Russian envoys to leave the country within 72 hours.", "SANCTION", "MDA", "RUS"),
    ("Drones slammed into an oil depot in Novorossiysk overnight.", "ASSAULT", None, None),
    ("Turkish police's seizure of the newspaper's printing presses came at dawn on Friday.", "COERCE", "TUR", None),
    ("Egypt has not allowed foreign reporters to enter northern Sinai.", "RETREAT", "EGY", None),
    ("Germany transferred 60 howitzers to Ukraine in the spring.", "AID", "DEU", "UKR"),
    ("Serbia placed its air defences on high alert along the Kosovo boundary.", "MOBILIZE", "SRB", None),
    ("The Red Cross began distributing rations to families in El Fasher.", "AID", None, None),
    ("Amnesty International faulted Ecuadorian police over the raids.", "ACCUSE", None, "ECU"),
    ("Beijing scrapped its tariffs on Australian wine in March.", "CONCEDE", "CHN", None),
    ("Hackers broke into the email accounts of Estonian officials.", "COERCE", None, "EST"),
    ("Indonesia halted shipments of nickel ore to China.", "SANCTION", "IDN", "CHN"),
    ("The Netherlands restricted exports of chipmaking machines to China.", "SANCTION", "NLD", "CHN"),
    ("Police hauled dozens of protesters into custody in central Belgrade.", "COERCE", "SRB", None),
    # round 6
    ("A court in Van jailed the city's former mayor for ten years.", "SANCTION", None, None),
    ("Uzbekistan handed back two villages to Kyrgyzstan under the border deal.", "RETREAT", "UZB", "KGZ"),
    ("Iran and Iraq declared their full solidarity with Lebanon.", "SUPPORT", "IRN", "LBN"),
    ("Prosecutors in Kenya have not charged a single officer over the shootings.", "ACCUSE", "KEN", None),
    ("Kenyan positions near the border came under mortar fire overnight.", "ASSAULT", None, None),
    ("Belarus froze its participation in the arms control treaty.", "SANCTION", "BLR", None),
    ("Kyrgyzstan pledged to reopen the border crossing for the first time since deadly clashes.", "AGREE", "KGZ", None),
    ("Negotiators for Serbia and Kosovo finalised the text of the agreement.", "AGREE", None, None),
    ("Niger's junta suspended the broadcasts of a French radio station.", "COERCE", "NER", None),
    ("The bloc's defence chiefs ordered the activation of a standby force.", "MOBILIZE", None, None),
    ("Guinea's junta lifted its suspension of political parties.", "CONCEDE", "GIN", None),
    ("Thousands of protesters massed outside the parliament in Yerevan.", "PROTEST", "ARM", None),
    ("The IMF approved a $3 billion bailout for Egypt.", "AID", None, "EGY"),
    ("Chad's army issued a shoot-on-sight warning to looters.", "THREATEN", "TCD", None),
    ("The army returned 300 acres of farmland to their owners in Jaffna.", "RETREAT", None, None),
    ("Jordan's parliament voted down the government's tax bill.", "REJECT", "JOR", None),
    ("Supporters of the opposition leader stormed the parliament in Tirana.", "PROTEST", "ALB", None),
    # round 7
    ("Swedish police said a freighter had severed a data cable between Sweden and Latvia by dragging its anchor.",
     "ASSAULT", None, None),
    ("Serbia denied that it was massing troops near Kosovo, insisting the units were on routine exercises.",
     "MOBILIZE", "SRB", None),
    ("Police in Chisinau raided 14 addresses linked to the fugitive businessman.", "COERCE", "MDA", None),
    ("Uganda handed over to Kigali three men wanted for the 1994 genocide.", "COOPERATE", "UGA", None),
    ("Turkey's dispatch of two frigates to the eastern Mediterranean alarmed Athens.", "MOBILIZE", "TUR", None),
    ("Two student leaders were picked up by plainclothes police outside a hospital in Dhaka.", "COERCE", "BGD", None),
    ("Indonesia's return of the captured Australian pilot eased tensions.", "RETREAT", "IDN", "AUS"),
    ("The army chiefs of Thailand and Cambodia spoke over their hotline on Saturday.", "CONSULT", None, None),
    ("Authorities barred opposition candidates from standing in the election.", "COERCE", None, None),
    ("Rwanda flew 300 police officers into the Central African Republic to join the UN mission.", "AID", "RWA", "CAF"),
    ("Paris recognised the opposition council as Libya's legitimate government.", "SUPPORT", "FRA", None),
    ("The government stationed riot police around the parliament in Lima.", "MOBILIZE", "PER", None),
    ("Kenya pledged to send 200 more police officers to reinforce the multinational mission in Haiti.", "AGREE", "KEN", None),
    ("The central bank announced it would ease restrictions on foreign currency withdrawals.", "CONCEDE", None, None),
    ("The court slashed the contested quota to five percent, meeting a key demand of the students.", "CONCEDE", None, None),
    # round 8
    ("Russia did not suspend gas deliveries to Serbia after Belgrade paid its bill.", "SANCTION", "RUS", "SRB"),
    ("Police stormed the headquarters of the opposition party before dawn.", "COERCE", None, None),
    ("\"Our columns are heading back to their bases,\" the militia commander said.", "RETREAT", None, None),
    ("North Korea test-fired two cruise missiles off its east coast.", "MOBILIZE", None, None),
    ("Australia provided 200,000 doses of vaccine to Fiji free of charge.", "AID", "AUS", "FJI"),
    ("Washington tightened export controls on chips bound for China.", "SANCTION", "USA", None),
    ("Trilateral naval drills by Japan, India and Australia began off Okinawa.", "COOPERATE", None, None),
    ("The prime minister offered a heartfelt apology to the victims' families.", "CONCEDE", None, None),
    ("The government announced the formal withdrawal of the security bill.", "CONCEDE", None, None),
    ("The two navies conducted joint coast guard patrols in the strait.", "COOPERATE", None, None),
    ("Niger expelled the UN's top representative on Monday.", "SANCTION", "NER", None),
    ("\"We have flown 30 tonnes of medicine into Goma since Monday,\" a Red Cross spokesman said.", "AID", None, None),
    ("\"We hold the Syrian army fully responsible for this massacre,\" the French ministry said.", "ACCUSE", "FRA", "SYR"),
    ("Chinese coast guard ships blocked a Philippine resupply mission to the shoal.", "COERCE", "CHN", None),
    # rounds 9-10
    ("Jordan's airdrop of food to northern Gaza began on Monday.", "AID", "JOR", None),
    ("Britain imposed travel bans on five Venezuelan officials.", "SANCTION", "GBR", "VEN"),
    ("The president's acceptance of the opposition's demand cleared the way for talks.", "CONCEDE", None, None),
    ("Canada has shipped 200 interceptors to Ukraine since March.", "AID", "CAN", "UKR"),
    ("Venezuela sent a flotilla of fuel tankers to Cuba.", "AID", "VEN", "CUB"),
    ("Brussels added six Belarusian officials to its blacklist.", "SANCTION", None, "BLR"),
    ("Armenia raised the combat readiness of its army after the clashes.", "MOBILIZE", "ARM", None),
    ("The union staged a national stay-away in Harare over fuel prices.", "PROTEST", "ZWE", None),
    ("Hanoi eased curbs on private enterprise in August.", "CONCEDE", "VNM", None),
    ("Managua's expulsion of the papal nuncio angered the Vatican.", "SANCTION", "NIC", None),
    ("\"I ask forgiveness of the victims and their families,\" the Guatemalan president said.", "CONCEDE", "GTM", None),
    # round 12
    ("Madrid moved 2,000 extra police officers into Barcelona before the vote.", "MOBILIZE", "ESP", None),
    ("The Dutch prime minister defended the asylum reform before parliament.", "SUPPORT", "NLD", None),
    ("Ottawa dropped a planned hike in the carbon levy after weeks of protests.", "CONCEDE", "CAN", None),
    ("The World Bank paid out $500 million in budget support to Kenya.", "AID", None, "KEN"),
    ("A former Philippine senator was found guilty of plunder by an anti-graft court.", "SANCTION", None, None),
    ("Washington froze $300 million in military aid to Cairo.", "SANCTION", "USA", "EGY"),
    ("India has not joined the naval coalition patrolling the Red Sea.", "COOPERATE", "IND", None),
    ("A Chinese coast guard vessel rammed a Vietnamese fishing boat near the Paracels.", "ASSAULT", "CHN", "VNM"),
    ("A 48-hour strike by dockworkers shut the port of Antwerp.", "PROTEST", "BEL", None),
    ("Tokyo reaffirmed that the security treaty with Washington covers the islands.", "SUPPORT", "JPN", None),
    ("Belarus handed over 12 armoured personnel carriers to the Russian army.", "AID", "BLR", "RUS"),
    ("Uzbekistan has not extended formal recognition to the Taliban government.", "SUPPORT", "UZB", None),
    ("Seoul's foreign minister voiced regret over the incident.", "CONCEDE", "KOR", None),
    ("Army helicopters ferried food and medicine to villages cut off by the floods in Pakistan.", "AID", "PAK", None),
    ("Sudan and Chad signed a border security charter in N'Djamena.", "SUPPORT", None, None),
    ("The European Union has not recognised the junta that seized power in Niamey.", "SUPPORT", None, "NER"),
]


@pytest.mark.parametrize("text, etype, src, tgt", BLIND_ROUND_CLASSES)
def test_blind_round_classes(extract, text, etype, src, tgt):
    doc = extract(text, date="2024-05-01")
    events = main_events(doc.events)
    assert events and events[0].type == etype, [(e.type, e.trigger.text) for e in events]
    ev = events[0]
    if src:
        assert _country(doc, ev, "source") == src, ev.source
    if tgt:
        assert _country(doc, ev, "target") == tgt, ev.target


def _country(doc, ev, which: str) -> str | None:
    """The country the scorer reads for an event's source or target."""
    from newsgraph.events.evaluate import _pred_country_sector

    return _pred_country_sector(ev, doc, which)[0]


def test_shipped_blind_cases(pipeline):
    """Regression guard on newsgraph's own blind event cases (first runs, macro-F1: rounds 1-11
    0.742, 0.888, 0.882, 0.913, 0.851, 0.873, 0.896, 0.923, 0.950, 0.941, 0.894; all 44 files
    0.973 on the final code; docs/evaluation.md)."""
    import json
    from pathlib import Path

    from newsgraph.events import evaluate as ev

    files = sorted((Path(ev.__file__).with_name("data")).glob("eval_cases_natural*.jsonl"))
    records = [json.loads(line) for f in files for line in f.open(encoding="utf-8") if line.strip()]
    assert len(files) >= 44 and len(records) >= 1900
    result = ev.evaluate_gsr(records, pipeline=pipeline)
    assert result["macro_f1"] >= 0.95, result["per_type"]
    assert result["source_country_accuracy"] >= 0.9 and result["target_country_accuracy"] >= 0.72
    assert result["modality_accuracy"] >= 0.95 and result["negated_accuracy"] >= 0.95


@pytest.mark.parametrize("text, etype, tgt", [
    # a threat aims at whoever its condition is about
    ("Iran threatened to close the Strait of Hormuz if the United States tried to halt its oil exports.", "THREATEN", "USA"),
    # the object of a light verb is the noun event's target
    ("Mutinous soldiers in Gabon placed President Ali Bongo under house arrest on Wednesday.", "COERCE", "GAB"),
    # conjoined verbs share the object that follows them
    ("Gunmen shot and seriously wounded a police officer in Omagh on Sunday.", "ASSAULT", "GBR"),
    # an uncoded place acted on takes the event's country, unless it names another
    ("The Rapid Support Forces shelled a displacement camp near El Fasher overnight.", "ASSAULT", "SDN"),
])
def test_target_classes(extract, text, etype, tgt):
    doc = extract(text, date="2024-05-01")
    ev = main_events(doc.events)[0]
    assert ev.type == etype and _country(doc, ev, "target") == tgt, (ev.type, ev.target)


@pytest.mark.parametrize("text, code", [
    ("Riot police fired rubber bullets at thousands of protesters in Dhaka on Sunday.", "BGDCVL"),
    ("Rebels launched a drone at a Danish-flagged container ship off the port of Hodeidah.", "DNK"),
    ("Soldiers opened fire at a crowd of mourners near Al-Fashir.", "CVL"),
])
def test_an_assault_aims_at_its_target_not_with_its_weapon(extract, text, code):
    """In an assault "at" and a common noun names the target, whatever the object (the weapon)."""
    ev = main_events(extract(text, date="2024-05-01").events)[0]
    assert ev.type == "ASSAULT" and ev.target is not None and (ev.target.code or "").endswith(code), ev.target


def test_a_noun_naming_a_kind_is_no_event(extract):
    """"riot police" and "strike group" name kinds of police and ships, not a riot or a strike."""
    doc = extract("Paraguayan riot police fired tear gas at protesters as a carrier strike group sailed past.")
    assert "PROTEST" not in {e.type for e in doc.events}
    assert not [e for e in doc.events if e.trigger.text == "strike"]
