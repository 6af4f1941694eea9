"""The default complaint categories of local government, with their departments and SLAs.

Administrators edit them afterwards; this runs once, and only adds categories that are missing.
"""

from django.db import migrations

from complaints.defaults import default_categories_ensure

def add_categories(apps, schema_editor):
    default_categories_ensure(apps.get_model("complaints", "Category"))


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
