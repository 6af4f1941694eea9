"""Field work pages: inspection rounds (recorded from a phone), their findings turned into complaints or
obstacles, and the governor's directives with their deadlines."""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives.checklists import ANSWERS, checklist_faults, checklist_items
from initiatives.forms.field import (
    AssignmentCompleteForm,
    DirectiveForm,
    FindingComplaintForm,
    FindingFormSet,
    FindingObstacleForm,
    InspectionForm,
    MonthField,
)
from initiatives.models import DirectiveAssignment, Inspection, InspectionFinding, InspectionPhoto
from initiatives.services.access import field_worker, governorate_editor
from initiatives.services.field import (
    assignment_complete,
    assignment_completer,
    directive_issue,
    finding_file_complaint,
    finding_log_obstacle,
    inspection_record,
)
from portal import exports
from portal.media import image_response
from portal.models import District
from portal.scoping import Scope

CONFLICT = HTTPStatus.CONFLICT
RECORDED_FIELDS = (
    "district", "kind", "place", "checklist", "photos", "initiative", "notes", "latitude", "longitude"
)  # fmt: skip


def _staff_only(request):
    if Scope.of(request.user).is_empty:
        raise PermissionDenied


# Inspections -------------------------------------------------------------------------------------


@login_required
def inspection_list(request):
    _staff_only(request)
    inspections, chosen, month_error = _filtered_inspections(request)
    return render(request, "initiatives/field/inspection_list.html", {
        "inspections": inspections.annotate(finding_count=Count("findings"))[:200],
        "districts": District.objects.for_user(request.user).order_by("name_ar"),
        "kinds": Inspection.Kind.choices, "chosen": chosen, "month_error": month_error,
        "can_record": _may_record(request.user),
    }, status=400 if month_error else 200)  # fmt: skip


def _filtered_inspections(request):
    """The inspections in scope narrowed by district, kind and month, the choices, and the month's error
    (no rows then)."""
    inspections = Inspection.objects.for_user(request.user).select_related("district", "inspector")
    chosen = {key: request.GET.get(key, "") for key in ("district", "kind", "month")}
    if chosen["district"]:
        inspections = inspections.filter(district__code=chosen["district"])
    if chosen["kind"] in Inspection.Kind.values:
        inspections = inspections.filter(kind=chosen["kind"])
    try:
        month = MonthField(required=False).clean(chosen["month"])
    except ValidationError as error:
        return inspections.none(), chosen, " ".join(error.messages)
    if month is not None:
        inspections = inspections.filter(inspected_at__year=month[0], inspected_at__month=month[1])
    return inspections, chosen, ""


def _may_record(user) -> bool:
    """Officers record in their district, governorate editors in any of theirs."""
    district = District.objects.for_user(user).first()
    return district is not None and field_worker(user, district)


@login_required
def inspection_new(request):
    _staff_only(request)
    if not _may_record(request.user):
        raise PermissionDenied
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = InspectionForm(data, files, user=request.user)
    findings = FindingFormSet(data, prefix="findings")
    if request.method == "POST":
        if form.is_valid() and findings.is_valid():
            rows = findings.findings(form.cleaned_data["kind"])
            if findings.total_error_count() == 0:
                inspection = _record(request, form, rows)
                if inspection is not None:
                    return redirect("initiatives:inspection", pk=inspection.pk)
        status = 400
    else:
        status = 200
    return render(request, "initiatives/field/inspection_form.html", {
        "form": form, "findings": findings, "answers": ANSWERS,
    }, status=status)  # fmt: skip


def _record(request, form, findings):
    data = form.cleaned_data
    try:
        inspection = inspection_record(
            actor=request.user, findings=findings, **{key: data[key] for key in RECORDED_FIELDS}
        )
    except ValidationError as error:
        _add_service_error(form, error)
        return None
    if form.faults() and not findings:
        messages.warning(
            request, _("You marked faults but recorded no finding: add them so they can be followed.")
        )
    messages.success(request, _("The inspection was recorded."))
    return inspection


