"""The indicators of DESIGN.md §5 and two entered by hand, with national targets.

Administrators edit them afterwards; this runs once, and only adds what is missing.
"""

from django.db import migrations

from indicators.defaults import default_indicators_ensure


def add_indicators(apps, schema_editor):
    default_indicators_ensure(
        apps.get_model("indicators", "Indicator"), apps.get_model("indicators", "Target")
    )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]

    operations = [migrations.RunPython(add_indicators, migrations.RunPython.noop)]
