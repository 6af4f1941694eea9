"""The portal's URLs plus a bare DRF endpoint that validates nothing and inserts one row: the
yardstick complaint_intake.py measures the real filing endpoint against."""

from django.db import connection
from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.urls import urlpatterns as portal_urlpatterns


class BareInsert(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    def post(self, request):
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO bench_bare (body) VALUES (%s) RETURNING id",
                [request.data.get("description", "")],
            )
            row_id = cursor.fetchone()[0]
        return Response({"id": row_id}, status=201)


urlpatterns = [path("bench/bare/", BareInsert.as_view()), *portal_urlpatterns]
