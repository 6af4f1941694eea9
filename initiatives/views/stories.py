"""(placeholder: being written)"""

from django.http import Http404


def story_list(request, **kwargs):
    raise Http404


def story_detail(request, **kwargs):
    raise Http404


def story_replicate_act(request, **kwargs):
    raise Http404


def story_edit(request, **kwargs):
    raise Http404
