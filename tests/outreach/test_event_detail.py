"""The event page (views/events.py event_detail)."""

import datetime

import pytest
from django.urls import reverse

from outreach.models import EventPhoto

from .factories import EventFactory


def url(event):
    return reverse("outreach:event_detail", kwargs={"event_id": event.pk})


def _photo(event, n):
    return EventPhoto.objects.create(
        event=event,
        image=f"outreach/photos/x{n}.jpg",
        format="JPEG",
        original_name=f"{n}.jpg",
        size=10,
        width=1,
        height=1,
    )


def test_a_liaison_sees_an_event_of_their_unit_with_its_photos_and_may_edit(
    client, liaison, taozhou, plan_year
):
    event = EventFactory(org_unit=taozhou, held_on=datetime.date(2024, 9, 16))
    _photo(event, 1)
    client.force_login(liaison)
    response = client.get(url(event))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-key-day="science_day"' in page
    assert reverse("outreach:event_update", kwargs={"event_id": event.pk}) in page
    assert (
        reverse("outreach:event_photo_delete", kwargs={"photo_id": event.photos.get().pk}) in page
    )


def test_a_city_wide_event_is_read_by_liaisons_but_not_theirs_to_change(client, liaison, plan_year):
    event = EventFactory(org_unit=None)
    client.force_login(liaison)
    page = client.get(url(event)).content.decode()
    assert event.title in page
    assert reverse("outreach:event_update", kwargs={"event_id": event.pk}) not in page


def test_leaders_read_without_edit_links(client, leader_user, taozhou, plan_year):
    event = EventFactory(org_unit=taozhou)
    client.force_login(leader_user)
    page = client.get(url(event)).content.decode()
    assert reverse("outreach:event_update", kwargs={"event_id": event.pk}) not in page


def test_other_units_events_are_404(client, outsider, taozhou, plan_year):
    event = EventFactory(org_unit=taozhou)
    client.force_login(outsider)
    assert client.get(url(event)).status_code == 404
    assert (
        client.get(reverse("outreach:event_detail", kwargs={"event_id": 999999})).status_code == 404
    )


def test_anonymous_and_wrong_method(client, staff_user, taozhou, plan_year):
    event = EventFactory(org_unit=taozhou)
    assert client.get(url(event))["Location"].startswith(reverse("login"))
    client.force_login(staff_user)
    assert client.post(url(event)).status_code == 405


@pytest.mark.parametrize("count", [1, 20])
def test_the_query_count_does_not_grow_with_the_photos(
    client, liaison, taozhou, plan_year, django_assert_num_queries, count
):
    event = EventFactory(org_unit=taozhou)
    for n in range(count):
        _photo(event, n)
    client.force_login(liaison)
    # session, user, the event (with unit, theme, base, society, recorder, photo count and
    # whether it is writable), its photos, the plan year of its day and the bureau's
    # key-day windows, the liaison's units for the menu
    with django_assert_num_queries(7):
        response = client.get(url(event))
    assert len(response.context["photos"]) == count
