"""The assistance app in the API."""

from ninja import Router

router = Router(tags=["assistance"])
