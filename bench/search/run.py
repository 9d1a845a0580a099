#!/usr/bin/env python3
"""bench/search: Chinese-aware full-text search on a generated archive.

Generates a seeded corpus (default 200,000 documents, 70% Chinese, 30% English,
300-3,000 characters; Chinese words of 1-4 characters drawn with a Zipf law, shorter words
more frequent, their characters Zipf-drawn from the 3,755 common characters of GB2312 level 1;
English words over a synthetic vocabulary), then
measures in the same run, on the same texts:
  dossier   `dossier ingest` (store + text + index, synced), `dossier reindex`
            (the index alone), index size, and 100 queries of each class through
            Repository::Search (ranked by bm25, top 20, with snippets and the
            permission filter and count), as `dossier search` runs them
  trigram   FTS5 with the trigram tokenizer over the same texts: build, size,
            the same queries ranked with snippets
  rg        `rg -l -F` over the texts as files (fewer queries: it takes seconds each)
Query classes: zh1, zh2, zh4 (1, 2, 4 consecutive Chinese characters taken from
a random document), en (an English word), and (two words of one document).
"""
import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time


def gb2312_level1():
    chars = []
    for row in range(0xB0, 0xD8):
        for col in range(0xA1, 0xFF):
            try:
                chars.append(bytes([row, col]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def zipf_weights(n, s=1.0):
    return [1.0 / (i + 1) ** s for i in range(n)]


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        chars = gb2312_level1()
        self.rng.shuffle(chars)
        char_w = zipf_weights(len(chars), 0.9)
        # Chinese words of 1-4 characters, themselves Zipf-distributed.
        self.zh_words = []
        for _ in range(30000):
            n = self.rng.choices([1, 2, 3, 4], [15, 55, 15, 15])[0]
            self.zh_words.append("".join(self.rng.choices(chars, char_w, k=n)))
        # Frequent words are short (Zipf's law of abbreviation): in Chinese the
        # most frequent words are single characters (的, 是, 在), and no two-
        # character word comes near their frequency. Ranks go to shorter words
        # first, at random within a length.
        self.zh_words.sort(key=len)
        self.zh_cum = self._cum(zipf_weights(len(self.zh_words)))
        syllables = ["con", "tract", "de", "liv", "er", "pay", "ment", "ac", "cept", "ance", "in", "voice", "war",
                     "ran", "ty", "li", "a", "bil", "i", "dis", "pute", "ar", "bi", "tra", "tion", "sched", "ule",
                     "quan", "qual", "price", "term", "place", "meth", "od", "serv", "pur", "chase", "ex", "port",
                     "re", "view", "sign", "seal", "ledg", "arch", "ive", "ro", "ma", "ne", "so", "ta", "ki"]
        self.en_words = sorted({"".join(self.rng.choices(syllables, k=self.rng.randint(1, 4))) for _ in range(40000)})
        self.rng.shuffle(self.en_words)
        self.en_cum = self._cum(zipf_weights(len(self.en_words)))

    @staticmethod
    def _cum(weights):
        out, total = [], 0.0
        for w in weights:
            total += w
            out.append(total)
        return out

    def document(self):
        rng = self.rng
        length = rng.randint(300, 3000)
        if rng.random() < 0.7:
            parts, n = [], 0
            while n < length:
                words = rng.choices(self.zh_words, cum_weights=self.zh_cum, k=rng.randint(4, 16))
                s = "".join(words) + rng.choice("，，，。。；：、")
                parts.append(s)
                n += len(s)
            return "zh", "".join(parts)[:length]
        parts, n = [], 0
        while n < length:
            words = rng.choices(self.en_words, cum_weights=self.en_cum, k=rng.randint(5, 16))
            s = " ".join(words).capitalize() + ". "
            parts.append(s)
            n += len(s)
        return "en", "".join(parts)[:length]


def is_han(c):
    return "\u4e00" <= c <= "\u9fff"


def make_queries(rng, texts, per_class):
    queries = {"zh1": [], "zh2": [], "zh4": [], "en": [], "and": []}
    zh = [t for lang, t in texts if lang == "zh"]
    en = [t for lang, t in texts if lang == "en"]

    def run_of(n):
        while True:
            t = rng.choice(zh)
            i = rng.randrange(0, len(t) - n)
            s = t[i:i + n]
            if all(is_han(c) for c in s):
                return s

    while len(queries["zh1"]) < per_class:
        queries["zh1"].append(run_of(1))
    while len(queries["zh2"]) < per_class:
        queries["zh2"].append(run_of(2))
    while len(queries["zh4"]) < per_class:
        queries["zh4"].append(run_of(4))
    while len(queries["en"]) < per_class:
        w = rng.choice(rng.choice(en).replace(".", " ").split())
        if len(w) >= 3:
            queries["en"].append(w.lower())
    while len(queries["and"]) < per_class:
        if rng.random() < 0.7:
            t = rng.choice(zh)
            i, j = rng.randrange(0, len(t) - 2), rng.randrange(0, len(t) - 2)
            a, b = t[i:i + 2], t[j:j + 2]
            if all(is_han(c) for c in a + b) and a != b:
                queries["and"].append(a + " " + b)
        else:
            words = [w.lower() for w in rng.choice(en).replace(".", " ").split() if len(w) >= 3]
            if len(set(words)) >= 2:
                a, b = rng.sample(sorted(set(words)), 2)
                queries["and"].append(a + " " + b)
    return queries


def pct(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def fts_size(db_path, prefix):
    con = sqlite3.connect(db_path)
    try:
        row = con.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE ? ESCAPE '\\'",
                          (prefix.replace("_", "\\_") + "\\_%",)).fetchone()
        return row[0] or 0
    finally:
        con.close()


def fts_size_table(db_path, name):
    con = sqlite3.connect(db_path)
    try:
        return con.execute("SELECT sum(pgsize) FROM dbstat WHERE name = ?", (name,)).fetchone()[0] or 0
    finally:
        con.close()


def timed(fn):
    t = time.perf_counter()
    r = fn()
    return time.perf_counter() - t, r


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dossier", required=True)
    ap.add_argument("--driver", required=True, help="dossier_search_bench")
    ap.add_argument("--count", type=int, default=200_000)
    ap.add_argument("--queries", type=int, default=100, help="per class")
    ap.add_argument("--rg-queries", type=int, default=10, help="per class, for rg")
    ap.add_argument("--seed", type=int, default=20261130)
    ap.add_argument("--workdir", default="/tmp/dossier-bench-search")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--queries-only", action="store_true",
                    help="reuse a workdir kept by --keep: run only the queries (its corpus, index and queries)")
    args = ap.parse_args()
    if args.queries_only:
        return run_queries(args, os.path.join(args.workdir, "corpus"), os.path.join(args.workdir, "repo"),
                           os.path.join(args.workdir, "trigram.db"), read_queries(os.path.join(args.workdir, "queries.tsv")))

    shutil.rmtree(args.workdir, ignore_errors=True)
    corpus = os.path.join(args.workdir, "corpus")
    os.makedirs(corpus)
    gen = Generator(args.seed)
    texts = []
    t0 = time.perf_counter()
    total_bytes = 0
    for i in range(args.count):
        lang, text = gen.document()
        texts.append((lang, text))
        sub = os.path.join(corpus, "d%04d" % (i // 500))
        if i % 500 == 0:
            os.makedirs(sub)
        data = text.encode()
        total_bytes += len(data)
        with open(os.path.join(sub, "doc%06d.txt" % i), "wb") as f:
            f.write(data)
    print("corpus: %d documents, %.1f MB of text, generated in %.0f s" %
          (args.count, total_bytes / 1e6, time.perf_counter() - t0), flush=True)

    repo = os.path.join(args.workdir, "repo")
    subprocess.run([args.dossier, "init", repo], check=True, stdout=subprocess.DEVNULL)
    env = dict(os.environ, DOSSIER_REPO=repo, DOSSIER_USER="admin")
    subprocess.run(["sync"])
    ingest_s, _ = timed(lambda: subprocess.run([args.dossier, "ingest", corpus, "--type", "generic"], env=env,
                                               check=True, stdout=subprocess.DEVNULL))
    print("dossier ingest (store, text, index; synced): %.0f s, %.0f docs/s" % (ingest_s, args.count / ingest_s), flush=True)
    reindex_s, _ = timed(lambda: subprocess.run([args.dossier, "reindex"], env=env, check=True, stdout=subprocess.DEVNULL))
    catalog = os.path.join(repo, "catalog.db")
    ours_size = fts_size(catalog, "search_index")
    con = sqlite3.connect(catalog)
    text_size = con.execute("SELECT sum(pgsize) FROM dbstat WHERE name = 'blob_text'").fetchone()[0] or 0
    con.close()
    print("dossier reindex: %.0f s, %.0f docs/s; index %.1f MB" % (reindex_s, args.count / reindex_s, ours_size / 1e6),
          flush=True)

    tri_db = os.path.join(args.workdir, "trigram.db")
    con = sqlite3.connect(tri_db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute("CREATE VIRTUAL TABLE tri USING fts5(body, content='docs', content_rowid='id', tokenize='trigram')")
    with con:
        con.executemany("INSERT INTO docs (id, body) VALUES (?, ?)", ((i + 1, t) for i, (_, t) in enumerate(texts)))
    tri_s, _ = timed(lambda: (con.execute("INSERT INTO tri (tri) VALUES ('rebuild')"), con.commit()))
    con.close()
    tri_size = fts_size(tri_db, "tri")
    print("trigram build: %.0f s, %.0f docs/s; index %.1f MB" % (tri_s, args.count / tri_s, tri_size / 1e6), flush=True)

    rng = random.Random(args.seed + 1)
    queries = make_queries(rng, texts, args.queries)
    with open(os.path.join(args.workdir, "queries.tsv"), "w") as f:
        for cls, qs in queries.items():
            for q in qs:
                f.write("%s\t%s\n" % (cls, q))
    del texts
    run_queries(args, corpus, repo, tri_db, queries)
    print("index size: dossier %.1f MB, trigram %.1f MB (%.2fx); dossier also keeps the extracted text, compressed: "
          "%.1f MB (the trigram table's content: %.1f MB)" % (ours_size / 1e6, tri_size / 1e6, ours_size / tri_size,
                                                               text_size / 1e6, fts_size_table(tri_db, "docs") / 1e6))
    print("index build: dossier %.0f docs/s, trigram %.0f docs/s (%.2fx)" %
          (args.count / reindex_s, args.count / tri_s, tri_s / reindex_s))
    if not args.keep:
        shutil.rmtree(args.workdir, ignore_errors=True)


def read_queries(path):
    queries = {}
    with open(path) as f:
        for line in f:
            cls, q = line.rstrip("\n").split("\t", 1)
            queries.setdefault(cls, []).append(q)
    return queries


def run_queries(args, corpus, repo, tri_db, queries):
    """Each engine runs every query twice, and the second pass is reported:
    the index's pages are then in the kernel's cache, as they are for an
    archive in use. This machine's kernel reclaims idle page cache (DAMON),
    so a first pass reads from disk as much as it searches; its p95 is
    printed too."""
    qfile = os.path.join(args.workdir, "queries.tsv")
    ours, ours_first = {}, {}
    for target in (ours_first, ours):
        out = subprocess.run([args.driver, repo, qfile], check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            r = json.loads(line)
            target.setdefault(r["class"], []).append(r)

    con = sqlite3.connect(tri_db)
    tri, tri_first = {}, {}
    for target in (tri_first, tri):
        for cls, qs in queries.items():
            for q in qs:
                expr = " AND ".join('"%s"' % w.replace('"', '""') for w in q.split())
                t = time.perf_counter()
                rows = con.execute("SELECT rowid, snippet(tri, 0, '[', ']', '…', 24) FROM tri WHERE tri MATCH ? "
                                   "ORDER BY rank LIMIT 20", (expr,)).fetchall()
                total = con.execute("SELECT count(*) FROM tri WHERE tri MATCH ?", (expr,)).fetchone()[0]
                target.setdefault(cls, []).append({"ms": (time.perf_counter() - t) * 1000, "hits": len(rows),
                                                   "total": total})
    con.close()

    rg, rg_first = {}, {}
    for target in (rg_first, rg):
        for cls, qs in queries.items():
            for q in qs[:args.rg_queries]:
                word = q.split()[0]
                t = time.perf_counter()
                subprocess.run(["rg", "-l", "-F", word, corpus], stdout=subprocess.DEVNULL)
                target.setdefault(cls, []).append((time.perf_counter() - t) * 1000)

    print()
    print("%-5s | %-26s | %-26s | %-17s | %s" % ("class", "dossier p50 / p95 ms (hits)", "trigram p50 / p95 ms (hits)",
                                                "rg -l -F p50/p95", "dossier vs rg at p95"))
    for cls in queries:
        o = [r["ms"] for r in ours[cls]]
        tr = [r["ms"] for r in tri[cls]]
        om = statistics.mean(r["total"] for r in ours[cls])
        tm = statistics.mean(r["total"] for r in tri[cls])
        print("%-5s | %7.1f / %7.1f (%7.0f) | %7.1f / %7.1f (%7.0f) | %6.0f / %6.0f | %6.0fx" %
              (cls, pct(o, .5), pct(o, .95), om, pct(tr, .5), pct(tr, .95), tm, pct(rg[cls], .5), pct(rg[cls], .95),
               pct(rg[cls], .95) / pct(o, .95)))
    print("first pass p95 ms (kernel cache cold), dossier / trigram / rg: " +
          ", ".join("%s %.1f / %.1f / %.0f" % (cls, pct([r["ms"] for r in ours_first[cls]], .95),
                                              pct([r["ms"] for r in tri_first[cls]], .95), pct(rg_first[cls], .95))
                    for cls in queries))
    print("(hits: mean number of matching documents per query; trigram finds nothing for 1-2 characters)")
    print()


if __name__ == "__main__":
    sys.exit(main())
