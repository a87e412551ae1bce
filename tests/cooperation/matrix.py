"""The cooperation app's rows of the permission matrix (tests/core/test_permissions_matrix.py).

`world(austria)` creates what the paths name and returns the values to format them with; the users
of the matrix are AUT's (see tests/helpers.ROLES). None of them is a central-authority official, so
none may see a request: signed-in users get 404 (as for a missing request), anonymous ones sign in.
tests/cooperation/test_confidentiality.py walks the same pages with the central authorities too."""

from cosp.cooperation.models import Attachment, Request
from cosp.states.models import State

A, OBS, D, F, S = "anonymous", "observer", "delegate", "focal_point", "secretariat"
AUTHORITIES_ONLY = {A: 302, OBS: 403, D: 403, F: 403, S: 403}
STATISTICS = {A: 302, OBS: 403, D: 403, F: 403, S: 200}
TWO_AUTHORITIES_ONLY = {A: 302, OBS: 404, D: 404, F: 404, S: 404}
API_AUTHORITIES_ONLY = {A: 401, OBS: 403, D: 403, F: 403, S: 403}
API_STATISTICS = {A: 401, OBS: 403, D: 403, F: 403, S: 200}
API_TWO_AUTHORITIES_ONLY = {A: 401, OBS: 404, D: 404, F: 404, S: 404}

ROWS: dict = {
    "cooperation:requests": ("/cooperation/", AUTHORITIES_ONLY),
    "cooperation:request_new": ("/cooperation/new/", AUTHORITIES_ONLY),
    "cooperation:export": ("/cooperation/requests.csv", AUTHORITIES_ONLY),
    "cooperation:statistics": ("/cooperation/statistics/", STATISTICS),
    "cooperation:request": ("/cooperation/{coop_request}/", TWO_AUTHORITIES_ONLY),
    "cooperation:request_move": ("/cooperation/{coop_request}/status/", TWO_AUTHORITIES_ONLY),
    "cooperation:request_consult": ("/cooperation/{coop_request}/consultations/", TWO_AUTHORITIES_ONLY),
    "cooperation:request_delay": ("/cooperation/{coop_request}/delay/", TWO_AUTHORITIES_ONLY),
    "cooperation:request_attach": ("/cooperation/{coop_request}/files/", TWO_AUTHORITIES_ONLY),
    "cooperation:request_file": ("/cooperation/{coop_request}/files/{coop_file}/", TWO_AUTHORITIES_ONLY),
    "cooperation:request_message": ("/cooperation/{coop_request}/messages/", TWO_AUTHORITIES_ONLY),
    "api:cooperation_requests": ("/api/requests", API_AUTHORITIES_ONLY),
    "api:cooperation_statistics": ("/api/requests/statistics", API_STATISTICS),
    "api:cooperation_request": ("/api/requests/{coop_request}", API_TWO_AUTHORITIES_ONLY),
}


def world(austria) -> dict:
    """A request from AUT (the matrix users' own State) to another State: even its own delegation's
    focal point and delegate may not see it."""
    other, _ = State.objects.get_or_create(
        iso3="KEN", defaults={"iso2": "KE", "short_name_en": "Kenya", "un_status": "member"}
    )
    request = Request.objects.create(
        requesting_state=austria,
        requested_state=other,
        kind="mla",
        legal_basis="convention",
        subject="Matrix request",
        status="sent",
    )
    attachment = Attachment.objects.create(
        request=request, file="cooperation/matrix.txt", title="Matrix file", side="requesting"
    )
    return {"coop_request": request.pk, "coop_file": attachment.pk}
