"""Successful experiences: a completed initiative told so that others can replicate it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from initiatives.models.projects import Initiative
from portal.models import District, Governorate
from portal.scoping import ScopedQuerySet, ScopePaths
from portal.text import localized_name, normalize_arabic
from programs.models import Program


class StoryQuerySet(ScopedQuerySet):
    def published(self):
        """Published stories of initiatives that are themselves public."""
        return self.filter(status=SuccessStory.Status.PUBLISHED, initiative__is_public=True)

    def search(self, query: str):
        return self.filter(search_text__contains=normalize_arabic(query))


class SuccessStory(models.Model):
    """A completed initiative's story: problem, intervention, results, cost, lessons, how to replicate."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    scope_paths = ScopePaths(governorate="initiative__governorate", district="initiative__districts")

    initiative = models.OneToOneField(
        Initiative, models.CASCADE, related_name="story", verbose_name=_("initiative")
    )
    title_ar = models.CharField(_("Arabic title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    problem = models.TextField(_("the problem"), max_length=5000)
    intervention = models.TextField(_("the intervention"), max_length=5000)
    results = models.TextField(_("the results"), max_length=5000)
    cost = models.DecimalField(_("cost"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Program.Currency.choices, default=Program.Currency.EGP
    )
    lessons = models.TextField(_("lessons learned"), max_length=5000)
    how_to_replicate = models.TextField(_("how to replicate it"), max_length=5000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("written by")
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("success story")
        verbose_name_plural = _("success stories")
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                name="story_cost_not_negative",
                condition=Q(cost__isnull=True) | Q(cost__gte=0),
                violation_error_message=_("Amounts cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = normalize_arabic(
            " ".join(
                [self.title_ar, self.title_en, self.problem, self.intervention, self.results, self.lessons]
            )
        )
        super().save(*args, **kwargs)

    @property
    def title(self) -> str:
        return localized_name(self.title_ar, self.title_en)


class Replication(models.Model):
    """Another governorate records that it replicated a story."""

    scope_paths = ScopePaths(governorate="governorate", district="district")

    story = models.ForeignKey(
        SuccessStory, models.CASCADE, related_name="replications", verbose_name=_("success story")
    )
    governorate = models.ForeignKey(
        Governorate, models.PROTECT, related_name="replications", verbose_name=_("governorate")
    )
    district = models.ForeignKey(
        District,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="replications",
        verbose_name=_("district"),
    )
    replicated_on = models.DateField(_("started on"))
    note = models.TextField(_("how it was adapted"), blank=True, max_length=3000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("replication")
        verbose_name_plural = _("replications")
        ordering = ["-replicated_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "governorate"],
                name="replication_once_per_governorate",
                violation_error_message=_("This governorate already recorded replicating this story."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.story} · {self.governorate}"
