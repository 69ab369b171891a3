"""HTTP rules for every answer: private caching, HSTS, and uploads refused by size."""

from __future__ import annotations

import pytest
from django.test import Client

from backstride.export.text import mib_text
from backstride.web.analysis.files import MAX_UPLOAD_BYTES as VIDEO_LIMIT
from backstride.web.analysis.models import FormCheck
from backstride.web.api.tokens import issue_token
from backstride.web.imports.services import MAX_UPLOAD_BYTES as IMPORT_LIMIT
from backstride.web.settings import SECURE_HSTS_SECONDS


@pytest.mark.parametrize("path", ["/home/", "/log/", "/progress/", "/form-checks/", "/accounts/"])
def test_signed_in_pages_are_private_and_not_stored(owner_client: Client, path: str) -> None:
    response = owner_client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_api_answers_are_private_and_not_stored(owner: object) -> None:
    _, raw = issue_token(owner, "script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get("/api/logs")["Cache-Control"] == "private, no-store"
    assert Client().get("/api/logs")["Cache-Control"] == "private, no-store"  # the 401 too


def test_public_pages_and_static_files_keep_their_caching(db: None) -> None:
    assert not Client().get("/").has_header("Cache-Control")
    assert "no-store" not in Client().get("/learn/").get("Cache-Control", "")


def test_hsts_is_off_by_default_and_sent_over_https_when_set(
    owner: object, settings: pytest.FixtureRequest
) -> None:
    assert SECURE_HSTS_SECONDS == 0  # the default of the environment variable
    assert not Client().get("/", secure=True).has_header("Strict-Transport-Security")
    settings.SECURE_HSTS_SECONDS = 31_536_000  # read when the middleware is built
    client = Client()
    assert client.get("/", secure=True)["Strict-Transport-Security"] == "max-age=31536000"
    assert not client.get("/").has_header("Strict-Transport-Security")  # plain HTTP


def test_sizes_are_shown_in_the_unit_the_limits_are_set_in() -> None:
    assert mib_text(VIDEO_LIMIT) == "200 MiB"  # 209,715,200 bytes, once shown as "210 MB"
    assert mib_text(IMPORT_LIMIT) == "50 MiB"
    assert mib_text(1.5 * 1024 * 1024) == "1.5 MiB"


def oversized_post(client: Client, path: str, declared: int) -> object:
    """A POST that claims ``declared`` bytes but sends a tiny body: only a server that
    trusts Content-Length before reading can answer it without waiting for the rest."""
    return client.generic(
        "POST",
        path,
        b"--x\r\n",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(declared),
    )


def test_an_oversized_video_is_refused_from_its_content_length(owner_client: Client) -> None:
    response = oversized_post(owner_client, "/form-checks/new/", VIDEO_LIMIT + 10 * 2**20)
    assert response.status_code == 413
    page = response.content.decode()
    assert "larger than the 200 MiB limit for a video" in page
    assert response["Connection"] == "close"
    assert not FormCheck.objects.exists()


def test_an_oversized_api_upload_is_a_json_413(owner: object) -> None:
    _, raw = issue_token(owner, "script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    response = oversized_post(client, "/api/imports", IMPORT_LIMIT + 2**20)
    assert response.status_code == 413
    assert response.json() == {
        "detail": "That upload is larger than the 50 MiB limit for an activity file. "
        "Trim or compress it and try again."
    }


def test_an_upload_within_the_limit_reaches_the_view(owner_client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    notes = SimpleUploadedFile("notes.txt", b"not a video", content_type="text/plain")
    response = owner_client.post("/form-checks/new/", {"video": notes}, follow=True)
    assert response.status_code == 200
    assert "notes.txt is not a video" in response.content.decode()
