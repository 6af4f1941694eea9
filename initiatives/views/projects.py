"""(placeholder: being written)"""

from django.http import Http404


def initiative_list(request, **kwargs):
    raise Http404


def map_data(request, **kwargs):
    raise Http404


def initiative_detail(request, **kwargs):
    raise Http404


def manage_list(request, **kwargs):
    raise Http404


def initiatives_export(request, **kwargs):
    raise Http404


def initiative_edit(request, **kwargs):
    raise Http404


def progress_new(request, **kwargs):
    raise Http404


def obstacle_new(request, **kwargs):
    raise Http404


def progress_queue(request, **kwargs):
    raise Http404


def progress_review_act(request, **kwargs):
    raise Http404


def obstacle_list(request, **kwargs):
    raise Http404


def obstacles_export(request, **kwargs):
    raise Http404


def obstacle_resolve_act(request, **kwargs):
    raise Http404
