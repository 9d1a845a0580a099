#!/usr/bin/env python3
"""bench/ui: the web interface's document page and search results page on the 200,000-document corpus.

The corpus is bench/server's (bench/search's generator and seed, ingested once; --keep keeps it for
the next run, of this benchmark or bench/server's). The real `dossier serve` runs on 127.0.0.1;
Debian's chromium (tests/web's pinned playwright-core, bench/ui/measure.mjs) signs in and opens
--pages document pages (random documents) and --pages search results pages (the bench's queries,
every class), each three ways:
  first     a new browser context: its own renderer process, nothing cached (a first visit)
  emptied   the same page with the browser's cache emptied (a running browser, a new binary)
  cached    the same page again: the script and the stylesheet from the cache
For each it reads the browser's own timing API:
  DOMContentLoaded          from the navigation's start (the request) -- the issue's measure, target <= 300 ms
  shown                     the page's mark once its data is fetched and shown (`dossier:page-shown`)
  API requests              from the first one's start to the last one's end
  JavaScript + CSS          bytes that came over the network, compressed as sent -- target <= 150 KB
Reference in the same run, the same three ways: DOMContentLoaded of /healthz, two words with no
script or style: what this browser costs before any of the pages' own work.
"""
import argparse
import json
import os
import random
import runpy
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


# bench/server's corpus builder, server starter and percentiles (its module globals).
SERVER_BENCH = runpy.run_path(os.path.join(ROOT, "bench", "server", "run.py"))
pct = SERVER_BENCH["pct"]


def line(label, values, unit="ms"):
    return "  %-26s p50 %7.1f  p95 %7.1f  max %7.1f %s" % (label, pct(values, .5), pct(values, .95), max(values), unit)


MODES = (("first", "first visit (new context)"), ("emptied", "cache emptied"), ("cached", "cached"))


def report(kind, samples, reference):
    print("%s, %d pages:" % (kind, len(samples["first"])))
    for mode, label in MODES:
        rows = samples[mode]
        print(" %s" % label)
        print(line("DOMContentLoaded", [r["dcl"] for r in rows]) + "   target <= 300 ms")
        print(line("  reference: /healthz", [r["dcl"] for r in reference[mode]]))
        print(line("shown (data on the page)", [r["shown"] for r in rows]))
        print(line("API requests", [r["apiMs"] for r in rows]) + "   (%d a page)" % rows[0]["apiCount"])
    print("  JavaScript + CSS over the network, compressed: %.1f KB   target <= 150 KB"
          % (max(r["jsCss"] for r in samples["first"]) / 1024))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dossier", required=True)
    ap.add_argument("--count", type=int, default=200_000)
    ap.add_argument("--pages", type=int, default=40, help="of each kind")
    ap.add_argument("--seed", type=int, default=20261130)
    ap.add_argument("--workdir", default="/tmp/dossier-bench-server", help="shared with bench/server")
    ap.add_argument("--keep", action="store_true", help="keep the corpus for the next run")
    args = ap.parse_args()
    search_bench = SERVER_BENCH["load_search_bench"]()

    repo = SERVER_BENCH["build_corpus"](args.dossier, args.workdir, args.count, args.seed, 100)
    rng = random.Random(args.seed)
    queries = [q for qs in search_bench.read_queries(os.path.join(args.workdir, "queries.tsv")).values() for q in qs]
    listing = subprocess.run([args.dossier, "--repo", repo, "--as", "admin", "list", "--limit", "5000", "--json"],
                             check=True, capture_output=True, text=True).stdout
    numbers = [d["number"] for d in json.loads(listing)]
    proc, port = SERVER_BENCH["start_server"](args.dossier, repo, os.path.join(args.workdir, "serve-ui.log"), 8)
    try:
        spec = {"url": "http://127.0.0.1:%d" % port, "user": "admin", "password": SERVER_BENCH["PASSWORD"],
                "documents": rng.sample(numbers, args.pages), "queries": rng.sample(queries, args.pages)}
        out = subprocess.run(["node", os.path.join(HERE, "measure.mjs"), json.dumps(spec, ensure_ascii=False)],
                             check=True, capture_output=True, text=True, cwd=HERE).stdout
    finally:
        proc.terminate()
        proc.wait()
    result = json.loads(out)
    chromium = subprocess.run(["chromium", "--version"], capture_output=True, text=True).stdout.strip()
    print()
    print("bench/ui: %d documents, %s, headless, server and browser on the same 2 cores" % (args.count, chromium))
    report("document page /documents/{ref}", result["documents"], result["reference"])
    report("search results /search?q=…", result["search"], result["reference"])
    if not args.keep:
        shutil.rmtree(args.workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
