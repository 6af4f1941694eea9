"""The investment map and asset pages for the public; the inventory, its review, imports, figures and
leads for staff."""

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from complaints.views import rate_limited
from initiatives.services.access import governorate_editor
from initiatives.services.projects import refusal_status
from investments import imports
from investments.figures import inventory_figures
from investments.filters import AssetFilterSet, PublicAssetFilterSet
from investments.forms import AssetForm, ImportForm, InterestForm, LeadForm, ReviewForm
from investments.limits import interest_over_limit
from investments.models import Asset, AssetDocument, AssetImport, AssetPhoto, Lead
from investments.services import (
    asset_recorder,
    asset_review,
    asset_save,
    lead_handler,
    lead_submit,
    lead_update,
    may_review,
    review_actions,
)
from portal import exports
from portal.forms import style_fields
from portal.media import attachment_response, image_response
from portal.scoping import Scope

PUBLIC_PAGE_SIZE = 12
MANAGE_PAGE_SIZE = 50
MAP_MAX_POINTS = 2000
HISTORY_SHOWN = 30
HISTORY_EVENTS = {
    "verify": pgettext_lazy("asset status", "Verified"),
    "approve": gettext_lazy("Approved for publication"),
    "return": gettext_lazy("Returned for correction"),
    "back_to_recorded": gettext_lazy("Sent back to be verified again"),
}


def _refused(filters) -> bool:
    return filters.is_bound and not filters.is_valid()


def _filters_refused(request, template: str, filters, **context):
    """The page with its filters' errors and no results: a 400."""
    context = {"filters": filters, "page": None, "totals": None, **context}
    return render(request, template, context, status=400)


def _errors_of(form) -> str:
    return " ".join(message for messages in form.errors.values() for message in messages)


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# The public investment map -------------------------------------------------------------------------


def _public_filters(request) -> PublicAssetFilterSet:
    published = Asset.objects.published()
    filters = PublicAssetFilterSet(request.GET or None, queryset=published).narrow_places(published)
    style_fields(filters.form)
    return filters


def asset_map(request):
    filters = _public_filters(request)
    if _refused(filters):
        return _filters_refused(request, "investments/map.html", filters)
    assets = filters.qs.select_related("governorate", "district").prefetch_related("permitted_uses")
    return render(request, "investments/map.html", {
        "filters": filters, "query": _query_without_page(request), "points": map_points(filters.qs),
        "page": Paginator(assets, PUBLIC_PAGE_SIZE).get_page(request.GET.get("page")),
    })  # fmt: skip


def map_points(assets) -> list[dict]:
    located = assets.only("pk", "title_ar", "title_en", "kind", "latitude", "longitude", "outline")
    return [_point(asset) for asset in located[:MAP_MAX_POINTS]]


def _point(asset: Asset) -> dict:
    return {
        "id": asset.pk,
        "title": asset.title,
        "kind": asset.kind,
        "lat": float(asset.latitude),
        "lng": float(asset.longitude),
        "outline": asset.outline,
        "url": reverse("investments:detail", args=[asset.pk]),
        "classes": f"asset-point kind-{asset.kind}",
    }


def map_data(request):
    filters = _public_filters(request)
    if _refused(filters):
        return JsonResponse({"errors": filters.errors}, status=400)
    return JsonResponse({"points": map_points(filters.qs)})


def _published_asset(pk: int) -> Asset:
    return get_object_or_404(
        Asset.objects.published()
        .select_related("governorate", "district", "village")
        .prefetch_related("permitted_uses", "photos"),
        pk=pk,
    )


def asset_detail(request, pk: int, form=None, status: int = 200):
    asset = _published_asset(pk)
    context = {"asset": asset, "points": [_point(asset)], "form": form or InterestForm()}
    return render(request, "investments/detail.html", context, status=status)


@require_POST
def interest_new(request, pk: int):
    """An investor's expression of interest; an unpublished asset is not found, as on its page."""
    asset = _published_asset(pk)
    form = InterestForm(request.POST)
    if form.is_spam():
        return asset_detail(request, pk, form=form, status=400)
    if interest_over_limit(request):
        return rate_limited(request)
    if not form.is_valid():
        return asset_detail(request, pk, form=form, status=400)
    if interest_over_limit(request, phone=form.cleaned_data["phone"]):
        return rate_limited(request)
    data = {name: value for name, value in form.cleaned_data.items() if name not in ("captcha", "website")}
    try:
        lead_submit(asset=asset, **data)
    except ValidationError as error:
        form.add_error(None, error)
        return asset_detail(request, pk, form=form, status=400)
    return redirect("investments:interest-sent", pk=asset.pk)


def interest_sent(request, pk: int):
    return render(request, "investments/interest_sent.html", {"asset": _published_asset(pk)})


def asset_photo(request, pk: int):
    """A photo: anyone's once its asset is published; before that, only for staff whose scope holds it."""
    public = AssetPhoto.objects.filter(asset__in=Asset.objects.published())
    photo = public.filter(pk=pk).first() or get_object_or_404(
        AssetPhoto.objects.for_user(request.user), pk=pk
    )
    return image_response(photo.image)


