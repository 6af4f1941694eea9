from rest_framework.routers import DefaultRouter

from investments.api import views

router = DefaultRouter()
router.register("assets", views.AssetViewSet, basename="asset")
router.register("investment-leads", views.LeadViewSet, basename="investment-lead")

urlpatterns = router.urls