def _add_service_error(form, error: ValidationError):
    """The service's message on the form's field of that name, or above the form (the checklist and the
    findings are not fields of the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def inspections_export(request):
    _staff_only(request)
    inspections, _chosen, month_error = _filtered_inspections(request)
    if month_error:
        return HttpResponseBadRequest(month_error, content_type="text/plain; charset=utf-8")
    inspections = inspections.select_related("governorate", "initiative").annotate(
        finding_count=Count("findings", distinct=True), photo_count=Count("photos", distinct=True)
    )
    return exports.as_xlsx(inspections, _inspection_columns(), "inspections", _("Inspections"))


def _inspection_columns():
    return [
        (_("Inspected at"), lambda row: exports.local_time(row.inspected_at)),
        (_("Governorate"), lambda row: str(row.governorate)),
        (_("District"), lambda row: str(row.district)),
        (_("Kind"), lambda row: row.get_kind_display()),
        (_("Place"), lambda row: row.place),
        (_("Initiative"), lambda row: row.initiative.title if row.initiative else ""),
        (_("Faults"), lambda row: "، ".join(checklist_faults(row.kind, row.checklist))),
        (_("Findings"), lambda row: row.finding_count),
        (_("Photos"), lambda row: row.photo_count),
        (_("Notes"), lambda row: row.notes),
        (_("Inspector"), lambda row: row.inspector.get_username() if row.inspector else ""),
        (_("Latitude"), lambda row: float(row.latitude) if row.latitude is not None else ""),
        (_("Longitude"), lambda row: float(row.longitude) if row.longitude is not None else ""),
    ]


def _scoped_inspection(request, pk: int) -> Inspection:
    inspections = Inspection.objects.for_user(request.user).select_related(
        "district__governorate", "initiative", "inspector"
    )
    findings = InspectionFinding.objects.select_related("complaint", "obstacle__initiative")
    return get_object_or_404(
        inspections.prefetch_related(Prefetch("findings", queryset=findings), "photos"), pk=pk
    )


@login_required
def inspection_detail(request, pk: int):
    _staff_only(request)
    inspection = _scoped_inspection(request, pk)
    return _render_detail(request, inspection)


def _render_detail(request, inspection, *, error: str = "", acting=None, form=None, status: int = 200):
    may_act = field_worker(request.user, inspection.district)
    items = dict(checklist_items(inspection.kind))
    # The categories and the district's initiatives are read once and offered on every finding's forms.
    categories = _choices(FindingComplaintForm(), "category") if may_act else []
    initiatives = (
        _choices(FindingObstacleForm(user=request.user, district=inspection.district), "initiative")
        if may_act else []
    )  # fmt: skip
    findings = []
    for finding in inspection.findings.all():
        acted_on = acting is not None and finding.pk == acting.pk
        ids = f"id_finding{finding.pk}_%s"  # several forms of the same fields on one page
        complaint_form = FindingComplaintForm(auto_id=ids)
        obstacle_form = FindingObstacleForm(user=request.user, district=inspection.district, auto_id=ids)
        if acted_on and form is not None:
            form.auto_id = ids
            complaint_form, obstacle_form = _swap_in(form, complaint_form, obstacle_form)
        complaint_form.fields["category"].choices = categories
        obstacle_form.fields["initiative"].choices = initiatives
        findings.append({
            "finding": finding, "item_label": items.get(finding.item, ""), "complaint_form": complaint_form,
            "obstacle_form": obstacle_form, "error": error if acted_on else "",
        })  # fmt: skip
    answers = [
        (label, inspection.checklist.get(code, ""), ANSWERS.get(inspection.checklist.get(code), ""))
        for code, label in checklist_items(inspection.kind)
    ]
    return render(request, "initiatives/field/inspection_detail.html", {
        "inspection": inspection, "findings": findings, "answers": answers, "may_act": may_act,
        "points": _points(inspection), "may_log_obstacle": any(value for value, _label in initiatives),
    }, status=status)  # fmt: skip


def _choices(form, name: str) -> list:
    """A model choice field's options read once (each form would otherwise query them again); iterated,
    not list()-ed, which would count them first in a query of its own."""
    return [choice for choice in form.fields[name].choices]


def _swap_in(form, complaint_form, obstacle_form):
    if isinstance(form, FindingComplaintForm):
        return form, obstacle_form
    return complaint_form, form


def _points(inspection) -> list[dict]:
    if inspection.latitude is None or inspection.longitude is None:
        return []
    return [{
        "lat": float(inspection.latitude), "lng": float(inspection.longitude), "code": inspection.place,
        "classes": "inspection-point",
        "url": reverse("initiatives:inspection", args=[inspection.pk]),
    }]  # fmt: skip


@login_required
def inspection_photo(request, pk: int):
    """An inspection's photo, for staff whose scope holds the inspection (media is not served publicly)."""
    photo = get_object_or_404(InspectionPhoto.objects.for_user(request.user), pk=pk)
    return image_response(photo.image)


def _scoped_finding(request, pk: int) -> InspectionFinding:
    _staff_only(request)
    finding = get_object_or_404(
        InspectionFinding.objects.for_user(request.user).select_related("inspection"), pk=pk
    )
    if not field_worker(request.user, finding.inspection.district):
        raise PermissionDenied
    return finding


