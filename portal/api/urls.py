from django.urls import include, path
from rest_framework.routers import DefaultRouter

from portal.api import views

router = DefaultRouter()
router.register("geo/governorates", views.GovernorateViewSet, basename="governorate")
router.register("geo/districts", views.DistrictViewSet, basename="district")
router.register("staff", views.StaffProfileViewSet, basename="staff")

urlpatterns = [
    path("geo/boundaries/", views.governorate_boundaries, name="geo-boundaries"),
    path("", include(router.urls)),
]
