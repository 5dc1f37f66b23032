"""The app as gunicorn serves it for the load benchmark, plus one bench-only route.

    gunicorn bench.wsgi_bench:app

`GET /_bench/hello` answers "hello" from the same app, process and server settings as
every page: the load benchmark compares the proposal list's throughput with it (what the
server and Flask cost with no work). It is not a production route: wsgi.py never has it.
"""
from __future__ import annotations

from civic import create_app
from civic.core.permissions import public

app = create_app()


@app.get("/_bench/hello")
@public
def bench_hello():
    return "hello"
