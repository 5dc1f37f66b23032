"""The load: signed-in accounts support, unsupport and comment through every instance at
once, bounded in requests and time, while workers are killed with SIGKILL.

Each account is driven by one thread at a time, so what it last did to an item is known
(the "ledger"); the exception is the double submit, the same support sent three times at
once through alternating instances, which must end as one support and three successes.
"""
from __future__ import annotations

import json
import os
import random
import re
import signal
import threading
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from bench.common import NoRedirect, Reply, fetch, worker_pids
from bench.scaleout.dataset import Target

COMMENT_ID = re.compile(r"#comment-(\d+)$")
BURST = 3  # copies of one support sent at once


@dataclass
class Account:
    id: int
    email: str
    cookie: str = ""
    csrf: str = ""
    ops: int = 0


@dataclass
class Record:
    op: str  # support, unsupport, comment, burst
    account: int
    target: Target
    instance: int
    status: int
    started: float
    ended: float


@dataclass
class Outcome:
    records: list[Record] = field(default_factory=list)
    ledger: dict[tuple[int, Target], bool | None] = field(default_factory=dict)
    comments: list[tuple[int, int, Target]] = field(default_factory=list)  # (id, author, on)
    unanswered_comments: Counter = field(default_factory=Counter)  # (author, target) → n
    kills: list[tuple[float, int, int]] = field(default_factory=list)  # (time, instance, pid)
    bursts: int = 0
    overlapping_bursts: int = 0
    wrong_answers: list[str] = field(default_factory=list)
    duration: float = 0.0


_opener = urllib.request.build_opener(NoRedirect())  # no cookie jar: sessions are frozen


def send(base: str, account: Account, path: str, data: dict,
         accept_json: bool = False) -> Reply:
    headers = {"Cookie": account.cookie}
    if accept_json:
        headers["Accept"] = "application/json"
    return fetch(_opener, base + path, {"csrf_token": account.csrf, **data}, headers)


