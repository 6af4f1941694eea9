from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from complaints import exports
from complaints.filters import ComplaintFilterSet
from complaints.forms import (
    AssignForm,
    ComplaintForm,
    HearingForm,
    MoveForm,
    NoteForm,
    RateForm,
    ReopenForm,
    StaffComplaintForm,
    TrackForm,
    TransitionForm,
)
from complaints.limits import over_limit
from complaints.models import Attachment, Complaint, ComplaintEvent, Hearing, Status
from complaints.services import (
    CITIZEN_WINDOW,
    TRANSITIONS,
    TransitionNotAllowed,
    complaint_add_note,
    complaint_move,
    complaint_rate,
    complaint_reopen_by_citizen,
    complaint_submit,
    complaint_transition,
    complaints_assign,
    hearing_record,
)
from portal.forms import style_fields
from portal.scoping import Scope

TRACKED_SESSION_KEY = "tracked_complaints"
INBOX_PAGE_SIZE = 25


def rate_limited(request, exception=None):
    return render(request, "complaints/rate_limited.html", status=429)


# Citizens ----------------------------------------------------------------------------------------


def complaint_new(request):
    form = ComplaintForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return render(request, "complaints/new.html", {"form": form})
    if form.is_spam():
        return render(request, "complaints/new.html", {"form": form, "refused": True}, status=400)
    if over_limit(request, "file_per_ip"):
        return rate_limited(request)
    if not form.is_valid():
        return render(request, "complaints/new.html", {"form": form}, status=400)
    if over_limit(request, "file_per_phone", key=form.cleaned_data["phone"]):
        return rate_limited(request)
    data = {k: v for k, v in form.cleaned_data.items() if k not in ("captcha", "website")}
    complaint = complaint_submit(**data)
    _remember_tracked(request, complaint)
    request.session["filed_complaint"] = complaint.tracking_code
    return redirect("complaints:submitted")


def complaint_submitted(request):
    code = request.session.get("filed_complaint")
    complaint = (
        Complaint.objects.filter(tracking_code=code).select_related("category").first() if code else None
    )
    if complaint is None:
        return redirect("complaints:new")
    return render(request, "complaints/submitted.html", {"complaint": complaint})


def complaint_track(request):
    form = TrackForm(request.POST or None)
    if request.method != "POST":
        return render(request, "complaints/track.html", {"form": form})
    if over_limit(request, "track_per_ip"):
        return rate_limited(request)
    if not form.is_valid():
        return render(request, "complaints/track.html", {"form": form}, status=400)
    complaint = Complaint.objects.for_citizen(form.cleaned_data["code"], form.cleaned_data["phone"])
    if complaint is None:
        form.add_error(None, _("No complaint matches this tracking code and phone number."))
        return render(request, "complaints/track.html", {"form": form}, status=404)
    _remember_tracked(request, complaint)
    return redirect("complaints:tracked", code=complaint.tracking_code)


def complaint_tracked(request, code: str):
    complaint = _tracked_complaint(request, code)
    return render(request, "complaints/tracked.html", _tracked_context(complaint))


def _tracked_context(complaint, **extra):
    now = timezone.now()
    can_reopen = complaint.resolved_at is not None and now - complaint.resolved_at <= CITIZEN_WINDOW
    can_rate = complaint.status in (Status.RESOLVED, Status.CLOSED) and complaint.satisfaction is None
    return {
        "complaint": complaint,
        "timeline": complaint.events.filter(is_public=True),
        "photos": complaint.attachments.all(),
        "rate_form": extra.pop("rate_form", RateForm()) if can_rate else None,
        "reopen_form": extra.pop("reopen_form", ReopenForm()) if can_reopen else None,
        **extra,
    }


# what: (form, its name in the page, service, message on success)
CITIZEN_ACTIONS = {
    "rate": (RateForm, "rate_form", complaint_rate, gettext_lazy("Thank you for rating the answer.")),
    "reopen": (
        ReopenForm,
        "reopen_form",
        complaint_reopen_by_citizen,
        gettext_lazy("Your complaint was reopened."),
    ),
}


