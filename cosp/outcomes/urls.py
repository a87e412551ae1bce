from django.urls import path

from . import views, work_plan_views

app_name = "outcomes"
urlpatterns = [
    path("", views.OutcomeListView.as_view(), name="list"),
    path("mandates/", views.MandateTrackerView.as_view(), name="mandates"),
    path("mandates/<int:pk>/", views.MandateEditView.as_view(), name="mandate_edit"),
    path("declaration/", views.DeclarationView.as_view(), name="declaration"),
    path("work-plan/", views.WorkPlanView.as_view(), name="work_plan"),
    *work_plan_views.urlpatterns,
    # Numbers contain a slash: /outcomes/COSP/resolution/7/1/
    path("<str:body>/<str:kind>/<path:number>/", views.OutcomeDetailView.as_view(), name="detail"),
]
