"""Successful experiences: publishing a completed initiative's story, and recording replications."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Initiative, Replication, SuccessStory
from initiatives.services.access import governorate_editor
from portal.audit import audit_record
from portal.models import District, Governorate


@transaction.atomic
def story_save(*, form, initiative: Initiative, actor, publish: bool) -> SuccessStory:
    """Write (or rewrite) the story of a completed initiative, and publish it when asked."""
    if not governorate_editor(actor, initiative.governorate_id):
        raise ValidationError(_("Only the governorate's staff publish success stories."))
    if initiative.status != Initiative.Status.COMPLETED:
        raise ValidationError(_("Only a completed initiative is published as a success story."))
    story = form.save(commit=False)
    if (publish or story.status == SuccessStory.Status.PUBLISHED) and not initiative.is_public:
        # A story makes the initiative's title, cost and partners public: a draft may wait for it.
        raise ValidationError(
            _("Publish the initiative first: only a published initiative's story is public.")
        )
    is_new = story.pk is None
    story.initiative = initiative
    story.author = story.author or actor
    if publish and story.status != SuccessStory.Status.PUBLISHED:
        story.status = SuccessStory.Status.PUBLISHED
        story.published_at = timezone.now()
    try:
        with transaction.atomic():
            story.save()
    except IntegrityError:
        if not is_new:
            raise
        # Two colleagues writing the first story of the initiative at once: the second is told so.
        raise ValidationError(
            _("Someone else has just written this initiative's story: reload the page to see it.")
        ) from None
    audit_record(story, actor=actor, event="published" if publish else "saved")
    return story


@transaction.atomic
def story_replicate(
    *, story: SuccessStory, actor, governorate: Governorate, district: District | None, replicated_on: date,
    note: str = "",
) -> Replication:  # fmt: skip
    """Another governorate records that it replicated the experience."""
    if story.status != SuccessStory.Status.PUBLISHED:
        raise ValidationError(_("Only a published story can be replicated."))
    if not governorate_editor(actor, governorate.pk):
        raise ValidationError(_("You can only record replications for your own governorate."))
    if governorate.pk == story.initiative.governorate_id:
        raise ValidationError(_("The story's own governorate does not replicate it."))
    if district is not None and district.governorate_id != governorate.pk:
        raise ValidationError({"district": _("The district is not in the governorate.")})
    try:
        with transaction.atomic():
            replication = Replication.objects.create(
                story=story, governorate=governorate, district=district, replicated_on=replicated_on,
                note=note.strip(), recorded_by=actor,
            )  # fmt: skip
    except IntegrityError:
        raise ValidationError(_("This governorate already recorded replicating this story.")) from None
    return replication
