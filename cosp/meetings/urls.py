from .views import bureau, credentials, observers, participation, sessions

app_name = "meetings"
urlpatterns = (
    sessions.urlpatterns
    + participation.urlpatterns
    + observers.urlpatterns
    + credentials.urlpatterns
    + bureau.urlpatterns
)
