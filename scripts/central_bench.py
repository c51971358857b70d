#!/usr/bin/env python3
"""Central PostgreSQL benchmarks (issue 20): three figures in one run.

    python3 scripts/central_bench.py target/release/ventanilla

1. One branch-month to a fresh central: a branch database with 20 windows and about 200,000
   records of November 2026 (turns, their events, ratings, attentions, PQRS and their events),
   written with Python's sqlite3 so that the branch's own outbox triggers fill `sync_outbox`;
   then the wall clock of one `ventanilla sync` to a freshly migrated central, and a check that
   central holds as many rows per table as the branch.
2. The month report over 50 branches' months: the synced branch's rows copied at central under
   49 more branch codes (5 seccionales) with SQL, VACUUM ANALYZE, then the wall clock of
   `ventanilla central report month 2026-11 --format json` (3 runs).
3. Sync lag under continuous load: 50 branch databases (copies of one fresh `init`, each with
   its own branch_code, never synced before the copy so each makes its own identity), one
   writer thread per branch (a new turn and its `issue` event every ~2 s, and the oldest waiting
   turn called, attended, finished and rated in the same transaction), one
   `ventanilla sync --watch --every 5s` process per branch, for 120 s. A poller asks central for
   each branch's highest turn id every 0.2 s; a turn's lag is the first poll that saw it minus
   the moment its branch transaction committed.

Runs its own PostgreSQL 15 cluster (initdb -A trust -U ventanilla, defaults: fsync and
synchronous_commit on) on a free loopback port in a temporary directory, and removes both at
the end. As root, PostgreSQL runs as the `postgres` user. Python 3.11 standard library and the
psql client only. Environment: LOAD_SECONDS (default 120), BRANCHES (default 50),
PG_BIN (default /usr/lib/postgresql/15/bin), STEPS (default 123; step 1 always runs), KEEP=1
(leave the cluster and files for inspection).
"""

import datetime as dt
import fcntl
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time

PG_BIN = os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin")
LOAD_SECONDS = float(os.environ.get("LOAD_SECONDS", "120"))
BRANCHES = int(os.environ.get("BRANCHES", "50"))
MONTH = (2026, 11)
HOLIDAYS = {dt.date(2026, 11, 2), dt.date(2026, 11, 16)}  # Colombia, November 2026
UTC_OFFSET = dt.timedelta(hours=-5)  # the default [branch] utc_offset
WINDOWS = 20
TARGET_RECORDS = 200_000
SERVICES = "RAEVSFP"
# Every kind the branch sends (src/central/kinds.rs), to compare counts.
KINDS = ["turns", "turn_events", "attentions", "ratings", "pqrs", "pqrs_events",
         "pqrs_answers", "work_orders", "pqrs_deliveries", "attachments", "consents",
         "customers", "customer_changes", "users", "deletions"]
PARTITIONED = {"turns", "turn_events", "attentions", "ratings", "audit_heads"}


def log(*a):
    print(*a, flush=True)


def iso(t):
    """A UTC datetime as the branches store instants."""
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------------------------------------
# PostgreSQL cluster


class Cluster:
    def __init__(self, tmp):
        self.dir = os.path.join(tmp, "pg")
        os.mkdir(self.dir)
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(tmp, "postgres")
            shutil.chown(self.dir, "postgres")
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        self.url = f"postgresql://ventanilla@127.0.0.1:{self.port}/central"
        self.data = os.path.join(self.dir, "data")
        self.run([f"{PG_BIN}/initdb", "-D", self.data, "-A", "trust", "-U", "ventanilla"])
        self.run([f"{PG_BIN}/pg_ctl", "-D", self.data, "-l", os.path.join(self.dir, "log"),
                  "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1",
                  "-w", "start"])
        self.psql("CREATE DATABASE central", db="postgres")

    def run(self, cmd):
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--"] + cmd
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)

    def psql(self, sql, db="central"):
        out = subprocess.run(
            ["psql", "-XAtq", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(self.port),
             "-U", "ventanilla", "-d", db, "-c", sql],
            check=True, capture_output=True, text=True)
        return out.stdout

    def rows(self, sql):
        return [line.split("|") for line in self.psql(sql).splitlines() if line]

    def postmaster_pid(self):
        with open(os.path.join(self.data, "postmaster.pid")) as f:
            return int(f.readline())

    def stop(self):
        try:
            self.run([f"{PG_BIN}/pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"])
        except Exception as e:  # noqa: BLE001 - best effort at the end
            log(f"(stopping PostgreSQL failed: {e})")


