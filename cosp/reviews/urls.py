from .views import checklist, draw, experts, findings, progress, reports, review, thematic

app_name = "reviews"
# Fixed addresses (progress, cycles, experts, thematic) come before /reviews/<cycle>-<ISO3>/.
urlpatterns = (
    progress.urlpatterns
    + draw.urlpatterns
    + experts.urlpatterns
    + thematic.urlpatterns
    + review.urlpatterns
    + checklist.urlpatterns
    + reports.urlpatterns
    + findings.urlpatterns
)
