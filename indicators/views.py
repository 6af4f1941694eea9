"""The governor's dashboard (a governorate's districts ranked, or governorates side by side), a
district's own page, recomputation on demand, exports, and the figures officers enter by hand."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaints.models import Complaint
from indicators import dashboard, reports, services
from indicators.charts import line_chart
from indicators.engine.periods import month_of, parse_period, previous_month
from indicators.forms import ManualEntryForm, ReviewForm
from indicators.models import ComputationRun, ManualEntry
from initiatives.models import Initiative
from initiatives.services.access import governorate_editor
from initiatives.services.projects import refusal_status
from portal.models import District, Governorate
from portal.scoping import Scope
from portal.text import normalize_arabic


def _scope(request) -> Scope:
    scope = Scope.of(request.user)
    if scope.is_empty:
        raise PermissionDenied
    return scope


class BadPeriod(Exception):
    pass


def _period(request) -> date:
    """The chosen month; by default the last complete one, whose ranking no longer moves."""
    text = request.GET.get("period", "")
    if not text:
        return previous_month(month_of(timezone.now()))
    period = parse_period(text)
    if period is None or period > month_of(timezone.now()):
        raise BadPeriod
    return period


def _bad_period(request):
    message = _("The month must be written YYYY-MM and must not be in the future.")
    return render(request, "indicators/bad_request.html", {"message": message}, status=400)


def _code(value: str) -> str:
    """A governorate's or district's code from the request. No code holds a NUL byte, which PostgreSQL
    refuses in text: such a code names nothing (404), rather than failing the query (500)."""
    if "\x00" in value:
        raise Http404
    return value


def _governorate(request, scope: Scope) -> Governorate | None:
    """The governorate the dashboard shows: the user's own, or the one a national administrator chose."""
    if not scope.is_national:
        return Governorate.objects.get(pk=scope.governorate_id)
    code = _code(request.GET.get("governorate", ""))
    return get_object_or_404(Governorate, code=code) if code else None


def _run_context(request, governorate: Governorate | None) -> dict:
    """The recompute button's: the run being followed (`?run=`) and the last run that covered this page."""
    run = request.GET.get("run", "")
    covering = ComputationRun.objects.filter(finished_at__isnull=False)
    if governorate is not None:
        covering = covering.filter(Q(governorate__isnull=True) | Q(governorate=governorate))
    return {
        "run_id": int(run) if run.isascii() and run.isdigit() and len(run) < 12 else None,
        "last_run": covering.order_by("-finished_at").first(),
    }


@login_required
def dashboard_view(request):
    scope = _scope(request)
    try:
        period = _period(request)
    except BadPeriod:
        return _bad_period(request)
    if scope.district_id:  # a district officer's dashboard is their district's page
        district = District.objects.select_related("governorate").get(pk=scope.district_id)
        return _district_page(request, district, period)
    governorate = _governorate(request, scope)
    if governorate is None:
        return _national(request, period)
    return _governorate_page(request, governorate, period)


def _governorate_page(request, governorate: Governorate, period: date):
    districts = District.objects.for_user(request.user).filter(governorate=governorate).order_by("code")
    board = dashboard.governorate_board(governorate, period, districts)
    right_to_left = translation.get_language_bidi()
    for row in board.rows:
        row.trend_chart = line_chart(
            row.trend, board.months, right_to_left=right_to_left, width=120, height=34, high=100
        )
    now = timezone.now()
    complaints = Complaint.objects.for_user(request.user).filter(governorate=governorate)
    initiatives = Initiative.objects.for_user(request.user).filter(governorate=governorate)
    return render(
        request,
        "indicators/dashboard.html",
        {
            "board": board,
            "period": period,
            "governorate": governorate,
            "chart": line_chart(board.average_trend, board.months, right_to_left=right_to_left, high=100),
            "overdue": dashboard.most_overdue_complaints(complaints, now),
            "delayed": dashboard.most_delayed_projects(initiatives, timezone.localdate()),
            "can_recompute": governorate_editor(request.user, governorate.pk),
            "national_code": governorate.code if Scope.of(request.user).is_national else "",
            **_run_context(request, governorate),
            "months": _month_choices(),
        },
    )


def _national(request, period: date):
    governorates = Governorate.objects.select_related("country").order_by("code")
    summaries = dashboard.national_board(period, governorates)
    return render(
        request,
        "indicators/national.html",
        {
            "summaries": summaries,
            "period": period,
            "months": _month_choices(),
            "colours": _map_entries(summaries, period),
            "can_recompute": True,
            **_run_context(request, None),
        },
    )


def _map_entries(summaries, period: date) -> dict[str, dict]:
    """Each governorate's light, keyed by its folded Arabic and English names (the outlines name them)."""
    entries = {}
    for summary in summaries:
        governorate = summary.governorate
        url = f"{reverse('indicators:dashboard')}?governorate={governorate.code}&period={period:%Y-%m}"
        entry = {
            "light": summary.light,
            "name": governorate.name,
            "url": url,
            "score": "—" if summary.score is None else f"{summary.score:g}",
        }
        entries[normalize_arabic(governorate.name_ar)] = entry
        if governorate.name_en:
            entries[normalize_arabic(governorate.name_en)] = entry
    return entries


