from django.urls import path

from . import views

app_name = "states"
urlpatterns = [
    path("", views.StateListView.as_view(), name="list"),
    path("articles/", views.ArticleListView.as_view(), name="articles"),
    path("articles/<int:number>/", views.ArticleDetailView.as_view(), name="article"),
    path("<str:iso3>/", views.StateDetailView.as_view(), name="detail"),
]
