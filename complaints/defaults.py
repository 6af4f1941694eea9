"""The default complaint categories of local government, with their departments and SLAs."""

DEFAULT_CATEGORIES = [
    # code, Arabic, English, department (Arabic), department (English), SLA hours
    ("roads", "الطرق والرصف", "Roads and paving", "إدارة الطرق", "Roads department", 168),
    (
        "street_lighting",
        "إنارة الشوارع",
        "Street lighting",
        "إدارة الكهرباء والإنارة",
        "Electricity and lighting",
        48,
    ),
    (
        "water",
        "مياه الشرب",
        "Drinking water",
        "شركة مياه الشرب والصرف الصحي",
        "Water and sanitation company",
        24,
    ),
    ("sewage", "الصرف الصحي", "Sewage", "شركة مياه الشرب والصرف الصحي", "Water and sanitation company", 48),
    (
        "waste",
        "جمع القمامة والمخلفات",
        "Waste collection",
        "إدارة النظافة والتجميل",
        "Cleaning department",
        48,
    ),
    (
        "markets",
        "الأسواق والإشغالات",
        "Markets and street vending",
        "إدارة الأسواق والإشغالات",
        "Markets department",
        72,
    ),
    (
        "illegal_building",
        "مخالفات البناء",
        "Illegal building",
        "الإدارة الهندسية",
        "Engineering department",
        120,
    ),
    ("public_utilities", "المرافق العامة", "Public utilities", "إدارة المرافق", "Utilities department", 96),
    (
        "public_transport",
        "النقل العام والمواقف",
        "Public transport",
        "إدارة المواقف والنقل",
        "Transport department",
        72,
    ),
    ("other", "أخرى", "Other", "مكتب خدمة المواطنين", "Citizen service office", 120),
]


def default_categories_ensure(Category) -> None:
    """Add the default categories that are missing; administrators' edits to existing ones stay.

    Takes the model class so the data migration can pass its historical model.
    """
    for position, (code, name_ar, name_en, department_ar, department_en, sla_hours) in enumerate(
        DEFAULT_CATEGORIES
    ):
        Category.objects.get_or_create(
            code=code,
            defaults={
                "name_ar": name_ar,
                "name_en": name_en,
                "department_ar": department_ar,
                "department_en": department_en,
                "sla_hours": sla_hours,
                "position": position,
            },
        )
