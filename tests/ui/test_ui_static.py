"""The UI's files as served: offline, no markup built from data, locked down by headers.

These need no browser, so they run even where Chromium is absent.
"""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from drafter.ui import STATIC_DIR, mount_ui

FILES = sorted(p for p in STATIC_DIR.rglob("*") if p.is_file())


def _client() -> TestClient:
    app = FastAPI()
    mount_ui(app)
    return TestClient(app)


def test_the_page_and_every_file_it_loads_are_served_with_a_strict_policy() -> None:
    client = _client()
    page = client.get("/ui")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    assert client.get("/ui/", follow_redirects=False).headers["location"] == "/ui"
    for path in FILES:
        url = "/ui/static/" + path.relative_to(STATIC_DIR).as_posix()
        response = client.get(url)
        assert response.status_code == 200, url
        assert "default-src 'self'" in response.headers["content-security-policy"], url
    assert client.get("/ui/static/../__init__.py").status_code == 404


def test_every_script_and_stylesheet_referenced_exists() -> None:
    sources = {p: p.read_text(encoding="utf-8") for p in FILES}
    referenced = set(
        re.findall(r'(?:src|href)="/ui/static/([^"]+)"', sources[STATIC_DIR / "index.html"])
    )
    for path, text in sources.items():
        if path.suffix == ".js":
            referenced |= {
                (path.parent / m).resolve().relative_to(STATIC_DIR.resolve()).as_posix()
                for m in re.findall(r'from "(\./[^"]+)"', text)
            }
    assert referenced, "index.html loads nothing?"
    for ref in referenced:
        assert (STATIC_DIR / ref).is_file(), ref


def test_nothing_is_fetched_from_the_network_and_no_html_is_built_from_strings() -> None:
    for path in FILES:
        # the SVG namespace is a name, never fetched: the charts are built in that namespace
        text = path.read_text(encoding="utf-8").replace('"http://www.w3.org/2000/svg"', "")
        assert not re.search(r"https?://", text), f"{path.name} refers to another origin"
        if path.suffix == ".js":
            # appeals are untrusted: data goes into the page only as text nodes
            for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
                assert sink not in text, f"{path.name} uses {sink}"


def test_no_inline_script_or_style_that_the_policy_would_block() -> None:
    html = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers
