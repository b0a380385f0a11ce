"""Red team: `apikey create --org "Acme Corp"` printed a traceback from deep in the domain. Every
`--org` is checked where the command line is read: a usage error naming the rule and a slug."""

import pytest

from service.cli import parser

COMMANDS = (
    ["apikey", "create", "--name", "x", "--scope", "admin", "--org"],
    ["issuer", "add", "--issuer", "https://idp.example", "--org"],
    ["issuer", "list", "--org"],
    ["trusted-documents", "list", "--org"],
)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_an_organisation_that_is_not_a_slug_is_a_usage_error(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        parser().parse_args([*command, "Acme Corp"])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "'Acme Corp' is not an organisation slug" in error and "'acme-corp'" in error
    assert "Traceback" not in error


def test_a_slug_passes() -> None:
    assert parser().parse_args([*COMMANDS[2], "acme-corp"]).org == "acme-corp"
