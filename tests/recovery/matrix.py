"""The recovery app's rows of the permission matrix (tests/core/test_permissions_matrix.py).

`world(austria)` creates what the paths name and returns the values to format them with; the users
of the matrix are AUT's (see tests/helpers.ROLES)."""

ROWS: dict = {}


def world(austria) -> dict:
    return {}
