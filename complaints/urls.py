from django.urls import path

from complaints import views

app_name = "complaints"

urlpatterns = [
    path("new/", views.complaint_new, name="new"),
    path("submitted/", views.complaint_submitted, name="submitted"),
    path("track/", views.complaint_track, name="track"),
    path("track/<str:code>/", views.complaint_tracked, name="tracked"),
    path("track/<str:code>/rate/", views.complaint_rate_view, name="rate"),
    path("track/<str:code>/reopen/", views.complaint_reopen_view, name="reopen"),
    path("photos/<uuid:uuid>/", views.attachment_view, name="photo"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/new/", views.staff_complaint_new, name="staff-new"),
    path("inbox/assign/", views.inbox_assign, name="assign"),
    path("inbox/export.<str:file_format>", views.inbox_export, name="export"),
    path("inbox/<str:code>/", views.complaint_detail, name="detail"),
    path("inbox/<str:code>/<str:what>/", views.complaint_act, name="act"),
    path("hearings/", views.hearings, name="hearings"),
]