# Staff: the inventory -----------------------------------------------------------------------------


def _require_scope(user):
    if Scope.of(user).is_empty:
        raise PermissionDenied


def _staff_filters(request) -> AssetFilterSet:
    _require_scope(request.user)
    assets = Asset.objects.for_user(request.user)
    filters = AssetFilterSet(request.GET or None, queryset=assets).narrow_places(assets)
    style_fields(filters.form)
    return filters


@login_required
def manage_list(request):
    filters, can_add = _staff_filters(request), asset_recorder(request.user)
    if _refused(filters):
        return _filters_refused(request, "investments/manage_list.html", filters, can_add=can_add)
    rows = filters.qs.select_related("governorate", "district")
    return render(request, "investments/manage_list.html", {
        "filters": filters, "can_add": can_add, "query": _query_without_page(request),
        "page": Paginator(rows, MANAGE_PAGE_SIZE).get_page(request.GET.get("page")),
    })  # fmt: skip


def _asset_columns():
    return [
        (_("Asset"), lambda a: a.title_ar),
        (_("Kind"), lambda a: a.get_kind_display()),
        (_("Governorate"), lambda a: a.governorate.name_ar),
        (_("District"), lambda a: a.district.name_ar),
        (_("Village"), lambda a: a.village.name_ar if a.village else ""),
        (_("Address"), lambda a: a.address),
        (_("Latitude"), lambda a: float(a.latitude)),
        (_("Longitude"), lambda a: float(a.longitude)),
        (_("Area (m²)"), lambda a: float(a.area_m2)),
        (_("Owning body"), lambda a: a.owner_body),
        (_("Current use"), lambda a: a.get_current_use_display()),
        (_("Legal status"), lambda a: a.get_legal_status_display()),
        (_("Utilities"), lambda a: "، ".join(a.utilities)),
        (_("Zoning"), lambda a: a.zoning),
        (_("Permitted uses"), lambda a: "، ".join(use.name_ar for use in a.permitted_uses.all())),
        (_("Estimated value"), lambda a: float(a.estimated_value) if a.estimated_value is not None else ""),
        (_("Currency"), lambda a: a.currency),
        (_("Review status"), lambda a: a.get_status_display()),
        (_("Recorded at"), lambda a: exports.local_time(a.created_at)),
    ]


@login_required
def assets_export(request):
    filters = _staff_filters(request)
    if _refused(filters):
        return _filters_refused(request, "investments/manage_list.html", filters)
    rows = filters.qs.select_related("governorate", "district", "village").prefetch_related("permitted_uses")
    return exports.as_xlsx(rows, _asset_columns(), "state-assets", _("State assets"))


def _asset_in_scope(request, pk: int) -> Asset:
    _require_scope(request.user)
    return get_object_or_404(
        Asset.objects.for_user(request.user).select_related("governorate", "district"), pk=pk
    )


