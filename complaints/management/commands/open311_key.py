from django.core.management.base import BaseCommand

from complaints.open311.keys import open311_key_create


class Command(BaseCommand):
    help = "Issue an Open311 API key to a partner system: `open311_key create NAME` prints the key once."

    def add_arguments(self, parser):
        parser.add_argument("verb", choices=["create"])
        parser.add_argument("name")

    def handle(self, *args, verb, name, **options):
        _record, key = open311_key_create(name=name)
        self.stdout.write(key)
