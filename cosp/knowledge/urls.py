from .views import urlpatterns

app_name = "knowledge"
__all__ = ["app_name", "urlpatterns"]
