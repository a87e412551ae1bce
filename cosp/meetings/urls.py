from .views import participation, sessions

app_name = "meetings"
urlpatterns = sessions.urlpatterns + participation.urlpatterns
