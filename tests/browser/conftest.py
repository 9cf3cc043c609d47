"""A live server on a free loopback port and Debian's Chromium driven by Playwright.

Skips (with the reason) when /usr/bin/chromium or the playwright package is missing;
`scripts/install_browser.sh` installs both, and the Makefile's test target runs it first.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed: run scripts/install_browser.sh")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed: run scripts/install_browser.sh")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from newsfuse.api import create_app
    from newsfuse.api.demo import build_demo_db

    db = build_demo_db(tmp_path_factory.mktemp("browser") / "news.db", n_synthetic=30)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """docs/screenshots/, where the click-through test leaves list.png, event.png and article.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture()
def page(browser: Any, live_server: str) -> Iterator[Any]:
    """A fresh page that fails the test on any dialog (an executed alert) and records every request."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
    pg = context.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.requests = []  # type: ignore[attr-defined]
    pg.console_errors = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    try:
        yield pg
    finally:
        context.close()
