"""Initiatives and projects: the public list, map and pages; staff records, progress and obstacles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives.filters.projects import InitiativeFilterSet, ObstacleFilterSet, narrow_places
from initiatives.forms.projects import (
    InitiativeForm,
    ObstacleForm,
    ObstacleResolveForm,
    ProgressForm,
    ProgressReviewForm,
    milestone_formset,
    partner_formset,
)
from initiatives.models import Initiative, InitiativePartner, Obstacle, ProgressPhoto, ProgressReport
from initiatives.models.choices import EscalationLevel
from initiatives.services.access import governorate_editor, initiative_editor, initiative_worker
from initiatives.services.projects import (
    initiative_report_progress,
    initiative_save,
    obstacle_log,
    obstacle_resolve,
    progress_review,
    progress_reviewer,
    refusal_status,
)
from portal import exports
from portal.forms import style_fields
from portal.media import image_response
from portal.scoping import Scope
from programs.models import Organization

PUBLIC_PAGE_SIZE = 12
MANAGE_PAGE_SIZE = 50
MAP_MAX_POINTS = 2000
RESOLVED_SHOWN = 30


def verified_partners():
    """Partners' roles shown to the public: those of verified organisations only."""
    return InitiativePartner.objects.filter(organization__status=Organization.Status.VERIFIED).select_related(
        "organization"
    )


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# Public pages ------------------------------------------------------------------------------------


def _public_filters(request) -> InitiativeFilterSet:
    initiatives = Initiative.objects.public()
    filters = InitiativeFilterSet(request.GET or None, queryset=initiatives)
    filters.narrow_places(initiatives, public_only=True)
    style_fields(filters.form)
    return filters


def initiative_list(request):
    filters = _public_filters(request)
    if filters.is_bound and not filters.is_valid():
        return render(
            request, "initiatives/projects/list.html", {"filters": filters, "page": None}, status=400
        )
    rows = filters.qs.select_related("governorate").prefetch_related("districts")
    page = Paginator(rows, PUBLIC_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "initiatives/projects/list.html", {
        "filters": filters, "page": page, "today": timezone.localdate(),
        "query": _query_without_page(request), "points": map_points(filters.qs),
    })  # fmt: skip


def map_points(initiatives) -> list[dict]:
    """The initiatives that have a place, as points coloured by status (or late) on the map."""
    today = timezone.localdate()
    located = initiatives.filter(latitude__isnull=False, longitude__isnull=False).only(
        "pk", "title_ar", "title_en", "status", "progress", "planned_start", "planned_end", "latitude",
        "longitude",
    )[:MAP_MAX_POINTS]  # fmt: skip
    return [_point(initiative, today) for initiative in located]


def _point(initiative: Initiative, today) -> dict:
    late = initiative.is_late(today)
    return {
        "id": initiative.pk,
        "title": initiative.title,
        "status": initiative.status,
        "late": late,
        "lat": float(initiative.latitude),
        "lng": float(initiative.longitude),
        "url": reverse("initiatives:detail", args=[initiative.pk]),
        "classes": f"initiative-point status-{initiative.status}{' late' if late else ''}",
    }


def _located_point(initiative: Initiative | None) -> list[dict]:
    """The initiative as the one point of a small map, when it has a place."""
    if initiative is None or initiative.latitude is None or initiative.longitude is None:
        return []
    return [_point(initiative, timezone.localdate())]


def map_data(request):
    filters = _public_filters(request)
    if filters.is_bound and not filters.is_valid():
        return JsonResponse({"errors": filters.errors}, status=400)
    return JsonResponse({"points": map_points(filters.qs)})


