"""Each quote pattern of the issue on short hand-written news text."""

import pytest


def one(doc, needle: str):
    """The only quote whose text contains `needle`."""
    found = [q for q in doc.quotes if needle in q.text]
    assert len(found) == 1, [q.text for q in doc.quotes]
    return found[0]


def surface(doc, quote) -> str | None:
    s = quote.speaker
    return doc.text[s.start:s.end] if s and s.start is not None else None


def test_offsets_and_sentences_point_into_the_text(extract):
    doc = extract('Moscow, Oct 1. "We will not retreat," Lavrov said. Kirby said the strikes had hit rebels.')
    assert doc.quotes
    for q in doc.quotes:
        for s, e in q.spans:
            assert doc.text[s:e] in q.text
        assert doc.sentences[q.sentence][0] <= q.start < doc.sentences[q.sentence][1]
        assert doc.text[q.cue_span[0]:q.cue_span[1]] == q.cue


def test_direct_straight_marks_cue_after(extract):
    doc = extract('"We will not retreat from these positions," Sergei Lavrov said on Thursday.')
    q = one(doc, "We will not retreat")
    assert (q.type, q.cue, surface(doc, q), q.speaker.name) == ("direct", "said", "Sergei Lavrov", "Sergei Lavrov")
    assert q.text == "We will not retreat from these positions,"


def test_direct_curly_marks_cue_before_with_colon(extract):
    doc = extract("Kremlin spokesman Dmitry Peskov said: “The operation will continue until its goals are met.”")
    q = one(doc, "The operation will continue")
    assert (q.type, q.cue, surface(doc, q)) == ("direct", "said", "Kremlin spokesman Dmitry Peskov")


def test_inverted_cue_after(extract):
    doc = extract("“There is nothing one-sided about feeding the world,” said Foreign Minister Dmytro Kuleba.")
    q = one(doc, "feeding the world")
    assert q.type == "direct" and "Kuleba" in surface(doc, q)


def test_split_quote_is_one_quote_with_two_spans(extract):
    doc = extract("“These rumours are groundless,” Lavrov told reporters. “We act in full accordance with international law.”")
    q = one(doc, "groundless")
    assert len(q.spans) == 2 and "international law" in q.text
    assert (q.cue, surface(doc, q)) == ("told", "Lavrov")


def test_multi_sentence_and_multi_paragraph_quote(extract):
    text = ("“I want to repeat that Ukraine has not surrendered,” Kuleba said. “We are ready for diplomacy. "
            "But we will defend our land.\n\n“Russia must stop bombing our cities. That is the first step.”")
    doc = extract(text)
    q = one(doc, "surrendered")
    assert "defend our land" in q.text and "the first step" in q.text
    assert len(doc.quotes) == 1


def test_continuation_paragraph_takes_the_previous_speaker(extract):
    text = ("“The Saudi regime will pay a heavy price for this aggression,” Houthi spokesman Mohammed Abdulsalam said.\n\n"
            "“The Yemeni people will not stand by while their country is bombed.”\n\n"
            "Egypt said it would send warships.")
    doc = extract(text)
    q = one(doc, "Yemeni people")
    assert q.speaker.name == one(doc, "heavy price").speaker.name
    assert "Abdulsalam" in q.speaker.name


@pytest.mark.parametrize("sentence, content, cue, speaker", [
    ("Jubeir said the kingdom had consulted closely with Washington.", "the kingdom had consulted closely with Washington", "said", "Jubeir"),
    ("Kerry said that he had raised the concerns directly with Lavrov.", "that he had raised the concerns directly with Lavrov", "said", "Kerry"),
    ("A Houthi official told Reuters the strikes had killed at least 18 civilians.", "the strikes had killed at least 18 civilians", "told", "A Houthi official"),
    ("According to Peskov, Russia had prepared for the sanctions in advance.", "Russia had prepared for the sanctions in advance", "According to", "Peskov"),
    ("Russia had prepared for the sanctions in advance, according to Peskov.", "Russia had prepared for the sanctions in advance", "according to", "Peskov"),
    ("Peskov denied that the decision was linked to the attack on the bridge.", "that the decision was linked to the attack on the bridge", "denied", "Peskov"),
    ("Aides to President Hadi denied reports that he had fled the country.", "reports that he had fled the country", "denied", "Aides to President Hadi"),
    ("Kremlin spokesman Dmitry Peskov warned that Western sanctions would not change Russia's course.", "that Western sanctions would not change Russia's course", "warned", "Kremlin spokesman Dmitry Peskov"),
    ("The Kremlin said the operation would be limited in time.", "the operation would be limited in time", "said", "The Kremlin"),
])
def test_indirect_speech(extract, sentence, content, cue, speaker):
    doc = extract(sentence)
    q = one(doc, content[:20])
    assert (q.type, q.text, q.cue, surface(doc, q)) == ("indirect", content, cue, speaker)


def test_parenthetical_cue_splits_the_content(extract):
    doc = extract("Russia, he said, would not be drawn into a ground war. The strikes will go on until "
                  "the goals are met, the ministry said on Thursday. In an interview, Lavrov said nothing new.")
    q = one(doc, "ground war")
    assert (q.type, q.text, len(q.spans), q.cue) == ("indirect", "Russia would not be drawn into a ground war", 2, "said")
    q = one(doc, "strikes will go on")
    assert q.text == "The strikes will go on until the goals are met" and surface(doc, q) == "the ministry"
    assert not [q for q in doc.quotes if "interview" in q.text]