class Psql:
    """A long-lived psql reading queries from a pipe (cheap polling)."""

    def __init__(self, cluster):
        self.p = subprocess.Popen(
            ["psql", "-XAtq", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "ventanilla",
             "-d", "central"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def query(self, sql):
        self.p.stdin.write(sql.rstrip(";") + ";\n\\echo __END__\n")
        self.p.stdin.flush()
        out = []
        for line in self.p.stdout:
            line = line.rstrip("\n")
            if line == "__END__":
                return out
            if line:
                out.append(line.split("|"))
        raise RuntimeError("psql ended")

    def close(self):
        self.p.stdin.close()
        self.p.wait()


# ---------------------------------------------------------------------------------------------
# Branch databases


def init_branch(binary, db, code, name):
    env = dict(os.environ, VENTANILLA_PIN_COSTE="pruebas")
    subprocess.run([binary, "--db", db, "init", "--branch", name, "--code", code,
                    "--admin", "admin"], input="123456\n", text=True, check=True, env=env,
                   capture_output=True)


def connect(db):
    conn = sqlite3.connect(db, timeout=30, isolation_level=None)
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def business_days(year, month):
    d = dt.date(year, month, 1)
    out = []
    while d.month == month:
        if d.weekday() < 5 and d not in HOLIDAYS:
            out.append(d)
        d += dt.timedelta(days=1)
    return out


def fill_branch_month(db, code, rng):
    """Writes a busy month into the branch: returns per-table counts written."""
    conn = connect(db)
    now = iso(dt.datetime(2026, 11, 1, 12, 0))
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT OR IGNORE INTO windows (number) VALUES (?)",
                     [(w,) for w in range(1, WINDOWS + 1)])
    conn.executemany(
        "INSERT INTO users (username, name, role, pin_hash, created_at, created_by) "
        "VALUES (?, ?, 'asesor', '!', ?, 'admin')",
        [(f"asesor{w:02d}", f"Asesor {w:02d}", now) for w in range(1, WINDOWS + 1)])
    conn.execute("COMMIT")
    days = business_days(*MONTH)
    # Records per turn: finished 1 + 4 events + 1 rating (+ 0.1 attention), no-show 1 + 3,
    # cancelled 1 + 2; about 5.9 on average. PQRS add about 1,500.
    per_window_day = round((TARGET_RECORDS - 1_500) / 5.9 / len(days) / WINDOWS)
    doc_pool = [str(rng.randrange(10_000_000, 1_200_000_000)) for _ in range(25_000)]
    turn_id = event_id = rating_id = attention_id = 0
    for day in days:
        opens = dt.datetime.combine(day, dt.time(8, 0)) - UTC_OFFSET  # UTC
        slot = 9 * 3600 / per_window_day
        turns = []
        for w in range(1, WINDOWS + 1):
            svcs = [SERVICES[(w + k) % len(SERVICES)] for k in range(2)]
            t = opens + dt.timedelta(seconds=rng.uniform(0, 300))
            for _ in range(per_window_day):
                call = t
                issued = call - dt.timedelta(seconds=rng.randint(30, 1800))
                if issued < opens - dt.timedelta(minutes=10):
                    issued = opens - dt.timedelta(minutes=rng.randint(0, 10))
                r = rng.random()
                status = "finished" if r < 0.90 else "no_show" if r < 0.96 else "cancelled"
                started = call + dt.timedelta(seconds=rng.randint(10, 40))
                finished = started + dt.timedelta(seconds=rng.uniform(0.5, 0.85) * slot)
                turns.append((issued, call, started, finished, status, w,
                              rng.choice(svcs)))
                t = call + dt.timedelta(seconds=slot * rng.uniform(0.9, 1.1))
        turns.sort(key=lambda x: x[0])
        seqs = {}
        trows, erows, rrows, arows = [], [], [], []
        for issued, call, started, finished, status, w, svc in turns:
            turn_id += 1
            seqs[svc] = seqs.get(svc, 0) + 1
            seq = seqs[svc]
            advisor = f"asesor{w:02d}"
            has_doc = rng.random() < 0.7
            doc = rng.choice(doc_pool) if has_doc else None
            ev = [(issued, "issue", None, "kiosco")]
            if status == "cancelled":
                ev.append((call, "cancel", None, "kiosco"))
                row = (None, None, None, None, None)
            elif status == "no_show":
                ev += [(call, "call", w, advisor), (started, "no_show", w, advisor)]
                row = (iso(call), None, None, w, advisor)
            else:
                ev += [(call, "call", w, advisor), (started, "start", w, advisor),
                       (finished, "finish", w, advisor)]
                row = (iso(call), iso(started), iso(finished), w, advisor)
            trows.append((turn_id, day.isoformat(), svc, f"{svc}-{seq:03d}", svc, seq,
                          "CC" if has_doc else None, doc, status, iso(issued), iso(issued))
                         + row)
            for at, kind, win, actor in ev:
                event_id += 1
                erows.append((event_id, turn_id, iso(at), kind, win, actor))
            if status == "finished":
                rating_id += 1
                score = rng.choices([5, 4, 3, 2, 1, None], [50, 30, 10, 5, 3, 2])[0]
                rrows.append((rating_id, turn_id, w, advisor, svc, score,
                              iso(finished + dt.timedelta(seconds=20)), f"rate:{w}"))
                if rng.random() < 0.1:
                    attention_id += 1
                    arows.append((attention_id, None, turn_id, "ventanilla", svc, 1,
                                  "Consulta", advisor, iso(started), iso(finished)))
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO turns (id, day, service, label, issuing_service, seq, doc_type, "
            "doc_number, status, issued_at, queued_at, called_at, started_at, finished_at, "
            "window, advisor) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", trows)
        base = erows[0][0] - 1  # ids in the order the events happened
        erows.sort(key=lambda e: e[2])
        erows = [(base + i + 1,) + e[1:] for i, e in enumerate(erows)]
        conn.executemany("INSERT INTO turn_events (id, turn, at, kind, window, actor) "
                         "VALUES (?,?,?,?,?,?)", erows)
        conn.executemany(
            "INSERT INTO ratings (id, turn, kind, window, advisor, service, score, at, by) "
            "VALUES (?, ?, 'presencial', ?, ?, ?, ?, ?, ?)", rrows)
        conn.executemany(
            "INSERT INTO attentions (id, customer, turn, channel, service, level, topic, "
            "advisor, started_at, ended_at) VALUES (?,?,?,?,?,?,?,?,?,?)", arows)
        conn.execute("COMMIT")
    # PQRS: 300 filed over the month, most closed, with their events.
    conn.execute("BEGIN IMMEDIATE")
    pq, pe = [], []
    pe_id = 0
    for n in range(1, 301):
        day = rng.choice(days)
        at = dt.datetime.combine(day, dt.time(rng.randint(8, 16), rng.randint(0, 59))) \
            - UTC_OFFSET
        r = rng.random()
        status = "cerrada" if r < 0.6 else "en-tramite" if r < 0.9 else "radicada"
        in_favor = (1 if rng.random() < 0.3 else 0) if status == "cerrada" else None
        local = at + UTC_OFFSET
        pq.append((n, f"{code}-2026-{n:06d}", 2026, n,
                   rng.choice(["peticion", "queja", "reclamo", "sugerencia"]),
                   rng.choice(["ventanilla", "correo", "web"]), "Subsidio", "Consulta",
                   "Servicio al Cliente", "electronica", "persona@correo.co", status,
                   local.strftime("%Y-%m-%dT%H:%M"), day.isoformat(),
                   (day + dt.timedelta(days=21)).isoformat(),
                   (day + dt.timedelta(days=42)).isoformat(),
                   (day + dt.timedelta(days=14)).isoformat(), in_favor, iso(at),
                   "asesor01", iso(at)))
        steps = ["radicada", "asignada", "en-tramite"] + (["cerrada"] if status == "cerrada"
                                                           else [])
        if status == "radicada":
            steps = ["radicada"]
        for k, step in enumerate(steps):
            pe_id += 1
            note = ("a favor" if in_favor else "no a favor") if step == "cerrada" else ""
            pe.append((pe_id, n, iso(at + dt.timedelta(days=2 * k)), "asesor01", step, note))
    conn.executemany(
        "INSERT INTO pqrs (id, radicado, year, seq, kind, channel, subject, description, area, "
        "notify_via, notify_address, status, received_at, filed_on, due_on, max_extension_on, "
        "completion_request_by, in_favor, created_at, created_by, updated_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", pq)
    conn.executemany("INSERT INTO pqrs_events (id, pqrs, at, by, step, note) "
                     "VALUES (?,?,?,?,?,?)", pe)
    conn.execute("COMMIT")
    counts = {k: conn.execute(f"SELECT count(*) FROM {k}").fetchone()[0] for k in KINDS}
    outbox = conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0]
    distinct = conn.execute(
        "SELECT count(*) FROM (SELECT DISTINCT kind, row_id FROM sync_outbox)").fetchone()[0]
    conn.close()
    return counts, outbox, distinct


