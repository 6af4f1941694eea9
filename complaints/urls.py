from django.urls import path, register_converter

from complaints import views


class TrackingCodeConverter:
    """Tracking codes are letters, digits and dashes; anything else is not a complaint's page."""

    regex = "[A-Za-z0-9-]{4,30}"

    def to_python(self, value):
        return value.upper()

    def to_url(self, value):
        return value


register_converter(TrackingCodeConverter, "code")

app_name = "complaints"

urlpatterns = [
    path("new/", views.complaint_new, name="new"),
    path("submitted/", views.complaint_submitted, name="submitted"),
    path("track/", views.complaint_track, name="track"),
    path("track/<code:code>/", views.complaint_tracked, name="tracked"),
    path("track/<code:code>/<str:what>/", views.complaint_citizen_act, name="citizen-act"),
    path("photos/<uuid:uuid>/", views.attachment_view, name="photo"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/new/", views.staff_complaint_new, name="staff-new"),
    path("inbox/assign/", views.inbox_assign, name="assign"),
    path("inbox/export.<str:file_format>", views.inbox_export, name="export"),
    path("inbox/<code:code>/", views.complaint_detail, name="detail"),
    path("inbox/<code:code>/<str:what>/", views.complaint_act, name="act"),
    path("hearings/", views.hearings, name="hearings"),
]
