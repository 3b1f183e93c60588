#!/usr/bin/env python3
"""What a long load run left in the event store, minute by minute.

Reads the event store after (or during, on PostgreSQL) a run of ops/bench/LoadDriver.java and
prints, for each minute of cases opened: CaseOpened -> first warning (WarningSmsSent,
FlashWarningSent or AutomatedCallPlaced) p50/p99/max, so a stall shows in the minute it
happened, which the driver's totals hide; then the ladder's overdue flags (RungOverdue) and how
late each was raised after the step's due time, which tells whether the engine's timers keep time
under load. Times are the event store's own.

usage:
  ops/bench/long-run-report.py --postgres 'host=127.0.0.1 user=postgres dbname=test' --schema fw_long
  ops/bench/long-run-report.py --h2 ./data      (the embedded event store; stop the application first)
"""
import argparse, collections, csv, datetime, glob, io, json, os, subprocess, sys, tempfile

WARNINGS = {"WarningSmsSent", "FlashWarningSent", "AutomatedCallPlaced"}
TYPES = ["CaseOpened", "RungOverdue"] + sorted(WARNINGS)
SELECT = ("SELECT aggregateidentifier, payloadtype, timestamp, "
          "CASE WHEN payloadtype LIKE '%.RungOverdue' THEN payload END AS overdue "
          "FROM {table} WHERE payloadtype IN ({types}) ORDER BY globalindex")


def query(table):
    return SELECT.format(table=table, types=", ".join(f"'org.forewarn.domain.person.api.{t}'" for t in TYPES))


def rows_from_postgres(conninfo, schema):
    sql = query(f"{schema}.domainevententry")
    out = subprocess.run(["psql", conninfo, "-X", "-q", "-c", f"COPY ({sql}) TO STDOUT WITH CSV HEADER"],
                         check=True, capture_output=True, text=True).stdout
    return list(csv.DictReader(io.StringIO(out)))


def rows_from_h2(data_dir):
    jars = sorted(glob.glob(os.path.expanduser("~/.m2/repository/com/h2database/h2/*/h2-*.jar")))
    jars = [j for j in jars if "sources" not in j]
    if not jars:
        sys.exit("no H2 jar in ~/.m2 (build the project once first)")
    java = os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "java") if os.environ.get("JAVA_HOME") else "java"
    with tempfile.TemporaryDirectory() as tmp:
        target = os.path.join(tmp, "events.csv")
        # inside CSVWRITE's quoted query every quote is doubled
        sql = query("domainevententry").replace("'", "''")
        url = (f"jdbc:h2:file:{os.path.abspath(data_dir)}/eventstore;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
               "ACCESS_MODE_DATA=r")
        subprocess.run([java, "-cp", jars[-1], "org.h2.tools.Shell", "-url", url, "-user", "sa", "-password", "",
                        "-sql", f"CALL CSVWRITE('{target}', '{sql}')"], check=True, capture_output=True)
        with open(target, newline="") as f:
            return list(csv.DictReader(f))


def ts(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    source = ap.add_mutually_exclusive_group(required=True)
    source.add_argument("--postgres", help="libpq connection string of the event store's database")
    source.add_argument("--h2", help="the embedded data directory")
    ap.add_argument("--schema", default="public", help="PostgreSQL schema of the event tables")
    args = ap.parse_args()
    rows = rows_from_postgres(args.postgres, args.schema) if args.postgres else rows_from_h2(args.h2)

    by_person = collections.defaultdict(list)
    lateness = []
    for r in rows:
        kind = r["payloadtype"].rsplit(".", 1)[1]
        by_person[r["aggregateidentifier"]].append((ts(r["timestamp"]), kind))
        if kind == "RungOverdue":
            due = ts(json.loads(r["overdue"])["dueAt"])
            lateness.append((ts(r["timestamp"]) - due).total_seconds())

    latencies = []  # (opened at, seconds to the first warning)
    unwarned = 0
    for events in by_person.values():
        opened = None
        for at, kind in sorted(events):
            if kind == "CaseOpened":
                if opened is not None:
                    unwarned += 1
                opened = at
            elif kind in WARNINGS and opened is not None:
                latencies.append((opened, (at - opened).total_seconds()))
                opened = None
        if opened is not None:
            unwarned += 1
    if not latencies:
        sys.exit("no case with a warning in the store")
    latencies.sort()
    start = latencies[0][0]
    minutes = collections.defaultdict(list)
    for opened, seconds in latencies:
        minutes[int((opened - start).total_seconds() // 60)].append(seconds)

    print(f"cases opened from {start:%Y-%m-%d %H:%M:%S} UTC; CaseOpened -> first warning, by minute opened")
    print("minute  cases    p50 s    p99 s    max s")
    for minute, values in sorted(minutes.items()):
        print(f"{minute:6d} {len(values):6d} {pct(values, 50):8.2f} {pct(values, 99):8.2f} {max(values):8.2f}")
    every = [s for _, s in latencies]
    print(f"all    {len(every):6d} {pct(every, 50):8.2f} {pct(every, 99):8.2f} {max(every):8.2f}"
          f"   (cases without a warning: {unwarned})")
    if lateness:
        print(f"RungOverdue raised after the step was due: {len(lateness)} flags, "
              f"p50 {pct(lateness, 50) * 1000:.0f} ms, p99 {pct(lateness, 99) * 1000:.0f} ms, "
              f"max {max(lateness) * 1000:.0f} ms, earliest {min(lateness) * 1000:.0f} ms")
    else:
        print("RungOverdue: none (no step went past its due time during the run)")


if __name__ == "__main__":
    main()
