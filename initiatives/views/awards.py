"""(placeholder: being written)"""

from django.http import Http404


def cycle_list(request, **kwargs):
    raise Http404


def cycle_detail(request, **kwargs):
    raise Http404


def nominate(request, **kwargs):
    raise Http404


def judge(request, **kwargs):
    raise Http404


def cycle_act(request, **kwargs):
    raise Http404


def score(request, **kwargs):
    raise Http404
