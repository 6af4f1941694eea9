"""(placeholder: being written) Initiatives, progress reports and obstacles."""

from rest_framework import viewsets

from initiatives.models import Initiative, Obstacle, ProgressReport
from portal.api.mixins import ScopedViewSetMixin


class InitiativeViewSet(viewsets.GenericViewSet):
    queryset = Initiative.objects.public()


class ProgressReportViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    queryset = ProgressReport.objects.all()


class ObstacleViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    queryset = Obstacle.objects.all()
