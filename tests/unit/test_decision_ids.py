"""Decision ids: keyed (HMAC-SHA256 with the deployment's key), a fresh 128-bit nonce each,
carrying the organisation; ids made under a rotated key still verify while it is listed."""

import pytest

from service.domain.decisions import ids
from service.domain.recommendation import parse_situation

SITUATION = parse_situation(
    {
        "career_stage": "mid",
        "goals": ["specific_skill"],
        "horizon_weeks": 12,
        "hours_per_week": 2,
        "minutes_per_session": 45,
    }
)
OLD = "old:" + "o" * 40
NEW = "new:" + "n" * 40


def inputs(organisation: str | None = "acme") -> ids.DecisionInputs:
    return ids.DecisionInputs(organisation, SITUATION, "2026-12-r3", 2, 7, "en")


@pytest.fixture(autouse=True)
def keys() -> object:
    ids.configure(OLD)
    yield
    ids.configure(ids.DEVELOPMENT_KEYS)


def test_an_id_names_its_key_carries_a_nonce_and_verifies_only_its_inputs() -> None:
    made = ids.decision_id(inputs())
    prefix, kid, nonce, *tags = made.split(".")
    assert (prefix, kid, len(nonce)) == ("d2", "old", 32)
    assert [len(t) for t in tags] == [8, 32, 8, 8, 8, 8]
    assert ids.decision_id(inputs()) != made  # a fresh nonce: the same inputs, another id
    assert ids.differing_inputs(made, inputs()) == []
    assert ids.differing_inputs(made, inputs("globex")) == ["organisation"]
    assert ids.differing_inputs(made, inputs(None)) == ["organisation"]
    assert len(made) <= ids.MAX_LENGTH


def test_a_rotated_key_still_verifies_and_an_unknown_key_or_a_forgery_does_not() -> None:
    made = ids.decision_id(inputs())
    ids.configure(f"{NEW},{OLD}")
    assert ids.decision_id(inputs()).split(".")[1] == "new"
    assert ids.differing_inputs(made, inputs()) == []
    ids.configure(NEW)  # the old key retired: its ids are not this service's any more
    with pytest.raises(ids.MalformedDecisionId):
        ids.differing_inputs(made, inputs())
    forged = ".".join(["d2", "new", "0" * 32, "0" * 8, "0" * 32, *["0" * 8] * 4])
    assert ids.differing_inputs(forged, inputs()) == list(ids.INPUTS)
    for malformed in ("d1." + "0" * 16, "d2.new.xyz", forged + ".00", forged.upper()):
        with pytest.raises(ids.MalformedDecisionId):
            ids.differing_inputs(malformed, inputs())


def test_the_key_setting_is_checked() -> None:
    for bad in ("nokey", "k:short", f"{OLD},{OLD}", "UPPER:" + "x" * 40):
        with pytest.raises(ValueError):
            ids.DecisionKeys(bad)