@login_required
def asset_edit(request, pk: int | None = None):
    asset = _asset_in_scope(request, pk) if pk is not None else None
    if not asset_recorder(request.user, asset.district if asset else None):
        raise PermissionDenied
    form = AssetForm(request.POST or None, request.FILES or None, instance=asset, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = asset_save(
                    form=form,
                    actor=request.user,
                    photos=form.cleaned_data["photos"],
                    documents=form.documents(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("investments:edit", pk=saved.pk)
        status = 400
    return render(request, "investments/form.html", _edit_context(request, form, asset), status=status)


def _edit_context(request, form, asset: Asset | None, **extra) -> dict:
    context = {"form": form, "asset": asset, "points": [_point(asset)] if asset else []}
    if asset is not None:
        context |= {
            "actions": review_actions(request.user, asset),
            "photos": asset.photos.all(),
            "documents": asset.documents.all(),
            "history": _history(asset),
        }
    return context | extra


def _history(asset: Asset) -> list[dict]:
    """The asset's audit trail as people read it: who did what, newest first."""
    entries = LogEntry.objects.get_for_object(asset).select_related("actor")[:HISTORY_SHOWN]
    return [_history_line(entry) for entry in entries]


def _history_line(entry: LogEntry) -> dict:
    changes = entry.changes_dict
    event = changes.get("event", [None, None])[1]
    if event:
        what, note = (
            HISTORY_EVENTS.get(event, event),
            changes.get("note", changes.get("reason", [None, ""]))[1],
        )
    elif entry.action == LogEntry.Action.CREATE:
        what, note = _("Recorded"), ""
    else:
        names = [str(Asset._meta.get_field(name).verbose_name) for name in changes if _is_field(name)]
        what, note = _("Changed"), "، ".join(names)
    return {"when": entry.timestamp, "who": entry.actor, "what": what, "note": note}


def _is_field(name: str) -> bool:
    try:
        Asset._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


@login_required
@require_POST
def asset_review_act(request, pk: int):
    asset = _asset_in_scope(request, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _review_refused(request, asset, _errors_of(form), 400)
    if not may_review(request.user, asset, form.cleaned_data["action"]):
        raise PermissionDenied
    try:
        asset_review(asset=asset, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        return _review_refused(request, asset, " ".join(error.messages), refusal_status(error))
    messages.success(request, _("Saved."))
    return redirect("investments:edit", pk=asset.pk)


def _review_refused(request, asset, error: str, status: int):
    form = AssetForm(instance=asset, user=request.user)
    context = _edit_context(request, form, asset, review_error=error)
    return render(request, "investments/form.html", context, status=status)


@login_required
def asset_document(request, pk: int):
    """Documents are for staff in scope only, never public."""
    document = get_object_or_404(AssetDocument.objects.for_user(request.user), pk=pk)
    return attachment_response(document.file, document.content_type)


# Staff: importing a sheet ---------------------------------------------------------------------------


@login_required
def import_new(request):
    if not asset_recorder(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                batch = imports.import_preview(form.cleaned_data["sheet"], request.user)
            except imports.SheetError as error:
                form.add_error("sheet", str(error))
            else:
                return redirect("investments:import", pk=batch.pk)
        return render(request, "investments/import_new.html", {"form": form}, status=400)
    return render(request, "investments/import_new.html", {"form": form})


def import_template(request):
    """An empty sheet with the columns an import reads."""
    columns = [(labels[0], lambda row: "") for labels in imports.COLUMNS.values()]
    return exports.as_xlsx([], columns, "state-assets-template", _("State assets"))


@login_required
def import_preview(request, pk: int, error: str = "", status: int = 200):
    batch = get_object_or_404(AssetImport.objects.filter(created_by=request.user), pk=pk)
    context = {
        "batch": batch, "columns": imports.COLUMNS, "has_errors": imports.import_has_errors(batch),
        "error": error, "error_count": sum(1 for row in batch.rows if row["errors"]),
    }  # fmt: skip
    return render(request, "investments/import_preview.html", context, status=status)


@login_required
@require_POST
def import_confirm(request, pk: int):
    batch = get_object_or_404(AssetImport.objects.filter(created_by=request.user), pk=pk)
    try:
        assets = imports.import_save(batch, request.user)
    except ValidationError as error:
        return import_preview(request, pk, error=" ".join(error.messages), status=refusal_status(error))
    messages.success(
        request, _("%(count)s assets were saved, waiting for verification.") % {"count": len(assets)}
    )
    return redirect("investments:manage")


# Staff: figures and leads ---------------------------------------------------------------------------


@login_required
def figures(request):
    filters = _staff_filters(request)
    if _refused(filters):
        return _filters_refused(request, "investments/figures.html", filters)
    inventory = inventory_figures(filters.qs)
    breakdowns = [
        (_("By kind"), inventory["kinds"]),
        (_("By current use"), inventory["uses"]),
        (_("By legal status"), inventory["legal"]),
        (_("By review status"), inventory["statuses"]),
    ]
    context = {
        "filters": filters, "query": request.GET.urlencode(), "breakdowns": breakdowns,
        "can_add": asset_recorder(request.user), **inventory,
    }  # fmt: skip
    return render(request, "investments/figures.html", context)


@login_required
def figures_export(request):
    filters = _staff_filters(request)
    if _refused(filters):
        return _filters_refused(request, "investments/figures.html", filters)
    columns = [
        (_("District code"), lambda d: d.code),
        (_("District"), lambda d: d.name),
        (_("Governorate"), lambda d: d.governorate),
        (_("Assets"), lambda d: d.count),
        (_("Area (m²)"), lambda d: float(d.area)),
        (_("Unused area (m²)"), lambda d: float(d.unused_area)),
        (_("Unused share (%)"), lambda d: float(d.unused_share) if d.unused_share is not None else ""),
    ]
    rows = inventory_figures(filters.qs)["districts"]
    return exports.as_xlsx(rows, columns, "state-assets-by-district", _("By district"))


def _require_lead_staff(user):
    if not governorate_editor(user):
        raise PermissionDenied


@login_required
def lead_list(request, error: str = "", status: int = 200):
    _require_lead_staff(request.user)
    leads = Lead.objects.for_user(request.user).select_related("asset__district", "updated_by")
    wanted = request.GET.get("status", "")
    if wanted in Lead.Status.values:
        leads = leads.filter(status=wanted)
    context = {
        "page": Paginator(leads, MANAGE_PAGE_SIZE).get_page(request.GET.get("page")),
        "statuses": Lead.Status.choices, "wanted": wanted, "form": LeadForm(), "error": error,
        "query": _query_without_page(request), "can_add": asset_recorder(request.user),
    }  # fmt: skip
    return render(request, "investments/leads.html", context, status=status)


@login_required
@require_POST
def lead_update_act(request, pk: int):
    _require_lead_staff(request.user)
    lead = get_object_or_404(Lead.objects.for_user(request.user).select_related("asset"), pk=pk)
    if not lead_handler(request.user, lead):
        raise PermissionDenied
    form = LeadForm(request.POST)
    if not form.is_valid():
        return lead_list(request, error=_errors_of(form), status=400)
    lead_update(lead=lead, actor=request.user, **form.cleaned_data)
    messages.success(request, _("Saved."))
    return redirect("investments:leads")
