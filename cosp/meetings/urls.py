from .views import attendance, bureau, credentials, observers, participation, sessions, speakers, timetable

app_name = "meetings"
urlpatterns = (
    sessions.urlpatterns
    + participation.urlpatterns
    + observers.urlpatterns
    + credentials.urlpatterns
    + bureau.urlpatterns
    + speakers.urlpatterns
    + timetable.urlpatterns
    + attendance.urlpatterns
)
