#!/usr/bin/env python3
"""Hostile anonymous traffic against a running engram server (issue 9), loopback only; stdlib only.

Usage: python3 docs/benchmarks/scripts/hostile-traffic.py --url http://127.0.0.1:8096 --pid SERVER_PID \
           [--long-names 2000] [--unknown-names 1000] [--webhooks 3] [--multiparts 3] [--concurrency 8]

Phases, in this order, each a fixed number of requests (8 at a time for the names, one at a time for the bodies):
  long-names     POST /api/runs with distinct 60 KB experiment names
  unknown-names  POST /api/runs with distinct well-formed unknown names
  webhooks       200 MB chunked bodies to POST /api/prolific/demo/webhook
  multiparts     chunked multipart bodies of 400 parts x 0.9 MB to POST /admin/login.xhtml
Before the first phase and after each one it prints the server's live heap after a full GC (jcmd PID
GC.class_histogram, which runs a full GC first), whether the process is alive, and GET /health's status and time.
One tab-separated line per phase. Request failures (refused connections, timeouts) are counted, not fatal.
"""
import argparse
import http.client
import json
import os
import select
import subprocess
import sys
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

NAME_CHARS = 60_000
HUGE_BODY = 200_000_000
PARTS, PART_BYTES = 400, 900_000
TIMEOUT_S = 60


def live_heap_kib(pid):
    """Total bytes of live objects after a full GC, in KiB; None when jcmd cannot attach (process gone or hung)."""
    try:
        out = subprocess.run(["jcmd", str(pid), "GC.class_histogram"], capture_output=True, text=True, timeout=120).stdout
    except subprocess.TimeoutExpired:
        return None
    for line in reversed(out.splitlines()):
        if line.startswith("Total"):
            return int(line.split()[2]) // 1024
    return None


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False


def connect(base, timeout=TIMEOUT_S):
    return http.client.HTTPConnection(base.hostname, base.port, timeout=timeout)


def health(base):
    start = time.monotonic()
    try:
        conn = connect(base, 30)
        conn.request("GET", "/health")
        status = conn.getresponse().status
        conn.close()
    except Exception as e:  # noqa: BLE001 - a dead server is a result here
        status = type(e).__name__
    return status, round(time.monotonic() - start, 2)


def start_run(base, name, i):
    body = json.dumps({"experiment": name, "prolificPid": "HOSTILE%d" % i, "studyId": "LOAD", "sessionId": "S%d" % i})
    try:
        conn = connect(base)
        conn.request("POST", "/api/runs", body=body, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        conn.close()
        return response.status
    except Exception as e:  # noqa: BLE001
        return type(e).__name__


def stream(base, path, content_type, chunks):
    """Sends a chunked body, stopping as soon as the server answers; returns (status, bytes sent)."""
    sent = 0
    try:
        conn = connect(base)
        conn.putrequest("POST", path)
        conn.putheader("Content-Type", content_type)
        conn.putheader("Transfer-Encoding", "chunked")
        conn.endheaders()
        sock = conn.sock
        for chunk in chunks:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break
            conn.send(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
            sent += len(chunk)
        else:
            conn.send(b"0\r\n\r\n")
        response = conn.getresponse()
        response.read()
        conn.close()
        return response.status, sent
    except Exception as e:  # noqa: BLE001
        return type(e).__name__, sent


def zeros(total, size=1 << 20):
    block = b"\0" * size
    left = total
    while left > 0:
        yield block[:min(size, left)]
        left -= size


def multipart(boundary):
    filler = b"a" * PART_BYTES
    for i in range(PARTS):
        yield b"--" + boundary + b"\r\nContent-Disposition: form-data; name=\"p%d\"\r\n\r\n" % i + filler + b"\r\n"
    yield b"--" + boundary + b"--\r\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--long-names", type=int, default=2000)
    parser.add_argument("--unknown-names", type=int, default=1000)
    parser.add_argument("--webhooks", type=int, default=3)
    parser.add_argument("--multiparts", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    base = urllib.parse.urlsplit(args.url)
    tag = "%x" % int(time.time())

    print("phase\trequests\tseconds\tanswers\tlive_heap_kib\talive\thealth\thealth_s\tnote", flush=True)

    def report(phase, n, seconds, answers, note=""):
        heap = live_heap_kib(args.pid) if alive(args.pid) else None
        status, took = health(base)
        print("%s\t%d\t%.1f\t%s\t%s\t%s\t%s\t%s\t%s" % (phase, n, seconds, dict(sorted(Counter(answers).items(), key=str)),
                                                    heap, alive(args.pid), status, took, note), flush=True)

    report("before", 0, 0, [])

    def names(phase, n, make):
        start = time.monotonic()
        with ThreadPoolExecutor(args.concurrency) as pool:
            answers = list(pool.map(lambda i: start_run(base, make(i), i), range(n)))
        report(phase, n, time.monotonic() - start, answers)

    names("long-names", args.long_names, lambda i: ("%s-%d-" % (tag, i)) + "x" * NAME_CHARS)
    names("unknown-names", args.unknown_names, lambda i: "nosuch-%s-%d" % (tag, i))

    for phase, n, path, kind, body in (
            ("webhooks", args.webhooks, "/api/prolific/demo/webhook", "application/json", lambda: zeros(HUGE_BODY)),
            ("multiparts", args.multiparts, "/admin/login.xhtml", "multipart/form-data; boundary=hostileBoundary",
             lambda: multipart(b"hostileBoundary"))):
        start = time.monotonic()
        answers, sent = [], []
        for _ in range(n):
            status, bytes_sent = stream(base, path, kind, body())
            answers.append(status)
            sent.append(bytes_sent)
        report(phase, n, time.monotonic() - start, answers, "MB sent per request: %s" % [round(b / 1e6, 1) for b in sent])


if __name__ == "__main__":
    sys.exit(main())
