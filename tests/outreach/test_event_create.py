"""Recording an event with its photos (views/events.py event_create)."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from outreach import photos
from outreach.models import Event, EventPhoto

from .factories import BaseFactory, SocietyFactory, ThemeFactory, image_upload

URL = reverse("outreach:event_create")
TODAY = datetime.datetime(2024, 6, 15, 12, tzinfo=datetime.UTC)


def form_data(**overrides):
    data = {
        "title": "5.30 全国科技工作者日 科技志愿服务进社区",
        "kind": "volunteer",
        "held_on": "2024-05-30",
        "org_unit": "",
        "theme": "",
        "place": "桃州镇文化广场",
        "organisers": "桃州镇科协",
        "partners": "桃州镇卫生院",
        "volunteer_count": "12",
        "volunteers": "张三、李四",
        "experts": "王专家",
        "audience": "1,200",
        "base": "",
        "society": "",
        "report": "现场发放科普资料500份。",
    }
    data.update(overrides)
    return data


@time_machine.travel(TODAY, tick=False)
@pytest.mark.smoke
def test_a_liaison_records_a_may_30_event_with_photos(client, liaison, taozhou, plan_year):
    theme = ThemeFactory(month=5, title="弘扬科学家精神")
    client.force_login(liaison)
    files = [image_upload("现场1.jpg"), image_upload("现场2.png", "PNG")]
    response = client.post(URL, {**form_data(org_unit=taozhou.pk, theme=theme.pk), "photos": files})
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("outreach:event_detail", kwargs={"event_id": event.pk})
    assert (event.org_unit, event.theme, event.audience) == (taozhou, theme, 1200)
    assert event.created_by == liaison
    assert event.history.get().history_user == liaison
    stored = list(event.photos.order_by("pk"))
    assert [(p.original_name, p.format) for p in stored] == [
        ("现场1.jpg", "JPEG"),
        ("现场2.png", "PNG"),
    ]
    # Random names under the media root, extension from the content.
    assert stored[0].image.name.startswith("outreach/photos/2024/")
    assert stored[0].image.name.endswith(".jpg") and "现场" not in stored[0].image.name
    assert stored[0].image.storage.exists(stored[0].image.name)
    page = client.get(response["Location"]).content.decode()
    assert 'data-key-day="workers_day"' in page
    assert reverse("outreach:event_photo", kwargs={"photo_id": stored[1].pk}) in page


@time_machine.travel(TODAY, tick=False)
def test_a_liaisons_single_unit_is_preselected_and_the_day_comes_from_the_key_day_page(
    client, liaison, taozhou, plan_year
):
    client.force_login(liaison)
    form = client.get(URL, {"held_on": "2024-05-30"}).context["form"]
    assert form.initial["org_unit"] == taozhou.pk
    assert form.initial["held_on"] == datetime.date(2024, 5, 30)
    # A day to come or garbage: today.
    assert client.get(URL, {"held_on": "2024-09-15"}).context["form"].initial["held_on"] == (
        datetime.date(2024, 6, 15)
    )
    assert client.get(URL, {"held_on": "x"}).context["form"].initial["held_on"] == (
        datetime.date(2024, 6, 15)
    )


@time_machine.travel(TODAY, tick=False)
def test_staff_may_record_a_city_wide_event_and_liaisons_may_not(
    client, staff_user, liaison, plan_year
):
    client.force_login(liaison)
    response = client.post(URL, form_data())
    assert response.context["form"].has_error("org_unit", "required")
    client.force_login(staff_user)
    assert client.post(URL, form_data()).status_code == 302
    assert Event.objects.get().org_unit is None


@time_machine.travel(TODAY, tick=False)
def test_a_liaison_cannot_record_for_another_unit_nor_at_its_base(
    client, liaison, xinhang, taozhou, plan_year
):
    other_base = BaseFactory(org_unit=xinhang)
    client.force_login(liaison)
    response = client.post(URL, form_data(org_unit=xinhang.pk, base=other_base.pk))
    form = response.context["form"]
    assert form.has_error("org_unit", "invalid_choice")
    assert form.has_error("base", "invalid_choice")
    assert not Event.objects.exists()


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"title": ""}, "title", "required"),
        ({"kind": "party"}, "kind", "invalid_choice"),
        ({"held_on": "2024-02-30"}, "held_on", "invalid"),
        ({"held_on": "2024-06-16"}, "held_on", "future_date"),
        ({"held_on": "2023-05-30"}, "held_on", "outside_plan_years"),
        ({"audience": "-5"}, "audience", "min_value"),
        ({"audience": "很多"}, "audience", "invalid"),
        ({"volunteer_count": "-1"}, "volunteer_count", "min_value"),
    ],
)
def test_bad_input_is_refused_beside_its_field(
    client, staff_user, plan_year, overrides, field, code
):
    client.force_login(staff_user)
    response = client.post(URL, {**form_data(**overrides), "photos": [image_upload()]})
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert "invalid-feedback" in response.content.decode()
    assert not Event.objects.exists()
    assert not EventPhoto.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_a_theme_of_another_year_is_refused(client, staff_user, plan_year):
    from guangde_plan.models import PlanYear

    other = ThemeFactory(plan_year=PlanYear.objects.create(year=2023, title="2023"), month=5)
    client.force_login(staff_user)
    response = client.post(URL, form_data(theme=other.pk))
    assert response.context["form"].has_error("theme", "theme_of_other_year")
    assert not Event.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_an_event_dated_outside_every_plan_year_says_so(client, staff_user, plan_year):
    client.force_login(staff_user)
    response = client.post(URL, form_data(held_on="2023-05-30"))
    assert "尚无2023年度计划" in str(response.context["form"].errors["held_on"])


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("make_files", "code"),
    [
        (
            lambda: [SimpleUploadedFile("report.jpg", b"%PDF-1.4 not a photo", "image/jpeg")],
            "not_an_image",
        ),
        (
            lambda: [
                image_upload("ok.jpg"),
                SimpleUploadedFile("x.png", b"MZ\x90\x00", "image/png"),
            ],
            "not_an_image",
        ),
        (
            lambda: [image_upload(f"{n}.jpg") for n in range(photos.MAX_PHOTOS_PER_UPLOAD + 1)],
            "too_many_files",
        ),
    ],
)
def test_uploads_that_are_not_photos_or_too_many_write_nothing(
    client, liaison, taozhou, plan_year, settings, make_files, code
):
    client.force_login(liaison)
    response = client.post(URL, {**form_data(org_unit=taozhou.pk), "photos": make_files()})
    assert response.status_code == 200
    assert response.context["form"].has_error("photos", code)
    assert not Event.objects.exists() and not EventPhoto.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))


@time_machine.travel(TODAY, tick=False)
def test_a_photo_too_large_is_refused_with_its_name_and_the_limit(
    client, liaison, taozhou, plan_year, monkeypatch
):
    monkeypatch.setattr(photos, "MAX_PHOTO_BYTES", 100)
    client.force_login(liaison)
    upload = image_upload("大照片.png", "PNG", size=(400, 300))
    response = client.post(URL, {**form_data(org_unit=taozhou.pk), "photos": [upload]})
    assert response.context["form"].has_error("photos", "too_large")
    assert "大照片.png" in response.content.decode()
    assert not Event.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_a_failure_while_storing_photos_leaves_no_row_and_no_file(
    client, liaison, taozhou, plan_year, settings, monkeypatch
):
    from outreach.models import EventPhoto as Photo

    calls = {"n": 0}
    original = Photo.save

    def failing_save(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Photo, "save", failing_save)
    client.force_login(liaison)
    client.raise_request_exception = False
    files = [image_upload("1.jpg"), image_upload("2.jpg")]
    response = client.post(URL, {**form_data(org_unit=taozhou.pk), "photos": files})
    assert response.status_code == 500
    assert not Event.objects.exists() and not Photo.objects.exists()
    assert not any(path.is_file() for path in settings.MEDIA_ROOT.rglob("*"))


def test_a_society_and_base_can_be_named(client, staff_user, taozhou, plan_year):
    base = BaseFactory(org_unit=taozhou)
    society = SocietyFactory()
    client.force_login(staff_user)
    response = client.post(
        URL, form_data(held_on="2024-05-30", org_unit=taozhou.pk, base=base.pk, society=society.pk)
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.base, event.society) == (base, society)


def test_leaders_get_403(client, leader_user, plan_year):
    client.force_login(leader_user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data()).status_code == 403
    assert not Event.objects.exists()


def test_anonymous_users_are_sent_to_log_in(client, plan_year):
    response = client.post(URL, form_data())
    assert response["Location"].startswith(reverse("login"))
    assert not Event.objects.exists()


def test_it_refuses_other_methods(client, staff_user):
    client.force_login(staff_user)
    assert client.put(URL).status_code == 405


@pytest.mark.parametrize("count", [2, 20])
def test_the_form_query_count_is_constant(
    client, liaison, taozhou, plan_year, django_assert_num_queries, count
):
    for month in range(1, min(count, 12) + 1):
        ThemeFactory(month=month)
    BaseFactory.create_batch(count, org_unit=taozhou)
    SocietyFactory.create_batch(count)
    client.force_login(liaison)
    # session, user, the unit choices (preselection, then rendered), the themes with their
    # plan years, the bases with their units, the societies, the liaison's units for the
    # menu
    with django_assert_num_queries(8):
        response = client.get(URL)
    assert len(response.context["form"].fields["base"].choices) == count + 1
