"""drafter.review: the lifecycle rules without HTTP or a database."""

from __future__ import annotations

import pytest

from drafter.auth import Role
from drafter.errors import Conflict, Forbidden, InvalidInput, InvalidTransition, PreconditionFailed
from drafter.quality import CODES
from drafter.review import (
    REASON_CODES,
    Action,
    Expected,
    check,
    target_status,
    validate_reasons,
    validate_text,
)

STATUSES = (
    "queued", "drafting", "ready", "needs_attention", "needs_facts", "failed",
    "in_review", "approved", "returned", "rejected",
)  # fmt: skip
DRAFTED = {"ready", "needs_attention", "needs_facts"}

# (action, role) → the statuses it is allowed from; absent = the role may never do it
ALLOWED = {
    (Action.submit, Role.executor): DRAFTED | {"returned"},
    (Action.submit, Role.reviewer): DRAFTED | {"returned"},
    (Action.submit, Role.admin): DRAFTED | {"returned"},
    **{(a, r): {"in_review"} for a in (Action.approve, Action.return_, Action.reject)
       for r in (Role.reviewer, Role.admin)},
    (Action.edit, Role.executor): DRAFTED | {"returned"},
    (Action.edit, Role.reviewer): {"in_review"},
    (Action.edit, Role.admin): DRAFTED | {"returned", "in_review"},
    (Action.redraft, Role.executor): DRAFTED | {"returned", "failed"},
    (Action.redraft, Role.admin): DRAFTED | {"returned", "failed"},
    # the executor's facts: whenever the draft could be redrafted, and it is, from them
    (Action.facts, Role.executor): DRAFTED | {"returned", "failed"},
    (Action.facts, Role.admin): DRAFTED | {"returned", "failed"},
}  # fmt: skip


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", list(Role))
def test_who_may_do_what_from_which_status(action, role):
    allowed = ALLOWED.get((action, role))
    for status in STATUSES:
        if allowed is None:
            with pytest.raises(Forbidden):
                check(action, role, status)
        elif status in allowed:
            check(action, role, status)
        else:
            with pytest.raises(InvalidTransition) as caught:
                check(action, role, status)
            assert caught.value.status == 409 and caught.value.code == "invalid_transition"


def test_nothing_leaves_a_closed_draft():
    for action in Action:
        for role in Role:
            for status in ("approved", "rejected", "queued", "drafting"):
                with pytest.raises((Forbidden, InvalidTransition)):
                    check(action, role, status)


def test_targets():
    assert target_status(Action.submit, "returned") == "in_review"
    assert target_status(Action.approve, "in_review") == "approved"
    assert target_status(Action.return_, "in_review") == "returned"
    assert target_status(Action.reject, "in_review") == "rejected"
    assert target_status(Action.redraft, "failed") == "queued"
    # an edit re-grades a drafted text, and leaves the review statuses alone
    assert target_status(Action.edit, "needs_attention", passed=True) == "ready"
    assert target_status(Action.edit, "ready", passed=False) == "needs_attention"
    assert target_status(Action.edit, "returned", passed=True) == "returned"
    assert target_status(Action.edit, "in_review", passed=False) == "in_review"


def test_reasons():
    assert validate_reasons("return", [" no_deadline", "NO_DEADLINE", "WRONG_AGENCY"]) == [
        "NO_DEADLINE",
        "WRONG_AGENCY",
    ]
    assert validate_reasons("approve", []) == []
    with pytest.raises(InvalidInput):
        validate_reasons("return", [])
    with pytest.raises(InvalidInput):
        validate_reasons("return", ["  "])
    with pytest.raises(InvalidInput):
        validate_reasons("reject", ["NOT_A_CODE"])
    assert set(REASON_CODES) == set(CODES) | {"WRONG_AGENCY", "NO_EVIDENCE", "LOST_FACT"}


def test_text_limits():
    assert validate_text("Здравствуйте!") == "Здравствуйте!"
    for bad in ("", " \n", "я" * 20_001):
        with pytest.raises(InvalidInput):
            validate_text(bad)


def test_expected_versions_name_their_error():
    header = Expected(3, precondition=True).mismatch(4)
    body = Expected(3).mismatch(4)
    assert isinstance(header, PreconditionFailed) and header.status == 412
    assert type(body) is Conflict and body.status == 409
    assert header.details["version"] == body.details["version"] == 4
