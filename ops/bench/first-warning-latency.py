#!/usr/bin/env python3
"""Clue accepted -> first warning sent, measured against a running Forewarn (ops/run).

Posts clues one after another (new persons), then reads each case's history and reports the
time between the CaseOpened and WarningSmsSent events as the event store recorded them, plus
the wall time from the POST until the history showed the warning. Prints p50/p90/max.
This is a single-client probe of the thin path, not the load benchmark (that is a Java driver).

usage: ops/bench/first-warning-latency.py [--base http://127.0.0.1:8080] [--clues 50]
"""
import argparse, base64, datetime, json, random, statistics, time, urllib.request, urllib.error


def call(method, url, user, body=None):
    req = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode())
    req.add_header("Authorization", "Basic " + base64.b64encode(f"{user}:demo".encode()).decode())
    if body is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def ts(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--base", default="http://127.0.0.1:8080")
    a.add_argument("--clues", type=int, default=50)
    args = a.parse_args()
    run = f"{int(time.time())}-{random.randint(0, 9999):04d}"
    recorded, observed = [], []
    for i in range(args.clues):
        number = "139" + f"{random.randint(0, 99999999):08d}"
        clue = {"clueId": f"bench-{run}-{i}", "victimNumber": number, "category": "INVESTMENT_SCAM",
                "riskLevel": "HIGH", "channel": "CALL", "source": "bench",
                "detectedAt": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}
        t0 = time.monotonic()
        status, answer = call("POST", args.base + "/api/v1/clues", "intake", clue)
        if status not in (200, 202):
            raise SystemExit(f"clue {i}: HTTP {status} {answer}")
        case = answer["caseId"]
        while True:
            status, history = call("GET", f"{args.base}/api/v1/cases/{case}/history", "operator")
            types = [e["type"] for e in history] if status == 200 else []
            if "WarningSmsSent" in types:
                observed.append(time.monotonic() - t0)
                opened = next(e for e in history if e["type"] == "CaseOpened")
                sent = next(e for e in history if e["type"] == "WarningSmsSent")
                recorded.append(ts(sent["occurredAt"]) - ts(opened["occurredAt"]))
                break
            if time.monotonic() - t0 > 30:
                raise SystemExit(f"clue {i}: no WarningSmsSent after 30 s")
            time.sleep(0.02)
    for name, values in (("CaseOpened -> WarningSmsSent (event times)", recorded),
                         ("POST -> warning visible in history (wall)", observed)):
        print(f"{name}: n={len(values)} p50={pct(values, 50)*1000:.0f} ms "
              f"p90={pct(values, 90)*1000:.0f} ms max={max(values)*1000:.0f} ms "
              f"mean={statistics.mean(values)*1000:.0f} ms")


if __name__ == "__main__":
    main()
