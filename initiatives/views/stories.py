"""Successful experiences: the public library of stories, a story's page, "we replicated this",
and writing a completed initiative's story."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives.forms.stories import ReplicationForm, StoryForm
from initiatives.models import Initiative, InitiativePartner, Replication, Sector, SuccessStory, Theme
from initiatives.services.access import governorate_editor
from initiatives.services.stories import story_replicate, story_save
from portal.models import Governorate
from portal.scoping import Scope
from programs.models import Organization

# Public pages ------------------------------------------------------------------------------------


def story_list(request):
    chosen = {key: request.GET.get(key, "").strip() for key in ("q", "theme", "governorate", "sector")}
    stories = _filtered_stories(chosen).select_related("initiative__governorate").annotate(
        replication_count=Count("replications")
    )  # fmt: skip
    return render(request, "initiatives/stories/story_list.html", {
        "stories": stories, "chosen": chosen, "themes": Theme.choices, "sectors": Sector.choices,
        "governorates": Governorate.objects.filter(
            initiatives__story__status=SuccessStory.Status.PUBLISHED
        ).distinct().order_by("code"),
    })  # fmt: skip


def _filtered_stories(chosen: dict[str, str]):
    stories = SuccessStory.objects.published()
    if chosen["q"]:
        stories = stories.search(chosen["q"])
    if chosen["theme"] in Theme.values:
        stories = stories.filter(initiative__theme=chosen["theme"])
    if chosen["sector"] in Sector.values:
        stories = stories.filter(initiative__sector=chosen["sector"])
    if chosen["governorate"]:
        stories = stories.filter(initiative__governorate__code=chosen["governorate"])
    return stories


def story_detail(request, pk: int, replication_form=None, error: str = "", status: int = 200):
    story = get_object_or_404(_published_stories(), pk=pk)
    can_replicate = _may_record_replication(request.user, story)
    if can_replicate and replication_form is None:
        replication_form = ReplicationForm(governorate_id=Scope.of(request.user).governorate_id)
    return render(request, "initiatives/stories/story_detail.html", {
        "story": story, "initiative": story.initiative,
        "replication_form": replication_form if can_replicate else None, "error": error,
        "can_edit": governorate_editor(request.user, story.initiative.governorate_id),
    }, status=status)  # fmt: skip


def _published_stories():
    verified_partners = InitiativePartner.objects.filter(
        organization__status=Organization.Status.VERIFIED
    ).select_related("organization")
    return SuccessStory.objects.published().select_related("initiative__governorate").prefetch_related(
        "initiative__districts",
        Prefetch("initiative__partners", queryset=verified_partners, to_attr="verified_partners"),
        Prefetch("replications", queryset=Replication.objects.select_related("governorate", "district")),
    )  # fmt: skip


def _may_record_replication(user, story: SuccessStory) -> bool:
    """Editors of another governorate than the story's."""
    governorate_id = Scope.of(user).governorate_id
    return (
        governorate_id is not None
        and governorate_id != story.initiative.governorate_id
        and governorate_editor(user, governorate_id)
    )


@login_required
@require_POST
def story_replicate_act(request, pk: int):
    story = get_object_or_404(SuccessStory.objects.published().select_related("initiative"), pk=pk)
    scope = Scope.of(request.user)
    if scope.governorate_id is None or not governorate_editor(request.user, scope.governorate_id):
        raise PermissionDenied
    form = ReplicationForm(request.POST, governorate_id=scope.governorate_id)
    if not form.is_valid():
        return story_detail(request, pk, replication_form=form, status=400)
    governorate = Governorate.objects.get(pk=scope.governorate_id)
    try:
        story_replicate(story=story, actor=request.user, governorate=governorate, **form.cleaned_data)
    except ValidationError as error:
        return story_detail(request, pk, replication_form=form, error=" ".join(error.messages),
                            status=_replication_refusal_status(story, governorate))  # fmt: skip
    messages.success(request, _("Your governorate's replication is recorded."))
    return redirect("initiatives:story", pk=story.pk)


def _replication_refusal_status(story: SuccessStory, governorate: Governorate) -> int:
    """409 when the governorate already recorded it (a conflict), 400 for any other refusal."""
    already = Replication.objects.filter(story=story, governorate=governorate).exists()
    return 409 if already else 400


# Staff: writing the story of a completed initiative ----------------------------------------------


@login_required
def story_edit(request, pk: int):
    initiative = get_object_or_404(Initiative.objects.for_user(request.user).distinct(), pk=pk)
    if not governorate_editor(request.user, initiative.governorate_id):
        raise PermissionDenied
    story = SuccessStory.objects.filter(initiative=initiative).first()
    form = StoryForm(request.POST or None, instance=story)
    context = {"form": form, "initiative": initiative, "story": story, "not_public": not initiative.is_public}
    if initiative.status != Initiative.Status.COMPLETED:
        context["not_completed"] = True
        return render(request, "initiatives/stories/story_form.html", context, status=400)
    if request.method != "POST":
        return render(request, "initiatives/stories/story_form.html", context)
    if form.is_valid():
        publish = "publish" in request.POST
        try:
            saved = story_save(form=form, initiative=initiative, actor=request.user, publish=publish)
        except ValidationError as error:
            form.add_error(None, error)
            if story is None and SuccessStory.objects.filter(initiative=initiative).exists():
                return render(request, "initiatives/stories/story_form.html", context, status=409)
        else:
            messages.success(request, _("Published.") if publish else _("Draft saved."))
            if saved.status == SuccessStory.Status.PUBLISHED:
                return redirect("initiatives:story", pk=saved.pk)
            return redirect("initiatives:story-edit", pk=initiative.pk)
    return render(request, "initiatives/stories/story_form.html", context, status=400)
