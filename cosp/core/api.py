"""Permission checks for API endpoints: the same rules as the pages (see rules.py)."""

from ninja.errors import HttpError


def check_perm(request, perm: str, obj=None) -> None:
    """Raise 401 for an anonymous caller and 403 for a signed-in one who lacks `perm`."""
    if request.user.has_perm(perm, obj):
        return
    if not request.user.is_authenticated:
        raise HttpError(401, "Sign in to use this endpoint.")
    raise HttpError(403, "You do not have permission to use this endpoint.")
