#!/usr/bin/env python3
"""bench/ingest: bulk registration of a generated corpus with `dossier ingest`.

Generates a seeded corpus (mixed Chinese/English text and binary files, 5 KB-2 MB
long-tailed, about 20% near-duplicate edits), then measures in the same run, on the
same bytes:
  floor    SHA-256 + zlib (level 1) over every file, on all cores, no writes
  git      git init + git add -A + git commit (git's defaults: not synced), and
           the same with core.fsync=all (durable, as dossier is)
  dossier  dossier init + dossier ingest (durable: synced before success)
and prints documents/s, MB/s and store size for each.
"""
import argparse
import concurrent.futures
import hashlib
import os
import random
import shutil
import subprocess
import sys
import time
import zlib

CHINESE = ("甲方 乙方 合同 履行 违约责任 争议解决 标的 数量 质量 价款 报酬 期限 地点 方式 验收 付款 "
           "交付 服务器 采购 安装 调试 质保 仲裁 委员会 协商 一致 补充协议 变更 解除 归档 档案 保管 "
           "期限 销毁 审批 审核 法务 财务 商务部 部门经理 会议 纪要 决议 负责人 完成 时间 报告 市场 "
           "分析 项目 总结 谈判 客户 供应商 价格 条款 签订 盖章 生效 副本 分发 台账 统计").split()
ENGLISH = ("contract party delivery acceptance payment invoice warranty liability dispute arbitration "
           "amendment termination schedule quantity quality price term place method server purchase "
           "installation meeting minutes resolution owner due report market analysis project summary "
           "negotiation customer supplier clause signature seal effective copy ledger archive").split()


def text_pool(rng, size):
    """A few MB of mixed Chinese/English prose to slice files from."""
    parts, n = [], 0
    while n < size:
        if rng.random() < 0.7:
            s = "".join(rng.choice(CHINESE) for _ in range(rng.randint(4, 14))) + rng.choice("，。；：")
        else:
            s = " ".join(rng.choice(ENGLISH) for _ in range(rng.randint(5, 16))) + ". "
        if rng.random() < 0.08:
            s += "\n第%d条 " % rng.randint(1, 40)
        b = s.encode()
        parts.append(b)
        n += len(b)
    return b"".join(parts)


def file_size(rng):
    # Pareto tail from 5 KB, capped at 2 MB: most files are small, a few are large.
    return int(min(2_000_000, 5_000 / (1.0 - rng.random()) ** (1 / 1.1)))


