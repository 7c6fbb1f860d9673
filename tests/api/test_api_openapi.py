"""The OpenAPI names every error an endpoint answers, with its problem+json body."""

from __future__ import annotations

PROBLEM = "application/problem+json"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, op in item.items():
            yield f"{method.upper()} {path}", op


def test_every_error_response_is_a_documented_problem(client):
    schema = client.get("/openapi.json").json()
    problem = schema["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "code"} <= set(problem["required"])
    seen = 0
    for name, op in _operations(schema):
        if name == "GET /healthz":
            continue
        errors = {s: r for s, r in op["responses"].items() if s[0] in "45"}
        assert {"401", "422"} <= errors.keys(), name  # every endpoint needs a token
        for status, response in errors.items():
            assert response["content"] == {PROBLEM: {"schema": PROBLEM_REF}}, (name, status)
            seen += 1
    assert "HTTPValidationError" not in schema["components"]["schemas"]  # FastAPI's own 422
    assert seen > 50


def test_endpoints_document_their_own_errors(client):
    ops = dict(_operations(client.get("/openapi.json").json()))
    assert {"200", "201", "202", "409", "413", "429", "503"} <= ops["POST /v1/drafts"][
        "responses"
    ].keys()
    assert {"403", "404"} <= ops["DELETE /v1/tokens/{token_id}"]["responses"].keys()
    assert "403" in ops["GET /v1/knowledge/documents"]["responses"]
    assert {"412", "409", "404", "403"} <= ops["POST /v1/drafts/{draft_id}/review"][
        "responses"
    ].keys()
