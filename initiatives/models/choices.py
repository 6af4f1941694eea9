from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    ROADS = "roads", _("Roads")
    LIGHTING = "lighting", _("Street lighting")
    WATER = "water_sewage", _("Water and sewage")
    MARKETS = "markets", _("Markets")
    HOUSING = "housing", _("Housing")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    ENVIRONMENT = "environment", _("Environment and cleanliness")
    DIGITAL = "digital", _("Digital services")
    ECONOMY = "economy", _("Economic development")
    URBAN = "urban", _("Urban planning")
    SOCIAL = "social", _("Social development")


class Theme(models.TextChoices):
    """The themes of the forum of development initiatives (Al-Madinah, 2025)."""

    SUSTAINABILITY = "sustainability", _("Sustainability and local development")
    INNOVATION = "innovation", _("Development innovation")
    NONPROFIT = "nonprofit", _("Empowering the non-profit sector")
    LOCAL_CONTENT = "local_content", _("Local content")
    MEDIA = "media", _("Development media")
    QUALITY_OF_LIFE = "quality_of_life", _("Quality of life")


class EscalationLevel(models.IntegerChoices):
    DISTRICT = 0, _("District")
    GOVERNORATE = 1, _("Governorate")
    GOVERNOR = 2, _("Governor's office")