def initiative_detail(request, pk: int):
    initiative = get_object_or_404(
        Initiative.objects.public()
        .select_related("governorate", "program")
        .prefetch_related(
            "districts",
            "milestones",
            Prefetch("partners", queryset=verified_partners()),
            Prefetch(
                "progress_reports",
                queryset=ProgressReport.objects.filter(status=ProgressReport.Status.APPROVED)
                .order_by("reported_at")
                .prefetch_related("photos"),
                to_attr="approved_reports",
            ),
        ),
        pk=pk,
    )
    today = timezone.localdate()
    return render(request, "initiatives/projects/detail.html", {
        "initiative": initiative, "today": today, "timeline": _timeline(initiative, today),
        "points": _located_point(initiative),
        "late": initiative.is_late(today),
    })  # fmt: skip


def _timeline(initiative: Initiative, today) -> list[dict]:
    """Milestones (by the day they were done, or are due) and approved reports, in date order."""
    entries = [_milestone_entry(milestone, today) for milestone in initiative.milestones.all()]
    entries += [{"on": timezone.localdate(r.reported_at), "report": r} for r in initiative.approved_reports]
    return sorted(entries, key=lambda entry: (entry["on"], "report" in entry))


def _milestone_entry(milestone, today) -> dict:
    return {
        "on": milestone.done_on or milestone.due_on,
        "milestone": milestone,
        "late": milestone.is_late(today),
    }


# Staff: records ----------------------------------------------------------------------------------


def _require_initiative_staff(user):
    """Staff with a scope, or a partner's editor (who reaches the initiatives their organisation joins)."""
    scope = Scope.of(user)
    if scope.is_empty and not scope.organization_id:
        raise PermissionDenied


def _staff_filters(request) -> InitiativeFilterSet:
    _require_initiative_staff(request.user)
    initiatives = Initiative.objects.for_user(request.user)
    filters = InitiativeFilterSet(request.GET or None, queryset=initiatives).narrow_places(initiatives)
    style_fields(filters.form)
    return filters


@login_required
def manage_list(request):
    filters = _staff_filters(request)
    context = {"filters": filters, "page": None, "can_add": initiative_editor(request.user)}
    if filters.is_bound and not filters.is_valid():
        return render(request, "initiatives/projects/manage_list.html", context, status=400)
    rows = filters.qs.select_related("governorate").prefetch_related("districts")
    context |= {
        "page": Paginator(rows, MANAGE_PAGE_SIZE).get_page(request.GET.get("page")),
        "query": _query_without_page(request),
        "today": timezone.localdate(),
    }
    return render(request, "initiatives/projects/manage_list.html", context)


def _initiative_columns(today):
    return [
        (_("Initiative"), lambda i: i.title_ar),
        (_("Governorate"), lambda i: i.governorate.name_ar),
        (_("Districts"), lambda i: "، ".join(d.name_ar for d in i.districts.all())),
        (_("Sector"), lambda i: i.get_sector_display()),
        (_("Theme"), lambda i: i.get_theme_display()),
        (_("Status"), lambda i: i.get_status_display()),
        (_("Progress (%)"), lambda i: i.progress),
        (_("Expected progress (%)"), lambda i: i.expected_progress(today)),
        (_("Late"), lambda i: _("yes") if i.is_late(today) else _("no")),
        (_("Budget"), lambda i: float(i.budget) if i.budget is not None else ""),
        (_("Spent to date"), lambda i: float(i.spent)),
        (_("Currency"), lambda i: i.currency),
        (_("Planned start"), lambda i: i.planned_start.isoformat()),
        (_("Planned end"), lambda i: i.planned_end.isoformat()),
        (_("Actual start"), lambda i: i.actual_start.isoformat() if i.actual_start else ""),
        (_("Actual end"), lambda i: i.actual_end.isoformat() if i.actual_end else ""),
        (_("Published"), lambda i: _("yes") if i.is_public else _("no")),
    ]


@login_required
def initiatives_export(request):
    filters = _staff_filters(request)
    if filters.is_bound and not filters.is_valid():
        return render(request, "initiatives/projects/manage_list.html", {"filters": filters}, status=400)
    rows = filters.qs.select_related("governorate").prefetch_related("districts")
    return exports.as_xlsx(rows, _initiative_columns(timezone.localdate()), "initiatives", _("Initiatives"))


