#!/usr/bin/env python3
"""bench/backup: `dossier backup` of bench/ingest's 10,000-document corpus.

Ingests the corpus of bench/ingest (same generator, same seed), then measures in
the same run, on the same repository folder:
  cp -a + sync   a plain copy of the folder, made durable (the floor for a full copy)
  restic backup  of the same folder into a fresh local restic repository (Debian's restic)
  dossier backup a full backup (catalog snapshot, store files copied, the copy verified)
then registers 100 new documents and takes an incremental backup beside the first
(new packs copied, the rest hard-linked, the copy verified in full), and restores the
last backup. Prints seconds and MB/s (MB of the repository folder) for each.
"""
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ingest"))
from run import corpus_arguments, du, generate  # noqa: E402  (bench/ingest/run.py)


def timed(fn):
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


def run(*args, **kw):
    proc = subprocess.run(list(args), capture_output=True, text=True, **kw)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(args[:3])} failed: {proc.stderr.strip()}")
    return proc


def main():
    args = corpus_arguments(__doc__, "/tmp/dossier-bench-backup", "repository and backups").parse_args()
    if shutil.which("restic") is None:
        sys.exit("restic is not installed (make bench-backup installs it)")

    shutil.rmtree(args.workdir, ignore_errors=True)
    os.makedirs(args.workdir)
    corpus = os.path.join(args.workdir, "corpus")
    files, total = generate(corpus, args.count, args.seed)
    repo = os.path.join(args.workdir, "repo")
    dossier = [args.dossier, "--repo", repo, "--as", "admin"]
    run(args.dossier, "init", repo)
    run(*dossier, "ingest", corpus, "--type", "generic")
    subprocess.run(["sync"])
    size = du(repo)
    mb = size / 1e6
    print(f"repository: {args.count} documents, {total / 1e6:.1f} MB of files, folder {mb:.1f} MB")
    print(f"machine: {os.cpu_count()} cores, "
          f"{open('/proc/cpuinfo').read().split('model name')[1].split(':')[1].splitlines()[0].strip()}, "
          f"restic {run('restic', 'version').stdout.split()[1]}")
    rows = []

    copy = os.path.join(args.workdir, "cp-copy")
    t, _ = timed(lambda: (run("cp", "-a", repo, copy), run("sync")))
    rows.append(("cp -a + sync", t, mb, ""))

    restic_repo = os.path.join(args.workdir, "restic")
    env = dict(os.environ, RESTIC_PASSWORD="bench", RESTIC_REPOSITORY=restic_repo, RESTIC_CACHE_DIR=os.path.join(args.workdir, "restic-cache"))
    run("restic", "init", env=env)
    t, _ = timed(lambda: run("restic", "backup", "--quiet", repo, env=env))
    rows.append(("restic backup (first)", t, mb, f"restic repo {du(restic_repo) / 1e6:.1f} MB"))

    backups = os.path.join(args.workdir, "backups")
    t, proc = timed(lambda: run(*dossier, "backup", os.path.join(backups, "b1"), "--json"))
    first = json.loads(proc.stdout)
    rows.append(("dossier backup (full, verified)", t, mb,
                 f"{first['files_copied']} files copied, {first['verify']['blobs_checked']} blobs verified"))

    more = os.path.join(args.workdir, "more")
    generate(more, 100, args.seed + 1)
    run(*dossier, "ingest", more, "--type", "generic")
    subprocess.run(["sync"])
    t, _ = timed(lambda: run("restic", "backup", "--quiet", repo, env=env))
    rows.append(("restic backup (after 100 new)", t, mb, ""))
    t, proc = timed(lambda: run(*dossier, "backup", os.path.join(backups, "b2"), "--json"))
    second = json.loads(proc.stdout)
    incremental = t
    rows.append(("dossier backup (after 100 new)", t, mb,
                 f"{second['files_copied']} copied ({second['bytes_copied'] / 1e6:.1f} MB), "
                 f"{second['files_linked']} linked"))

    restored = os.path.join(args.workdir, "restored")
    t, _ = timed(lambda: run(args.dossier, "--as", "admin", "restore", os.path.join(backups, "b2"), restored))
    rows.append(("dossier restore (verified)", t, mb, ""))

    print()
    print(f"{'':34} {'seconds':>8} {'MB/s':>8}")
    for label, secs, size_mb, note in rows:
        print(f"{label:34} {secs:8.2f} {size_mb / secs:8.1f}  {note}")
    print()
    print(f"incremental backup after 100 new documents: {incremental:.2f} s (target: under 2 s)")
    if not args.keep:
        shutil.rmtree(args.workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
