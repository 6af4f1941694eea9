"""State changes of programs and partners."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.models import Governorate, Role
from portal.scoping import Scope
from portal.services import staff_assign
from programs.models import Agreement, Event, EventPhoto, Organization, Program, ReportingPeriod


@transaction.atomic
def organization_upsert(*, slug: str, governorates=(), **fields) -> Organization:
    """Create the partner or bring its profile up to date (seed data and imports)."""
    organization, _created = Organization.objects.update_or_create(slug=slug, defaults=fields)
    if governorates:
        organization.governorates.set(governorates)
    return organization


@transaction.atomic
def organization_register(
    *, username: str, password: str, email: str, governorates: list[Governorate], **fields
) -> Organization:
    """An NGO registers itself: its profile waits for verification by the governorates it serves,
    and its editor gets an account to keep the profile up to date."""
    if get_user_model().objects.filter(username=username).exists():
        raise ValidationError({"username": _("This username is taken.")})
    organization = Organization.objects.create(
        slug=_free_slug(fields.get("name_en") or fields["registration_number"]),
        status=Organization.Status.PENDING,
        **fields,
    )
    organization.governorates.set(governorates)
    editor = get_user_model().objects.create_user(username=username, password=password, email=email)
    staff_assign(user=editor, role=Role.PARTNER_EDITOR)
    editor.staff_profile.organization = organization
    editor.staff_profile.save(update_fields=["organization"])
    return organization


def _free_slug(text: str) -> str:
    base = slugify(text)[:50] or "ngo"
    slug, counter = base, 1
    while Organization.objects.filter(slug=slug).exists():
        counter += 1
        slug = f"{base}-{counter}"
    return slug


def organization_reviewer(user) -> bool:
    """Governors, governorate staff and national administrators review registrations."""
    profile = getattr(user, "staff_profile", None)
    return Scope.of(user).is_national or (profile is not None and profile.role in EDITOR_ROLES)


@transaction.atomic
def organization_review(
    *, organization: Organization, reviewer, verified: bool, note: str = ""
) -> Organization:
    """Staff of a governorate the NGO serves verify it (it becomes public) or reject it with a reason."""
    if not organization_reviewer(reviewer):
        raise ValidationError(_("Only governorate staff review registrations."))
    if not Organization.objects.for_user(reviewer).filter(pk=organization.pk).exists():
        raise ValidationError(_("This organisation does not serve a governorate in your scope."))
    if not verified and not note.strip():
        raise ValidationError({"note": _("Say why the registration is rejected.")})
    status = Organization.Status.VERIFIED if verified else Organization.Status.REJECTED
    updated = Organization.objects.filter(pk=organization.pk, status=Organization.Status.PENDING).update(
        status=status, review_note=note.strip(), reviewed_by=reviewer, reviewed_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("This registration was already reviewed."))
    organization.refresh_from_db()
    return organization


# A change to these makes the profile a different organisation: it is reviewed again.
IDENTITY_FIELDS = ("name_ar", "name_en", "registration_number", "org_type")


@transaction.atomic
def organization_update(*, form, actor) -> Organization:
    """The partner's editor updates its profile. A new identity or a new governorate served sends a
    verified profile back for review by the governorates it now serves."""
    organization = form.instance
    if organization_editable_by(actor) != organization:
        raise ValidationError(_("You can only update your own organisation."))
    before = set(Organization.objects.get(pk=organization.pk).governorates.values_list("pk", flat=True))
    identity_changed = any(name in form.changed_data for name in IDENTITY_FIELDS)
    organization = form.save()
    added_governorate = bool(set(organization.governorates.values_list("pk", flat=True)) - before)
    if organization.status == Organization.Status.VERIFIED and (identity_changed or added_governorate):
        organization.status = Organization.Status.PENDING
        organization.save(update_fields=["status"])
    return organization


def organization_editable_by(user) -> Organization | None:
    """The organisation a partner editor keeps (none for anyone else)."""
    profile = getattr(user, "staff_profile", None)
    if not user.is_authenticated or profile is None or profile.role != Role.PARTNER_EDITOR:
        return None
    return profile.organization


EDITOR_ROLES = {Role.NATIONAL_ADMIN, Role.GOVERNOR, Role.GOVERNORATE_STAFF}


def program_editable_by(user, program=None) -> bool:
    """National administrators edit every program; governors and governorate staff their own
    governorate's. District officers and partners read."""
    scope = Scope.of(user)
    if scope.is_national:
        return True
    profile = getattr(user, "staff_profile", None)
    if profile is None or profile.role not in EDITOR_ROLES:
        return False
    return program is None or program.lead_governorate_id == scope.governorate_id