def test_mixed_quote(extract):
    doc = extract("Secretary of State Mike Pompeo said Maduro “no longer has the legal authority” to break relations.")
    q = one(doc, "legal authority")
    assert q.type == "mixed" and q.text == "Maduro “no longer has the legal authority” to break relations"
    assert surface(doc, q) == "Secretary of State Mike Pompeo"


def test_partial_quote_inside_reported_speech(extract):
    doc = extract("State Department spokesman Ned Price said the United States was sending “significant” aid to Kyiv.")
    q = one(doc, "significant")
    assert q.type == "mixed" and q.text.startswith("the United States was sending")
    assert len(doc.quotes) == 1  # the one-word quotation is not a quote of its own


def test_scare_quotes_are_not_quotes(extract):
    doc = extract("The so-called “peace plan” was rejected by the rebels on Monday.")
    assert doc.quotes == []


@pytest.mark.parametrize("text, speaker, via", [
    ("Interfax news agency quoted Mr Lavrov as saying that the targets had been chosen with the Syrian army.", "Lavrov", "Interfax"),
    ("“This is a dangerous step,” Zarif was quoted as saying by the IRNA news agency.", "Zarif", "IRNA"),
])
def test_mediated_quote_has_speaker_and_via(extract, text, speaker, via):
    doc = extract(text)
    (q,) = doc.quotes
    assert speaker in surface(doc, q) and speaker in q.speaker.name
    assert q.via is not None and via in q.via.name and q.cue == "quoted"


def test_name_title_surname_and_pronoun_are_one_actor(extract):
    text = ("Russian Foreign Minister Sergei Lavrov said on Thursday that the strikes were aimed only at militants.\n\n"
            "“These rumours are groundless,” the Russian foreign minister said.\n\n"
            "“We are acting at the request of the Syrian government,” he said.\n\n"
            "Mr Lavrov added that Moscow was ready to talk to Washington.")
    doc = extract(text)
    speakers = [q.speaker for q in doc.quotes]
    assert len(speakers) == 4
    assert {s.actor_id for s in speakers} == {speakers[0].actor_id} and speakers[0].actor_id
    assert {s.name for s in speakers} == {"Sergei Lavrov"}
    assert [doc.text[s.start:s.end] for s in speakers] == [
        "Russian Foreign Minister Sergei Lavrov", "the Russian foreign minister", "he", "Mr Lavrov"]


def test_pronoun_prefers_the_last_speaker_over_a_later_object(extract):
    text = ("U.S. Defense Secretary Ash Carter warned that Russia was backing President Bashar al-Assad.\n\n"
            "“That is not our position,” he said.")
    doc = extract(text)
    assert one(doc, "not our position").speaker.name == "Ash Carter"


def test_unnamed_source_keeps_no_name_and_is_found_again(extract):
    text = ("A senior administration official said all options were on the table.\n\n"
            "“We are not going to stand by while Maduro loots the country,” the official said.")
    doc = extract(text)
    first, second = one(doc, "all options"), one(doc, "stand by")
    assert first.speaker.name is None and first.speaker.actor_id is not None
    assert second.speaker.actor_id == first.speaker.actor_id
    actor = doc.actor(first.speaker.actor_id)
    assert actor is not None and actor.sector == "GOV" and actor.name is None


def test_unnamed_source_takes_the_country_the_actors_stage_gives(extract):
    doc = extract("A senior U.S. official said at least one strike had hit rebels backed by Washington.")
    (q,) = doc.quotes
    assert q.speaker.name is None and q.speaker.actor_id
    us = next((e for e in doc.entities if e.text == "U.S."), None)
    country = doc.actor(us.actor_id).country if us and us.actor_id else None
    if country:  # the code is the country the actors stage gave "U.S." plus the sector
        assert q.speaker.code == f"{country}GOV"
    else:
        assert q.speaker.code == "GOV"


def test_organisation_speaker(extract):
    doc = extract("The Russian Defence Ministry said its jets had flown 20 sorties near Homs.")
    (q,) = doc.quotes
    assert "Defence Ministry" in q.speaker.name and q.speaker.actor_id


def test_odd_quote_mark_does_not_lose_other_quotes(extract):
    text = ('Foreign Minister Jorge Arreaza said the government "would respond to any aggression.\n\n'
            '"The soldiers of the homeland do not accept a president imposed by foreign powers," Padrino wrote.\n\n'
            '"Get out of Venezuela," Maduro told supporters.')
    doc = extract(text)
    assert one(doc, "soldiers of the homeland").speaker.name.endswith("Padrino")
    assert one(doc, "Get out").type == "direct"
    assert one(doc, "respond to any aggression").type == "indirect"


def test_headline_quote_does_not_lose_other_quotes(extract):
    text = ("“No progress” on ceasefire after Lavrov and Kuleba meet\n\n"
            "“We talked about a ceasefire, but no progress was made,” Kuleba told reporters.")
    doc = extract(text)
    q = one(doc, "ceasefire, but")
    assert q.type == "direct" and q.cue == "told"


def test_nested_quotes(extract):
    doc = extract("“President Putin told us that ‘the operation is going according to plan,’ but that is not what we see,” a senior Western diplomat said.")
    (q,) = doc.quotes
    assert q.type == "direct" and "‘the operation is going according to plan,’" in q.text
    assert doc.text[q.speaker.start:q.speaker.end] == "a senior Western diplomat"


def test_confidence_ranks_evidence(extract):
    doc = extract("“We will respond,” Lavrov said. Aides to Hadi denied reports that he had fled.")
    direct, obj = one(doc, "respond"), one(doc, "fled")
    assert 0 < obj.confidence < direct.confidence <= 1
