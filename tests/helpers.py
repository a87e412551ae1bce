"""Helpers shared by test modules (fixtures live in conftest.py files)."""

import os
from pathlib import Path

import pytest

from cosp.core.enums import Role

IN_CI = os.environ.get("CI", "").lower() == "true"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

# The roles every permission test walks through; None is the anonymous visitor.
ROLES = {
    "anonymous": None,
    "observer": Role.OBSERVER_REPRESENTATIVE,
    "delegate": Role.DELEGATE,
    "focal_point": Role.FOCAL_POINT,
    "secretariat": Role.SECRETARIAT_OFFICER,
}


def skip_or_fail(reason: str) -> None:
    """Outside CI a missing component skips the test with `reason`; in CI nothing may be skipped."""
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)
