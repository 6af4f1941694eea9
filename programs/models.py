"""Partners (organisations) of the governorates. Programs, partnerships and agreements follow."""

from auditlog.registry import auditlog
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organization(models.Model):
    """A partner: an international agency, a national program, a ministry, an NGO or a company."""

    class Kind(models.TextChoices):
        INTERNATIONAL = "international", _("International organisation")
        NATIONAL_PROGRAM = "national_program", _("National program")
        MINISTRY = "ministry", _("Ministry or government body")
        RESEARCH = "research", _("Research or training centre")
        NGO = "ngo", _("NGO or civil society")
        COMPANY = "company", _("Company")

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name_ar = models.CharField(_("Arabic name"), max_length=300)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name_en", "name_ar"]

    def __str__(self) -> str:
        return self.acronym or self.name_ar


auditlog.register(Organization)
