from django.urls import path

from indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("districts/<str:code>/", views.district_view, name="district"),
    path("recompute/", views.recompute, name="recompute"),
    path("runs/<int:pk>/", views.run_status, name="run-status"),
    path("scorecard.xlsx", views.export_xlsx, name="export-xlsx"),
    path("scorecard.pdf", views.export_pdf, name="export-pdf"),
    path("entries/", views.entry_list, name="entries"),
    path("entries/new/", views.entry_new, name="entry-new"),
    path("entries/<int:pk>/review/", views.entry_review, name="entry-review"),
]
