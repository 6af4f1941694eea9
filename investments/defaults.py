"""The uses zoning permits on state assets, as the investment map offers them."""

DEFAULT_PERMITTED_USES = [
    # code, Arabic, English
    ("industrial", "صناعي", "Industrial"),
    ("commercial", "تجاري", "Commercial"),
    ("residential", "سكني", "Residential"),
    ("tourism", "سياحي وفندقي", "Tourism and hotels"),
    ("agricultural", "زراعي واستصلاح", "Agriculture and reclamation"),
    ("logistics", "تخزين ولوجستيات", "Storage and logistics"),
    ("services", "خدمي (تعليم وصحة)", "Services (education and health)"),
    ("administrative", "إداري", "Administrative"),
    ("mixed", "متعدد الاستخدامات", "Mixed use"),
]


def permitted_uses_ensure(PermittedUse) -> None:
    """Add the default uses that are missing; administrators' edits stay. Takes the model class so the
    data migration can pass its historical model."""
    for order, (code, name_ar, name_en) in enumerate(DEFAULT_PERMITTED_USES):
        PermittedUse.objects.get_or_create(
            code=code, defaults={"name_ar": name_ar, "name_en": name_en, "order": order}
        )
