"""Quotes and speakers on the example articles (examples/articles/articles.jsonl)."""

import json

import pytest
from conftest import EXAMPLES


@pytest.fixture(scope="module")
def docs(extract):
    out = {}
    with open(EXAMPLES / "articles.jsonl", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            out[a["id"].split("-")[0] + a["date"][:4]] = extract(a["text"], date=a["date"], doc_id=a["id"])
    return out


def find(doc, needle: str):
    found = [q for q in doc.quotes if needle in q.text]
    assert len(found) == 1, (needle, [q.text[:50] for q in doc.quotes])
    return found[0]


def said(doc, needle: str) -> tuple[str, str | None, str]:
    """(quote type, speaker name, speaker surface) of the quote containing `needle`."""
    q = find(doc, needle)
    return q.type, q.speaker.name if q.speaker else None, doc.text[q.speaker.start:q.speaker.end] if q.speaker else ""


def test_every_article_keeps_all_its_direct_quotes(docs):
    # direct quotes a reader counts in each article (split and multi-paragraph ones count once)
    expected = {"syria2015": 4, "ukraine2022": 4, "yemen2015": 5, "venezuela2019": 4, "ukraine2023": 6}
    assert {k: sum(q.type == "direct" for q in d.quotes) for k, d in docs.items()} == expected


def test_syria_lavrov_as_name_title_surname(docs):
    d = docs["syria2015"]
    assert said(d, "rumours are groundless") == ("direct", "Sergei Lavrov", "Lavrov")
    assert len(find(d, "rumours are groundless").spans) == 2
    assert said(d, "ready to open channels") == ("mixed", "Sergei Lavrov", "The Russian foreign minister")
    q = find(d, "targets had been chosen")
    assert (q.speaker.name, d.text[q.speaker.start:q.speaker.end], q.via.name, q.cue) == (
        "Sergei Lavrov", "Mr Lavrov", "Interfax", "quoted")
    ids = {find(d, n).speaker.actor_id for n in ("striking only", "groundless", "ready to open", "chosen")}
    assert len(ids) == 1


def test_syria_pronouns_titles_organisations_sources(docs):
    d = docs["syria2015"]
    assert said(d, "By supporting Assad")[1:] == ("Ash Carter", "he")
    assert "That is not our position" in find(d, "By supporting Assad").text
    assert said(d, "hit ISIL targets")[1] == "John Kirby"
    assert said(d, "seen no evidence") == ("indirect", "John Kirby", "State Department spokesman John Kirby")
    assert said(d, "limited in time")[2] == "The Kremlin"
    assert said(d, "at least one strike") == ("indirect", None, "A senior U.S. official")
    assert said(d, "36 civilians")[0] == "indirect" and find(d, "36 civilians").cue == "According to"
    assert said(d, "confuse our fight")[1:] == ("John Kerry", "he")


def test_ukraine_2022_multi_paragraph_partial_and_nested(docs):
    d = docs["ukraine2022"]
    q = find(d, "has not surrendered")
    assert q.speaker.name.endswith("Kuleba") and "That is the first step." in q.text
    assert said(d, "humanitarian corridor")[1:] == (q.speaker.name, "He")
    assert said(d, "not planning to attack")[2] == "the Russian foreign minister"
    assert find(d, "not planning to attack").speaker.actor_id == find(d, "used as a base").speaker.actor_id
    assert said(d, "“significant”")[0] == "mixed"
    assert said(d, "‘the operation is going")[0] == "direct"
    assert said(d, "single centimetre")[2] == "Mykhailo Podolyak, an adviser to Zelenskiy"


def test_yemen_continuation_colon_mediated_and_group_pronoun(docs):
    d = docs["yemen2015"]
    q = find(d, "heavy price")
    assert "The Yemeni people will not stand by" in q.text and q.speaker.name == "Mohammed Abdulsalam"
    assert said(d, "military action will only")[1] == "Marzieh Afkham"
    q = find(d, "dangerous step")
    assert q.speaker.name.endswith("Zarif") and "IRNA" in q.via.name
    jubeir = {find(d, n).speaker.actor_id for n in ("meant to defend", "whatever it takes", "consulted closely")}
    assert len(jubeir) == 1 and find(d, "consulted closely").speaker.name == "Adel al-Jubeir"
    aides, they = find(d, "had fled"), find(d, "remained in Aden")
    assert d.text[they.speaker.start:they.speaker.end] == "They" and they.speaker.actor_id == aides.speaker.actor_id


def test_venezuela_odd_mark_titles_and_unnamed_official(docs):
    d = docs["venezuela2019"]
    assert said(d, "respond to any aggression")[0] == "indirect"
    assert said(d, "I swear to formally")[1:] == ("Juan Guaidó", "he")
    assert said(d, "soldiers of the homeland")[1:] == ("Vladimir Padrino", "the defence minister")
    official, again = find(d, "all options"), find(d, "loots the country")
    assert official.speaker.name is None and again.speaker.actor_id == official.speaker.actor_id


def test_ukraine_2023_headline_president_and_continuation(docs):
    d = docs["ukraine2023"]
    assert said(d, "grain deal ‘terminated’")[0] == "mixed"
    q = find(d, "Even without the Russian Federation")
    assert q.speaker.name == "Volodymyr Zelenskiy" and "We are not afraid." in q.text
    assert said(d, "one-sided favour")[1] == "Dmytro Kuleba"
    q = find(d, "returning to the deal")
    assert q.speaker.name == "Maria Zakharova" and q.via.name == "TASS"
    assert said(d, "grain by road and rail")[1:] == ("Josep Borrell", "he")
