"""Scale-out run: several gunicorn instances on one database under concurrent load.

    .venv/bin/python -m bench.scaleout --database postgres   # 2 instances, Redis
    .venv/bin/python -m bench.scaleout --database sqlite     # 1 instance, 4 workers

Creates a fresh database (PostgreSQL: its own database, dropped at the end; SQLite: a
temporary file), migrates it, seeds hundreds of confirmed accounts and open items, starts
the instances (one secret key, one Redis for the rate limits), logs every account in,
then sends a bounded load (--requests, --max-seconds) of supports, unsupports, comments
and triple-submitted supports through alternating instances while SIGKILLing workers.
Afterwards it checks in SQL that every counter equals its rows, that no support is
duplicated, that every answered comment and support is stored (and nothing unasked is),
that nothing answered 5xx, and that a per-account limit is one budget across instances.
Prints a summary; exits 1 on any violation. Loopback only.
"""
