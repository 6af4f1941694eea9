from rest_framework.routers import DefaultRouter

from initiatives.api import field, projects, stories

router = DefaultRouter()
router.register("initiatives", projects.InitiativeViewSet, basename="initiative")
router.register("progress-reports", projects.ProgressReportViewSet, basename="progress-report")
router.register("obstacles", projects.ObstacleViewSet, basename="obstacle")
router.register("inspections", field.InspectionViewSet, basename="inspection")
router.register("directives", field.DirectiveViewSet, basename="directive")
router.register("directive-assignments", field.DirectiveAssignmentViewSet, basename="directive-assignment")
router.register("success-stories", stories.SuccessStoryViewSet, basename="success-story")
router.register("award-cycles", stories.AwardCycleViewSet, basename="award-cycle")
router.register("nominations", stories.NominationViewSet, basename="nomination")

urlpatterns = router.urls
