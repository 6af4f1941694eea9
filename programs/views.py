from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import exports
from portal.models import Governorate
from portal.scoping import Scope
from programs.forms import (
    ActualForm,
    AgreementForm,
    EventForm,
    NgoRegistrationForm,
    OrganizationProfileForm,
    PartnershipFormSet,
    PeriodReviewForm,
    PhaseFormSet,
    ProgramForm,
    ReviewForm,
    style_formset,
)
from programs.iati import activities_xml
from programs.models import Event, Indicator, Objective, Organization, Partnership, Program, ReportingPeriod
from programs.services import (
    OPEN_FOR_REPORTING,
    agreement_save,
    event_save,
    organization_editable_by,
    organization_register,
    organization_review,
    organization_reviewer,
    organization_update,
    period_report,
    period_review,
    program_editable_by,
    program_save,
)

PROFILE_FIELDS = OrganizationProfileForm.Meta.fields


# Public pages ------------------------------------------------------------------------------------


def program_list(request):
    programs = Program.objects.public().select_related("lead_governorate").prefetch_related("governorates")
    governorate = request.GET.get("governorate")
    kind = request.GET.get("kind")
    if governorate:
        programs = programs.filter(governorates__code=governorate).distinct()
    if kind in Program.Kind.values:
        programs = programs.filter(kind=kind)
    sdg = request.GET.get("sdg", "")
    if sdg.isdigit():
        programs = [p for p in programs if sdg in p.sdg_goal_list]  # a handful of programs per governorate
    return render(
        request,
        "programs/program_list.html",
        {
            "programs": programs,
            "governorates": Governorate.objects.filter(programs__is_public=True).distinct().order_by("code"),
            "kinds": Program.Kind.choices,
            "chosen": {"governorate": governorate, "kind": kind, "sdg": sdg},
            "sdg_goals": range(1, 18),
        },
    )


def program_detail(request, slug: str):
    program = get_object_or_404(
        Program.objects.public()
        .select_related("lead_governorate")
        .prefetch_related(
            "governorates",
            "phases",
            Prefetch("events__organisers", queryset=Organization.objects.public()),
            Prefetch("partnerships", queryset=Partnership.objects.public()),
            Prefetch("agreements__parties", queryset=Organization.objects.public()),
            Prefetch(
                "objectives",
                queryset=Objective.objects.prefetch_related(
                    Prefetch("indicators", queryset=Indicator.objects.prefetch_related("periods"))
                ),
            ),
            "events__photos",
        ),
        slug=slug,
    )
    return render(request, "programs/program_detail.html", {"program": program})


def partner_list(request):
    partners = Organization.objects.public().prefetch_related("governorates")
    return render(request, "programs/partner_list.html", {"partners": partners})


def partner_detail(request, slug: str):
    partner = get_object_or_404(Organization.objects.public(), slug=slug)
    roles = (
        Partnership.objects.filter(organization=partner, program__is_public=True)
        .select_related("program")
        .order_by("program__title_ar")
    )
    return render(request, "programs/partner_detail.html", {"partner": partner, "roles": roles})


def program_iati(request, pk: int):
    program = get_object_or_404(_iati_programs(), pk=pk)
    return _xml(activities_xml([program]), f"program-{program.slug}.xml")


def programs_iati(request):
    programs = _iati_programs()
    if code := request.GET.get("governorate"):
        if not Governorate.objects.filter(code=code).exists():
            raise Http404
        programs = programs.filter(governorates__code=code).distinct()
    return _xml(activities_xml(programs), "programs.xml")


def _iati_programs():
    return (
        Program.objects.public()
        .select_related("lead_governorate__country")
        .prefetch_related(
            "governorates__country",
            Prefetch("partnerships", queryset=Partnership.objects.public()),
            "objectives__indicators__periods",
        )
    )


