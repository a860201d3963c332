"""The frame of every page, as a keyboard user meets it in a real browser."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page):
    page.goto("/")

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_htmx_loads_from_our_own_static_files(page, live_server):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto("/")

    assert page.evaluate("typeof window.htmx") == "object"
    assert requests and all(url.startswith(live_server.url) for url in requests)
