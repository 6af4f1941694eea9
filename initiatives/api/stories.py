"""(placeholder: being written) Success stories and award cycles."""

from rest_framework import viewsets

from initiatives.models import AwardCycle, Nomination, SuccessStory
from portal.api.mixins import ScopedViewSetMixin


class SuccessStoryViewSet(viewsets.GenericViewSet):
    queryset = SuccessStory.objects.published()


class AwardCycleViewSet(viewsets.GenericViewSet):
    queryset = AwardCycle.objects.all()


class NominationViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    queryset = Nomination.objects.all()
