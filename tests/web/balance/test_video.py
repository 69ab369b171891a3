"""A filmed balance test on the web: upload, worker, lines, moved frames, save; and refusals.

Real SQLite (PostgreSQL under scripts/pg-test.sh), real MediaPipe keypoints of a real
person (the shared demo clip), the task body run as the worker runs it. Bad input ends
in one sentence on the page and nothing saved.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from backstride.gait.walk_test import BackwardWalkTimer, Lines
from backstride.web.balance import files
from backstride.web.balance.models import BalanceTest, BalanceVideo, VideoStatus
from backstride.web.balance.tasks import analyse_balance_video
from backstride.web.sharing.models import CoachLink
from tests.web.balance.conftest import END_LINE, FREEZE, START_LINE

pytestmark = pytest.mark.django_db


def upload(client: Client, content: bytes, name: str = "test.mp4", kind: str = "video/mp4"):
    video = SimpleUploadedFile(name, content, content_type=kind)
    return client.post("/balance/video/", {"video": video})


def detect(client: Client, video: BalanceVideo, **fields):
    data = {"action": "detect", "start_line": START_LINE, "end_line": END_LINE, **fields}
    return client.post(f"/balance/video/{video.pk}/", data)


@pytest.mark.slow
def test_a_filmed_backward_walk_is_timed_moved_and_saved(owner, owner_client, backward_clip):
    assert upload(owner_client, backward_clip).status_code == 302
    video = BalanceVideo.objects.get()
    assert analyse_balance_video.call(video.pk) == VideoStatus.DONE
    video.refresh_from_db()
    assert video.status == VideoStatus.DONE and video.frames > 60 and video.image_width == 960
    assert not (files.folder(video.pk) / "upload.mp4").exists()  # read, then deleted
    assert files.frame_path(video.pk, video.frames - 1).is_file()
    still = owner_client.get(f"/balance/video/{video.pk}/frame/0.jpg")
    assert still.status_code == 200 and still["Content-Type"] == "image/jpeg"
    assert b"".join(still.streaming_content)[:3] == b"\xff\xd8\xff"  # a real JPEG

    page = detect(owner_client, video)
    assert page.status_code == 200, page.content.decode()[-2000:]
    timer = page.context["timer"]
    # The same library call the CLI makes, on the same stored keypoints.
    from backstride.gait.io import read_keypoints

    series = read_keypoints(files.keypoints_path(video.pk))
    direct = BackwardWalkTimer().detect(series, lines=Lines(START_LINE, END_LINE))
    assert (timer.start_frame_, timer.end_frame_) == (direct.start_frame_, direct.end_frame_)
    assert abs(round(timer.start_s_ * 30) - (FREEZE + 1)) <= 2  # the first frame that moves
    html = page.content.decode()
    assert f'name="start_frame" value="{timer.start_frame_}"' in html
    assert f"frame/{timer.end_frame_}.jpg" in html

    # Bad marking: one sentence, nothing saved.
    swapped = detect(owner_client, video, start_line=END_LINE, end_line=START_LINE)
    assert swapped.status_code == 400 and "swapped" in swapped.context["problem"]
    backwards = detect(
        owner_client,
        video,
        action="save",
        start_frame=timer.end_frame_,
        end_frame=timer.start_frame_,
        present="helper",
        helper_confirmed="on",
    )
    assert backwards.status_code == 400
    assert "must come after the start" in backwards.context["problem"]
    too_quick = detect(
        owner_client,
        video,
        action="save",
        start_frame=timer.start_frame_,
        end_frame=timer.start_frame_ + 5,
        present="helper",
        helper_confirmed="on",
    )
    assert too_quick.status_code == 400 and "faster than 1 s" in too_quick.context["problem"]
    far = detect(owner_client, video, end_line=955)
    assert far.status_code == 400 and "3 m line" in far.context["problem"]
    alone = detect(owner_client, video, action="save", present="helper")
    assert alone.status_code == 400 and "helper" in alone.context["problem"]
    assert not BalanceTest.objects.exists()

    # Moved by one frame each, then saved: the saved time is the moved one.
    moved_end = timer.end_frame_ + 1
    saved = detect(
        owner_client,
        video,
        action="save",
        start_frame=timer.start_frame_ - 1,
        end_frame=moved_end,
        present="helper",
        helper_confirmed="on",
        group="older-adult",
    )
    assert saved.status_code == 302, saved.content.decode()[-1500:]
    test = BalanceTest.objects.get()
    times = video.frame_times
    expected = times[moved_end] - times[timer.start_frame_ - 1]
    assert test.source == "video" and test.trial_seconds() == [pytest.approx(expected, abs=0.006)]
    video.refresh_from_db()
    assert video.test_id == test.pk
    again = detect(owner_client, video, action="save", present="helper", helper_confirmed="on")
    assert again.status_code == 200 and BalanceTest.objects.count() == 1  # saved once


@pytest.mark.slow
def test_a_forward_walk_is_refused_by_the_worker_with_the_timers_sentence(
    owner, owner_client, forward_clip
):
    upload(owner_client, forward_clip)
    video = BalanceVideo.objects.get()
    assert analyse_balance_video.call(video.pk) == VideoStatus.FAILED
    video.refresh_from_db()
    assert video.error == "no backward movement: the person walks forward (the way they face)"
    assert not files.folder(video.pk).exists()
    page = owner_client.get(f"/balance/video/{video.pk}/").content.decode()
    assert "This video cannot be timed: no backward movement" in page
    assert not BalanceTest.objects.exists()


def test_not_a_video_is_refused_at_upload_and_nothing_is_kept(owner_client, media_root):
    response = upload(owner_client, b"shopping list\n", name="notes.txt", kind="text/plain")
    assert response.status_code == 400
    assert "is not a video" in response.context["problem"]
    assert not BalanceVideo.objects.exists()
    assert not (media_root / "balance-videos").exists()


def test_a_text_file_named_like_a_video_fails_with_the_decoders_sentence(owner_client):
    upload(owner_client, b"this is a shopping list\n" * 40, name="holiday.mp4")
    video = BalanceVideo.objects.get()
    assert analyse_balance_video.call(video.pk) == VideoStatus.FAILED
    video.refresh_from_db()
    assert video.error.startswith("holiday.mp4: ") and "upload.mp4" not in video.error


def ready_video(athlete) -> BalanceVideo:
    video = BalanceVideo.objects.create(
        athlete=athlete,
        uploaded_by=athlete,
        original_name="walk.mp4",
        status=VideoStatus.DONE,
        fps=30.0,
        image_width=960,
        frame_times=[i / 30 for i in range(3)],
    )
    path = files.frame_path(video.pk, 0)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xd8\xff\xe0 a jpeg")
    return video


def test_owner_and_linked_coach_see_a_video_others_get_404(
    owner, owner_client, coach, stranger_client
):
    video = ready_video(owner)
    urls = (f"/balance/video/{video.pk}/", f"/balance/video/{video.pk}/frame/0.jpg")
    for url in urls:
        assert owner_client.get(url).status_code == 200
        assert stranger_client.get(url).status_code == 404
    coach_client = Client()
    coach_client.force_login(coach)
    assert coach_client.get(urls[0]).status_code == 404  # not linked yet
    CoachLink.objects.create(coach=coach, athlete=owner)
    for url in urls:
        assert coach_client.get(url).status_code == 200
    assert owner_client.get(f"/balance/video/{video.pk}/frame/7.jpg").status_code == 404
    # A stranger cannot time or save someone else's video either.
    posted = stranger_client.post(
        urls[0], {"action": "save", "start_line": 1, "end_line": 2, "present": "helper"}
    )
    assert posted.status_code == 404 and not BalanceTest.objects.exists()


def test_a_deleted_video_takes_its_files(owner, django_capture_on_commit_callbacks):
    video = ready_video(owner)
    folder = files.folder(video.pk)
    with django_capture_on_commit_callbacks(execute=True):
        video.delete()
    assert not folder.exists()
