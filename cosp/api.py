"""The REST API under /api/: one NinjaAPI, one router per app. Schema at /api/openapi.json."""

from ninja import NinjaAPI

from cosp.assistance.api import router as assistance_router
from cosp.authorities.api import router as authorities_router
from cosp.cooperation.api import router as cooperation_router
from cosp.documents.api import router as documents_router
from cosp.knowledge.api import router as knowledge_router
from cosp.meetings.api import router as meetings_router
from cosp.outcomes.api import router as outcomes_router
from cosp.recovery.api import router as recovery_router
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
api.add_router("", knowledge_router)
api.add_router("", assistance_router)
api.add_router("", authorities_router)
api.add_router("", cooperation_router)
api.add_router("", recovery_router)
