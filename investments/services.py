"""State assets: recording them, the review that publishes them, and investors' leads."""

from datetime import UTC, datetime, timedelta

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from shapely.geometry import Point, shape

from initiatives.services.access import field_worker, governorate_editor
from initiatives.services.projects import CONFLICT
from investments.models import Asset, AssetDocument, AssetPhoto, Lead
from portal.audit import audit_record
from portal.boundaries import lies_within
from portal.models import District
from portal.scoping import Scope

MAX_OUTLINE_POINTS = 2000
EARLIEST_VERSION = datetime(2020, 1, 1, tzinfo=UTC)  # before the portal held any asset
NOT_PUBLISHED = gettext_lazy("This asset is not published; it cannot take expressions of interest.")


# Who may do what -----------------------------------------------------------------------------------


def asset_recorder(user, district: District | None = None) -> bool:
    """District officers record their district's assets; governorate editors their governorate's."""
    if district is not None:
        return field_worker(user, district)
    return governorate_editor(user) or Scope.of(user).district_id is not None


def asset_verifier(user, asset: Asset) -> bool:
    return governorate_editor(user, asset.governorate_id)


def asset_approver(user) -> bool:
    """Publication is the national administrators' decision."""
    return Scope.of(user).is_national


def lead_handler(user, lead: Lead) -> bool:
    return governorate_editor(user, lead.asset.governorate_id)


# Where an asset is --------------------------------------------------------------------------------


def place_errors(*, governorate, district, village, latitude, longitude, outline) -> dict[str, str]:
    """What is wrong with an asset's place, field by field: the one rule for forms, imports and the API."""
    errors = {}
    if district is not None and governorate is not None and district.governorate_id != governorate.pk:
        errors["district"] = _("Choose a district of the chosen governorate.")
    if village is not None and district is not None and village.district_id != district.pk:
        errors["village"] = _("Choose a village of the chosen district.")
    point = None
    if latitude is not None and longitude is not None:
        point = Point(float(longitude), float(latitude))
        if governorate is not None and not lies_within(governorate, point):
            errors["latitude"] = _("The location is outside %(governorate)s.") % {"governorate": governorate}
    if outline and (message := _outline_error(outline, governorate, point)):
        errors["outline"] = message
    return errors


OUTLINE_FORMAT = gettext_lazy("The outline must be a GeoJSON Polygon of longitude and latitude pairs.")


def outline_normalized(value) -> dict:
    """A GeoJSON Polygon as stored and published: one closed ring of 4 to MAX_OUTLINE_POINTS finite
    (longitude, latitude) pairs and nothing else, whatever else was sent with it."""
    try:
        (ring,) = value["coordinates"] if value.get("type") == "Polygon" else [None]
        if not 4 <= len(ring) <= MAX_OUTLINE_POINTS:
            raise ValueError
        points = [_position(position) for position in ring]
    except (AttributeError, KeyError, IndexError, TypeError, ValueError):
        raise ValidationError(OUTLINE_FORMAT) from None
    if points[0] != points[-1]:
        raise ValidationError(_("The outline must end where it starts."))
    return {"type": "Polygon", "coordinates": [points]}


def _position(position) -> list[float]:
    longitude, latitude = position
    if any(isinstance(number, bool) or not isinstance(number, (int, float)) for number in position):
        raise TypeError
    if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):  # NaN fails too
        raise ValueError
    return [float(longitude), float(latitude)]


def _outline_error(outline: dict, governorate, point) -> str | None:
    polygon = shape(outline)
    if not polygon.is_valid or polygon.is_empty:
        return _("The outline is not a valid polygon: its sides must not cross, and it must enclose an area.")
    if governorate is not None and not lies_within(governorate, polygon):
        return _("The outline is outside %(governorate)s.") % {"governorate": governorate}
    if point is not None and not polygon.buffer(0.001).contains(point):
        return _("The location must lie inside the outline.")
    return None


# Recording ----------------------------------------------------------------------------------------


@transaction.atomic
def asset_save(*, form, actor, photos=(), documents=()) -> Asset:
    """Save an asset from its form with new photos and documents. A change to a verified or published
    asset sends it back to be verified again: what the public sees is always what was approved.
    The audit log names the actor whether the change comes from a page, the API, an import or a command."""
    with set_actor(actor):
        return _asset_save(form, actor, photos, documents)


REVIEW_FIELDS = ["status", "review_note", "verified_by", "verified_at", "approved_by", "approved_at"]


def _asset_save(form, actor, photos, documents) -> Asset:
    asset = form.save(commit=False)
    if not asset_recorder(actor, asset.district):
        raise ValidationError(_("You cannot record assets in this district."))
    if asset.pk is not None:
        # The review as it stands now, not as the form loaded it: a review between the two is kept (and
        # undone below only if the record changed), and a review waits for this save (row lock).
        current = Asset.objects.select_for_update().only(*REVIEW_FIELDS).get(pk=asset.pk)
        for name in REVIEW_FIELDS:
            attname = Asset._meta.get_field(name).attname
            setattr(asset, attname, getattr(current, attname))
    # The record's own fields, not the form's extras (an empty file input counts as changed).
    changed = any(name in form._meta.fields for name in form.changed_data) or bool(photos)
    if asset.pk is None:
        asset.recorded_by = actor
    elif changed and asset.status != Asset.Status.RECORDED:
        _reopen(asset, actor, reason=_("changed after review"))
    asset.save()
    form.save_m2m()
    photos_add(asset, photos)
    documents_add(asset, documents, actor)
    return asset


