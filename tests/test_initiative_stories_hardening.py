"""Success stories after review: an unpublished initiative's story is not published, and two colleagues
writing the first story of an initiative at once get a message, not a 500."""

import pytest
from django.core.exceptions import ValidationError

from initiatives.forms.stories import StoryForm
from initiatives.models import SuccessStory
from initiatives.models.stories import StoryQuerySet
from initiatives.services.stories import story_save
from tests.conftest import client_for
from tests.test_initiative_stories import STORY_FIELDS, make_initiative, make_story

# 7. Only a published initiative's story is public ----------------------------------------------------------


def test_an_unpublished_initiatives_story_is_kept_a_draft(client, geography, qena_staff):
    initiative = make_initiative(geography, is_public=False)
    client = client_for(client, qena_staff)
    url = f"/ar/initiatives/manage/{initiative.pk}/story/"

    page = client.get(url)
    published = client.post(url, {**STORY_FIELDS, "publish": "1"})

    assert page.status_code == 200 and "alert-warning" in page.content.decode()
    assert published.status_code == 400 and not SuccessStory.objects.exists()
    draft = client.post(url, {**STORY_FIELDS, "draft": "1"})
    assert draft.status_code == 302
    assert SuccessStory.objects.get().status == SuccessStory.Status.DRAFT
    assert client.post(url, {**STORY_FIELDS, "publish": "1"}).status_code == 400
    assert SuccessStory.objects.get().status == SuccessStory.Status.DRAFT
    assert STORY_FIELDS["title_ar"] not in client.get("/ar/initiatives/stories/").content.decode()


def test_the_service_refuses_to_publish_an_unpublished_initiatives_story(geography, qena_staff):
    initiative = make_initiative(geography, is_public=False)

    with pytest.raises(ValidationError):
        story_save(form=_valid_form(), initiative=initiative, actor=qena_staff, publish=True)

    assert not SuccessStory.objects.exists()


# 8. Two first stories at once ----------------------------------------------------------------------------


def _valid_form(**fields) -> StoryForm:
    form = StoryForm({**STORY_FIELDS, **fields}, instance=None)
    assert form.is_valid(), form.errors
    return form


def test_a_story_written_meanwhile_by_a_colleague_is_refused_not_a_500(geography, qena_staff, qena_governor):
    initiative = make_initiative(geography)
    # Both opened the page before either saved: neither form holds a story.
    governors, staffs = _valid_form(title_ar="قصة المحافظ"), _valid_form(title_ar="قصة الموظف")

    story_save(form=governors, initiative=initiative, actor=qena_governor, publish=True)
    with pytest.raises(ValidationError):
        story_save(form=staffs, initiative=initiative, actor=qena_staff, publish=False)

    assert SuccessStory.objects.get().title_ar == "قصة المحافظ"


def test_the_page_answers_409_when_a_colleague_wrote_the_story_meanwhile(
    client, geography, qena_staff, monkeypatch
):
    initiative = make_initiative(geography)
    make_story(initiative, title_ar="قصة الزميل")
    # The page looked for the story before the colleague's was saved.
    monkeypatch.setattr(StoryQuerySet, "first", lambda self: None)

    response = client_for(client, qena_staff).post(
        f"/ar/initiatives/manage/{initiative.pk}/story/", {**STORY_FIELDS, "publish": "1"}
    )

    assert response.status_code == 409
    assert SuccessStory.objects.get().title_ar == "قصة الزميل"