@require_POST
def complaint_citizen_act(request, code: str, what: str):
    """The citizen who tracked a complaint rates its answer or reopens it."""
    if what not in CITIZEN_ACTIONS:
        raise Http404
    form_class, form_key, service, success = CITIZEN_ACTIONS[what]
    complaint = _tracked_complaint(request, code)
    form = form_class(request.POST)
    if not form.is_valid():
        context = _tracked_context(complaint, **{form_key: form})
        return render(request, "complaints/tracked.html", context, status=400)
    return _citizen_act(request, complaint, service, success, **form.cleaned_data)


def _citizen_act(request, complaint, service, success, **kwargs):
    try:
        service(complaint=complaint, **kwargs)
    except (TransitionNotAllowed, ValidationError) as refusal:
        message = refusal.message if isinstance(refusal, TransitionNotAllowed) else " ".join(refusal.messages)
        return render(
            request, "complaints/tracked.html", _tracked_context(complaint, error=message), status=409
        )
    messages.success(request, success)
    return redirect("complaints:tracked", code=complaint.tracking_code)


def _remember_tracked(request, complaint):
    """The citizen proved the phone for this complaint: let this browser see it for the session."""
    tracked = set(request.session.get(TRACKED_SESSION_KEY, []))
    tracked.add(complaint.pk)
    request.session[TRACKED_SESSION_KEY] = sorted(tracked)


def _tracked_complaint(request, code):
    complaint = Complaint.objects.select_related("category", "district").filter(tracking_code=code).first()
    if complaint is None or complaint.pk not in request.session.get(TRACKED_SESSION_KEY, []):
        raise Http404
    return complaint


def attachment_view(request, uuid):
    """A photo, for staff whose scope holds the complaint or the citizen who tracked it."""
    attachment = Attachment.objects.filter(uuid=uuid).first()
    if attachment is None:
        raise Http404
    staff_may = Attachment.objects.for_user(request.user).filter(pk=attachment.pk).exists()
    if not staff_may and attachment.complaint_id not in request.session.get(TRACKED_SESSION_KEY, []):
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=attachment.content_type)
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Staff ---------------------------------------------------------------------------------------------


def _staff_complaints(request):
    if Scope.of(request.user).is_empty:
        raise PermissionDenied
    return Complaint.objects.for_user(request.user)


@login_required
def inbox(request):
    complaints = _staff_complaints(request).select_related("district", "category", "assigned_to")
    filters = ComplaintFilterSet(request.GET or None, queryset=complaints, request=request)
    style_fields(filters.form)
    if filters.is_bound and not filters.is_valid():
        return render(request, "complaints/inbox.html", {"filters": filters, "page": None}, status=400)
    rows = filters.qs.inbox_order()
    page = Paginator(rows, INBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "complaints/inbox.html",
        {
            "filters": filters,
            "page": page,
            "now": timezone.now(),
            "assign_form": AssignForm(user=request.user),
            "query": _query_without_page(request),
            "map_points": _map_points(page),
        },
    )


def _map_points(page) -> list[dict]:
    """The complaints of this page that have a place, for the inbox map."""
    now = timezone.now()
    return [
        {
            "lat": float(complaint.latitude),
            "lng": float(complaint.longitude),
            "code": complaint.tracking_code,
            "url": reverse("complaints:detail", args=[complaint.tracking_code]),
            "overdue": complaint.is_open and complaint.due_at < now,
        }
        for complaint in page
        if complaint.latitude is not None and complaint.longitude is not None
    ]


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def inbox_export(request, file_format: str):
    if file_format not in ("csv", "xlsx"):
        raise Http404
    filters = ComplaintFilterSet(request.GET or None, queryset=_staff_complaints(request), request=request)
    if filters.is_bound and not filters.is_valid():
        return render(request, "complaints/inbox.html", {"filters": filters, "page": None}, status=400)
    rows = filters.qs.select_related("district", "governorate", "category").order_by("-created_at")
    return exports.as_csv(rows) if file_format == "csv" else exports.as_xlsx(rows)


def _staff_complaint(request, code: str) -> Complaint:
    """One complaint in the user's scope, with everything its page shows."""
    return get_object_or_404(
        _staff_complaints(request)
        .select_related(
            "district", "governorate", "category", "assigned_to", "duplicate_of",
            "hearing__district", "hearing__governorate",
        )
        .prefetch_related(Prefetch("events", queryset=ComplaintEvent.objects.select_related("actor"))),
        tracking_code=code,
    )  # fmt: skip


