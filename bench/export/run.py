#!/usr/bin/env python3
"""bench/export: a BagIt tar.gz of the bench/ingest corpus, and its import.

Generates the corpus of bench/ingest (same generator, same seed: 10,000 files),
registers it with `dossier ingest` (timed: the import's reference), then measures
in the same run, on the same bytes:
  tar czf        the corpus folder as a tar.gz (one core: gzip)
  export bagit   every document as one BagIt tar.gz (two digests per file)
  import         that bag into a fresh repository
and prints seconds and MB/s (of the payload) for each, beside the targets:
export at least as fast as tar czf; import within 1.5x of ingest time.
"""
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ingest"))
from run import corpus_arguments, generate, du  # noqa: E402  (bench/ingest/run.py)


def timed(args, **kw):
    subprocess.run(["sync"])
    t = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, **kw)
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        print(proc.stdout, proc.stderr, file=sys.stderr)
        sys.exit(f"failed: {' '.join(args)}")
    return elapsed, proc


def main():
    args = corpus_arguments(__doc__, "/tmp/dossier-bench-export", "corpus, repositories and packages").parse_args()

    shutil.rmtree(args.workdir, ignore_errors=True)
    os.makedirs(args.workdir)
    corpus = os.path.join(args.workdir, "corpus")
    files, total = generate(corpus, args.count, args.seed)
    mb = total / 1e6
    cpu = open('/proc/cpuinfo').read().split('model name')[1].split(':')[1].splitlines()[0].strip()
    print(f"corpus: {len(files)} files, {mb:.1f} MB (seed {args.seed}); machine: {os.cpu_count()} cores, {cpu}")
    d = args.dossier

    repo = os.path.join(args.workdir, "repo")
    subprocess.run([d, "init", repo], check=True, stdout=subprocess.DEVNULL)
    t_ingest, _ = timed([d, "--repo", repo, "--as", "admin", "ingest", corpus, "--type", "generic", "--json"])

    tarball = os.path.join(args.workdir, "corpus.tar.gz")
    t_tar, _ = timed(["tar", "czf", tarball, "-C", args.workdir, "corpus"])

    bag = os.path.join(args.workdir, "export.tar.gz")
    t_export, proc = timed([d, "--repo", repo, "--as", "admin", "export", "bagit", "--type", "generic",
                            "-O", "rendition=no", "-o", bag, "--json"])
    exported = json.loads(proc.stdout)

    target = os.path.join(args.workdir, "target")
    subprocess.run([d, "init", target], check=True, stdout=subprocess.DEVNULL)
    t_import, proc = timed([d, "--repo", target, "--as", "admin", "import", bag, "--json"])
    imported = json.loads(proc.stdout)

    print()
    print(f"{'':34} {'seconds':>8} {'MB/s':>8} {'output MB':>10}")
    rows = [("dossier ingest (reference)", t_ingest, du(repo)),
            ("tar czf of the corpus", t_tar, os.path.getsize(tarball)),
            (f"dossier export bagit ({exported['documents']} docs)", t_export, os.path.getsize(bag)),
            (f"dossier import ({imported['documents']} docs)", t_import, du(target))]
    for label, secs, size in rows:
        print(f"{label:34} {secs:8.2f} {mb / secs:8.1f} {size / 1e6:10.1f}")
    print()
    print(f"export / tar czf: {t_tar / t_export:.2f}x the speed (target: at least 1x)")
    print(f"import / ingest: {t_import / t_ingest:.2f}x the time (target: at most 1.5x)")
    verify = subprocess.run([d, "--repo", target, "--as", "admin", "verify"], capture_output=True, text=True)
    print("verify after import:", verify.stdout.strip().splitlines()[-1])
    if not args.keep:
        shutil.rmtree(args.workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
