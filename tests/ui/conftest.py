"""A real server and a real headless Chromium for the UI tests.

The server is ``uvicorn`` in a subprocess on a free loopback port, with a tmp data dir, the fake
LLM and the fake embedder; tokens are made through drafter.services before it starts. The browser
is Debian's /usr/bin/chromium driven by Playwright, which must never download one of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import scratch_database
from tests.servers import free_port, running
from tests.ui import history_data

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "ui"
EXECUTOR_AGENCY = "Департамент городского хозяйства"


def _missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return (
            "/usr/bin/chromium is absent: install it with `make browser-deps` "
            "(apt-get install chromium chromium-driver)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the PyPI package playwright is not installed (pyproject dev group)"
    return None


@dataclass
class Site:
    """The running server, its tokens and a small API client for setting up drafts."""

    base_url: str
    tokens: dict[str, str]

    def api(self, role: str, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.tokens[role]}", **kwargs.pop("headers", {})}
        return httpx.request(method, self.base_url + path, headers=headers, timeout=30, **kwargs)

    def ok(self, role: str, method: str, path: str, **kwargs: Any) -> Any:
        response = self.api(role, method, path, **kwargs)
        assert response.status_code < 300, (method, path, response.status_code, response.text)
        return response.json() if response.content else None

    def draft(self, text: str, **appeal: Any) -> dict[str, Any]:
        """A drafted appeal, submitted by the executor and written by the fake LLM."""
        body = {"appeal": {"text": text, "agency": EXECUTOR_AGENCY, **appeal}, "wait": True}
        return self.ok("executor", "POST", "/v1/drafts", json=body)


def _server_env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRAFTER_")}
    if database_url:
        env["DRAFTER_DATABASE_URL"] = database_url
    env.update(
        DRAFTER_DATA_DIR=str(data_dir),
        DRAFTER_LLM__BACKEND="fake",
        DRAFTER_EMBEDDER__BACKEND="fake",
        DRAFTER_WORKERS="1",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])),
    )
    return env


SERVE = """
import sys, uvicorn
from drafter.api import create_app
from drafter.settings import Settings
uvicorn.run(create_app(Settings()), host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""

SETUP = """
import json, sys
from pathlib import Path
from drafter.auth import Role
from drafter.services import build_services
from drafter.settings import Settings
services = build_services(Settings())
try:
    services.ingest_samples(progress=False)  # so drafts cite real sample sources
    services.import_history([Path(sys.argv[2])])  # past appeals for «Аналитика» and search
    tokens = {
        "admin": services.create_token(Role.admin)[0],
        "reviewer": services.create_token(Role.reviewer)[0],
        "executor": services.create_token(Role.executor, sys.argv[1])[0],
    }
finally:
    services.close()
print(json.dumps(tokens))
"""


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    import json

    if reason := _missing():
        pytest.skip(reason)
    data_dir = tmp_path_factory.mktemp("ui") / "data"
    history = history_data.write(data_dir.parent / "history.jsonl")
    database = ExitStack()
    env = _server_env(data_dir, database.enter_context(scratch_database()))
    # the same settings as the server's (env), in a child so this process's env stays clean
    setup = subprocess.run(
        [sys.executable, "-c", SETUP, EXECUTOR_AGENCY, str(history)],
        check=False,  # the assert below shows its stderr
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert setup.returncode == 0, setup.stderr
    tokens = json.loads(setup.stdout.strip().splitlines()[-1])
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-c", SERVE, str(port)]
    try:
        with running(cmd, base_url + "/healthz", data_dir / "server.log", env=env, cwd=REPO):
            yield Site(base_url=base_url, tokens=tokens)
    finally:
        database.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if reason := _missing():
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: Any, site: Site) -> Iterator[Any]:
    # a fresh context per test: its own sessionStorage, so no login leaks between tests
    context = browser.new_context(
        base_url=site.base_url,
        viewport={"width": 1366, "height": 900},
        locale="ru-RU",
        timezone_id="Europe/Moscow",
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # the policy blocks silently (an inline style, a foreign URL): only the console tells
    blocked: list[str] = []
    page.on(
        "console",
        lambda msg: (
            blocked.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    try:
        yield page
    finally:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
    assert not blocked, f"blocked by the page's security policy: {blocked}"


@pytest.fixture
def shot(page: Any) -> Callable[[str], Path]:
    """Save a full-page screenshot under test-artifacts/ui/ and return its path."""

    def save(name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture
def login(page: Any, site: Site) -> Callable[[str], None]:
    """Log in through the login page as one of the site's roles."""

    def as_role(role: str) -> None:
        if page.url.startswith(site.base_url + "/ui") and page.is_visible("#logout"):
            page.click("#logout")
        page.goto("/ui#/queue")
        page.fill("#token", site.tokens[role])
        page.click("#login-form button[type=submit]")
        page.wait_for_selector("#who:not([hidden])")

    return as_role