def photos_add(asset: Asset, photos):
    for content, content_type in photos:
        photo = AssetPhoto(asset=asset)
        photo.image.save(f"asset.{content_type.split('/')[1]}", ContentFile(content), save=True)


def documents_add(asset: Asset, documents, actor):
    for title, content, content_type, extension in documents:
        document = AssetDocument(asset=asset, title=title, content_type=content_type, uploaded_by=actor)
        document.file.save(f"document.{extension}", ContentFile(content), save=True)


def _reopen(asset: Asset, actor, *, reason: str):
    audit_record(asset, actor=actor, event="back_to_recorded", previous=asset.status, reason=reason)
    asset.status = Asset.Status.RECORDED
    asset.verified_by = asset.approved_by = asset.verified_at = asset.approved_at = None


# Review -------------------------------------------------------------------------------------------

REVIEW_STEPS = {
    # action: (the state it starts from, the state it leads to)
    "verify": ([Asset.Status.RECORDED], Asset.Status.VERIFIED),
    "approve": ([Asset.Status.VERIFIED], Asset.Status.APPROVED),
    "return": ([Asset.Status.VERIFIED, Asset.Status.APPROVED], Asset.Status.RECORDED),
}


def may_review(user, asset: Asset, action: str, status: str | None = None) -> bool:
    """Whether the user may take the step on the asset in `status` (by default, as it was loaded)."""
    if action == "approve":
        return asset_approver(user)
    if action == "return" and (status or asset.status) == Asset.Status.APPROVED:
        return asset_approver(user)  # only who publishes may take an asset off the map
    return asset_verifier(user, asset)


def review_actions(user, asset: Asset) -> list[str]:
    """The review steps open to the user on this asset now."""
    return [
        action
        for action, (sources, _target) in REVIEW_STEPS.items()
        if asset.status in sources and may_review(user, asset, action)
    ]


def asset_review(*, asset: Asset, actor, action: str, note: str = "", seen=None, now=None) -> Asset:
    """Move an asset one step: recorded → verified (governorate staff) → approved, that is published
    (a national administrator); or return it to be recorded again, with a note saying why.
    `seen` is the asset's `updated_at` as the reviewer's page showed it: a reviewer does not approve a
    version they have not seen."""
    if action not in REVIEW_STEPS:
        raise ValidationError(_("Unknown review action."))
    if not may_review(actor, asset, action):
        raise ValidationError(_("You cannot take this step on this asset."))
    note = note.strip()
    if action == "return" and not note:
        raise ValidationError({"note": _("Say what needs correcting.")})
    sources, target = REVIEW_STEPS[action]
    if asset.status not in sources:
        raise ValidationError(
            _("This step does not apply to an asset in the state “%(status)s”.")
            % {"status": asset.get_status_display()}, code=CONFLICT,
        )  # fmt: skip
    # Only the states this reviewer may move the asset from: one published meanwhile stays published.
    sources = [status for status in sources if may_review(actor, asset, action, status)]
    now = now or timezone.now()
    changes = {"status": target, "review_note": note}
    if action == "verify":
        changes |= {"verified_by": actor, "verified_at": now}
    elif action == "approve":
        changes |= {"approved_by": actor, "approved_at": now}
    else:
        changes |= {"verified_by": None, "verified_at": None, "approved_by": None, "approved_at": None}
    with transaction.atomic():
        # Conditional on the state the reviewer saw: of two reviews at once, one wins and one is told.
        # Where the reviewer saw it too: an asset moved to another governorate meanwhile is not theirs.
        unchanged = Asset.objects.filter(
            pk=asset.pk,
            status__in=sources,
            governorate_id=asset.governorate_id,
            district_id=asset.district_id,
        )
        if seen is not None:
            unchanged = unchanged.filter(updated_at=_seen_time(seen))
        if not unchanged.update(updated_at=now, **changes):
            raise ValidationError(
                _("The asset was changed or reviewed since you opened it. Look at it again."), code=CONFLICT
            )
        audit_record(asset, actor=actor, event=action, note=note)
    asset.refresh_from_db()
    return asset


def _seen_time(seen):
    """The version a reviewer names, refused when it cannot be one (the year 1, or after today): the
    database would fail on the far ends of the calendar rather than find no match."""
    if not (EARLIEST_VERSION <= seen <= timezone.now() + timedelta(days=1)):
        raise ValidationError({"seen": _("This is not a time the asset was changed.")})
    return seen


# Investors' leads ---------------------------------------------------------------------------------


def lead_submit(
    *, asset: Asset, name: str, phone: str, intended_use: str, company: str = "", email: str = ""
):
    """An investor's expression of interest: only a published asset takes one."""
    if not Asset.objects.published().filter(pk=asset.pk).exists():
        raise ValidationError(NOT_PUBLISHED)
    return Lead.objects.create(
        asset=asset, name=name.strip(), company=company.strip(), phone=phone, email=email,
        intended_use=intended_use.strip(),
    )  # fmt: skip


def lead_update(*, lead: Lead, actor, status: str, note: str = "") -> Lead:
    if not lead_handler(actor, lead):
        raise ValidationError(_("Leads are followed up by the governorate's staff."))
    if status not in Lead.Status.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    lead.status, lead.staff_note, lead.updated_by = status, note.strip(), actor
    with set_actor(actor):
        lead.save(update_fields=["status", "staff_note", "updated_by", "updated_at"])
    return lead
