"""Change history of any record tracked by django-simple-history, for display."""

from django.utils.translation import gettext

SKIPPED = {"id", "created_at", "updated_at"}


def change_history(instance, *, limit: int = 50, unchanging: tuple[str, ...] = ()) -> list[dict]:
    """The record's changes, newest first: who, when, and each field's old → new value.

    A fixed number of queries whatever the length: the history rows with their users (one
    more than shown, to diff the oldest shown against), then one per foreign key that can
    change, for the names of the related records. `unchanging` names fields never worth
    showing (such as the enterprise a row belongs to).
    """
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    tracked = {field.attname for field in instance.history.model._meta.concrete_fields}
    fields = [
        field
        for field in type(instance)._meta.concrete_fields
        if field.attname in tracked
        and field.attname not in SKIPPED
        and field.name not in unchanging
    ]
    related_names = {}
    for field in fields:
        if field.is_relation:
            ids = {getattr(record, field.attname) for record in records} - {None}
            related_names[field.attname] = {
                obj.pk: str(obj) for obj in field.related_model._default_manager.filter(pk__in=ids)
            }

    def display(field, value):
        if value in (None, ""):
            return "—"
        if field.attname in related_names:
            return related_names[field.attname].get(value, value)
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return gettext("Yes") if value else gettext("No")
        return value

    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if record.history_type == "~" and previous is not None:
            for field in fields:
                old, new = getattr(previous, field.attname), getattr(record, field.attname)
                if old != new:
                    changes.append(
                        {
                            "field": field.verbose_name,
                            "old": display(field, old),
                            "new": display(field, new),
                        }
                    )
        entries.append({"record": record, "changes": changes})
    return entries
