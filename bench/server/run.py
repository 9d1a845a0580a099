#!/usr/bin/env python3
"""bench/server: `dossier serve` under load, from 127.0.0.1 only, bounded in requests and time.

Builds the corpus of bench/search (default 200,000 documents, same generator and seed),
ingests it, adds one 20 MB file, starts the real server, signs in, and measures:
  throughput   wrk, 16 connections in a closed loop, for a fixed time: searches (the
               bench's query classes, top 20 with snippets) and GET /api/v1/documents/{ref}
  latency      an open-loop generator (ours, dossier_openloop in C++, threads over keep-alive
               connections) sending at a fixed rate of half the measured throughput; each latency is
               counted from the moment the request was due, so a slow answer also
               delays what queues behind it (no coordinated omission)
  downloads    wrk, 4 connections fetching the 20 MB file; beside it nginx (Debian's)
               serving the same file from disk in the same run
  memory       the server's peak resident memory (VmHWM) under all of it
References in the same run: the same searches in-process (dossier_search_bench: the
core without HTTP), and nginx for the downloads.
"""
import argparse
import http.client
import importlib.util
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from urllib.parse import quote

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = "Bench-Server-Password-26"


def load_search_bench():
    spec = importlib.util.spec_from_file_location("search_bench", os.path.join(HERE, "..", "search", "run.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pct(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def start_server(dossier, repo, log_path, threads):
    log = open(log_path, "w")
    proc = subprocess.Popen([dossier, "--repo", repo, "serve", "--listen", "127.0.0.1:0", "--threads", str(threads)],
                            stdout=subprocess.DEVNULL, stderr=log)
    for _ in range(400):
        text = open(log_path).read()
        m = re.search(r"on http://127\.0\.0\.1:(\d+)/", text)
        if m:
            return proc, int(m.group(1))
        time.sleep(0.05)
    proc.kill()
    raise SystemExit("the server did not start: " + open(log_path).read())


def sign_in(port):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("POST", "/api/v1/session", json.dumps({"user": "admin", "password": PASSWORD}),
                 {"Content-Type": "application/json"})
    r = conn.getresponse()
    body = r.read()
    if r.status != 200:
        raise SystemExit("sign-in failed: %s" % body)
    return re.match(r"dossier_session=([^;]*)", r.getheader("Set-Cookie")).group(1)


def wrk(port, paths, cookie, connections, seconds, workdir, name):
    """Closed loop: `connections` connections, each sending the next path as soon as its answer came."""
    lua = os.path.join(workdir, name + ".lua")
    with open(lua, "w") as f:
        f.write("local paths = {%s}\n" % ",".join('"%s"' % p for p in paths))
        f.write('local i = 0\nwrk.headers["Cookie"] = "dossier_session=%s"\n' % cookie)
        f.write("request = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n")
        f.write("done = function(summary, latency, requests)\n"
                "  io.write(string.format(\"RESULT %d %d %d %d\\n\", summary.requests, summary.bytes, "
                "summary.duration, summary.errors.status + summary.errors.connect + summary.errors.read + "
                "summary.errors.write + summary.errors.timeout))\nend\n")
    out = subprocess.run(["wrk", "-t", "2", "-c", str(connections), "-d", "%ds" % seconds, "--timeout", "10s",
                          "-s", lua, "http://127.0.0.1:%d" % port], capture_output=True, text=True, check=True).stdout
    m = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+)", out)
    requests, nbytes, micros, errors = (int(x) for x in m.groups())
    return {"rps": requests / (micros / 1e6), "mbps": nbytes / 1e6 / (micros / 1e6), "requests": requests,
            "errors": errors}


def open_loop(generator, port, paths, cookie, rate, seconds, workdir, connections=32):
    """Sends at `rate` per second for `seconds`, whatever the answers do; latency from when each was due.
    The generator is dossier_openloop (C++): Python's own delays would count as the server's."""
    listing = os.path.join(workdir, "openloop-paths.txt")
    with open(listing, "w") as f:
        f.write("\n".join(paths) + "\n")
    out = subprocess.run([generator, str(port), listing, cookie, "%.1f" % rate, str(seconds), str(connections)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def nginx_download_rate(file_path, workdir, seconds):
    root = os.path.join(workdir, "nginx")
    os.makedirs(os.path.join(root, "logs"), exist_ok=True)
    port = 18000 + random.randrange(1000)
    conf = os.path.join(root, "nginx.conf")
    with open(conf, "w") as f:
        f.write("daemon off; worker_processes 2; pid %s/nginx.pid; error_log %s/logs/error.log;\n"
                "events { worker_connections 64; }\n"
                "http { access_log off; sendfile on; server { listen 127.0.0.1:%d; root %s; } }\n"
                % (root, root, port, os.path.dirname(file_path)))
    proc = subprocess.Popen(["nginx", "-p", root, "-c", conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.5)
        return wrk(port, ["/" + os.path.basename(file_path)], "none", 4, seconds, workdir, "nginx")
    finally:
        proc.terminate()
        proc.wait()


def peak_memory_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def build_corpus(dossier, workdir, count, seed, per_class):
    """The corpus of bench/search (same generator and seed) ingested into workdir/repo, with one 20 MB
    file (big.json) and the queries (queries.tsv); kept, and reused while workdir/built-COUNT exists.
    Returns the repository's path. bench/ui builds on the same corpus."""
    sb = load_search_bench()
    repo = os.path.join(workdir, "repo")
    marker = os.path.join(workdir, "built-%d" % count)
    rng = random.Random(seed)
    if not os.path.exists(marker):
        shutil.rmtree(workdir, ignore_errors=True)
        corpus = os.path.join(workdir, "corpus")
        os.makedirs(corpus)
        gen = sb.Generator(seed)
        texts = []
        for i in range(count):
            lang, text = gen.document()
            texts.append((lang, text))
            sub = os.path.join(corpus, "d%04d" % (i // 500))
            if i % 500 == 0:
                os.makedirs(sub)
            with open(os.path.join(sub, "doc%06d.txt" % i), "w") as f:
                f.write(text)
        pw = os.path.join(workdir, "admin.pw")
        with open(pw, "w") as f:
            f.write(PASSWORD + "\n")
        os.chmod(pw, 0o600)
        subprocess.run([dossier, "init", repo, "--admin-password-file", pw], check=True, stdout=subprocess.DEVNULL)
        env = dict(os.environ, DOSSIER_REPO=repo, DOSSIER_USER="admin")
        t = time.perf_counter()
        subprocess.run([dossier, "ingest", corpus, "--type", "generic"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        print("corpus: %d documents ingested in %.0f s" % (count, time.perf_counter() - t), flush=True)
        big = os.path.join(workdir, "big", "scan-20MB.bin")
        os.makedirs(os.path.dirname(big))
        with open(big, "wb") as f:
            f.write(os.urandom(20 * 1000 * 1000))
        out = subprocess.run([dossier, "add", "generic", "--title", "20 MB scan", "--set", "department=商务部",
                              big, "--json"], env=env, check=True, capture_output=True, text=True).stdout
        with open(os.path.join(workdir, "big.json"), "w") as f:
            f.write(out)
        queries = sb.make_queries(rng, texts, per_class)
        with open(os.path.join(workdir, "queries.tsv"), "w") as f:
            for cls, qs in queries.items():
                for q in qs:
                    f.write("%s\t%s\n" % (cls, q))
        shutil.rmtree(corpus)
        open(marker, "w").close()
    return repo


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dossier", required=True)
    ap.add_argument("--driver", required=True, help="dossier_search_bench (the in-process reference)")
    ap.add_argument("--openloop", help="dossier_openloop (default: beside --driver)")
    ap.add_argument("--count", type=int, default=200_000)
    ap.add_argument("--queries", type=int, default=100, help="per class")
    ap.add_argument("--seconds", type=int, default=20, help="each load phase")
    ap.add_argument("--threads", type=int, default=32, help="the server's")
    ap.add_argument("--seed", type=int, default=20261130)
    ap.add_argument("--workdir", default="/tmp/dossier-bench-server")
    ap.add_argument("--keep", action="store_true", help="keep the workdir; a later run with the same --count reuses it")
    args = ap.parse_args()
    sb = load_search_bench()

    repo = build_corpus(args.dossier, args.workdir, args.count, args.seed, args.queries)
    queries = sb.read_queries(os.path.join(args.workdir, "queries.tsv"))
    big_number = json.load(open(os.path.join(args.workdir, "big.json")))["number"]
    big_file = os.path.join(args.workdir, "big", "scan-20MB.bin")

    # The in-process reference: the same searches through Repository::Search, no HTTP.
    ref = {}
    for _ in range(2):  # the second pass is reported, as bench/search does
        out = subprocess.run([args.driver, repo, os.path.join(args.workdir, "queries.tsv")], check=True,
                             capture_output=True, text=True).stdout
        ref = [json.loads(line)["ms"] for line in out.splitlines()]

    search_paths = ["/api/v1/search?q=" + quote(q) + "&limit=20" for qs in queries.values() for q in qs]
    random.Random(1).shuffle(search_paths)
    listing = subprocess.run([args.dossier, "--repo", repo, "--as", "admin", "list", "--limit", "2000", "--json"],
                             check=True, capture_output=True, text=True).stdout
    numbers = [d["number"] for d in json.loads(listing)]
    doc_paths = ["/api/v1/documents/" + quote(n) for n in numbers]
    download = "/api/v1/documents/%s/files/scan-20MB.bin" % quote(big_number)

    proc, port = start_server(args.dossier, repo, os.path.join(args.workdir, "serve.log"), args.threads)
    try:
        cookie = sign_in(port)
        wrk(port, search_paths, cookie, 16, 5, args.workdir, "warm")  # warm the page cache and the pool
        search_tp = wrk(port, search_paths, cookie, 16, args.seconds, args.workdir, "search")
        doc_tp = wrk(port, doc_paths, cookie, 16, args.seconds, args.workdir, "docs")
        generator = args.openloop or os.path.join(os.path.dirname(args.driver), "dossier_openloop")
        search_lat = open_loop(generator, port, search_paths, cookie, search_tp["rps"] / 2, args.seconds, args.workdir)
        doc_lat = open_loop(generator, port, doc_paths, cookie, doc_tp["rps"] / 2, args.seconds, args.workdir)
        dl = wrk(port, [download], cookie, 4, args.seconds, args.workdir, "download")
        peak = peak_memory_mb(proc.pid)
    finally:
        proc.terminate()
        code = proc.wait()
    nginx = nginx_download_rate(big_file, args.workdir, args.seconds)

    print()
    print("bench/server: %d documents, %d search queries (%s), server --threads %d, 2 cores shared with the load"
          % (args.count, len(search_paths), "/".join(queries), args.threads))
    print("throughput (wrk, 16 connections, closed loop, %d s):" % args.seconds)
    print("  search                      %7.0f /s   (%d requests, %d errors)   target >= 300/s"
          % (search_tp["rps"], search_tp["requests"], search_tp["errors"]))
    print("  GET /api/v1/documents/{ref} %7.0f /s   (%d requests, %d errors)"
          % (doc_tp["rps"], doc_tp["requests"], doc_tp["errors"]))
    print("latency (open loop at half the throughput, %d s):" % args.seconds)
    print("  search       p50 %6.1f  p95 %6.1f  p99 %6.1f ms  (%d sent, %d not 200)   target p95 <= 25 ms"
          % (search_lat["p50"], search_lat["p95"], search_lat["p99"], search_lat["sent"], search_lat["bad"]))
    print("    reference: the same searches in-process, no HTTP: p50 %.1f  p95 %.1f ms" % (pct(ref, .5), pct(ref, .95)))
    print("  document     p50 %6.1f  p95 %6.1f  p99 %6.1f ms  (%d sent, %d not 200)   target p95 <= 5 ms"
          % (doc_lat["p50"], doc_lat["p95"], doc_lat["p99"], doc_lat["sent"], doc_lat["bad"]))
    print("downloads of a 20 MB file (wrk, 4 connections, %d s):" % args.seconds)
    print("  dossier %7.0f MB/s   nginx %7.0f MB/s   ratio %.2f   target >= 0.7"
          % (dl["mbps"], nginx["mbps"], dl["mbps"] / nginx["mbps"]))
    print("server peak memory (VmHWM): %.1f MB   target <= 150 MB" % peak)
    print("server exit on SIGTERM: %d" % code)
    if not args.keep:
        shutil.rmtree(args.workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
