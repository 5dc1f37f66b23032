"""Fixtures of the attack tests."""
import pytest

from tests.security.attacks.checks import Report


@pytest.fixture
def report():
    """Problems collected over many payloads; `report.check()` fails listing them all."""
    return Report()