@login_required
@require_POST
def finding_complaint(request, pk: int):
    finding = _scoped_finding(request, pk)
    form = FindingComplaintForm(request.POST)
    if form.is_valid():
        try:
            complaint = finding_file_complaint(finding=finding, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            return _refused(request, finding, form, error, done=_complaint_filed)
        messages.success(request, _("Complaint %(code)s was filed in the district's inbox.") % {
            "code": complaint.tracking_code
        })  # fmt: skip
        return redirect("initiatives:inspection", pk=finding.inspection_id)
    return _refused(request, finding, form, None, done=_complaint_filed)


@login_required
@require_POST
def finding_obstacle(request, pk: int):
    finding = _scoped_finding(request, pk)
    form = FindingObstacleForm(request.POST, user=request.user, district=finding.inspection.district)
    if form.is_valid():
        try:
            finding_log_obstacle(finding=finding, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            return _refused(request, finding, form, error, done=_obstacle_logged)
        messages.success(request, _("The obstacle was logged on the initiative."))
        return redirect("initiatives:inspection", pk=finding.inspection_id)
    return _refused(request, finding, form, None, done=_obstacle_logged)


def _complaint_filed(finding) -> bool:
    return finding.complaint_id is not None


def _obstacle_logged(finding) -> bool:
    return finding.obstacle_id is not None


def _refused(request, finding, form, error, *, done):
    """The detail page again with the message: 409 when the finding was already acted on, else 400."""
    finding.refresh_from_db()
    status = CONFLICT if done(finding) else 400
    if error is not None:
        message = " ".join(error.messages)
    elif done(finding):
        message = _("This finding was already acted on.")
    else:
        message = _("Please correct the fields marked below.")
    inspection = _scoped_inspection(request, finding.inspection_id)
    return _render_detail(request, inspection, error=message, acting=finding, form=form, status=status)


# Directives --------------------------------------------------------------------------------------


@login_required
def directive_list(request):
    _staff_only(request)
    today = timezone.localdate()
    assignments = _ordered_assignments(request.user, today)
    counts = assignments.aggregate(
        open=Count("pk", filter=Q(status=DirectiveAssignment.Status.OPEN)),
        overdue=Count("pk", filter=Q(status=DirectiveAssignment.Status.OPEN, directive__deadline__lt=today)),
        done=Count("pk", filter=Q(status=DirectiveAssignment.Status.DONE)),
    )
    rows = [
        {"assignment": a, "overdue": a.is_overdue(today), "may_complete": a.status == "open"
         and assignment_completer(request.user, a)}
        for a in assignments
    ]  # fmt: skip
    return render(request, "initiatives/field/directive_list.html", {
        "rows": rows, "counts": counts, "can_issue": governorate_editor(request.user),
        "today": today,
    })  # fmt: skip


def _ordered_assignments(user, today):
    """Overdue shares first, then open ones by deadline, then those done."""
    rank = Case(
        When(status=DirectiveAssignment.Status.OPEN, directive__deadline__lt=today, then=Value(0)),
        When(status=DirectiveAssignment.Status.OPEN, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        DirectiveAssignment.objects.for_user(user)
        .select_related("directive__governorate", "district", "completed_by")
        .annotate(rank=rank)
        .order_by("rank", "directive__deadline", "directive_id", "pk")
    )


@login_required
def directive_new(request):
    _staff_only(request)
    if not governorate_editor(request.user):
        raise PermissionDenied
    form = DirectiveForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                directive_issue(
                    actor=request.user, governorate_id=data["governorate"].pk, title=data["title"],
                    meeting=data["meeting"], meeting_on=data["meeting_on"], deadline=data["deadline"],
                    districts=list(data["districts"]), departments=data["departments"],
                    details=data["details"],
                )  # fmt: skip
            except ValidationError as error:
                _add_service_error(form, error)
            else:
                messages.success(request, _("The directive was recorded and assigned."))
                return redirect("initiatives:directives")
        return render(request, "initiatives/field/directive_form.html", {"form": form}, status=400)
    return render(request, "initiatives/field/directive_form.html", {"form": form})


@login_required
def directives_export(request):
    _staff_only(request)
    today = timezone.localdate()
    return exports.as_xlsx(
        _ordered_assignments(request.user, today), _directive_columns(today), "directives", _("Directives")
    )


def _directive_columns(today):
    return [
        (_("Directive"), lambda row: row.directive.title),
        (_("Governorate"), lambda row: str(row.directive.governorate)),
        (_("Meeting"), lambda row: row.directive.meeting),
        (_("Meeting date"), lambda row: row.directive.meeting_on),
        (_("Deadline"), lambda row: row.directive.deadline),
        (_("Assigned to"), lambda row: row.assignee),
        (_("Status"), lambda row: row.get_status_display()),
        (_("Overdue"), lambda row: _("yes") if row.is_overdue(today) else _("no")),
        (_("Completed at"), lambda row: exports.local_time(row.completed_at)),
        (_("What was done"), lambda row: row.completion_note),
    ]


@login_required
@require_POST
def assignment_complete_act(request, pk: int):
    _staff_only(request)
    assignment = get_object_or_404(
        DirectiveAssignment.objects.for_user(request.user).select_related("directive", "district"), pk=pk
    )
    if not assignment_completer(request.user, assignment):
        raise PermissionDenied
    form = AssignmentCompleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what was done."))
        return _back_to_directives(request, status=400)
    try:
        assignment_complete(assignment=assignment, actor=request.user, note=form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        assignment.refresh_from_db()
        return _back_to_directives(request, status=CONFLICT if assignment.status == "done" else 400)
    messages.success(request, _("Reported done."))
    return redirect("initiatives:directives")


def _back_to_directives(request, *, status: int):
    response = directive_list(request)
    response.status_code = status
    return response
