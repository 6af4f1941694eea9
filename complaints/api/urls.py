from rest_framework.routers import DefaultRouter

from complaints.api import views

router = DefaultRouter()
router.register("complaints/categories", views.CategoryViewSet, basename="complaint-category")
router.register("complaints", views.ComplaintViewSet, basename="complaint")

urlpatterns = router.urls