# ---------------------------------------------------------------------------------------------
# 1. One branch-month to a fresh central


def bench_sync(binary, cluster, tmp):
    log("== 1. One branch-month to a fresh central")
    db = os.path.join(tmp, "b001.sqlite3")
    init_branch(binary, db, "B001", "Sede Bench 001")
    t0 = time.monotonic()
    counts, outbox, distinct = fill_branch_month(db, "B001", random.Random(20))
    gen = time.monotonic() - t0
    records = sum(counts.values())
    log(f"branch generated in {gen:.1f} s: {records:,} records "
        f"({', '.join(f'{k} {v:,}' for k, v in counts.items() if v)}); "
        f"sync_outbox lines: {outbox:,} (distinct records queued: {distinct:,})")
    size = os.path.getsize(db) + (os.path.getsize(db + "-wal") if os.path.exists(db + "-wal")
                                  else 0)
    log(f"branch file: {size / 1e6:.0f} MB")
    env = dict(os.environ, VENTANILLA_CENTRAL=cluster.url)
    subprocess.run([binary, "--db", db, "central", "migrate"], env=env, check=True,
                   capture_output=True)
    t0 = time.monotonic()
    out = subprocess.run([binary, "--db", db, "sync", "--json"], env=env, check=True,
                         capture_output=True, text=True)
    wall = time.monotonic() - t0
    pushed = json.loads(out.stdout)["pushed"]
    log(f"RESULT 1: `ventanilla sync` of {records:,} records ({outbox:,} outbox lines) to a "
        f"freshly migrated central: wall {wall:.2f} s (target ≤ 10 s); pushed "
        f"{pushed['records']:,} records in {pushed['batches']} batches")
    bad = []
    for k in KINDS:
        c = int(cluster.psql(f"SELECT count(*) FROM {k} WHERE branch = 'B001'"))
        if c != counts[k]:
            bad.append(f"{k}: branch {counts[k]} central {c}")
    left = sqlite3.connect(db).execute("SELECT count(*) FROM sync_outbox").fetchone()[0]
    log("check: central row counts per table equal the branch's for all "
        f"{len(KINDS)} kinds; outbox left at the branch: {left}" if not bad
        else f"CHECK FAILED: {'; '.join(bad)}")
    return db, counts, wall