@login_required
def district_view(request, code: str):
    _scope(request)
    district = get_object_or_404(
        District.objects.for_user(request.user).select_related("governorate"), code=_code(code)
    )
    try:
        period = _period(request)
    except BadPeriod:
        return _bad_period(request)
    return _district_page(request, district, period)


def _district_page(request, district: District, period: date):
    indicators, months, cells, cards = dashboard.district_history(district, period)
    right_to_left = translation.get_language_bidi()
    rows = [
        {
            "indicator": indicator,
            "cells": [cells.get((indicator.pk, month)) for month in months],
            "chart": line_chart(
                [getattr(cells.get((indicator.pk, month)), "value", None) for month in months],
                months,
                right_to_left=right_to_left,
                width=220,
                height=60,
            ),
        }
        for indicator in indicators
    ]
    now = timezone.now()
    return render(
        request,
        "indicators/district.html",
        {
            "district": district,
            "period": period,
            "months": months,
            "rows": rows,
            "card": cards[-1],
            "chart": line_chart(
                [getattr(card, "score", None) for card in cards],
                months,
                right_to_left=right_to_left,
                high=100,
            ),
            "overdue": dashboard.most_overdue_complaints(
                Complaint.objects.for_user(request.user).filter(district=district), now
            ),
            "delayed": dashboard.most_delayed_projects(
                Initiative.objects.for_user(request.user).filter(districts=district), timezone.localdate()
            ),
            "month_choices": _month_choices(),
        },
    )


@login_required
@require_POST
def recompute(request):
    scope = _scope(request)
    governorate = None
    if not scope.is_national:
        governorate = Governorate.objects.get(pk=scope.governorate_id)
    elif request.POST.get("governorate"):
        governorate = get_object_or_404(Governorate, code=_code(request.POST["governorate"]))
    if not governorate_editor(request.user, governorate.pk if governorate else None):
        raise PermissionDenied
    run = services.full_run_start(actor=request.user, governorate=governorate)
    target = reverse("indicators:dashboard")
    query = f"governorate={governorate.code}&" if governorate and scope.is_national else ""
    return redirect(f"{target}?{query}run={run.pk}")


@login_required
def run_status(request, pk: int):
    _scope(request)
    scope = Scope.of(request.user)
    runs = (
        ComputationRun.objects.all()
        if scope.is_national
        else ComputationRun.objects.filter(governorate_id=scope.governorate_id)
    )
    run = get_object_or_404(runs, pk=pk)
    return JsonResponse(
        {
            "percent": run.percent_done,
            "finished": run.finished_at is not None,
            "parts_done": run.parts_done,
            "parts_total": run.parts_total,
        }
    )


def _month_choices() -> list[date]:
    months = dashboard.trend_months(month_of(timezone.now()))
    months.reverse()
    return months


# Exports -------------------------------------------------------------------------------------------


def _export_board(request):
    scope = _scope(request)
    period = _period(request)
    governorate = _governorate(request, scope)
    if governorate is None:
        raise Http404
    districts = District.objects.for_user(request.user).filter(governorate=governorate).order_by("code")
    return dashboard.governorate_board(governorate, period, districts)


@login_required
def export_xlsx(request):
    try:
        board = _export_board(request)
    except BadPeriod:
        return _bad_period(request)
    return reports.scorecard_xlsx(board)


@login_required
def export_pdf(request):
    try:
        board = _export_board(request)
    except BadPeriod:
        return _bad_period(request)
    return reports.scorecard_pdf(request, board)


# Figures entered by hand ---------------------------------------------------------------------------


@login_required
def entry_list(request):
    _scope(request)
    entries = ManualEntry.objects.for_user(request.user).select_related("indicator", "district", "entered_by")
    status = request.GET.get("status", "")
    if status in ManualEntry.Status.values:
        entries = entries.filter(status=status)
    form = ManualEntryForm(user=request.user)
    return render(
        request,
        "indicators/entry_list.html",
        {
            "entries": [
                (entry, services.manual_entry_reviewer(request.user, entry)) for entry in entries[:200]
            ],
            "form": form,
            "statuses": ManualEntry.Status.choices,
            "status": status,
            "deadline": services.entry_deadline(form.initial["period"]),
        },
    )


@login_required
def entry_new(request):
    _scope(request)
    form = ManualEntryForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.manual_entry_submit(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
            return render(request, "indicators/entry_form.html", {"form": form}, status=refusal_status(error))
        messages.success(request, _("The figure was sent for approval."))
        return redirect("indicators:entries")
    status = 400 if request.method == "POST" else 200
    return render(request, "indicators/entry_form.html", {"form": form}, status=status)


@login_required
@require_POST
def entry_review(request, pk: int):
    _scope(request)
    entry = get_object_or_404(ManualEntry.objects.for_user(request.user).select_related("district"), pk=pk)
    if not services.manual_entry_reviewer(request.user, entry):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _refused(request, ValidationError(_("Choose to approve or return the figure.")))
    try:
        services.manual_entry_review(entry=entry, reviewer=request.user, **form.cleaned_data)
    except ValidationError as error:
        return _refused(request, error)
    messages.success(
        request,
        _("The figure was approved and locked.")
        if form.cleaned_data["approve"]
        else _("The figure was returned for correction."),
    )
    return redirect("indicators:entries")


def _refused(request, error: ValidationError) -> HttpResponse:
    return render(
        request,
        "indicators/bad_request.html",
        {"message": " ".join(error.messages)},
        status=refusal_status(error),
    )


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
