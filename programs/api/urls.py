from django.urls import path
from rest_framework.routers import DefaultRouter

from programs import views as html_views
from programs.api import views

router = DefaultRouter()
router.register("programs", views.ProgramViewSet, basename="program")
router.register("partners", views.PartnerViewSet, basename="partner")
router.register("events", views.EventViewSet, basename="event")

urlpatterns = [
    path("programs/iati.xml", html_views.programs_iati, name="programs-iati"),
    path("programs/<int:pk>/iati.xml", html_views.program_iati, name="program-iati"),
    *router.urls,
]
