"""Serving and deleting photos (views/events.py event_photo, event_photo_delete): only
through the event's scope, never from a public URL."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from outreach.models import EventPhoto

from .factories import EventFactory, image_bytes


@pytest.fixture
def photo(taozhou, plan_year):
    event = EventFactory(org_unit=taozhou)
    row = EventPhoto(
        event=event, format="PNG", original_name="现场.png", size=10, width=40, height=30
    )
    row.image.save("upload.png", ContentFile(image_bytes("PNG")), save=False)
    row.save()
    return row


def url(photo):
    return reverse("outreach:event_photo", kwargs={"photo_id": photo.pk})


def delete_url(photo):
    return reverse("outreach:event_photo_delete", kwargs={"photo_id": photo.pk})


def test_the_photo_is_served_to_those_who_see_its_event(client, liaison, leader_user, photo):
    for user in (liaison, leader_user):
        client.force_login(user)
        response = client.get(url(photo))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert b"".join(response.streaming_content) == image_bytes("PNG")
        assert response["Cache-Control"] == "private, max-age=3600"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_the_media_root_is_not_served_under_any_url(client, staff_user, photo):
    client.force_login(staff_user)
    assert client.get("/media/" + photo.image.name).status_code == 404
    assert client.get("/" + photo.image.name).status_code == 404


def test_other_units_photos_are_404(client, outsider, photo):
    client.force_login(outsider)
    assert client.get(url(photo)).status_code == 404
    assert client.post(delete_url(photo)).status_code == 404
    assert client.get(delete_url(photo)).status_code == 404  # not 405: nothing to learn
    assert EventPhoto.objects.filter(pk=photo.pk).exists()


def test_a_photo_whose_file_is_gone_is_404(client, staff_user, photo):
    photo.image.storage.delete(photo.image.name)
    client.force_login(staff_user)
    assert client.get(url(photo)).status_code == 404


def test_anonymous_users_are_sent_to_log_in(client, photo):
    assert client.get(url(photo))["Location"].startswith(reverse("login"))
    assert client.post(delete_url(photo))["Location"].startswith(reverse("login"))


def test_a_liaison_deletes_a_photo_and_the_file_goes_at_commit(
    client, liaison, photo, django_capture_on_commit_callbacks
):
    storage, name = photo.image.storage, photo.image.name
    client.force_login(liaison)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete_url(photo))
    assert response["Location"] == reverse(
        "outreach:event_detail", kwargs={"event_id": photo.event_id}
    )
    assert not EventPhoto.objects.filter(pk=photo.pk).exists()
    assert not storage.exists(name)


def test_leaders_cannot_delete_and_liaisons_not_from_a_city_wide_event(
    client, leader_user, liaison, photo
):
    client.force_login(leader_user)
    assert client.post(delete_url(photo)).status_code == 403
    photo.event.org_unit = None
    photo.event.save()
    client.force_login(liaison)
    assert client.get(url(photo)).status_code == 200
    assert client.post(delete_url(photo)).status_code == 403
    assert EventPhoto.objects.filter(pk=photo.pk).exists()


def test_wrong_methods(client, staff_user, photo):
    client.force_login(staff_user)
    assert client.post(url(photo)).status_code == 405
    assert client.get(delete_url(photo)).status_code == 405


def test_the_query_counts(client, liaison, photo, django_assert_num_queries):
    client.force_login(liaison)
    # session, user, the photo (its event in the liaison's scope, a subquery)
    with django_assert_num_queries(3):
        response = client.get(url(photo))
    b"".join(response.streaming_content)
    # session, user, the photo, whether its event is the liaison's to change, the delete
    with django_assert_num_queries(5):
        client.post(delete_url(photo))
