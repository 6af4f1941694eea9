"""Award cycles of the forum of development initiatives: themes, a jury, weighted criteria,
nominations by governorates or regions, jurors' scores and the rankings computed from them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from initiatives.models.choices import Theme
from initiatives.models.projects import Initiative
from portal.models import Governorate
from portal.scoping import ScopedQuerySet, ScopePaths
from portal.text import localized_name


class AwardCycle(models.Model):
    """One year's awards: nominations open → judging → results published."""

    class Status(models.TextChoices):
        NOMINATING = "nominating", _("Open for nominations")
        JUDGING = "judging", _("Jury at work")
        PUBLISHED = "published", _("Results published")

    title_ar = models.CharField(_("Arabic title"), max_length=300)
    title_en = models.CharField(_("English title"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    host_governorate = models.ForeignKey(
        Governorate, models.SET_NULL, null=True, blank=True, related_name="hosted_award_cycles",
        verbose_name=_("host"),
    )  # fmt: skip
    themes = models.JSONField(_("themes"), default=list, help_text=_("Codes of the themes awarded."))
    nominations_open_on = models.DateField(_("nominations open on"))
    nominations_close_on = models.DateField(_("nominations close on"))
    results_on = models.DateField(_("results announced on"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NOMINATING)
    jurors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="award_juries", verbose_name=_("jury")
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("award cycle")
        verbose_name_plural = _("award cycles")
        ordering = ["-year", "pk"]
        constraints = [
            models.CheckConstraint(
                name="award_cycle_dates_in_order",
                condition=Q(nominations_close_on__gte=F("nominations_open_on"))
                & Q(results_on__gte=F("nominations_close_on")),
                violation_error_message=_(
                    "Nominations must close after they open, and results come after nominations close."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return localized_name(self.title_ar, self.title_en)

    @property
    def theme_choices(self) -> list[tuple[str, str]]:
        return [(code, label) for code, label in Theme.choices if code in self.themes]


class AwardCriterion(models.Model):
    """What jurors score, its weight in the total, and the top of its scale."""

    cycle = models.ForeignKey(AwardCycle, models.CASCADE, related_name="criteria", verbose_name=_("cycle"))
    name_ar = models.CharField(_("Arabic name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"))
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=10)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["cycle", "-weight", "pk"]
        constraints = [
            models.CheckConstraint(
                name="criterion_weight_and_scale_positive",
                condition=Q(weight__gt=0, max_score__gt=0),
                violation_error_message=_("Weights and scales must be above zero."),
            ),
        ]

    def __str__(self) -> str:
        return localized_name(self.name_ar, self.name_en)


class NominationQuerySet(ScopedQuerySet):
    def assigned_to(self, juror):
        return self.filter(jurors=juror)


class Nomination(models.Model):
    """A governorate's or region's nomination of one of its initiatives under a theme."""

    scope_paths = ScopePaths(governorate="governorate")

    cycle = models.ForeignKey(AwardCycle, models.CASCADE, related_name="nominations", verbose_name=_("cycle"))
    initiative = models.ForeignKey(
        Initiative, models.PROTECT, related_name="nominations", verbose_name=_("initiative")
    )
    governorate = models.ForeignKey(
        Governorate, models.PROTECT, related_name="nominations", verbose_name=_("nominating governorate")
    )
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    statement = models.TextField(_("why it deserves the award"), max_length=5000)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("nominated by")
    )
    created_at = models.DateTimeField(_("nominated at"), auto_now_add=True)
    jurors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assigned_nominations",
        verbose_name=_("jurors assigned"),
    )  # fmt: skip
    # Computed when the results are published.
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    rank_in_theme = models.PositiveSmallIntegerField(_("rank in the theme"), null=True, blank=True)
    is_winner = models.BooleanField(_("winner"), default=False)

    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["cycle", "theme", "rank_in_theme", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "initiative"],
                name="nomination_once_per_cycle",
                violation_error_message=_("This initiative is already nominated in this cycle."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} · {self.get_theme_display()}"


class Score(models.Model):
    """A juror's score of a nomination on one criterion."""

    scope_paths = ScopePaths(governorate="nomination__governorate")

    nomination = models.ForeignKey(
        Nomination, models.CASCADE, related_name="scores", verbose_name=_("nomination")
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="award_scores", verbose_name=_("juror")
    )
    criterion = models.ForeignKey(
        AwardCriterion, models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    value = models.PositiveSmallIntegerField(_("score"))
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "juror", "criterion"],
                name="score_once_per_juror_and_criterion",
                violation_error_message=_("This juror already scored this criterion."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomination} · {self.criterion}: {self.value}"