# ---------------------------------------------------------------------------------------------
# 2. The month report over 50 branches


def bench_report(binary, cluster, db):
    log(f"== 2. The month report over {BRANCHES} branches' months at central")
    src = "B001"
    t0 = time.monotonic()
    # Persons differ between branches: copies get their own document numbers.
    row_expr = {
        "turns": "CASE WHEN coalesce(x.row->>'doc_number', '') <> '' THEN jsonb_set(x.row, "
                 "'{doc_number}', to_jsonb(n::text || (x.row->>'doc_number'))) ELSE x.row END",
    }
    code = "'B' || lpad(n::text, 3, '0')"
    stmts = ["BEGIN"]
    for k in KINDS + ["audit_heads"]:
        day = ", x.day" if k in PARTITIONED else ""
        cols = "branch, id, day, row" if k in PARTITIONED else "branch, id, row"
        stmts.append(f"INSERT INTO {k} ({cols}) SELECT {code}, x.id{day}, "
                     f"{row_expr.get(k, 'x.row')} FROM {k} x, generate_series(2, {BRANCHES}) n "
                     f"WHERE x.branch = '{src}'")
    stmts.append(f"INSERT INTO branches (code, identity, name, seccional) SELECT {code}, "
                 f"md5({code}), 'Sede Bench ' || lpad(n::text, 3, '0'), "
                 f"'SECC' || (n % 5 + 1) FROM generate_series(2, {BRANCHES}) n")
    stmts.append(f"UPDATE branches SET seccional = 'SECC2' WHERE code = '{src}'")
    stmts.append("COMMIT")
    cluster.psql(";\n".join(stmts))
    copied = time.monotonic() - t0
    t0 = time.monotonic()
    cluster.psql("VACUUM ANALYZE")
    vac = time.monotonic() - t0
    size = cluster.psql("SELECT pg_size_pretty(pg_database_size('central'))").strip()
    counts = cluster.rows("SELECT (SELECT count(*) FROM turns), (SELECT count(*) FROM "
                          "turn_events), (SELECT count(*) FROM ratings), (SELECT count(*) "
                          "FROM attentions), (SELECT count(*) FROM pqrs)")[0]
    log(f"central filled in {copied:.1f} s (+ VACUUM ANALYZE {vac:.1f} s): "
        f"{int(cluster.psql('SELECT count(*) FROM branches')):,} branches, turns "
        f"{int(counts[0]):,}, turn_events {int(counts[1]):,}, ratings {int(counts[2]):,}, "
        f"attentions {int(counts[3]):,}, pqrs {int(counts[4]):,}; database {size}")
    env = dict(os.environ, VENTANILLA_CENTRAL=cluster.url)
    walls = []
    for _ in range(3):
        t0 = time.monotonic()
        out = subprocess.run([binary, "--db", db, "central", "report", "month", "2026-11",
                              "--format", "json"], env=env, check=True, capture_output=True,
                             text=True)
        walls.append(time.monotonic() - t0)
    rep = json.loads(out.stdout)
    lines = rep["lines"]
    total = [ln for ln in lines if ln["level"] == "total"][0]
    log(f"report: {len(lines)} lines ({sum(ln['level'] == 'sede' for ln in lines)} sedes, "
        f"{sum(ln['level'] == 'seccional' for ln in lines)} seccionales, total); total issued "
        f"{total['issued']:,}, served {total['served']:,}, ratings {total['ratings']:,}, "
        f"persons {total['persons']:,}, pqrs filed {total['pqrs_filed']:,}")
    log(f"RESULT 2: `central report month 2026-11 --format json` over {BRANCHES} branches: "
        f"wall median {statistics.median(walls):.2f} s, min {min(walls):.2f} s "
        f"(runs: {', '.join(f'{w:.2f}' for w in walls)}; target ≤ 3 s)")
    return walls


