"""State changes of the core app: loading geography, and creating staff with their role and scope."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.geodata import read_geography
from portal.models import (
    Country,
    District,
    Governorate,
    Role,
    StaffProfile,
    Village,
    searchable_name,
)
from portal.roles import ROLE_PERMISSIONS

COUNTRIES = {
    "EG": {"name_ar": "جمهورية مصر العربية", "name_en": "Egypt"},
    "SA": {"name_ar": "المملكة العربية السعودية", "name_en": "Saudi Arabia"},
}
BATCH_SIZE = 1000

Progress = Callable[[str, int, int], None]  # level, rows done, rows in the files


@dataclass
class LevelSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def geography_load(*, directory: Path, progress: Progress | None = None) -> dict[str, LevelSummary]:
    """Create or update every country, governorate, district and village from the CSVs.

    All files are read and checked before anything is written, and the writes are one
    transaction, so a bad file leaves the database as it was. A second run changes nothing.
    """
    data = read_geography(directory)
    progress = progress or (lambda level, done, total: None)
    with transaction.atomic():
        summary = {
            "countries": _upsert(Country, _country_rows(), {}, progress),
            "governorates": _upsert(Governorate, data.governorates, {"country": Country}, progress),
            "districts": _upsert(District, data.districts, {"governorate": Governorate}, progress),
            "villages": _upsert(Village, data.villages, {"district": District}, progress),
        }
    transaction.on_commit(_queue_summary_refresh)
    return summary


def _queue_summary_refresh():
    from portal.tasks import refresh_geography_summary

    refresh_geography_summary.delay()


def _country_rows() -> dict[str, dict]:
    return {code: dict(names) for code, names in COUNTRIES.items()}


def _upsert(model, rows: dict[str, dict], parents: dict, progress: Progress) -> LevelSummary:
    """Bring `model`'s rows to `rows` (by code): bulk create the new, bulk update the changed."""
    parent_ids = {
        field: dict(parent_model.objects.values_list("code", "pk")) for field, parent_model in parents.items()
    }
    existing = {obj.code: obj for obj in model.objects.all()}
    to_create, to_update, summary = [], [], LevelSummary()
    for code, values in rows.items():
        fields = _resolved_fields(values, parent_ids)
        current = existing.get(code)
        if current is None:
            to_create.append(model(code=code, **fields))
        elif any(getattr(current, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(current, name, value)
            to_update.append(current)
    summary = LevelSummary(
        created=len(to_create),
        updated=len(to_update),
        unchanged=len(rows) - len(to_create) - len(to_update),
    )
    _write_in_batches(model, to_create, to_update, summary, progress)
    return summary


def _write_in_batches(model, to_create, to_update, summary: LevelSummary, progress: Progress):
    level, done = str(model._meta.verbose_name_plural), summary.unchanged
    progress(level, done, summary.total)
    update_fields = [f.name for f in model._meta.concrete_fields if not f.primary_key]
    for start in range(0, max(len(to_create), len(to_update)), BATCH_SIZE):
        created = to_create[start : start + BATCH_SIZE]
        updated = to_update[start : start + BATCH_SIZE]
        model.objects.bulk_create(created)
        if updated:
            model.objects.bulk_update(updated, update_fields)
        done += len(created) + len(updated)
        progress(level, done, summary.total)


def _resolved_fields(values: dict, parent_ids: dict[str, dict[str, int]]) -> dict:
    fields = {key: value for key, value in values.items() if key not in parent_ids}
    for field, ids in parent_ids.items():
        fields[f"{field}_id"] = ids[values[field]]
    fields["name_search"] = searchable_name(values["name_ar"], values.get("name_en", ""))
    return fields


def role_groups_sync() -> dict[str, Group]:
    """One group per role holding exactly the permissions the role needs (see portal.roles)."""
    groups = {}
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set(_permissions(codenames))
        groups[role] = group
    return groups


def _permissions(codenames: list[str]):
    pairs = [name.split(".") for name in codenames]
    found = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in pairs
    ]
    return found


@transaction.atomic
def staff_create(
    *,
    username: str,
    role: str,
    governorate: Governorate | None = None,
    district: District | None = None,
    password: str | None = None,
    email: str = "",
    job_title: str | None = None,
) -> StaffProfile:
    """Create the user (or take the existing one) and give it a role and scope."""
    user, _created = get_user_model().objects.get_or_create(username=username)
    if email:
        user.email = email
    if password:
        user.set_password(password)
    elif not user.has_usable_password():
        user.set_unusable_password()
    user.save()
    return staff_assign(user=user, role=role, governorate=governorate, district=district, job_title=job_title)


@transaction.atomic
def staff_assign(
    *,
    user,
    role: str,
    governorate: Governorate | None = None,
    district: District | None = None,
    job_title: str | None = None,
) -> StaffProfile:
    """Set a user's role and scope, with the admin access and permission group the role brings."""
    _check_scope(role=role, governorate=governorate, district=district)
    if district is not None:
        governorate = district.governorate
    user.is_staff = role != Role.PARTNER_EDITOR
    user.is_superuser = role == Role.NATIONAL_ADMIN
    user.save(update_fields=["is_staff", "is_superuser"])
    user.groups.set([role_groups_sync()[role]])
    changes = {"role": role, "governorate": governorate, "district": district}
    if job_title is not None:
        changes["job_title"] = job_title
    profile, _created = StaffProfile.objects.update_or_create(user=user, defaults=changes)
    return profile


def _check_scope(*, role: str, governorate: Governorate | None, district: District | None):
    if role not in Role.values:
        raise ValidationError(_("Unknown role “%(role)s”.") % {"role": role})
    if district is not None and governorate is not None and district.governorate_id != governorate.pk:
        raise ValidationError(_("The district is not in the governorate."))
    if role == Role.DISTRICT_OFFICER and district is None:
        raise ValidationError(_("A district officer needs a district."))
    if role in (Role.GOVERNOR, Role.GOVERNORATE_STAFF) and (governorate is None or district):
        raise ValidationError(_("Governors and governorate staff need a governorate and no district."))
    if role in (Role.NATIONAL_ADMIN, Role.PARTNER_EDITOR) and (governorate or district):
        raise ValidationError(_("This role is not limited to a governorate or district."))
