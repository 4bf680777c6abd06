"""Importing a ledger: `plan_import` judges every row and describes what would change,
writing nothing; `apply_import` writes a plan without errors, all or nothing.

    ledger = read_ledger(upload, filename=upload.name)   # LedgerFileError: refused file
    plan = plan_import(ledger, user=request.user)        # plan.errors, plan.changes, …
    if plan.ok and confirmed:
        apply_import(plan, user=request.user)            # ImportRefused: nothing written

Rows are matched on their keys (schema), so importing a file again updates the records it
made instead of adding them twice, and a file exported unchanged changes nothing.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from enterprises.services import pipeline_move, pipeline_start
from guangde_plan import figures_cache
from guangde_plan.models import User

from .lookups import Lookups
from .parsing import collect_keys, message_of, parse_ledger
from .planning import Planner
from .reading import Ledger
from .results import Ignored, ImportPlan, ImportRefused, ImportResult, RowError
from .schema import PIPELINES, SHEETS, SHEETS_BY_NAME

# The change reason on every history row an import writes (a record, not interface text:
# stored, and the same whatever the importer's language), followed by the file's name.
CHANGE_REASON = "导入台账"
BATCH_SIZE = 1000


def _check_writer(user: User) -> None:
    if not (user.is_authenticated and user.can_write):
        raise PermissionDenied(_("Read-only users cannot import a ledger."))


def plan_import(ledger: Ledger, *, user: User) -> ImportPlan:
    """What importing `ledger` as `user` would do. Reads the records it needs in a fixed
    number of queries whatever the length of the file, and writes nothing."""
    _check_writer(user)
    plan = ImportPlan(ledger=ledger, user=user)
    plan.ignored = [Ignored(name) for name in ledger.ignored_sheets] + [
        Ignored(data.sheet.name, column)
        for data in ledger.sheets
        for column in data.ignored_columns
    ]
    parsed = parse_ledger(ledger, plan.errors)
    plan.keys = collect_keys(parsed)
    lookups = Lookups(keys=plan.keys, user=user)
    plan.state = lookups.state
    Planner(plan, lookups, timezone.localdate()).run(parsed)
    order = {sheet.name: index for index, sheet in enumerate(SHEETS)}

    def position(item):
        sheet = SHEETS_BY_NAME.get(item.sheet)
        column = getattr(item, "column", "")
        headers = sheet.headers if sheet else ()
        return (
            order.get(item.sheet, -1),
            item.row,
            headers.index(column) if column in headers else -1,
        )

    plan.errors.sort(key=position)
    plan.changes.sort(key=position)
    return plan


def apply_import(plan: ImportPlan, *, user: User) -> ImportResult:
    """Write what `plan` previewed, in one transaction, every change in the history as made
    by `user`. The records the plan was judged against are read again inside the
    transaction: when they changed since (someone saved in between), ImportRefused and
    nothing is written, so what the user confirmed is exactly what gets written."""
    _check_writer(user)
    if plan.user.pk != user.pk:
        raise ValueError("A plan is applied by the user it was made for.")
    if not plan.ok:
        raise ImportRefused(plan.errors)
    try:
        with transaction.atomic():
            if Lookups(keys=plan.keys, user=user).state != plan.state:
                message = _(
                    "The records changed since the preview, so nothing was written: "
                    "check the preview again."
                )
                raise ImportRefused([RowError("", 0, "", message)])
            _write(plan, user)
            # Bulk writes send no signals: the cached dashboard figures are stale now
            # (bumped now for the rest of this transaction and again at commit).
            figures_cache.invalidate()
    except IntegrityError as error:
        # A save between the check above and the writes took a number or a year.
        message = _(
            "Someone else saved the same number or year just now. Nothing was saved: "
            "check the record and try again."
        )
        raise ImportRefused([RowError("", 0, "", message)]) from error
    return ImportResult(plan)


def _write(plan: ImportPlan, user: User) -> None:
    reason = f"{CHANGE_REASON} {plan.ledger.filename}"[:100]
    history = {"default_user": user, "default_change_reason": reason, "batch_size": BATCH_SIZE}
    for sheet in SHEETS:
        writes = [write for write in plan.writes if write.sheet == sheet.name]
        if sheet is PIPELINES:
            _write_pipelines(writes, user, reason)
            continue
        # Children of enterprises created just before: bulk_create copies their new ids.
        new = [write.instance for write in writes if write.created]
        bulk_create_with_history(new, sheet.model, **history)
        updates = [write for write in writes if not write.created]
        if updates:
            fields = sorted({name for write in updates for name in write.fields})
            instances = [write.instance for write in updates]
            _update_rows(sheet.model, instances, fields)
            # Without fields the helper writes only the history rows, as updated just now.
            bulk_update_with_history(instances, sheet.model, [], **history)


def _update_rows(model, instances, fields: list[str]) -> None:
    """One UPDATE … WHERE pk statement run for every row (executemany). Django's
    bulk_update builds a CASE expression per row and field in Python: 30,000 figures took
    20 s with it, 4 s like this."""
    if any(f.name == "updated_at" for f in model._meta.fields):
        now = timezone.now()  # auto_now is applied by save() only
        for instance in instances:
            instance.updated_at = now
        fields = [*fields, "updated_at"]
    meta, quote = model._meta, connection.ops.quote_name
    columns = [meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"
    rows = [
        [column.get_db_prep_save(getattr(obj, column.attname), connection) for column in columns]
        + [obj.pk]
        for obj in instances
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _write_pipelines(writes, user: User, reason: str) -> None:
    """Through the pipeline services, so that their rules hold and every move is recorded;
    a refusal here (the plan checked the same rules) undoes the whole import."""
    today = timezone.localdate()
    for write in writes:
        entry = write.instance
        try:
            if write.created:
                pipeline_start(
                    enterprise=entry.enterprise,
                    track=entry.track,
                    plan_year=entry.plan_year,
                    stage=write.stage,
                    on=today,
                    by=user,
                    note=reason,
                )
            else:
                pipeline_move(entry=entry, to_stage=write.stage, on=today, by=user, note=reason)
        except ValidationError as error:
            raise ImportRefused(
                [RowError(PIPELINES.name, write.row, "阶段", message_of(error))]
            ) from error