class Load:
    def __init__(self, bases: list[str], servers: list, accounts: list[Account],
                 targets: list[Target], *, requests: int, seconds: float, concurrency: int,
                 kills: int, seed: int, workers: int):
        self.bases, self.servers, self.accounts = bases, servers, accounts
        self.supportable = [t for t in targets if t.support_path]
        self.targets = targets
        self.cap, self.seconds, self.concurrency = requests, seconds, concurrency
        self.kills_wanted, self.seed, self.workers = kills, seed, workers
        self.out = Outcome()
        self.lock = threading.Lock()
        self.sent = 0
        self.deadline = 0.0

    # --- bookkeeping -----------------------------------------------------------------

    def _reserve(self, n: int = 1) -> bool:
        with self.lock:
            if self.sent + n > self.cap or time.monotonic() > self.deadline:
                return False
            self.sent += n
            return True

    def _record(self, op, account, target, instance, reply, started) -> None:
        with self.lock:
            self.out.records.append(Record(op, account.id, target, instance, reply.status,
                                           started, time.monotonic()))

    def _wrong(self, message: str) -> None:
        with self.lock:
            self.out.wrong_answers.append(message)

    # --- one operation -----------------------------------------------------------------

    def _support(self, account: Account, target: Target, wanted: bool, instance: int):
        started = time.monotonic()
        reply = send(self.bases[instance], account, target.support_path,
                     {"action": "support" if wanted else "unsupport"},
                     accept_json=target.kind == "proposal")
        self._record("support" if wanted else "unsupport", account, target, instance, reply,
                     started)
        return reply

    def _acknowledged(self, account, target, wanted: bool, reply: Reply) -> bool | None:
        """Whether the server said it did it (None: no answer, state unknown)."""
        if reply.status == 0:
            return None
        expected = 200 if target.kind == "proposal" else 302
        if reply.status != expected:
            self._wrong(f"{target.kind} {target.id} support={wanted} by {account.email}: "
                        f"HTTP {reply.status}")
            return False
        if target.kind == "proposal" and json.loads(reply.body).get("supported") != wanted:
            self._wrong(f"proposal {target.id} support={wanted} by {account.email}: "
                        f"answered {reply.body}")
        return True

    def _burst(self, account: Account, target: Target) -> None:
        barrier = threading.Barrier(BURST)
        replies: list[tuple[float, float, Reply]] = [None] * BURST  # type: ignore[list-item]

        def one(n: int) -> None:
            instance = (account.ops + n) % len(self.bases)
            barrier.wait(timeout=10)
            started = time.monotonic()
            reply = send(self.bases[instance], account, target.support_path,
                         {"action": "support"}, accept_json=target.kind == "proposal")
            replies[n] = (started, time.monotonic(), reply)
            self._record("burst", account, target, instance, reply, started)

        threads = [threading.Thread(target=one, args=(n,)) for n in range(BURST)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        answered = [self._acknowledged(account, target, True, r) for _, _, r in replies]
        with self.lock:
            self.out.bursts += 1
            if max(s for s, _, _ in replies) < min(e for _, e, _ in replies):
                self.out.overlapping_bursts += 1
            # One answered success is enough to know the support exists.
            self.out.ledger[(account.id, target)] = True if any(answered) else None

    def _comment(self, account: Account, target: Target, instance: int) -> None:
        started = time.monotonic()
        body = (f"Commentaire {account.ops} de {account.email.split('@')[0]} : "
                f"avis sur l'élément {target.id}, envoyé sous charge.")
        reply = send(self.bases[instance], account, target.comment_path,
                     {"body": body, "alignment": ("for", "against", "neutral")[account.ops % 3],
                      "organization": "0", "parent_id": ""})
        self._record("comment", account, target, instance, reply, started)
        if reply.status == 0:
            with self.lock:
                self.out.unanswered_comments[(account.id, target)] += 1
            return
        match = COMMENT_ID.search(reply.location) if reply.status == 302 else None
        if match is None:
            self._wrong(f"comment on {target.kind} {target.id} by {account.email}: "
                        f"HTTP {reply.status} {reply.location}")
            return
        with self.lock:
            self.out.comments.append((int(match.group(1)), account.id, target))

    def _vote(self, account: Account, comment_id: int, value: str, copies: int) -> None:
        """Vote on someone's comment, `copies` times at once (through alternating
        instances): whatever the order, the counters must equal the votes."""
        target = Target("comment", comment_id)

        def one(n: int) -> None:
            instance = (account.ops + n) % len(self.bases)
            started = time.monotonic()
            reply = send(self.bases[instance], account, f"/comments/{comment_id}/vote",
                         {"value": value})
            self._record("vote", account, target, instance, reply, started)
            if reply.status not in (0, 302):
                self._wrong(f"vote on comment {comment_id} by {account.email}: "
                            f"HTTP {reply.status}")

        threads = [threading.Thread(target=one, args=(n,)) for n in range(copies)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def step(self, account: Account, rng: random.Random) -> bool:
        """One operation by `account`; False once the budget is spent."""
        instance = (account.id + account.ops) % len(self.bases)
        account.ops += 1
        draw = rng.random()
        if draw < 0.1:
            with self.lock:
                others = [c for c in self.out.comments[-200:] if c[1] != account.id]
            if others:
                copies = 2 if rng.random() < 0.3 else 1
                if not self._reserve(copies):
                    return False
                self._vote(account, rng.choice(others)[0], rng.choice(("up", "down")), copies)
                return True
        if draw < 0.35:
            if not self._reserve():
                return False
            self._comment(account, rng.choice(self.targets), instance)
            return True
        target = rng.choice(self.supportable)
        supported = self.out.ledger.get((account.id, target), False)
        if not supported and rng.random() < 0.1:
            if not self._reserve(BURST):
                return False
            self._burst(account, target)
            return True
        wanted = (rng.random() < 0.3) if supported else (rng.random() < 0.85)
        if not self._reserve():
            return False
        reply = self._support(account, target, wanted, instance)
        acknowledged = self._acknowledged(account, target, wanted, reply)
        if acknowledged is None:
            self.out.ledger[(account.id, target)] = None
        elif acknowledged:
            self.out.ledger[(account.id, target)] = wanted
        return True

    # --- the run -------------------------------------------------------------------------

    def _drive(self, n: int) -> None:
        rng = random.Random(self.seed * 1000 + n)
        mine = self.accounts[n::self.concurrency]
        while mine:
            for account in mine:
                if not self.step(account, rng):
                    return

    def _killer(self, done: threading.Event) -> None:
        """SIGKILL one worker at evenly spaced points of the budget; the master starts
        a new one, which must be back before the next kill."""
        rng = random.Random(self.seed)
        for k in range(self.kills_wanted):
            mark = (k + 1) / (self.kills_wanted + 1)
            while not done.is_set() and self.sent < mark * self.cap and \
                    time.monotonic() < self.deadline - (1 - mark) * self.seconds:
                time.sleep(0.05)
            if done.is_set():
                return
            instance = k % len(self.servers)
            pids = worker_pids(self.servers[instance])
            if not pids:
                continue
            pid = rng.choice(pids)
            os.kill(pid, signal.SIGKILL)
            with self.lock:
                self.out.kills.append((time.monotonic(), instance, pid))
            wait_for_workers(self.servers[instance], self.workers, exclude={pid})

    def run(self) -> Outcome:
        started = time.monotonic()
        self.deadline = started + self.seconds
        done = threading.Event()
        killer = threading.Thread(target=self._killer, args=(done,))
        killer.start()
        try:
            with ThreadPoolExecutor(self.concurrency) as pool:
                list(pool.map(self._drive, range(self.concurrency)))
        finally:
            done.set()
            killer.join()
        self.out.duration = time.monotonic() - started
        return self.out


def wait_for_workers(server, count: int, exclude=(), timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pids = worker_pids(server)
        if len(pids) >= count and not set(pids) & set(exclude):
            return True
        time.sleep(0.1)
    return False


def login_all(bases: list[str], accounts: list[Account], password: str,
              concurrency: int) -> None:
    """Log every account in (through alternating instances) and keep its session cookie
    and CSRF token."""
    from bench.common import Client

    def one(n_account):
        n, account = n_account
        client = Client(bases[n % len(bases)])
        client.login(account.email, password)
        account.csrf = client.csrf("/about")
        account.cookie = client.cookie_header()

    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, enumerate(accounts)))
