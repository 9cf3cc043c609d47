"""Click through the pages in a real browser: list -> event -> citation -> highlighted article."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from newsfuse.api.demo import sample_events

pytestmark = pytest.mark.browser
ROCKET = "ev-2021-03-03-al-asad"


def test_list_event_citation_article(page: Any, live_server: str, screenshots: Path) -> None:
    page.goto(live_server + "/")
    assert page.title() == "Events · newsfuse"
    assert page.locator("table.events tbody tr").count() == 32
    assert page.locator("svg.map circle.dot").count() >= 30
    page.screenshot(path=str(screenshots / "list.png"))

    page.locator("table.events").get_by_role("link", name=re.compile("Rocket attack on Al Asad")).click()
    page.wait_for_url(re.compile(f"/events/{ROCKET}$"))
    assert "Rocket attack on Al Asad Air Base" in page.locator("h1").inner_text()
    assert page.locator("#record .chip.bad", has_text="disputed").is_visible()
    assert page.locator("table.matrix td.contradicts").count() == 1
    assert "2 independent sources" in page.locator(".pagehead").inner_text()
    page.screenshot(path=str(screenshots / "event.png"), full_page=True)

    span = sample_events()[0]["summary"][1]["citations"][0]
    cite = page.locator("#brief a.cite").nth(2)  # second brief sentence's only citation
    assert cite.get_attribute("href") == f"/articles/{span['article']}?hl={span['start']}-{span['end']}#s-{span['start']}-{span['end']}"
    cite.click()
    page.wait_for_url(re.compile(r"/articles/a-reuters-1\?hl="))
    mark = page.locator(f"mark#s-{span['start']}-{span['end']}")
    assert mark.is_visible()
    assert page.locator("article mark").all_inner_texts() == [span["text"]]
    assert mark.evaluate("m => { const r = m.getBoundingClientRect(); return r.top >= -1 && r.bottom <= innerHeight + 1; }")
    assert page.locator(".rolelabel.role-caption").is_visible()
    page.screenshot(path=str(screenshots / "article.png"), full_page=True)

    assert page.dialogs == [] and page.console_errors == []
    assert all(u.startswith(live_server) for u in page.requests), "a page reached outside the server"


def test_map_dot_opens_its_event(page: Any, live_server: str) -> None:
    page.goto(live_server + "/?country=IQ&q=rocket")
    dots = page.locator("svg.map a")
    assert dots.count() >= 1
    href = dots.first.get_attribute("href")
    dots.first.locator("circle").click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    assert page.locator("h1").count() == 1


def test_filters_from_the_form(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    page.locator("form.filters input[name=q]").fill('contractor "Anbar')
    page.locator("form.filters input[name=country]").fill("iq")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"q=contractor"))
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 1
    assert all(t.endswith("IQ") for t in page.locator("table.events td:nth-child(3)").all_inner_texts())
    page.locator("form.filters input[name=date_from]").fill("2030-01-01")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()
    assert "No event matches" in page.locator("main").inner_text()


def test_hostile_content_stays_inert(page: Any, live_server: str) -> None:
    for url in ("/events/ev-hostile-1", "/articles/" + quote("a-hostile-<3>", safe=""), "/?q=%3Cscript%3E"):
        page.goto(live_server + url)
        page.wait_for_load_state("load")
        assert page.evaluate("document.scripts.length") == 0
        assert page.locator("main img").count() == 0
    page.goto(live_server + "/events/ev-hostile-1")
    assert '<script>alert("h")</script>' in page.locator("h1").inner_text()
    page.goto(live_server + "/articles/" + quote("a-hostile-<3>", safe=""))
    assert page.locator("article a").count() == 0  # the article's <a href=javascript:> is text
    assert page.dialogs == []
