"""The pages in a real headless Chromium: clicks on marks, the timeline, the network and the map.

Uses Debian's chromium (apt-get install chromium) through Playwright's Python package; Playwright's
own browser download is never used. Screenshots go to test-artifacts/. Skips, saying why, when
the browser or the package is missing; CI installs both.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path(os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium"))
HAND = "hand-belgorod"

if not CHROMIUM.exists():
    pytest.skip(f"no browser at {CHROMIUM} (apt-get install chromium, or set NEWSGRAPH_CHROMIUM)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed "
                                                             "(pip install -e '.[test]')")


@pytest.fixture(scope="module")
def base_url(store_path):
    import uvicorn

    from newsgraph.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store_path), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM),
                                    args=["--headless", "--no-sandbox", "--disable-background-networking"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page that records console errors (CSP violations among them); the test fails on any."""
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == []


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")  # else the sticky header is drawn where the page was scrolled to
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


def test_article_marks_show_their_records(page, base_url):
    page.goto(f"{base_url}/articles/{HAND}")
    card = page.locator("#card")
    page.locator("#m-q1").click()
    assert card.is_visible()
    assert "direct quote" in card.inner_text() and "Sergei Lavrov (RUSGOV)" in card.inner_text()
    assert "on" in page.locator('aside.records a[data-m="q1"]').get_attribute("class")
    shot(page, "article-quote")

    page.locator("#m-e0").click()
    text = card.inner_text()
    assert "ASSAULT / aerial" in text and "Ukrainian forces (UKRMIL) → Russia (RUS)" in text
    assert "reported" in text and "claimed by" in text and "0.70" in text
    assert "pinned" in page.locator("#m-e0").get_attribute("class")
    shot(page, "article-event")

    page.locator('aside.records a[data-m="p2"]').click()  # the list links back to the span
    assert "pinned" in page.locator("#m-p2").get_attribute("class") and "Istanbul" in card.inner_text()
    assert page.evaluate("location.hash") == "#m-p2"
    page.keyboard.press("Escape")
    assert card.is_hidden()


def test_article_opens_on_an_event_from_the_table(page, base_url):
    page.goto(f"{base_url}/events?doc={HAND}&type=SANCTION")
    page.locator("table.events tbody a").first.click()
    page.wait_for_url(f"**/articles/{HAND}#event-ev3")
    sync_api.expect(page.locator("#card")).to_be_visible()
    assert page.locator("#card").is_visible() and "SANCTION" in page.locator("#card").inner_text()


def test_events_timeline_stacks_by_type_and_quad_class(page, base_url):
    page.goto(f"{base_url}/events?doc={HAND}")
    page.wait_for_selector("#timeline svg rect")
    assert page.locator("#timeline svg rect").count() >= 10
    assert page.locator("#timeline svg polyline").count() == 1  # the mean Goldstein line
    assert "ASSAULT" in page.locator("#timeline-legend").inner_text()
    page.locator('input[name="by"][value="quad_class"]').check()
    sync_api.expect(page.locator("#timeline-legend")).to_contain_text("material conflict")
    shot(page, "events")


def test_network_click_filters_the_events(page, base_url, client):
    page.goto(f"{base_url}/network?doc={HAND}")
    page.wait_for_selector("#network g.node")
    api = client.get(f"/api/network?doc={HAND}").json()
    assert page.locator("#network g.node").count() == len(api["nodes"])
    assert page.locator("#network path.edge").count() == len(api["edges"])
    page.locator('#network g.node[data-id="UKRMIL"] circle').click()
    page.wait_for_selector("#picked-rows tr")
    rows = page.locator("#picked-rows tr")
    assert rows.count() > 0 and all("UKRMIL" in rows.nth(i).inner_text() for i in range(rows.count()))
    assert "involving=UKRMIL" in page.locator("#picked-link").get_attribute("href")
    shot(page, "network")
    page.locator('#network path.edge[data-source="IGOEU"][data-target="RUS"]').dispatch_event("click")
    sync_api.expect(page.locator("#picked-title")).to_contain_text("IGOEU → RUS · 1 events")
    assert page.locator("#picked-rows tr").count() == 1


def test_map_draws_countries_and_points(page, base_url):
    page.goto(f"{base_url}/map?doc={HAND}")
    page.wait_for_selector("#map circle.event")
    assert page.locator("#map path.country").count() > 150
    assert page.locator("#map circle.event").count() == 5  # Kharkiv, Kyiv, Brussels, Belgorod, Istanbul
    assert page.locator("#map circle.place").count() >= 3
    before = page.locator("#map svg").get_attribute("viewBox")
    page.locator("#zoom-in").click()
    assert page.locator("#map svg").get_attribute("viewBox") != before
    page.locator("#zoom-reset").click()
    page.locator("#map circle.event").first.dispatch_event("click")
    page.wait_for_selector("#picked-rows tr")
    shot(page, "map")


def test_extract_page_annotates_pasted_text(page, base_url):
    page.goto(f"{base_url}/extract")
    page.fill("textarea[name=text]", "NATO Secretary General Jens Stoltenberg said on Monday that the alliance "
                                     "would send more troops to Lithuania. \"We stand with our allies,\" he said.")
    page.fill("input[name=title]", "NATO troops")
    page.click("form.extract button")
    page.wait_for_selector("#text", timeout=60_000)  # the first extraction loads the pipeline
    assert "not stored" in page.inner_text(".doc-head") and "NATO troops" in page.inner_text("h1")
    assert page.locator("#text .m").count() > 0
    shot(page, "extract")
