"""(placeholder: being written)"""

from django.http import Http404


def inspection_list(request, **kwargs):
    raise Http404


def inspection_new(request, **kwargs):
    raise Http404


def inspections_export(request, **kwargs):
    raise Http404


def inspection_detail(request, **kwargs):
    raise Http404


def finding_complaint(request, **kwargs):
    raise Http404


def finding_obstacle(request, **kwargs):
    raise Http404


def directive_list(request, **kwargs):
    raise Http404


def directive_new(request, **kwargs):
    raise Http404


def directives_export(request, **kwargs):
    raise Http404


def assignment_complete_act(request, **kwargs):
    raise Http404
