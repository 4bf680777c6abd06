"""Writes of the outreach records that touch more than one row or the file store."""

from django.db import transaction

from guangde_plan.models import User

from .models import Base, BaseRecommendation, Event, EventPhoto
from .models.bases import LEVEL_RANK
from .photos import CheckedPhoto


def event_save(*, form, by: User) -> Event:
    """Save the event of a valid EventForm and the photos uploaded with it, all or nothing:
    if anything fails, no row is written and the files already stored are removed."""
    stored: list[str] = []
    try:
        with transaction.atomic():
            if form.instance.pk is None:
                form.instance.created_by = by
            event = form.save()
            for photo in form.cleaned_data.get("photos") or []:
                stored.append(_store_photo(event=event, photo=photo, by=by))
    except BaseException:
        _delete_files(stored)
        raise
    return event


def _store_photo(*, event: Event, photo: CheckedPhoto, by: User) -> str:
    row = EventPhoto(
        event=event,
        format=photo.format,
        original_name=photo.file.name[:200],
        size=photo.file.size,
        width=photo.width,
        height=photo.height,
        uploaded_by=by,
    )
    row.image.save(photo.file.name, photo.file, save=False)
    try:
        row.save()
    except BaseException:
        _delete_files([row.image.name])
        raise
    return row.image.name


def _delete_files(names) -> None:
    for name in names:
        EventPhoto._meta.get_field("image").storage.delete(name)


def event_photo_delete(*, photo: EventPhoto) -> None:
    """Delete the photo's row, and its file once the deletion is committed (a rollback
    keeps both)."""
    name = photo.image.name
    photo.delete()
    transaction.on_commit(lambda: _delete_files([name]))


@transaction.atomic
def base_recommendation_save(*, form) -> BaseRecommendation:
    """Save a valid recommendation form; a recognition above the base's level raises the
    base to it, from the day of the result (recorded in the base's history)."""
    recommendation = form.save()
    base = Base.objects.select_for_update().get(pk=recommendation.base_id)
    if (
        recommendation.outcome == BaseRecommendation.Outcome.RECOGNISED
        and LEVEL_RANK[recommendation.to_level] > LEVEL_RANK[base.level]
    ):
        base.level = recommendation.to_level
        base.level_since = recommendation.decided_on
        base.full_clean()
        base.save()
    return recommendation