def generate(corpus, count, seed):
    rng = random.Random(seed)
    pool = text_pool(rng, 6_000_000)
    os.makedirs(corpus)
    made = []
    total = 0
    for i in range(count):
        sub = os.path.join(corpus, "d%03d" % (i // 250))
        os.makedirs(sub, exist_ok=True)
        if made and rng.random() < 0.20:
            # A near-duplicate: an earlier file with a small edit in the middle.
            src = open(rng.choice(made), "rb").read()
            mid = len(src) // 2
            data = src[:mid] + ("修订%d" % i).encode() + src[mid:]
            ext = os.path.splitext(made[-1])[1]
        elif rng.random() < 0.25:
            data = rng.randbytes(file_size(rng))  # incompressible, like scans and PDFs
            ext = ".bin"
        else:
            n = file_size(rng)
            start = rng.randrange(0, len(pool) - n) if n < len(pool) else 0
            data = (pool * (1 + n // len(pool)))[start:start + n]
            ext = ".txt"
        path = os.path.join(sub, "doc%05d%s" % (i, ext))
        with open(path, "wb") as f:
            f.write(data)
        made.append(path)
        total += len(data)
    return made, total


def floor(files):
    def one(path):
        data = open(path, "rb").read()
        hashlib.sha256(data).digest()
        zlib.compress(data, 1)
        return len(data)
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count()) as pool:
        return sum(pool.map(one, files))


def du(path):
    total = 0
    for root, _, names in os.walk(path):
        for n in names:
            total += os.lstat(os.path.join(root, n)).st_blocks * 512
    return total


def timed(fn):
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


def drop_caches_hint():
    # Not dropping the page cache: every contender reads the same warm files.
    subprocess.run(["sync"])


def corpus_arguments(description, workdir, kept):
    """The options of every benchmark on this corpus (ingest, export, backup)."""
    ap = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dossier", required=True, help="path to the dossier binary")
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("--workdir", default=workdir)
    ap.add_argument("--keep", action="store_true", help="keep the %s afterwards" % kept)
    return ap


def main():
    args = corpus_arguments(__doc__, "/tmp/dossier-bench-ingest", "corpus and repositories").parse_args()

    shutil.rmtree(args.workdir, ignore_errors=True)
    os.makedirs(args.workdir)
    corpus = os.path.join(args.workdir, "corpus")
    t, (files, total) = timed(lambda: generate(corpus, args.count, args.seed))
    mb = total / 1e6
    print(f"corpus: {len(files)} files, {mb:.1f} MB (generated in {t:.1f} s, seed {args.seed})")
    print(f"machine: {os.cpu_count()} cores, {open('/proc/cpuinfo').read().split('model name')[1].split(':')[1].splitlines()[0].strip()}")
    rows = []

    drop_caches_hint()
    t, _ = timed(lambda: floor(files))
    rows.append(("floor: SHA-256 + zlib(1), all cores", t, None, "reads only"))

    # dossier runs before git: git writes and then leaves tens of thousands of
    # files whose journal work would otherwise land in whoever runs next.
    repo = os.path.join(args.workdir, "repo")
    subprocess.run([args.dossier, "init", repo], check=True, stdout=subprocess.DEVNULL)
    drop_caches_hint()
    t, proc = timed(lambda: subprocess.run([args.dossier, "--repo", repo, "--as", "admin", "ingest", corpus,
                                            "--type", "generic", "--json"], capture_output=True, text=True))
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        sys.exit("dossier ingest failed")
    import json
    registered = len(json.loads(proc.stdout)["registered"])
    if registered != len(files):
        sys.exit(f"dossier registered {registered} of {len(files)} files")
    dossier_row = ("dossier ingest (synced)", t, du(repo), f"{registered} documents")

    for n, (label, extra) in enumerate((("git add+commit (default, not synced)", []),
                                        ("git add+commit (core.fsync=all)",
                                         ["-c", "core.fsync=all", "-c", "core.fsyncMethod=batch"]))):
        gitdir = os.path.join(args.workdir, "git%d" % n)
        env = dict(os.environ, GIT_DIR=gitdir, GIT_WORK_TREE=corpus, GIT_AUTHOR_NAME="b", GIT_AUTHOR_EMAIL="b@b",
                   GIT_COMMITTER_NAME="b", GIT_COMMITTER_EMAIL="b@b")
        subprocess.run(["git", "init", "-q"], env=env, check=True)
        drop_caches_hint()
        t, _ = timed(lambda: (subprocess.run(["git"] + extra + ["add", "-A"], env=env, check=True),
                              subprocess.run(["git"] + extra + ["commit", "-q", "-m", "bench"], env=env, check=True)))
        rows.append((label, t, du(gitdir), ""))
    rows.append(dossier_row)

    print()
    print(f"{'':42} {'seconds':>8} {'docs/s':>9} {'MB/s':>8} {'store MB':>9}")
    for label, secs, size, note in rows:
        store = f"{size / 1e6:9.1f}" if size is not None else f"{'-':>9}"
        print(f"{label:42} {secs:8.2f} {len(files) / secs:9.0f} {mb / secs:8.1f} {store}  {note}")
    git_rate = len(files) / rows[1][1]
    dossier_rate = len(files) / rows[-1][1]
    print()
    print(f"dossier / git (default): {dossier_rate / git_rate:.2f}x documents/s (target: at least 3x)")
    print(f"dossier documents/s: {dossier_rate:.0f} (target: at least 2,800)")
    verify = subprocess.run([args.dossier, "--repo", repo, "--as", "admin", "verify"], capture_output=True, text=True)
    print("verify after ingest:", verify.stdout.strip().splitlines()[-1])
    if not args.keep:
        shutil.rmtree(args.workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
