"""`drafter token create --region`: a reviewer token bound to one region."""

from __future__ import annotations

from drafter import cli
from drafter.auth import Role
from drafter.services import build_services


def test_reviewer_token_with_a_region(settings, capsys):
    services = build_services(settings)
    try:
        argv = ["token", "create", "--role", "reviewer", "--region", "Омская область"]
        assert cli.main(argv, services=services) == 0
        caller = services.authenticate(capsys.readouterr().out.strip())
        assert caller.role is Role.reviewer and caller.region == "RU-OMS"
        assert caller.scoped_region == "RU-OMS" and caller.scoped_agency is None

        bad = ["token", "create", "--role", "reviewer", "--region", "Атлантида"]
        assert cli.main(bad, services=services) == 2
        assert "Атлантида" in capsys.readouterr().err
    finally:
        services.close()
