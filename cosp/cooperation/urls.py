from django.urls import path

from . import views

app_name = "cooperation"
urlpatterns = [
    path("", views.MyRequestsView.as_view(), name="requests"),
    path("new/", views.NewRequestView.as_view(), name="request_new"),
    path("requests.csv", views.ExportView.as_view(), name="export"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("<int:pk>/", views.RequestView.as_view(), name="request"),
    path("<int:pk>/status/", views.MoveView.as_view(), name="request_move"),
    path("<int:pk>/consultations/", views.ConsultView.as_view(), name="request_consult"),
    path("<int:pk>/delay/", views.DelayView.as_view(), name="request_delay"),
    path("<int:pk>/files/", views.AttachView.as_view(), name="request_attach"),
    path("<int:pk>/files/<int:file>/", views.AttachmentView.as_view(), name="request_file"),
    path("<int:pk>/messages/", views.MessageView.as_view(), name="request_message"),
]
