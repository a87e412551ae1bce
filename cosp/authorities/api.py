"""The directory of competent authorities in the API: the same rules as the pages. Names, roles and
notifications are public; `contact` is filled only for officials of States parties and the
secretariat, and is null for everyone else."""

import datetime as dt

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Query, Router, Schema

from cosp.core.api import check_perm
from cosp.states.models import State

from . import provisions, queries
from .models import Authority

router = Router(tags=["authorities"])


class ContactOut(Schema):
    person: str
    email: str
    phone: str
    address: str


class AuthorityOut(Schema):
    id: int
    state: str
    kind: str
    name: str
    role: str
    territory: str
    website: str
    designated_on: dt.date | None
    contact: ContactOut | None = None


class NotificationOut(Schema):
    provision: str
    notified_on: dt.date
    languages: list[str]
    treaty_required: bool | None
    convention_as_basis: bool | None
    reservation: str
    description: str
    notes: str
    files: list[str]


class ProvisionStatusOut(Schema):
    provision: str
    status: str


class StateAuthoritiesOut(Schema):
    state: str
    name: str
    authorities: list[AuthorityOut]
    notifications: list[NotificationOut]
    statuses: list[ProvisionStatusOut]


class DirectoryFilters(Schema):
    q: str = ""
    kind: str = ""
    group: str = ""
    state: str = ""
    language: str = ""


def _authority(authority: Authority, with_contacts: bool) -> dict:
    """queries.public_values, with the contact details (when shown) gathered under `contact`."""
    values = queries.public_values(authority, with_contacts=with_contacts)
    if with_contacts:
        values["contact"] = {
            "person": values.pop("contact_person"),
            "email": values.pop("email"),
            "phone": values.pop("phone"),
            "address": values.pop("address"),
        }
    return values


@router.get("/authorities", response=list[AuthorityOut])
def list_authorities(request, filters: Query[DirectoryFilters]):
    """Current competent authorities; filters: q (name or State), kind, group, state (ISO3), language."""
    check_perm(request, "authorities.view_directory")
    with_contacts = queries.may_see_contacts(request.user)
    return [_authority(a, with_contacts) for a in queries.directory(**filters.dict())]


@router.get("/authorities/{iso3}", response=StateAuthoritiesOut)
def state_authorities(request, iso3: str):
    """One State's authorities, every notification it made (latest first) and the status of each
    provision."""
    state = get_object_or_404(State, iso3=iso3.upper())
    check_perm(request, "authorities.view_directory", state)
    with_contacts = queries.may_see_contacts(request.user)
    notifications = [
        {
            "provision": n.provision,
            "notified_on": n.notified_on,
            "languages": n.languages,
            "treaty_required": n.treaty_required,
            "convention_as_basis": n.convention_as_basis,
            "reservation": n.reservation,
            "description": n.description,
            "notes": n.notes,
            "files": [reverse("authorities:law_file", args=[f.pk]) for f in n.files.all()],
        }
        for items in queries.notifications_of(state).values()
        for n in items
    ]
    filed = queries.filed_for([state])[state.pk]
    return {
        "state": state.iso3,
        "name": state.short_name,
        "authorities": [
            _authority(a, with_contacts) for a in state.authorities.current().select_related("state")
        ],
        "notifications": notifications,
        "statuses": [{"provision": p, "status": s.value} for p, s in provisions.statuses(filed).items()],
    }
