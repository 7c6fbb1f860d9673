"""Schemathesis against the app in-process (ASGI, fake drafter and index), as
``schemathesis run --checks all`` would: every phase (examples, coverage, fuzzing, stateful)
and every check (no 5xx; every status, content type, header and body as documented; auth
enforced; invalid data refused), on a bounded budget (30 s of requests, ~700 of them, on 2 cores).

Two checks get the statuses this API answers to valid-looking input on purpose, because JSON
Schema cannot say it: ``positive_data_acceptance`` also accepts 409/412 (another version or
status: the stateful phase edits the same drafts), 413/415/422 (a file of no known format, a
region nobody knows, a received_at before 2000); ``negative_data_rejection`` also accepts 413
(an appeal over its length limit is appeal_too_long, 413).
"""

from __future__ import annotations

from collections import Counter

import pytest

schemathesis = pytest.importorskip("schemathesis")

from schemathesis.engine import Status, from_schema
from schemathesis.engine.events import EngineFinished, FatalError, ScenarioFinished

from drafter.api import create_app
from drafter.auth import Role

MAX_EXAMPLES = 10  # per operation and phase

CONFIG = {
    "seed": 13,  # the same cases every run: a failure here is reproducible
    # the engine repeats fuzzing and stateful rounds while time is left: this is the budget
    "max-time": 30,
    "generation": {
        "max-examples": MAX_EXAMPLES,
        "deterministic": True,
        # our token in every request, not generated ones (ignored_auth checks those)
        "with-security-parameters": False,
    },
    "checks": {
        "enabled": True,
        "positive_data_acceptance": {
            "expected-statuses": ["2xx", 401, 403, 404, 409, 412, 413, 415, 422, 429]
        },
        "negative_data_rejection": {
            "expected-statuses": [400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 428, 429]
        },
    },
}


def test_api_conforms_to_its_openapi(settings, services):
    settings.api.drafts_per_minute = 0  # the fuzzer is one token sending hundreds of drafts
    app = create_app(settings, services)
    schema = schemathesis.openapi.from_asgi(
        "/openapi.json", app, config=schemathesis.Config.from_dict(CONFIG)
    )

    class AdminToken:
        """An admin token; a new one when the fuzzer has revoked it (DELETE /v1/tokens/{id}
        with the id GET /v1/tokens listed is fair game)."""

        secret: str | None = None

        def get(self, case, ctx) -> str:
            info = services.store.tokens.lookup(self.secret) if self.secret else None
            if info is None or not info.active():
                AdminToken.secret = services.create_token(Role.admin, name="schemathesis")[0]
            assert AdminToken.secret is not None
            return AdminToken.secret

        def set(self, case, data: str, ctx) -> None:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    schema.auth.auth(refresh_interval=None)(AdminToken)

    operations = {
        f"{method.upper()} {path}"
        for path, item in app.openapi()["paths"].items()
        for method in item
    }
    statuses: Counter[int] = Counter()
    exercised: set[str] = set()
    failures: list[str] = []
    for event in from_schema(schema).execute():
        if isinstance(event, FatalError):
            pytest.fail(f"schemathesis could not run: {event.exception!r}")
        if isinstance(event, EngineFinished):
            failures += [f"after the run: {f.title}" for f in event.failures]
        if not isinstance(event, ScenarioFinished):
            continue
        recorder = event.recorder
        for interaction in recorder.interactions.values():
            if interaction.response is not None:
                statuses[interaction.response.status_code] += 1
                exercised.add(recorder.label)
        for checks in recorder.checks.values():
            failures += [
                f"{recorder.label} {check.name}: {check.failure_info.failure.title}\n"
                f"  {check.failure_info.failure.message[:300]}\n"
                f"  {check.failure_info.code_sample[:400]}"
                for check in checks
                if check.status is Status.FAILURE and check.failure_info is not None
            ]
    print(f"schemathesis: {sum(statuses.values())} responses {dict(sorted(statuses.items()))}")
    assert operations <= exercised, operations - exercised  # it really ran, on every endpoint
    assert statuses[200] and statuses[202], statuses
    assert not [s for s in statuses if s >= 500], statuses
    assert not failures, "\n".join(sorted(set(failures))[:30])
