"""Award cycles of the forum of initiatives: the public cycles and results, nominations by
governorates, the jury's work, and a national administrator running a cycle."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives.forms.awards import NominationForm, ScoreForm
from initiatives.models import AwardCycle, Initiative, Nomination, Score
from initiatives.services.access import governorate_editor
from initiatives.services.awards import (
    cycle_publish,
    cycle_start_judging,
    nomination_score,
    nomination_submit,
    region_ranking,
)
from portal.scoping import Scope

# Public pages ------------------------------------------------------------------------------------


def cycle_list(request):
    cycles = AwardCycle.objects.select_related("host_governorate").annotate(
        nomination_count=Count("nominations")
    ).order_by("-year", "pk")  # fmt: skip
    return render(request, "initiatives/awards/cycle_list.html", {
        "cycles": cycles,
        "can_nominate": _nominator(request.user),
        "juries": set(request.user.award_juries.values_list("pk", flat=True))
        if request.user.is_authenticated else set(),
        "is_national": Scope.of(request.user).is_national,
    })  # fmt: skip


def cycle_detail(request, pk: int, error: str = "", status: int = 200):
    cycle = get_object_or_404(AwardCycle.objects.select_related("host_governorate"), pk=pk)
    context = {
        "cycle": cycle, "criteria": cycle.criteria.all(), "nomination_count": cycle.nominations.count(),
        "is_national": Scope.of(request.user).is_national, "can_nominate": _nominator(request.user),
        "is_juror": request.user.is_authenticated and cycle.jurors.filter(pk=request.user.pk).exists(),
        "error": error,
    }  # fmt: skip
    if cycle.status == AwardCycle.Status.PUBLISHED:
        context["themes"] = _results_by_theme(cycle)
        context["regions"] = region_ranking(cycle.nominations.select_related("governorate"))
    elif context["is_national"]:
        context["nominations"] = _nominations_with_progress(cycle)
    return render(request, "initiatives/awards/cycle_detail.html", context, status=status)


def _results_by_theme(cycle: AwardCycle) -> list[tuple[str, list[Nomination]]]:
    """Each theme of the cycle with its nominations, best first; unscored ones last."""
    nominations = cycle.nominations.select_related("initiative", "governorate").order_by(
        "theme", F("rank_in_theme").asc(nulls_last=True), "pk"
    )  # fmt: skip
    by_theme: dict[str, list[Nomination]] = defaultdict(list)
    for nomination in nominations:
        by_theme[nomination.theme].append(nomination)
    return [(label, by_theme[code]) for code, label in cycle.theme_choices if by_theme[code]]


def _nominations_with_progress(cycle: AwardCycle):
    return cycle.nominations.select_related("initiative", "governorate").annotate(
        juror_count=Count("jurors", distinct=True), score_count=Count("scores", distinct=True)
    )  # fmt: skip


def _nominator(user) -> bool:
    """Governorate editors with a governorate (national administrators run cycles, not nominate)."""
    governorate_id = Scope.of(user).governorate_id
    return governorate_id is not None and governorate_editor(user, governorate_id)


# Governorates nominate ---------------------------------------------------------------------------


@login_required
def nominate(request, pk: int):
    cycle = get_object_or_404(AwardCycle, pk=pk)
    if not _nominator(request.user):
        raise PermissionDenied
    # Only published initiatives: the results make the nominated one's title, cost and partners public.
    initiatives = Initiative.objects.for_user(request.user).public().filter(
        governorate_id=Scope.of(request.user).governorate_id
    ).exclude(status=Initiative.Status.CANCELLED).distinct().order_by("title_ar")  # fmt: skip
    form = NominationForm(request.POST or None, cycle=cycle, initiatives=initiatives)
    context = {"cycle": cycle, "form": form}
    if request.method != "POST":
        return render(request, "initiatives/awards/nominate.html", context)
    if form.is_valid():
        try:
            nomination_submit(cycle=cycle, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The nomination is submitted."))
            return redirect("initiatives:award", pk=cycle.pk)
    return render(request, "initiatives/awards/nominate.html", context, status=400)


# The jury ----------------------------------------------------------------------------------------


@login_required
def judge(request, pk: int):
    cycle = get_object_or_404(AwardCycle, pk=pk)
    if not cycle.jurors.filter(pk=request.user.pk).exists():
        raise PermissionDenied
    criteria_count = cycle.criteria.count()
    nominations = (
        Nomination.objects.assigned_to(request.user)
        .filter(cycle=cycle)
        .select_related("initiative", "governorate")
        .annotate(scored=Count("scores", filter=Q(scores__juror=request.user)))
        .order_by("theme", "pk")
    )
    done = sum(1 for nomination in nominations if nomination.scored >= criteria_count)
    return render(request, "initiatives/awards/judge.html", {
        "cycle": cycle, "nominations": nominations, "criteria_count": criteria_count, "done": done,
    })  # fmt: skip


@login_required
def score(request, pk: int):
    # Only nominations assigned to this juror: anything else is not there for them (404).
    nomination = get_object_or_404(
        Nomination.objects.assigned_to(request.user).select_related("cycle", "initiative", "governorate"),
        pk=pk,
    )
    criteria = nomination.cycle.criteria.all()
    previous = dict(
        Score.objects.filter(nomination=nomination, juror=request.user).values_list("criterion", "value")
    )
    form = ScoreForm(request.POST or None, criteria=criteria, initial_values=previous)
    context = {"nomination": nomination, "initiative": nomination.initiative, "form": form}
    if request.method != "POST":
        return render(request, "initiatives/awards/score.html", context)
    if form.is_valid():
        try:
            nomination_score(nomination=nomination, juror=request.user, values=form.values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your scores are saved."))
            return redirect("initiatives:judge", pk=nomination.cycle_id)
    return render(request, "initiatives/awards/score.html", context, status=400)


# A national administrator runs the cycle ---------------------------------------------------------

CYCLE_ACTIONS = {"start-judging": cycle_start_judging, "publish": cycle_publish}


@login_required
@require_POST
def cycle_act(request, pk: int, what: str):
    if what not in CYCLE_ACTIONS:
        raise Http404
    if not Scope.of(request.user).is_national:
        raise PermissionDenied
    cycle = get_object_or_404(AwardCycle, pk=pk)
    try:
        CYCLE_ACTIONS[what](cycle=cycle, actor=request.user)
    except ValidationError as error:
        return cycle_detail(request, pk, error=" ".join(error.messages), status=409)
    messages.success(request, _("Saved."))
    return redirect("initiatives:award", pk=cycle.pk)
