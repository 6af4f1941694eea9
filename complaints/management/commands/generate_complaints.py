import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from complaints.synthetic import generate_complaints
from portal.models import District

SAFE_SMS_BACKENDS = {"complaints.sms.ConsoleBackend", "complaints.sms.MemoryBackend"}


class Command(BaseCommand):
    help = "Insert realistic synthetic complaints across districts and months (for demos and benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--governorate", help="Only this governorate's districts (code, e.g. EG27).")
        parser.add_argument("--months", type=int, default=12)
        parser.add_argument(
            "--allow-real-sms",
            action="store_true",
            help="Run even with a real SMS gateway (synthetic numbers may be real people's).",
        )

    def handle(self, *args, count, seed, governorate, months, allow_real_sms, **options):
        if count < 1 or months < 1:
            raise CommandError("--count and --months must be at least 1.")
        if settings.SMS_BACKEND not in SAFE_SMS_BACKENDS and not allow_real_sms:
            raise CommandError(
                "SMS_BACKEND sends real messages, and follow-up jobs would text the synthetic numbers. "
                "Use the console backend, or pass --allow-real-sms."
            )
        districts = District.objects.select_related("governorate").order_by("code")
        if governorate:
            districts = districts.filter(governorate__code=governorate)
        districts = list(districts)
        if not districts:
            raise CommandError("No districts: run load_geography first, or check --governorate.")
        start = time.perf_counter()
        inserted = generate_complaints(districts=districts, count=count, seed=seed, months=months)
        seconds = time.perf_counter() - start
        self.stdout.write(f"{inserted} complaints in {seconds:.1f} s ({inserted / seconds:,.0f}/s)")