@login_required
def initiative_edit(request, pk: int | None = None):
    initiative = None
    if pk is not None:
        initiative = get_object_or_404(Initiative.objects.for_user(request.user), pk=pk)
    if not initiative_editor(request.user, initiative):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = InitiativeForm(data, instance=initiative, user=request.user)
    partners, milestones = partner_formset(data, initiative), milestone_formset(data, initiative)
    status = 200
    if request.method == "POST":
        if form.is_valid() and partners.is_valid() and milestones.is_valid():
            try:
                saved = initiative_save(
                    form=form, partners=partners, milestones=milestones, actor=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("initiatives:edit", pk=saved.pk)
        status = 400
    context = {
        "form": form, "partners": partners, "milestones": milestones, "initiative": initiative,
        "points": _located_point(initiative),
    }  # fmt: skip
    return render(request, "initiatives/projects/form.html", context, status=status)


def _worked_initiative(request, pk: int) -> Initiative:
    """An initiative in the user's scope that they work on (officers, staff, partners' editors)."""
    initiative = get_object_or_404(Initiative.objects.for_user(request.user), pk=pk)
    if not initiative_worker(request.user, initiative):
        raise PermissionDenied
    return initiative


@login_required
def progress_new(request, pk: int):
    initiative = _worked_initiative(request, pk)
    form = ProgressForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                initiative_report_progress(initiative=initiative, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
                status = refusal_status(error)  # 409 when a report is already waiting
            else:
                messages.success(request, _("Your report was sent for approval."))
                return redirect("initiatives:progress")
        context = {"form": form, "initiative": initiative}
        return render(request, "initiatives/projects/progress_form.html", context, status=status)
    return render(
        request, "initiatives/projects/progress_form.html", {"form": form, "initiative": initiative}
    )


# Staff: progress approval ------------------------------------------------------------------------


@login_required
def progress_queue(request, error: str = "", status: int = 200):
    _require_initiative_staff(request.user)
    reports = ProgressReport.objects.for_user(request.user).select_related("initiative__governorate")
    to_review = []
    if governorate_editor(request.user):  # officers and partners' editors review nothing
        waiting = reports.filter(status=ProgressReport.Status.SUBMITTED).order_by("reported_at")
        to_review = [r for r in waiting.prefetch_related("photos") if progress_reviewer(request.user, r)]
    context = {
        "to_review": to_review,
        "mine": reports.filter(reported_by=request.user)[:20],
        "error": error,
    }
    return render(request, "initiatives/projects/progress_queue.html", context, status=status)


@login_required
@require_POST
def progress_review_act(request, pk: int):
    report = get_object_or_404(
        ProgressReport.objects.for_user(request.user).select_related("initiative"), pk=pk
    )
    if not progress_reviewer(request.user, report):
        raise PermissionDenied
    form = ProgressReviewForm(request.POST)
    if not form.is_valid():
        return progress_queue(request, error=_("Choose to approve or return the report."), status=400)
    try:
        progress_review(report=report, reviewer=request.user, **form.cleaned_data)
    except ValidationError as error:
        return progress_queue(request, error=" ".join(error.messages), status=refusal_status(error))
    messages.success(request, _("Saved."))
    return redirect("initiatives:progress")


def progress_photo(request, pk: int):
    """A progress photo (media is not served): anyone's when its report is approved and its initiative
    published, as on the public page; otherwise only for those whose scope holds the report."""
    public = ProgressPhoto.objects.filter(
        report__status=ProgressReport.Status.APPROVED, report__initiative__in=Initiative.objects.public()
    )
    in_scope = ProgressPhoto.objects.for_user(request.user)
    photo = public.filter(pk=pk).first() or get_object_or_404(in_scope, pk=pk)
    return image_response(photo.image)


# Staff: obstacles --------------------------------------------------------------------------------


def _obstacle_filters(request) -> ObstacleFilterSet:
    _require_initiative_staff(request.user)
    obstacles = Obstacle.objects.for_user(request.user).select_related("initiative__governorate")
    filters = ObstacleFilterSet(request.GET or None, queryset=obstacles)
    for name in ("initiative", "status"):
        del filters.filters[name]  # the page shows both open and resolved, of every initiative in scope
    narrow_places(filters, Initiative.objects.for_user(request.user))
    style_fields(filters.form)
    return filters


@login_required
def obstacle_list(request, error: str = "", status: int = 200):
    filters = _obstacle_filters(request)
    context = {"filters": filters, "error": error, "resolve_form": ObstacleResolveForm()}
    if filters.is_bound and not filters.is_valid():
        return render(request, "initiatives/projects/obstacles.html", context, status=400)
    obstacles = filters.qs.distinct()
    context |= {
        # Escalated ones first: the governor's office, then the governorate, then the districts.
        "open": obstacles.unresolved().order_by("-escalation_level", "needed_by"),
        "resolved": obstacles.filter(status=Obstacle.Status.RESOLVED).order_by("-resolved_at")[
            :RESOLVED_SHOWN
        ],
        "today": timezone.localdate(),
        "query": request.GET.urlencode(),
        "governor_level": EscalationLevel.GOVERNOR,
    }
    return render(request, "initiatives/projects/obstacles.html", context, status=status)


@login_required
def obstacle_new(request, pk: int):
    initiative = _worked_initiative(request, pk)
    form = ObstacleForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                obstacle_log(initiative=initiative, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The obstacle was logged."))
                return redirect("initiatives:obstacles")
        context = {"form": form, "initiative": initiative}
        return render(request, "initiatives/projects/obstacle_form.html", context, status=400)
    return render(
        request, "initiatives/projects/obstacle_form.html", {"form": form, "initiative": initiative}
    )


@login_required
@require_POST
def obstacle_resolve_act(request, pk: int):
    _require_initiative_staff(request.user)
    obstacle = get_object_or_404(Obstacle.objects.for_user(request.user).select_related("initiative"), pk=pk)
    if not initiative_worker(request.user, obstacle.initiative):
        raise PermissionDenied
    form = ObstacleResolveForm(request.POST)
    if not form.is_valid():
        return obstacle_list(request, error=_("Say how the obstacle was resolved."), status=400)
    try:
        obstacle_resolve(obstacle=obstacle, actor=request.user, **form.cleaned_data)
    except ValidationError as error:  # 409 when it was already resolved
        return obstacle_list(request, error=" ".join(error.messages), status=refusal_status(error))
    messages.success(request, _("Saved."))
    return redirect("initiatives:obstacles")


def _obstacle_columns():
    return [
        (_("Initiative"), lambda o: o.initiative.title_ar),
        (_("Governorate"), lambda o: o.initiative.governorate.name_ar),
        (_("Kind"), lambda o: o.get_kind_display()),
        (_("Description"), lambda o: o.description),
        (_("Who must remove it"), lambda o: o.owner),
        (_("Needed by"), lambda o: o.needed_by.isoformat()),
        (_("Status"), lambda o: o.get_status_display()),
        (_("Escalation"), lambda o: o.get_escalation_level_display()),
        (_("Logged at"), lambda o: exports.local_time(o.created_at)),
        (_("Resolved at"), lambda o: exports.local_time(o.resolved_at)),
        (_("How it was resolved"), lambda o: o.resolution),
    ]


@login_required
def obstacles_export(request):
    filters = _obstacle_filters(request)
    if filters.is_bound and not filters.is_valid():
        return render(request, "initiatives/projects/obstacles.html", {"filters": filters}, status=400)
    rows = filters.qs.distinct().order_by("status", "-escalation_level", "needed_by")
    return exports.as_xlsx(rows, _obstacle_columns(), "obstacles", _("Obstacles"))