@login_required
def complaint_detail(request, code: str):
    complaint = _staff_complaint(request, code)
    return render(request, "complaints/detail.html", _detail_context(request, complaint))


def _detail_context(request, complaint, **forms):
    scope = Scope.of(request.user)
    return {
        "complaint": complaint,
        "photos": complaint.attachments.all(),
        "now": timezone.now(),
        "transition_form": forms.get("transition_form") or TransitionForm(user=request.user),
        "note_form": forms.get("note_form") or NoteForm(),
        "move_form": forms.get("move_form")
        or (MoveForm(user=request.user) if not scope.district_id else None),
        "actions": _available_actions(complaint),
        "error": forms.get("error"),
    }


def _available_actions(complaint):
    return [action for action, (sources, _target) in TRANSITIONS.items() if complaint.status in sources]


@login_required
@require_POST
def complaint_act(request, code: str, what: str):
    """One POST endpoint for the staff actions on a complaint: transition, note, move."""
    complaint = _staff_complaint(request, code)
    form_class, form_key = {
        "transition": (TransitionForm, "transition_form"),
        "note": (NoteForm, "note_form"),
        "move": (MoveForm, "move_form"),
    }.get(what, (None, None))
    if form_class is None:
        raise Http404
    kwargs = {"user": request.user} if form_class is not NoteForm else {}
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        try:
            _perform(what, complaint, request.user, form.cleaned_data)
        except TransitionNotAllowed as refusal:
            return _detail_error(request, _staff_complaint(request, code), refusal.message, status=409)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Saved."))
            return redirect("complaints:detail", code=complaint.tracking_code)
    return render(
        request, "complaints/detail.html", _detail_context(request, complaint, **{form_key: form}), status=400
    )


def _perform(what, complaint, user, data):
    if what == "transition":
        complaint_transition(complaint=complaint, actor=user, **data)
    elif what == "note":
        complaint_add_note(complaint=complaint, actor=user, message=data["message"], public=data["public"])
    else:
        complaint_move(complaint=complaint, district=data["district"], actor=user, note=data["note"])


def _detail_error(request, complaint, message, status):
    return render(
        request, "complaints/detail.html", _detail_context(request, complaint, error=message), status=status
    )


@login_required
@require_POST
def inbox_assign(request):
    form = AssignForm(request.POST, user=request.user)
    codes = request.POST.getlist("selected")
    chosen = list(_staff_complaints(request).filter(tracking_code__in=codes))
    if not form.is_valid() or not chosen or len(chosen) != len(set(codes)):
        messages.error(request, _("Choose complaints and a colleague to assign them to."))
        return redirect("complaints:inbox")
    try:
        count = complaints_assign(
            complaints=chosen, assignee=form.cleaned_data["assignee"], actor=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(count)s complaints assigned.") % {"count": count})
    return redirect("complaints:inbox")


@login_required
def staff_complaint_new(request):
    _staff_complaints(request)
    initial = (
        {"channel": "hearing", "hearing": request.GET.get("hearing")} if request.GET.get("hearing") else {}
    )
    form = StaffComplaintForm(request.POST or None, request.FILES or None, user=request.user, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            complaint = complaint_submit(actor=request.user, **form.cleaned_data)
            messages.success(request, _("Complaint %(code)s filed.") % {"code": complaint.tracking_code})
            return redirect("complaints:detail", code=complaint.tracking_code)
        return render(request, "complaints/staff_new.html", {"form": form}, status=400)
    return render(request, "complaints/staff_new.html", {"form": form})


@login_required
def hearings(request):
    _staff_complaints(request)
    form = HearingForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                hearing = hearing_record(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Hearing recorded. Add the complaints raised at it."))
                return redirect(f"{reverse('complaints:staff-new')}?hearing={hearing.pk}")
        status = 400
    rows = Hearing.objects.for_user(request.user).select_related("district", "governorate")[:100]
    return render(request, "complaints/hearings.html", {"form": form, "hearings": rows}, status=status)
