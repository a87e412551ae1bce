from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.DocumentListView.as_view(), name="list"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("upload/", views.UploadView.as_view(), name="upload"),
    path("ingestions/<int:pk>/", views.IngestionView.as_view(), name="ingestion"),
    # Symbols contain slashes: CAC/COSP/IRG/2019/9/Add.1
    path("<path:symbol>/", views.DocumentDetailView.as_view(), name="detail"),
]
