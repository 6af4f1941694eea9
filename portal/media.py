"""Serving uploaded files through views that check who may see them (media is never served directly)."""

from django.http import FileResponse, Http404


def image_response(image) -> FileResponse:
    """A stored photo, cached privately by the browser."""
    extension = image.name.rsplit(".", 1)[-1].lower().replace("jpg", "jpeg")
    response = _opened(image, content_type=f"image/{extension}")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def attachment_response(stored, content_type: str) -> FileResponse:
    """A stored document, downloaded rather than shown."""
    return _opened(
        stored, content_type=content_type, as_attachment=True, filename=stored.name.rsplit("/", 1)[-1]
    )


def _opened(stored, **kwargs) -> FileResponse:
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, **kwargs)
    response["X-Content-Type-Options"] = "nosniff"
    return response
