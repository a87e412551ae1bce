app_name = "authorities"
urlpatterns: list = []
