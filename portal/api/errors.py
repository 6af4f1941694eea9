from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """DRF's handler, plus services' Django ValidationErrors answered as 400 with their messages."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = serializers.ValidationError(detail)
    return drf_exception_handler(exc, context)


def django_check(check, value):
    """Run a Django validator (normalize_phone, validate_national_id…) inside a serializer: its refusal
    becomes the field's error, with its translated messages."""
    try:
        return check(value)
    except DjangoValidationError as error:
        raise serializers.ValidationError(error.messages) from error


class Conflict(APIException):
    """The record's state refuses the change: already reviewed, already done, someone acted first."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
