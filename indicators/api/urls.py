from rest_framework.routers import DefaultRouter

from indicators.api import views

router = DefaultRouter()
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("indicator-values", views.IndicatorValueViewSet, basename="indicator-value")
router.register("scorecards", views.ScorecardViewSet, basename="scorecard")
router.register("indicator-targets", views.TargetViewSet, basename="indicator-target")
router.register("manual-entries", views.ManualEntryViewSet, basename="manual-entry")

urlpatterns = router.urls
