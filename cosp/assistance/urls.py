from django.urls import path

from . import views

app_name = "assistance"
urlpatterns = [
    path("", views.NeedListView.as_view(), name="needs"),
    path("needs.<str:fmt>", views.NeedExportView.as_view(), name="needs_export"),
    path("needs/add/", views.NeedAddView.as_view(), name="need_add"),
    path("needs/<int:pk>/", views.NeedDetailView.as_view(), name="need"),
    path("needs/<int:pk>/edit/", views.NeedEditView.as_view(), name="need_edit"),
    path("needs/<int:pk>/status/", views.NeedStatusView.as_view(), name="need_status"),
    path("needs/<int:pk>/work/", views.NeedEngageView.as_view(), name="need_engage"),
    path("offers/", views.OfferListView.as_view(), name="offers"),
    path("offers/add/", views.OfferAddView.as_view(), name="offer_add"),
    path("offers/<int:pk>/", views.OfferDetailView.as_view(), name="offer"),
    path("offers/<int:pk>/edit/", views.OfferEditView.as_view(), name="offer_edit"),
    path("matching/", views.MatchingView.as_view(), name="matching"),
]
