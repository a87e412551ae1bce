"""The authorities app's rows of the permission matrix (tests/core/test_permissions_matrix.py).

`world(austria)` creates what the paths name and returns the values to format them with; the users
of the matrix are AUT's (see tests/helpers.ROLES)."""

import datetime as dt

from django.core.files.base import ContentFile

from cosp.authorities.enums import AuthorityKind, ProposalAction, Provision
from cosp.authorities.models import Authority, LawFile, Notification, Proposal
from cosp.core.models import User
from tests.helpers import ROLES

A, OBS, D, F, S = "anonymous", "observer", "delegate", "focal_point", "secretariat"
EVERYONE = dict.fromkeys(ROLES, 200)
SECRETARIAT_ONLY = {A: 302, OBS: 403, D: 403, F: 403, S: 200}
# The State's focal point proposes, the secretariat enters directly; a delegate may not.
KEEPERS = {A: 302, OBS: 403, D: 403, F: 200, S: 200}
# Any official of the State (a delegate too) and the secretariat.
STATE_CIRCLE = {A: 302, OBS: 403, D: 200, F: 200, S: 200}

ROWS: dict = {
    "authorities:directory": ("/authorities/", EVERYONE),
    "authorities:report": ("/authorities/not-notified/", EVERYONE),
    "authorities:state": ("/authorities/AUT/", EVERYONE),
    "authorities:law_file": ("/authorities/laws/{authorities_law}/", EVERYONE),
    # The page of a State's officials; the secretariat belongs to no State.
    "authorities:mine": ("/authorities/mine/", {A: 302, OBS: 403, D: 200, F: 200, S: 403}),
    "authorities:add": ("/authorities/AUT/add/", KEEPERS),
    "authorities:notify": ("/authorities/AUT/notify/", KEEPERS),
    "authorities:change": ("/authorities/AUT/{authorities_authority}/", KEEPERS),
    "authorities:remove": ("/authorities/AUT/{authorities_authority}/remove/", KEEPERS),
    "authorities:proposals": ("/authorities/proposals/", SECRETARIAT_ONLY),
    "authorities:proposal": ("/authorities/proposals/{authorities_proposal}/", STATE_CIRCLE),
    "authorities:decide": ("/authorities/proposals/{authorities_proposal}/decide/", SECRETARIAT_ONLY),
    "api:list_authorities": ("/api/authorities", EVERYONE),
    "api:state_authorities": ("/api/authorities/AUT", EVERYONE),
}


def world(austria) -> dict:
    authority = Authority.objects.create(
        state=austria,
        kind=AuthorityKind.CENTRAL_AUTHORITY,
        name_en="Federal Ministry of Justice",
        email="mla@example.org",
    )
    proposer = User.objects.create_user(username="authorities-proposer")
    proposal = Proposal.objects.create(
        state=austria,
        action=ProposalAction.CHANGE,
        authority=authority,
        data={"kind": AuthorityKind.CENTRAL_AUTHORITY, "name_en": "Ministry of Justice"},
        proposed_by=proposer,
    )
    notification = Notification.objects.create(
        state=austria, provision=Provision.MONEY_LAUNDERING_LAWS, notified_on=dt.date(2020, 1, 1)
    )
    law = LawFile(notification=notification, title="Criminal Code")
    law.file.save("criminal-code.txt", ContentFile(b"Section 165"), save=True)
    return {
        "authorities_authority": authority.pk,
        "authorities_proposal": proposal.pk,
        "authorities_law": law.pk,
    }
