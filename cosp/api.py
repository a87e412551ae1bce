"""The REST API under /api/: one NinjaAPI, one router per app. Schema at /api/openapi.json."""

from ninja import NinjaAPI

from cosp.documents.api import router as documents_router
from cosp.meetings.api import router as meetings_router
from cosp.outcomes.api import router as outcomes_router
from cosp.reviews.api import router as reviews_router
from cosp.states.api import router as states_router

api = NinjaAPI(
    title="COSP Platform API",
    version="1",
    description="Public reference data and, for signed-in users, what their role allows. "
    "Permissions are the same as on the pages.",
    urls_namespace="api",
)
api.add_router("", states_router)
api.add_router("", documents_router)
api.add_router("", meetings_router)
api.add_router("", outcomes_router)
api.add_router("", reviews_router)