@transaction.atomic
def program_save(*, form, partnerships, phases, actor) -> Program:
    """Save a program with its partners' roles and phases, all or nothing."""
    if not program_editable_by(actor, form.instance if form.instance.pk else None):
        raise ValidationError(_("You cannot edit programs of this governorate."))
    program = form.save(commit=False)
    if program.pk is None:
        program.created_by = actor
        program.slug = _free_program_slug(program.title_en or program.title_ar)
    program.save()
    form.save_m2m()
    for formset in (partnerships, phases):
        formset.instance = program
        formset.save()
    return program


def _free_program_slug(text: str) -> str:
    base = slugify(text, allow_unicode=False)[:60] or "program"
    slug, counter = base, 1
    while Program.objects.filter(slug=slug).exists():
        counter += 1
        slug = f"{base}-{counter}"
    return slug


def period_reportable_by(user, period: ReportingPeriod) -> bool:
    """The indicator's reporting partner's editor, or staff who may edit the program, report actuals."""
    organization = organization_editable_by(user)
    if organization is not None:
        return period.indicator.reporter_id == organization.pk
    return program_editable_by(user, period.indicator.objective.program)


OPEN_FOR_REPORTING = [ReportingPeriod.Status.DRAFT, ReportingPeriod.Status.RETURNED]


@transaction.atomic
def period_report(
    *, period: ReportingPeriod, actor, value, comment: str = "", submit: bool
) -> ReportingPeriod:
    """Record the actual of a period (a draft), or record and submit it for review.

    Submitted and approved periods are locked: the update matches only open ones.
    """
    if not period_reportable_by(actor, period):
        raise ValidationError(_("You do not report this indicator."))
    status = ReportingPeriod.Status.SUBMITTED if submit else ReportingPeriod.Status.DRAFT
    updated = ReportingPeriod.objects.filter(pk=period.pk, status__in=OPEN_FOR_REPORTING).update(
        actual_value=value, actual_comment=comment.strip(), status=status, reported_by=actor
    )
    if not updated:
        raise ValidationError(_("This period is locked: its report was submitted or approved."))
    period.refresh_from_db()
    return period


@transaction.atomic
def period_review(*, period: ReportingPeriod, reviewer, approve: bool, note: str = "") -> ReportingPeriod:
    """Staff approve a submitted actual (the period locks) or return it with a note."""
    if not program_editable_by(reviewer, period.indicator.objective.program):
        raise ValidationError(_("You cannot review reports of this program."))
    if period.reported_by_id == reviewer.pk:
        raise ValidationError(_("A report is reviewed by someone other than the person who wrote it."))
    if not approve and not note.strip():
        raise ValidationError({"note": _("Say what needs correcting.")})
    status = ReportingPeriod.Status.APPROVED if approve else ReportingPeriod.Status.RETURNED
    updated = ReportingPeriod.objects.filter(pk=period.pk, status=ReportingPeriod.Status.SUBMITTED).update(
        status=status, review_note=note.strip(), reviewed_by=reviewer, reviewed_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("Only a submitted report can be reviewed."))
    period.refresh_from_db()
    return period


@transaction.atomic
def event_save(*, form, program: Program, photos, actor) -> Event:
    """Record an event of a program, with its photos (already checked and stripped of metadata)."""
    if not program_editable_by(actor, program):
        raise ValidationError(_("You cannot edit programs of this governorate."))
    event = form.save(commit=False)
    event.program = program
    event.save()
    form.save_m2m()
    for content, content_type in photos:
        photo = EventPhoto(event=event)
        photo.image.save(f"event.{content_type.split('/')[1]}", ContentFile(content), save=True)
    return event


@transaction.atomic
def agreement_save(*, form, program: Program, actor) -> Agreement:
    """Record the protocol or memorandum a program stands on."""
    if not program_editable_by(actor, program):
        raise ValidationError(_("You cannot edit programs of this governorate."))
    agreement = form.save(commit=False)
    agreement.program = program
    agreement.save()
    form.save_m2m()
    return agreement
