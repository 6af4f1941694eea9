from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from portal.models import District, Governorate, Role
from portal.services import staff_create


class Command(BaseCommand):
    help = "Create a staff user (or update an existing one) with a role and a scope."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--governorate", help="Governorate code, e.g. EG27 or SA-03.")
        parser.add_argument("--district", help="District code, e.g. EG2702.")
        parser.add_argument("--password", help="Without it the user cannot sign in until one is set.")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, role, governorate, district, password, email, **options):
        try:
            profile = staff_create(
                username=username,
                role=role,
                governorate=_lookup(Governorate, governorate),
                district=_lookup(District, district),
                password=password,
                email=email,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        scope = profile.district or profile.governorate or "—"
        self.stdout.write(self.style.SUCCESS(f"{username}: {profile.get_role_display()} · {scope}"))


def _lookup(model, code: str | None):
    if not code:
        return None
    try:
        return model.objects.get(code=code)
    except model.DoesNotExist:
        raise CommandError(f"No {model._meta.verbose_name} with code {code}.") from None
