from .views import urlpatterns

app_name = "authorities"
__all__ = ["app_name", "urlpatterns"]