# ---------------------------------------------------------------------------------------------
# 3. Sync lag under continuous load


def cpu_ticks_of(pid):
    """utime + stime + cutime + cstime of a process, in clock ticks (0 if gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return sum(int(x) for x in fields[11:15])
    except (FileNotFoundError, ProcessLookupError):
        return 0


def children_of(pid):
    out = []
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open(f"/proc/{p}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(p))
            except (FileNotFoundError, ProcessLookupError):
                pass
    return out


def pg_ticks(cluster):
    pm = cluster.postmaster_pid()
    return cpu_ticks_of(pm) + sum(cpu_ticks_of(c) for c in children_of(pm))


def cpu_busy():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + v[4]
    return sum(v) - idle, sum(v)


class Writer(threading.Thread):
    def __init__(self, db, code, stop, rng):
        super().__init__(daemon=True)
        self.db, self.code, self.stop, self.rng = db, code, stop, rng
        self.written = []  # (turn id, commit time)
        self.errors = 0

    def run(self):
        conn = connect(self.db)
        lock = open(self.db + ".lock", "a")
        seq = {}
        waiting = []
        nxt = time.time() + self.rng.uniform(0, 2)
        while not self.stop.is_set():
            delay = nxt - time.time()
            if delay > 0 and self.stop.wait(delay):
                break
            nxt += self.rng.uniform(1.5, 2.5)
            now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
            day = (now + UTC_OFFSET).date().isoformat()
            svc = self.rng.choice(SERVICES[:6])
            seq[(day, svc)] = seq.get((day, svc), 0) + 1
            n = seq[(day, svc)]
            try:
                fcntl.flock(lock, fcntl.LOCK_EX)  # the writers' turn, as ventanilla takes it
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    cur = conn.execute(
                        "INSERT INTO turns (day, service, label, issuing_service, seq, status, "
                        "issued_at, queued_at) VALUES (?, ?, ?, ?, ?, 'waiting', ?, ?)",
                        (day, svc, f"{svc}-{n:03d}", svc, n, iso(now), iso(now)))
                    tid = cur.lastrowid
                    conn.execute("INSERT INTO turn_events (turn, at, kind, actor) "
                                 "VALUES (?, ?, 'issue', 'kiosco')", (tid, iso(now)))
                    if len(waiting) >= 3:  # a window calls, attends and finishes the oldest
                        old = waiting.pop(0)
                        w = self.rng.randint(1, 4)
                        adv = "admin"
                        conn.execute(
                            "UPDATE turns SET status = 'finished', called_at = ?, "
                            "started_at = ?, finished_at = ?, window = ?, advisor = ? "
                            "WHERE id = ?", (iso(now), iso(now), iso(now), w, adv, old))
                        conn.executemany(
                            "INSERT INTO turn_events (turn, at, kind, window, actor) "
                            "VALUES (?, ?, ?, ?, ?)",
                            [(old, iso(now), k, w, adv) for k in ("call", "start", "finish")])
                        conn.execute(
                            "INSERT INTO ratings (turn, kind, window, advisor, service, score, "
                            "at, by) VALUES (?, 'presencial', ?, ?, ?, ?, ?, ?)",
                            (old, w, adv, svc, self.rng.randint(3, 5), iso(now), f"rate:{w}"))
                    conn.execute("COMMIT")
                    self.written.append((tid, time.time()))
                    waiting.append(tid)
                finally:
                    fcntl.flock(lock, fcntl.LOCK_UN)
            except sqlite3.Error as e:
                self.errors += 1
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                log(f"writer {self.code}: {e}")
        conn.close()
        lock.close()


def bench_lag(binary, cluster, tmp):
    log(f"== 3. Sync lag, {BRANCHES} branches writing and syncing (--watch --every 5s), "
        f"{LOAD_SECONDS:.0f} s")
    base_busy = cpu_busy()
    time.sleep(5)
    b2 = cpu_busy()
    ncpu = os.cpu_count() or 1
    idle_load = (b2[0] - base_busy[0]) / max(1, b2[1] - base_busy[1]) * ncpu
    log(f"before the run, other work on this machine kept {idle_load:.2f} of {ncpu} cores busy")
    seed = os.path.join(tmp, "lag-seed.sqlite3")
    init_branch(binary, seed, "LSEED", "Sede carga")
    dbs = []
    for n in range(1, BRANCHES + 1):
        code = f"L{n:03d}"
        db = os.path.join(tmp, f"{code}.sqlite3")
        src, dst = sqlite3.connect(seed), sqlite3.connect(db)
        src.backup(dst)
        src.close()
        dst.execute("UPDATE settings SET value = ? WHERE key = 'branch_code'", (code,))
        dst.execute("UPDATE settings SET value = ? WHERE key = 'branch_name'",
                    (f"Sede carga {n:03d}",))
        dst.commit()
        dst.close()
        if os.path.exists(seed + ".anclas"):
            shutil.copy(seed + ".anclas", db + ".anclas")
        open(db + ".lock", "a").close()
        dbs.append((code, db))
    env = dict(os.environ, VENTANILLA_CENTRAL=cluster.url)
    stop = threading.Event()
    writers = [Writer(db, code, stop, random.Random(n)) for n, (code, db) in enumerate(dbs)]
    poller = Psql(cluster)
    watchers = []
    t_start = time.time()
    busy0 = cpu_busy()
    pg0 = pg_ticks(cluster)
    me0 = os.times()
    # The watchers start 0.1 s apart (branches do not sync in step).
    for (code, db), w in zip(dbs, writers):
        logf = open(os.path.join(tmp, f"{code}.sync.log"), "w")
        watchers.append((subprocess.Popen(
            [binary, "--db", db, "sync", "--watch", "--every", "5s"], env=env, stdout=logf,
            stderr=subprocess.STDOUT), logf))
        w.start()
        time.sleep(0.1)
    seen_at = {}  # (code, turn id) -> first poll time that saw it
    maxid = {code: 0 for code, _ in dbs}
    day0 = (dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) + UTC_OFFSET).date()
    watcher_ticks = {}
    load_samples = []

    def poll():
        rows = poller.query(f"SELECT branch, max(id) FROM turns WHERE branch LIKE 'L%' AND "
                            f"day >= '{day0.isoformat()}' GROUP BY branch")
        t = time.time()
        for code, m in rows:
            maxid[code] = max(maxid[code], int(m))
        return t

    seen_time = {}  # code -> list of (max id, time) transitions

    def record(t):
        for code, m in maxid.items():
            hist = seen_time.setdefault(code, [])
            if not hist or hist[-1][0] < m:
                hist.append((m, t))

    while time.time() - t_start < LOAD_SECONDS:
        record(poll())
        for p, _ in watchers:
            watcher_ticks[p.pid] = cpu_ticks_of(p.pid)
        if int(time.time() - t_start) % 10 == 0 and len(load_samples) < (time.time() - t_start) / 10:
            with open("/proc/loadavg") as f:
                load_samples.append(float(f.read().split()[0]))
        time.sleep(0.2)
    stop.set()
    for w in writers:
        w.join()
    busy1 = cpu_busy()
    pg1 = pg_ticks(cluster)
    me1 = os.times()
    with open("/proc/loadavg") as f:
        loadavg = f.read().split()[:3]
    for p, _ in watchers:
        watcher_ticks[p.pid] = cpu_ticks_of(p.pid)
    # Let the last writes arrive (at most one more round).
    want = {w.code: (w.written[-1][0] if w.written else 0) for w in writers}
    t_end = time.time()
    while time.time() - t_end < 30 and any(maxid[c] < want[c] for c in want):
        record(poll())
        time.sleep(0.2)
    poller.close()
    for p, _ in watchers:
        p.send_signal(signal.SIGTERM)
    bad_exit = []
    for (p, logf), (code, _) in zip(watchers, dbs):
        try:
            p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
        logf.close()
        with open(logf.name) as f:
            text = f.read()
        if "ventanilla:" in text:
            bad_exit.append(f"{code}: {text.strip().splitlines()[-1]}")
    lags = []
    unseen = 0
    for w in writers:
        hist = seen_time.get(w.code, [])
        k = 0
        for tid, t in w.written:
            while k < len(hist) and hist[k][0] < tid:
                k += 1
            if k == len(hist):
                unseen += 1
            else:
                lags.append(hist[k][1] - t)
    lags.sort()
    written = sum(len(w.written) for w in writers)
    errors = sum(w.errors for w in writers)
    secs = busy1[1] - busy0[1]
    cores_busy = (busy1[0] - busy0[0]) / max(1, secs) * ncpu
    hz = os.sysconf("SC_CLK_TCK")
    elapsed = LOAD_SECONDS
    watch_cpu = sum(watcher_ticks.values()) / hz / elapsed
    pg_cpu = (pg1 - pg0) / hz / elapsed
    me_cpu = ((me1.user + me1.system) - (me0.user + me0.system)) / elapsed

    def pct(q):
        return lags[min(len(lags) - 1, int(q * len(lags)))]

    log(f"written: {written:,} transactions ({written / elapsed:.1f}/s across "
        f"{BRANCHES} branches; each a new turn + its issue event, and the oldest waiting "
        f"turn finished with 3 events and a rating); writer errors {errors}; not seen at "
        f"central within 30 s after the writers stopped: {unseen}")
    if lags:
        log(f"RESULT 3: lag write → visible at central over {len(lags):,} turns: median "
            f"{statistics.median(lags):.2f} s, p95 {pct(0.95):.2f} s, max {lags[-1]:.2f} s "
            f"(with --every 5s a record waits up to 5 s for the next round: the floor is "
            f"~2.5 s on average; polling every 0.2 s adds up to 0.2 s)")
    log(f"CPU during the load: {cores_busy:.2f} of {ncpu} cores busy machine-wide "
        f"(before the run, other work: {idle_load:.2f}); of it: {BRANCHES} watchers "
        f"{watch_cpu:.2f} cores, PostgreSQL {pg_cpu:.2f}, this script's writers and poller "
        f"{me_cpu:.2f}; load average samples (1 min) {load_samples}, at the end {loadavg}")
    if bad_exit:
        log(f"watcher messages: {len(bad_exit)} logs with errors, e.g. {bad_exit[:3]}")
    else:
        log(f"watchers: no error in any of the {BRANCHES} logs")
    return lags


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    steps = os.environ.get("STEPS", "123")
    t_all = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="central_bench_")
    os.chmod(tmp, 0o755)
    cluster = None
    try:
        cluster = Cluster(tmp)
        log(f"PostgreSQL {cluster.psql('SHOW server_version').strip()} on port {cluster.port} "
            f"(fsync {cluster.psql('SHOW fsync').strip()}, synchronous_commit "
            f"{cluster.psql('SHOW synchronous_commit').strip()}, shared_buffers "
            f"{cluster.psql('SHOW shared_buffers').strip()})")
        db, _, _ = bench_sync(binary, cluster, tmp)
        if "2" in steps:
            bench_report(binary, cluster, db)
        if "3" in steps:
            bench_lag(binary, cluster, tmp)
    finally:
        if os.environ.get("KEEP") and cluster:
            log(f"KEEP: cluster left running at {cluster.url}, data in {tmp}")
        else:
            if cluster:
                cluster.stop()
            shutil.rmtree(tmp, ignore_errors=True)
    log(f"whole script: {time.monotonic() - t_all:.0f} s")


if __name__ == "__main__":
    main()
