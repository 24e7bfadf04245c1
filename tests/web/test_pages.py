"""HTML pages: each has a JSON twin; the article page marks every record on its span."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import quote

from fastapi.routing import APIRoute
from fastapi.responses import HTMLResponse
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.web.render import Mark, annotate

HAND = "hand-belgorod"
# Query strings for the pages that need one; path parameters get a real value below.
QUERIES = {"/speaker": "?name=Sergei%20Lavrov&code=RUSGOV", "/events": "?type=ASSAULT&since=2024-03-01",
           "/network": "?quad_class=4", "/map": "?country=UKR", "/quotes": "?speaker=lavrov", "/articles": "?q=fuel"}


def html_routes(app):
    return [r for r in app.routes if isinstance(r, APIRoute) and "GET" in r.methods
            and r.response_class is HTMLResponse]


def test_every_html_page_has_a_json_twin(client):
    routes = html_routes(client.app)
    assert len(routes) >= 12
    for route in routes:
        path = route.path.replace("{doc_id:path}", quote(HAND)) + QUERIES.get(route.path, "")
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), path
        twin = re.fullmatch(r'<([^>]+)>; rel="alternate"; type="application/json"', r.headers["link"]).group(1)
        assert f'<link rel="alternate" type="application/json" href="{html.escape(twin)}">' in r.text, path
        j = client.get(twin)
        assert j.status_code == 200 and j.headers["content-type"].startswith("application/json"), (path, twin)
        assert j.json(), twin


def test_twins_keep_the_page_filters(client):
    r = client.get("/events?type=ASSAULT&doc=hand-belgorod")
    twin = r.headers["link"].split(">")[0][1:]
    assert twin == "/api/events?type=ASSAULT&doc=hand-belgorod"
    data = client.get(twin).json()
    assert data["total"] == r.text.count("<tr>") - 1  # every matching event is a row (one header row)
    assert client.get(f"/articles/{HAND}").headers["link"].startswith(f"</api/documents/{HAND}>")


class Tags(HTMLParser):
    """Checks spans nest properly and collects the text and the marks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.keys, self.anchors = [], [], set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.stack.append(tag)
        if "data-m" in attrs:
            self.keys.add(attrs["data-m"])
        if "id" in attrs:
            self.anchors.append(attrs["id"])

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag

    def handle_data(self, data):
        self.text.append(data)


def parse(markup):
    p = Tags()
    p.feed(str(markup))
    p.close()
    assert p.stack == []
    return p


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab <&\"'\n", min_size=1, max_size=40), st.lists(
    st.tuples(st.integers(0, 45), st.integers(0, 45), st.sampled_from(["m-actor", "m-quote", "m-event"])), max_size=8))
def test_annotate_keeps_the_text_and_nests_overlapping_marks(text, spans):
    marks = [Mark(s, e, f"k{i}", cls) for i, (s, e, cls) in enumerate(spans)]
    p = parse(annotate(text, marks))
    assert "".join(p.text) == text
    valid = {m.key for m in marks if 0 <= m.start < m.end <= len(text)}
    assert p.keys == valid
    assert sorted(p.anchors) == sorted(f"m-{k}" for k in valid)  # one anchor per record


def test_crossing_marks_are_split_and_reopened():
    out = str(annotate("abcdef", [Mark(0, 4, "q0", "m-quote"), Mark(2, 6, "p0", "m-place")]))
    assert out == ('<span class="m m-quote" data-m="q0" id="m-q0">ab<span class="m m-place" data-m="p0" id="m-p0">cd'
                   '</span></span><span class="m m-place" data-m="p0">ef</span>')


def test_article_page_marks_every_record(client):
    r = client.get(f"/articles/{HAND}")
    assert r.status_code == 200
    page = r.text
    text = page[page.index('<div class="text" id="text">'):page.index("</div>", page.index('id="text"'))]
    p = parse(text + "</div>")
    assert "".join(p.text) == client.get(f"/api/documents/{HAND}").json()["text"]
    assert {f"q{i}" for i in range(3)} | {f"e{i}" for i in range(5)} | {f"a{i}" for i in range(5)} <= p.keys
    assert {"p0", "p1", "p2", "d0", "d1"} <= p.keys
    assert "These claims are &lt;false&gt;," in page  # the text is escaped
    assert 'data-m="q0" id="m-q0"><span class="m m-actor" data-m="a1" id="m-a1">Ukrainian</span> forces' in page  # nested
    assert re.search(r'class="m m-quote spk-0" data-m="q1" id="m-q1">We will', page)
    assert re.search(r'class="m m-quote spk-1" data-m="q2" id="m-q2">These claims', page)  # another speaker, another colour
    assert re.search(r'class="m m-event quad-4" data-m="e0" id="m-e0">attacked<', page)
    for key in ("q0", "e0", "a0", "p0", "d0"):
        assert f'<a href="#m-{key}" data-m="{key}">' in page  # the side list links back to the span


def test_article_cards_hold_the_record_fields(client):
    import json

    page = client.get(f"/articles/{HAND}").text
    cards = json.loads(html.unescape(re.search(r'<script type="application/json" id="cards">(.*?)</script>', page, re.S).group(1)))
    e0 = dict(cards["e0"]["fields"])
    assert cards["e0"]["title"] == "ASSAULT / aerial" and cards["e0"]["rid"] == "ev0"
    assert e0["source → target"] == "Ukrainian forces (UKRMIL) → Russia (RUS)"
    assert e0["modality"] == "reported" and e0["claimed by"] == "Sergei Lavrov (RUSGOV)" and e0["confidence"] == "0.70"
    q2 = dict(cards["q2"]["fields"])
    assert cards["q2"]["title"] == "direct quote" and q2["speaker"] == "UKRMIL" and q2["cue"] == "said"
    assert "<" not in re.search(r'id="cards">(.*?)</script>', page, re.S).group(1)  # no markup can close the script


def test_unknown_article_is_a_404_page(client):
    r = client.get("/articles/nope")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html") and "nope" in r.text


def test_docs_page_lists_every_api_route(client):
    page = client.get("/docs").text
    spec = client.get("/openapi.json").json()
    assert spec["paths"] and all(f"<code>{p}</code>" in page for p in spec["paths"])
    assert not any(p.startswith("/articles") or p == "/events" for p in spec["paths"])  # pages stay out of the API
    assert "cdn" not in page.lower()
