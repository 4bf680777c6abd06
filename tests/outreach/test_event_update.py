"""Changing an event and adding photos to it (views/events.py event_update)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from outreach import photos
from outreach.models import EventPhoto

from .factories import EventFactory, image_upload

TODAY = datetime.datetime(2024, 10, 8, 12, tzinfo=datetime.UTC)


def url(event):
    return reverse("outreach:event_update", kwargs={"event_id": event.pk})


def data_of(event, **overrides):
    data = {
        "title": event.title,
        "kind": event.kind,
        "held_on": f"{event.held_on:%Y-%m-%d}",
        "org_unit": event.org_unit_id or "",
        "theme": "",
        "place": "",
        "organisers": "",
        "partners": "",
        "volunteer_count": "0",
        "volunteers": "",
        "experts": "",
        "audience": event.audience if event.audience is not None else "",
        "base": "",
        "society": "",
        "report": "",
    }
    data.update(overrides)
    return data


@time_machine.travel(TODAY, tick=False)
def test_a_liaison_corrects_the_audience_and_adds_photos(client, liaison, taozhou, plan_year):
    event = EventFactory(org_unit=taozhou, audience=100)
    client.force_login(liaison)
    response = client.post(
        url(event), {**data_of(event, audience="150"), "photos": [image_upload()]}
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.audience == 150
    assert event.photos.count() == 1
    assert event.history.first().history_user == liaison
    page = client.get(url(event)).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'data-testid="history"' in page


@time_machine.travel(TODAY, tick=False)
def test_an_event_keeps_at_most_the_photo_limit(client, liaison, taozhou, plan_year, monkeypatch):
    monkeypatch.setattr("outreach.forms.MAX_PHOTOS_PER_EVENT", 2)
    event = EventFactory(org_unit=taozhou)
    EventPhoto.objects.create(
        event=event,
        image="outreach/photos/a.jpg",
        format="JPEG",
        original_name="a.jpg",
        size=1,
        width=1,
        height=1,
    )
    client.force_login(liaison)
    files = [image_upload("b.jpg"), image_upload("c.jpg")]
    response = client.post(url(event), {**data_of(event), "photos": files})
    assert response.context["form"].has_error("photos", "too_many_photos")
    assert event.photos.count() == 1
    assert photos.MAX_PHOTOS_PER_UPLOAD >= 2


@time_machine.travel(TODAY, tick=False)
def test_a_negative_audience_is_refused_and_nothing_changes(client, staff_user, taozhou, plan_year):
    event = EventFactory(org_unit=taozhou, audience=100)
    client.force_login(staff_user)
    response = client.post(url(event), data_of(event, audience="-1"))
    assert response.context["form"].has_error("audience", "min_value")
    event.refresh_from_db()
    assert event.audience == 100


def test_other_units_events_are_404_and_city_wide_ones_403_to_liaisons(
    client, liaison, outsider, taozhou, plan_year
):
    event = EventFactory(org_unit=taozhou)
    client.force_login(outsider)
    assert client.get(url(event)).status_code == 404
    assert client.post(url(event), data_of(event, title="改")).status_code == 404
    city_wide = EventFactory(org_unit=None)
    client.force_login(liaison)
    assert client.get(url(city_wide)).status_code == 403
    event.refresh_from_db()
    assert event.title != "改"


def test_leaders_get_403_and_anonymous_users_log_in(client, leader_user, taozhou, plan_year):
    event = EventFactory(org_unit=taozhou)
    assert client.get(url(event))["Location"].startswith(reverse("login"))
    client.force_login(leader_user)
    assert client.get(url(event)).status_code == 403
    assert client.post(url(event), data_of(event)).status_code == 403


def test_it_refuses_other_methods(client, staff_user, taozhou, plan_year):
    client.force_login(staff_user)
    assert client.delete(url(EventFactory(org_unit=taozhou))).status_code == 405


@pytest.mark.parametrize("count", [1, 20])
def test_the_query_count_does_not_grow_with_the_history(
    client, liaison, taozhou, plan_year, django_assert_num_queries, count
):
    event = EventFactory(org_unit=taozhou)
    for n in range(count):
        event.audience = n
        event.save()
    client.force_login(liaison)
    # session, user, the event (with its relations, photo count, writable), the unit
    # choices, the themes, the bases, the societies, the history with its users, the
    # names of the units in the history, the liaison's units for the menu
    with django_assert_num_queries(10):
        response = client.get(url(event))
    assert response.status_code == 200


@time_machine.travel(TODAY, tick=False)
def test_a_base_and_society_no_longer_active_stay_on_the_event(client, liaison, taozhou, plan_year):
    from .factories import BaseFactory, SocietyFactory

    base = BaseFactory(org_unit=taozhou, is_active=False)
    society = SocietyFactory(is_active=False)
    event = EventFactory(org_unit=taozhou, base=base, society=society)
    client.force_login(liaison)
    response = client.post(url(event), data_of(event, base=base.pk, society=society.pk))
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.base, event.society) == (base, society)
    # A new event cannot pick them.
    form = client.get(reverse("outreach:event_create")).context["form"]
    assert base not in form.fields["base"].queryset
    assert society not in form.fields["society"].queryset