def _xml(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# NGO registration and review ---------------------------------------------------------------------


def ngo_register(request):
    form = NgoRegistrationForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            account = {key: form.cleaned_data[key] for key in ("username", "password", "email")}
            profile = {key: form.cleaned_data[key] for key in PROFILE_FIELDS if key != "governorates"}
            try:
                organization_register(governorates=form.cleaned_data["governorates"], **account, **profile)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("programs:register-done")
        return render(request, "programs/register.html", {"form": form}, status=400)
    return render(request, "programs/register.html", {"form": form})


def ngo_register_done(request):
    return render(request, "programs/register_done.html")


@login_required
def review_list(request):
    if not organization_reviewer(request.user):
        raise PermissionDenied
    pending = (
        Organization.objects.for_user(request.user)
        .filter(status=Organization.Status.PENDING)
        .prefetch_related("governorates")
        .distinct()
    )
    return render(request, "programs/review_list.html", {"pending": pending, "form": ReviewForm()})


@login_required
@require_POST
def review_act(request, slug: str):
    organization = get_object_or_404(Organization.objects.for_user(request.user).distinct(), slug=slug)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose to verify or reject."))
    try:
        organization_review(organization=organization, reviewer=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("programs:review")
    messages.success(request, _("Saved."))
    return redirect("programs:review")


@login_required
def my_organization(request):
    organization = organization_editable_by(request.user)
    if organization is None:
        raise PermissionDenied
    form = OrganizationProfileForm(request.POST or None, request.FILES or None, instance=organization)
    if request.method == "POST":
        if form.is_valid():
            organization_update(form=form, actor=request.user)
            messages.success(request, _("Saved."))
            return redirect("programs:mine")
        return render(request, "programs/mine.html", {"form": form, "organization": organization}, status=400)
    return render(request, "programs/mine.html", {"form": form, "organization": organization})


# Staff: recording programs ---------------------------------------------------------------------


@login_required
def manage_list(request):
    if Scope.of(request.user).is_empty:
        raise PermissionDenied
    programs = (
        Program.objects.for_user(request.user).select_related("lead_governorate").order_by("-start_date")
    )
    return render(request, "programs/manage_list.html", {
        "programs": programs, "can_add": program_editable_by(request.user),
    })  # fmt: skip


@login_required
def program_edit(request, slug: str | None = None):
    program = None
    if slug is not None:
        program = get_object_or_404(Program.objects.for_user(request.user), slug=slug)
    if not program_editable_by(request.user, program):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = ProgramForm(data, instance=program, user=request.user)
    partnerships = style_formset(PartnershipFormSet(data, instance=program, prefix="partners"))
    phases = style_formset(PhaseFormSet(data, instance=program, prefix="phases"))
    if request.method == "POST":
        if form.is_valid() and partnerships.is_valid() and phases.is_valid():
            try:
                saved = program_save(form=form, partnerships=partnerships, phases=phases, actor=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("programs:edit", slug=saved.slug)
        status = 400
    else:
        status = 200
    context = {"form": form, "partnerships": partnerships, "phases": phases, "program": program}
    return render(request, "programs/program_form.html", context, status=status)


# Results: partners report actuals, staff review them -------------------------------------------------


def _reportable_periods(user):
    periods = ReportingPeriod.objects.select_related("indicator__objective__program", "indicator__reporter")
    organization = organization_editable_by(user)
    if organization is not None:
        return periods.filter(indicator__reporter=organization)
    return periods.for_user(user)


@login_required
def reports(request, error: str = "", status: int = 200):
    periods = _reportable_periods(request.user)
    if organization_editable_by(request.user) is None and Scope.of(request.user).is_empty:
        raise PermissionDenied
    can_review = program_editable_by(request.user)
    context = {
        "open_periods": periods.filter(status__in=OPEN_FOR_REPORTING),
        "to_review": periods.filter(status=ReportingPeriod.Status.SUBMITTED) if can_review else [],
        "done": periods.filter(
            status__in=[ReportingPeriod.Status.SUBMITTED, ReportingPeriod.Status.APPROVED]
        ),
        "error": error,
    }
    return render(request, "programs/reports.html", context, status=status)


# what: (form, service, the service's name for the person acting)
REPORT_ACTIONS = {
    "report": (ActualForm, period_report, "actor"),
    "review": (PeriodReviewForm, period_review, "reviewer"),
}


@login_required
@require_POST
def report_act(request, pk: int, what: str):
    if what not in REPORT_ACTIONS:
        raise Http404
    form_class, service, actor_name = REPORT_ACTIONS[what]
    period = get_object_or_404(_reportable_periods(request.user), pk=pk)
    form = form_class(request.POST)
    if not form.is_valid():
        message = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return reports(request, error=message, status=400)
    try:
        service(period=period, **{actor_name: request.user}, **form.cleaned_data)
    except ValidationError as error:
        return reports(request, error=" ".join(error.messages), status=409)
    messages.success(request, _("Saved."))
    return redirect("programs:reports")


def _editable_program(request, slug: str) -> Program:
    program = get_object_or_404(Program.objects.for_user(request.user), slug=slug)
    if not program_editable_by(request.user, program):
        raise PermissionDenied
    return program


@login_required
def event_new(request, slug: str):
    program = _editable_program(request, slug)
    form = EventForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            photos = form.cleaned_data.pop("photos")
            event_save(form=form, program=program, photos=photos, actor=request.user)
            messages.success(request, _("Saved."))
            return redirect("programs:edit", slug=program.slug)
        return render(request, "programs/part_form.html", {"form": form, "program": program}, status=400)
    return render(request, "programs/part_form.html", {"form": form, "program": program})


@login_required
def agreement_new(request, slug: str):
    program = _editable_program(request, slug)
    form = AgreementForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            agreement_save(form=form, program=program, actor=request.user)
            messages.success(request, _("Saved."))
            return redirect("programs:edit", slug=program.slug)
        return render(request, "programs/part_form.html", {"form": form, "program": program}, status=400)
    return render(request, "programs/part_form.html", {"form": form, "program": program})


def _program_columns():
    return [
        (_("Program"), lambda p: p.title_ar),
        (_("Kind"), lambda p: p.get_kind_display()),
        (_("Status"), lambda p: p.get_status_display()),
        (_("Governorate"), lambda p: p.lead_governorate.name_ar if p.lead_governorate else _("National")),
        (_("Start date"), lambda p: p.start_date.isoformat()),
        (_("End date"), lambda p: p.end_date.isoformat() if p.end_date else ""),
        (_("Budget"), lambda p: float(p.budget) if p.budget is not None else ""),
        (_("Currency"), lambda p: p.currency),
        (_("Partners"), lambda p: "، ".join(str(x.organization) for x in p.partnerships.all())),
    ]


def _partner_columns():
    return [
        (_("Name"), lambda o: o.name_ar),
        (_("Type"), lambda o: o.get_org_type_display()),
        (_("Registration number"), lambda o: o.registration_number or ""),
        (_("Status"), lambda o: o.get_status_display()),
        (_("Governorates served"), lambda o: "، ".join(g.name_ar for g in o.governorates.all())),
        (_("Contact person"), lambda o: o.contact_name),
        (_("Contact phone"), lambda o: o.contact_phone),
    ]


@login_required
def programs_export(request):
    if Scope.of(request.user).is_empty:
        raise PermissionDenied
    programs = (
        Program.objects.for_user(request.user)
        .select_related("lead_governorate")
        .prefetch_related(
            Prefetch("partnerships", queryset=Partnership.objects.select_related("organization"))
        )
    )
    return exports.as_xlsx(programs, _program_columns(), "programs", _("Programs"))


@login_required
def partners_export(request):
    if Scope.of(request.user).is_empty:
        raise PermissionDenied
    partners = Organization.objects.for_user(request.user).prefetch_related("governorates").distinct()
    return exports.as_xlsx(partners, _partner_columns(), "partners", _("Partners"))


def governorate_page(request, code: str):
    """A governorate's development work: its programs, partners and events."""
    governorate = get_object_or_404(Governorate.objects.select_related("country"), code=code)
    programs = Program.objects.public().filter(governorates=governorate).select_related("lead_governorate")
    partners = Organization.objects.public().filter(governorates=governorate)
    events = Event.objects.filter(program__is_public=True, governorates=governorate).select_related("program")
    return render(request, "programs/governorate.html", {
        "governorate": governorate, "programs": programs, "partners": partners, "events": events[:20],
        "district_count": governorate.districts.count(),
    })  # fmt: skip
