"""The weekly reminder emails (issue 9).

- `items`: what an email lists (Item, Block) and the registry of *providers*, functions that
  find the items of many units, or responsible units, or the city at once, in a bounded
  number of queries. Other apps plug in with `@reminder_provider(...)`.
- `providers`, `providers_city`: the built-in providers.
- `recipients`: who gets what (users by their preferences, responsible units' contacts).
- `digest`: the bureau's weekly digest (targets, change since last week, lagging units,
  what changed).
- `build`: every recipient's message for a week, in a fixed number of queries.
- `render`: subject, text and HTML in the recipient's language, with the unsubscribe link.
- `service`: the run: one claimed delivery row per recipient and week, then the sending.
- `tokens`, `queue`: the signed unsubscribe links; enqueueing without waiting on the broker.
"""
