from django.urls import path

from programs import views

app_name = "programs"

urlpatterns = [
    path("programs/", views.program_list, name="list"),
    path("programs/manage/", views.manage_list, name="manage"),
    path("programs/reports/", views.reports, name="reports"),
    path("programs/reports/<int:pk>/<str:what>/", views.report_act, name="report-act"),
    path("programs/manage/new/", views.program_edit, name="new"),
    path("programs/manage/export.xlsx", views.programs_export, name="export"),
    path("programs/manage/<slug:slug>/events/new/", views.event_new, name="event-new"),
    path("programs/manage/<slug:slug>/agreements/new/", views.agreement_new, name="agreement-new"),
    path("programs/manage/<slug:slug>/", views.program_edit, name="edit"),
    path("programs/<slug:slug>/", views.program_detail, name="detail"),
    path("partners/", views.partner_list, name="partners"),
    path("partners/export.xlsx", views.partners_export, name="partners-export"),
    path("governorates/<str:code>/", views.governorate_page, name="governorate"),
    path("partners/register/", views.ngo_register, name="register"),
    path("partners/register/done/", views.ngo_register_done, name="register-done"),
    path("partners/review/", views.review_list, name="review"),
    path("partners/review/<slug:slug>/", views.review_act, name="review-act"),
    path("partners/mine/", views.my_organization, name="mine"),
    path("partners/<slug:slug>/", views.partner_detail, name="partner"),
]
