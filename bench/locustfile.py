"""Locust users for the load benchmark (run by bench/loadbench.py; see docs/performance.md).

LOADBENCH_DATA names a JSON file of ids sampled from the data set (public, open and most
commented proposals, theme slugs); LOADBENCH_THINK="min,max" is the think time in seconds
(0,0: a closed loop). Visitors browse anonymously; members sign in (bench accounts made by
bench/generate.py), toggle their support and comment, with the CSRF token of their
session. ListOnly and HelloOnly are for the saturation runs.
"""
from __future__ import annotations

import json
import os
import random
import re
from itertools import count

from locust import FastHttpUser, between, constant, task

CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
SEARCHES = ["velo", "velo metro", "jardin partage", "capteurs air", "stationnement",
            "arbres ecole", "garonne", "compost", "borne recharge", "pieton"]
DATA = json.loads(open(os.environ["LOADBENCH_DATA"]).read())  # noqa: SIM115 - at import
THINK = [float(x) for x in os.environ.get("LOADBENCH_THINK", "0.1,0.5").split(",")]
MEMBERS = count(1)
HEADERS = {"Accept-Language": "fr"}


def think():
    return constant(0) if THINK[1] <= 0 else between(*THINK)


def list_path() -> str:
    return f"/proposals/?page={random.randint(1, 50)}"


class Pages:
    """What every visitor does (mixed in the user classes below)."""

    def get(self, path: str, name: str, expect: int = 200):
        with self.client.get(path, name=name, headers=HEADERS, catch_response=True,
                             allow_redirects=False) as response:
            if response.status_code != expect:
                response.failure(f"HTTP {response.status_code}")

    def list_recent(self):
        self.get(list_path(), "list: recent, pages 1-50")

    def list_supports(self):
        self.get(f"/proposals/?sort=supports&page={random.randint(1, 50)}",
                 "list: by supports")

    def list_comments(self):
        self.get(f"/proposals/?sort=comments&page={random.randint(1, 20)}",
                 "list: by comments")

    def list_random(self):
        self.get(f"/proposals/?sort=random&page={random.randint(1, 20)}", "list: random")

    def list_filtered(self):
        theme = random.choice(DATA["themes"])
        extra = random.choice(["", "&status=open", "&kind=experiment", "&author=citizen",
                               "&place=1"])
        self.get(f"/proposals/?theme={theme}{extra}&page={random.randint(1, 5)}",
                 "list: theme + filter")

    def search(self):
        self.get(f"/proposals/?q={random.choice(SEARCHES).replace(' ', '+')}", "search")

    def proposal(self):
        self.get(f"/proposals/{random.choice(DATA['public'])}", "proposal page")

    def thread(self):
        sort = random.choice(["", "?sort=newest", "?sort=best"])
        self.get(f"/proposals/{random.choice(DATA['commented'])}{sort}",
                 "comments thread (most commented)")

    def plan(self):
        self.get("/plan/", "master plan")

    def experiments(self):
        self.get("/experiments/", "experiments list")

    def statistics(self):
        self.get("/statistics", "statistics")

    def api_list(self):
        self.get(f"/api/v1/proposals?page={random.randint(1, 50)}", "API proposals list")

    def hello(self):
        self.get("/_bench/hello", "hello (bench only)")


class Visitor(Pages, FastHttpUser):
    """An anonymous visitor browsing, searching and reading."""

    weight = 3
    wait_time = think()

    @task(6)
    def t_list_recent(self):
        self.list_recent()

    @task(2)
    def t_list_supports(self):
        self.list_supports()

    @task(1)
    def t_list_comments(self):
        self.list_comments()

    @task(1)
    def t_list_random(self):
        self.list_random()

    @task(2)
    def t_list_filtered(self):
        self.list_filtered()

    @task(3)
    def t_search(self):
        self.search()

    @task(5)
    def t_proposal(self):
        self.proposal()

    @task(2)
    def t_thread(self):
        self.thread()

    @task(1)
    def t_plan(self):
        self.plan()

    @task(1)
    def t_experiments(self):
        self.experiments()

    @task(1)
    def t_statistics(self):
        self.statistics()

    @task(2)
    def t_api_list(self):
        self.api_list()

    @task(1)
    def t_hello(self):
        self.hello()


class Member(Pages, FastHttpUser):
    """A signed-in resident: reads, supports then withdraws, comments."""

    weight = 1
    wait_time = think()

    def on_start(self):
        number = (next(MEMBERS) - 1) % DATA["accounts"] + 1
        page = self.client.get("/login", headers=HEADERS, name="login page").text
        response = self.client.post(
            "/login", name="login POST", headers=HEADERS, allow_redirects=False,
            data={"csrf_token": CSRF_RE.search(page).group(1),
                  "email": f"bench{number}@example.org", "password": DATA["password"]})
        if response.status_code != 302:
            raise RuntimeError(f"bench{number} could not sign in (HTTP "
                               f"{response.status_code})")
        self.token = CSRF_RE.search(self.client.get("/about", headers=HEADERS,
                                                    name="token page").text).group(1)
        self.supported = []

    def post(self, path: str, data: dict, name: str):
        with self.client.post(path, name=name, headers=HEADERS, catch_response=True,
                              allow_redirects=False,
                              data={"csrf_token": self.token, **data}) as response:
            if response.status_code != 302:
                response.failure(f"HTTP {response.status_code}")

    @task(3)
    def support_toggle(self):
        """Support an open proposal; every other time, withdraw the oldest support."""
        if self.supported and random.random() < 0.5:
            pid = self.supported.pop(0)
            self.post(f"/proposals/{pid}/support", {"action": "unsupport"},
                      "support/unsupport POST")
        else:
            pid = random.choice(DATA["open"])
            self.supported.append(pid)
            self.post(f"/proposals/{pid}/support", {"action": "support"},
                      "support/unsupport POST")

    @task(1)
    def comment(self):
        self.post(f"/comments/proposal/{random.choice(DATA['open'])}",
                  {"body": f"Avis n° {random.randrange(10**9)} : d'accord, à condition "
                           "de consulter les riverains.", "alignment": "for",
                   "organization": "0", "parent_id": ""},
                  "comment POST")

    @task(2)
    def t_proposal(self):
        self.proposal()

    @task(2)
    def t_list(self):
        self.list_recent()


class ListOnly(Pages, FastHttpUser):
    """Saturation: the proposal list (recent, pages 1-50), no think time."""

    wait_time = constant(0)

    @task
    def t_list(self):
        self.list_recent()


class HelloOnly(Pages, FastHttpUser):
    """Saturation: the bench-only hello route, no think time."""

    wait_time = constant(0)

    @task
    def t_hello(self):
        self.hello()
