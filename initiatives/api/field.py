"""(placeholder: being written) Inspections and directives."""

from rest_framework import viewsets

from initiatives.models import Directive, DirectiveAssignment, Inspection
from portal.api.mixins import ScopedViewSetMixin


class InspectionViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    queryset = Inspection.objects.all()


class DirectiveViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    queryset = Directive.objects.all()


class DirectiveAssignmentViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    queryset = DirectiveAssignment.objects.all()
