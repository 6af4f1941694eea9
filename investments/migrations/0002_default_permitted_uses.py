"""The default permitted uses. Administrators edit them afterwards; this only adds missing ones."""

from django.db import migrations

from investments.defaults import permitted_uses_ensure


def add_uses(apps, schema_editor):
    permitted_uses_ensure(apps.get_model("investments", "PermittedUse"))


class Migration(migrations.Migration):
    dependencies = [("investments", "0001_initial")]

    operations = [migrations.RunPython(add_uses, migrations.RunPython.noop)]
