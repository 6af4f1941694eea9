"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over the complaints.

jurisdiction_id is a governorate code, service_code a category code, service_request_id the tracking
code, expected_datetime the SLA due time. Personal data never leaves through it.
"""

import math
import re
from datetime import timedelta
from xml.etree import ElementTree

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from complaints.models import OPEN_STATUSES, Category, Channel, Complaint
from complaints.open311.keys import open311_key_valid
from complaints.services import complaint_submit
from portal.models import District, Governorate
from portal.validation import normalize_phone

DEFAULT_WINDOW = timedelta(days=90)
MAX_REQUESTS = 1000
# Phone and ID numbers (digits, even with spaces or dashes between) and e-mail addresses in a
# citizen's text are not published.
_PERSONAL_NUMBERS = re.compile(r"(?:[\d٠-٩۰-۹][\s\-./]*){7,}")
_EMAILS = re.compile(r"[^\s@]+@[^\s@]+")
PUBLIC_COORDINATE_DECIMALS = 3  # about 100 m: where the problem is, not whose door it is


def _public_text(text: str) -> str:
    return _EMAILS.sub("…", _PERSONAL_NUMBERS.sub("… ", text)).strip()


def _public_coordinate(value):
    return None if value is None else round(float(value), PUBLIC_COORDINATE_DECIMALS)


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status, self.description = status, description


def _respond(data, root: str, item: str, fmt: str, status: int = 200):
    if fmt == "json":
        return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})
    element = ElementTree.Element(root)
    for entry in data if isinstance(data, list) else [data]:
        child = ElementTree.SubElement(element, item)
        for key, value in entry.items():
            ElementTree.SubElement(child, key).text = "" if value is None else _xml_text(value)
    body = ElementTree.tostring(element, encoding="unicode", xml_declaration=True)
    return HttpResponse(body, content_type="text/xml; charset=utf-8", status=status)


def _xml_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def _handles_errors(view):
    def wrapped(request, *args, fmt="json", **kwargs):
        if fmt not in ("json", "xml"):
            return _respond(
                [{"code": 404, "description": _("Use .json or .xml.")}], "errors", "error", "json", 404
            )
        try:
            _refuse_null_characters(request, kwargs)
            return view(request, *args, fmt=fmt, **kwargs)
        except Open311Error as error:
            body = [{"code": error.status, "description": error.description}]
            return _respond(body, "errors", "error", fmt, error.status)

    return wrapped


def _refuse_null_characters(request, kwargs):
    values = [*request.GET.values(), *request.POST.values(), *map(str, kwargs.values())]
    if any("\x00" in value for value in values):
        raise Open311Error(400, _("Parameters may not contain null characters."))


@require_GET
@_handles_errors
def discovery(request, fmt):
    base = (
        request.build_absolute_uri(reverse("open311:discovery", kwargs={"fmt": fmt})).rsplit("/", 1)[0] + "/"
    )
    data = {
        "changeset": "2026-11-22T00:00:00Z",
        "contact": _("The portal's administrators at the Ministry of Local Development."),
        "key_service": _(
            "Keys are issued by the portal's administrators (manage.py open311_key create NAME)."
        ),
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base,
                "changeset": "2026-11-22T00:00:00Z",
                "type": "production",
                "formats": ["json", "xml"],
            }
        ],
    }
    if fmt == "json":
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    return _respond({k: v for k, v in data.items() if k != "endpoints"}, "discovery", "info", fmt)


def _service(category: Category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.department_ar
        if category.name == category.name_ar
        else category.department_en,
        "metadata": True,
        "type": "realtime",
        "keywords": category.name_en,
        "group": category.department_en,
    }


@require_GET
@_handles_errors
def services(request, fmt):
    _jurisdiction(request.GET)
    categories = Category.objects.filter(is_active=True)
    return _respond([_service(c) for c in categories], "services", "service", fmt)


@require_GET
@_handles_errors
def service_definition(request, code, fmt):
    category = Category.objects.filter(is_active=True, code=code).first()
    if category is None:
        raise Open311Error(404, _("No service has this code."))
    data = {
        "service_code": category.code,
        "attributes": [
            {
                "variable": True,
                "code": "district",
                "datatype": "string",
                "required": True,
                "order": 1,
                "datatype_description": _("The official code of the district, e.g. EG2702."),
                "description": _("District"),
            },
        ],
    }
    if fmt == "json":
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    return _respond([data["attributes"][0]], "service_definition", "attribute", fmt)


def _jurisdiction(params) -> Governorate | None:
    code = params.get("jurisdiction_id")
    if not code:
        return None
    governorate = Governorate.objects.filter(code=code).first()
    if governorate is None:
        raise Open311Error(404, _("No jurisdiction has this id."))
    return governorate


def _public_request(complaint: Complaint) -> dict:
    return {
        "service_request_id": complaint.tracking_code,
        "status": "open" if complaint.status in OPEN_STATUSES else "closed",
        "status_notes": complaint.get_status_display(),
        "service_name": complaint.category.name,
        "service_code": complaint.category.code,
        "description": _public_text(complaint.description),
        "agency_responsible": complaint.category.department_ar,
        "service_notice": "",
        "requested_datetime": complaint.created_at.isoformat(),
        "updated_datetime": complaint.updated_at.isoformat(),
        "expected_datetime": complaint.due_at.isoformat(),
        "address": _public_text(complaint.address),
        "address_id": "",
        "zipcode": "",
        "lat": _public_coordinate(complaint.latitude),
        "long": _public_coordinate(complaint.longitude),
        "media_url": "",
    }


@csrf_exempt
@require_http_methods(["GET", "POST"])
@_handles_errors
def requests_view(request, fmt):
    if request.method == "POST":
        return _post_request(request, fmt)
    rows = _requests_query(request.GET).select_related("category")[:MAX_REQUESTS]
    return _respond([_public_request(c) for c in rows], "service_requests", "request", fmt)


def _requests_query(params):
    complaints = Complaint.objects.all()
    governorate = _jurisdiction(params)
    if governorate:
        complaints = complaints.filter(governorate=governorate)
    if ids := params.get("service_request_id"):
        return complaints.filter(tracking_code__in=[i.strip().upper() for i in ids.split(",")])
    if codes := params.get("service_code"):
        complaints = complaints.filter(category__code__in=codes.split(","))
    end = _date(params, "end_date") or timezone.now()
    start = _date(params, "start_date") or end - DEFAULT_WINDOW
    complaints = complaints.filter(created_at__gte=start, created_at__lte=end)
    if status := params.get("status"):
        wanted = set(status.split(","))
        if not wanted <= {"open", "closed"}:
            raise Open311Error(400, _("status is open or closed."))
        if wanted == {"open"}:
            complaints = complaints.filter(status__in=OPEN_STATUSES)
        elif wanted == {"closed"}:
            complaints = complaints.exclude(status__in=OPEN_STATUSES)
    return complaints.order_by("-created_at")


def _date(params, name):
    raw = params.get(name)
    if not raw:
        return None
    try:
        moment = parse_datetime(raw)
        if moment is not None and not 1900 <= moment.year <= 2100:
            moment = None
        if moment is not None and timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
    except (ValueError, OverflowError):
        moment = None
    if moment is None:
        raise Open311Error(400, _("%(name)s is not a date and time (2026-01-31T00:00:00Z).") % {"name": name})
    return moment


def _post_request(request, fmt):
    data = request.POST
    if not open311_key_valid(data.get("api_key", "")):
        raise Open311Error(403, _("A valid api_key is required to post requests."))
    category = Category.objects.filter(is_active=True, code=data.get("service_code", "")).first()
    if category is None:
        raise Open311Error(400, _("service_code is not a known service."))
    district = (
        District.objects.select_related("governorate")
        .filter(code=data.get("attribute[district]", ""))
        .first()
    )
    if district is None:
        raise Open311Error(400, _("attribute[district] must be the code of a district."))
    governorate = _jurisdiction(data)
    if governorate and district.governorate_id != governorate.pk:
        raise Open311Error(400, _("The district is not in this jurisdiction."))
    complaint = complaint_submit(
        channel=Channel.OPEN311, category=category, district=district, **_citizen_fields(data)
    )
    body = [{"service_request_id": complaint.tracking_code, "service_notice": "", "account_id": None}]
    return _respond(body, "service_requests", "request", fmt, status=201)


def _citizen_fields(data) -> dict:
    description = (data.get("description") or "").strip()
    if not 10 <= len(description) <= 5000:
        raise Open311Error(400, _("description must be 10 to 5,000 characters."))
    try:
        phone = normalize_phone(data.get("phone", ""))
    except ValidationError as error:
        raise Open311Error(400, " ".join(error.messages)) from error
    email = (data.get("email") or "").strip()
    try:
        if email:
            validate_email(email)
    except ValidationError as error:
        raise Open311Error(400, _("email is not an e-mail address.")) from error
    name = " ".join(part for part in (data.get("first_name", ""), data.get("last_name", "")) if part).strip()
    return {
        "description": description,
        "phone": phone,
        "name": name[:200] or _("Not given"),
        "email": email[:254],
        "address": (data.get("address_string") or "")[:300],
        "latitude": _coordinate(data.get("lat"), 90),
        "longitude": _coordinate(data.get("long"), 180),
    }


def _coordinate(raw, limit):
    if raw in (None, ""):
        return None
    try:
        value = round(float(raw), 6)
    except ValueError:
        value = None
    if value is None or not math.isfinite(value) or abs(value) > limit:
        raise Open311Error(400, _("lat and long must be decimal degrees."))
    return value


@require_GET
@_handles_errors
def request_detail(request, request_id, fmt):
    complaint = Complaint.objects.select_related("category").filter(tracking_code=request_id.upper()).first()
    if complaint is None:
        raise Open311Error(404, _("No request has this id."))
    return _respond([_public_request(complaint)], "service_requests", "request", fmt)


@require_GET
@_handles_errors
def token_detail(request, token, fmt):
    # Requests get their id at once, so a token is the id itself.
    if not Complaint.objects.filter(tracking_code=token.upper()).exists():
        raise Open311Error(404, _("No request has this token."))
    body = [{"service_request_id": token.upper(), "token": token}]
    return _respond(body, "service_requests", "request", fmt)
