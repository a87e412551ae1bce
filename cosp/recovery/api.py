"""The recovery app in the API."""

from ninja import Router

router = Router(tags=["recovery"])
