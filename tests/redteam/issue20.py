#!/usr/bin/env python3
"""Issue 20's red-team pass, run again: every attack the issue names, tried on a
copy of the user guide's repository through the real binary, as an attacker
with a shell and write access to the files would try it.

Prints one line per attack (held or FAILED, and what happened) and the totals;
exits 1 if any attack succeeded. Run by ctest (redteam.issue20) on the
walk-through fixture; by hand:

  DOSSIER_BIN=build/bin/dossier DOSSIER_WALKTHROUGH=build/tests/walkthrough-fixture/demo \
      python3 tests/redteam/issue20.py [NAME-SUBSTRING]
"""
import hashlib
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time

DOSSIER = os.environ["DOSSIER_BIN"]
FIXTURE = os.environ["DOSSIER_WALKTHROUGH"]
# The walk-through's numbers carry the (UTC) year it ran in.
YEAR = time.strftime("%Y", time.gmtime())
CONTRACT = f"HT-{YEAR}-SW-0001"  # archived, permanent (Y), 1,250,000
MINUTES = f"HY-{YEAR}-0001"


class Repo:
    """A private copy of the walk-through's repository, signing with its own key."""

    def __init__(self, root, name="repo"):
        self.path = os.path.join(root, name)
        shutil.copytree(FIXTURE, self.path)
        key = self.path + ".signing-key"
        shutil.copyfile(FIXTURE + ".signing-key", key)
        os.chmod(key, 0o600)
        with open(os.path.join(self.path, "config", "signing.json"), "w") as f:
            json.dump({"key_file": key}, f)
        self.root = root

    def run(self, user, *args, stdin=None, timeout=120):
        return subprocess.run([DOSSIER, "--repo", self.path, "--as", user, *args], input=stdin,
                              capture_output=True, text=True, timeout=timeout)

    def ok(self, user, *args):
        p = self.run(user, *args)
        if p.returncode != 0:
            raise RuntimeError(f"setup: dossier {' '.join(args)} failed ({p.returncode}): {p.stderr.strip()}")
        return p

    def sql(self, *statements):
        db = sqlite3.connect(os.path.join(self.path, "catalog.db"))
        db.execute("PRAGMA foreign_keys = OFF")
        for s in statements:
            db.execute(s)
        db.commit()
        db.close()

    def query(self, statement, *params):
        db = sqlite3.connect(os.path.join(self.path, "catalog.db"))
        rows = db.execute(statement, params).fetchall()
        db.close()
        return rows

    def doc_id(self, number):
        return self.query("SELECT id FROM documents WHERE number = ?", number)[0][0]

    def verify(self, *extra):
        return self.run("admin", "verify", *extra)


def field(value):
    data = value.encode()
    return str(len(data)).encode() + b":" + data


def audit_hash(prev, seq, at, actor, action, obj, details):
    h = hashlib.sha256()
    for v in (prev, str(seq), at, actor, action, obj, details):
        h.update(field(v))
    return h.hexdigest()


def version_digest(db, doc_id, number):
    """The version digest as docs/architecture.md describes it (the attacker can read it too)."""
    parent, title, metadata, author, created_at, comment = db.execute(
        "SELECT parent, title, metadata, author, created_at, comment FROM versions WHERE doc_id = ? AND version = ?",
        (doc_id, number)).fetchone()
    h = hashlib.sha256()
    for v in (doc_id, str(number), str(parent), title, metadata, author, created_at, comment):
        h.update(field(v))
    for name, sha, size in db.execute(
            "SELECT name, sha256, size FROM version_files WHERE doc_id = ? AND version = ? ORDER BY name",
            (doc_id, number)):
        for v in (name, sha, str(size)):
            h.update(field(v))
    return h.hexdigest()


def rewrite_history(repo, edit):
    """The attacker who rewrites everything: `edit(db)` changes rows and returns
    (old, new) strings to replace in the audit details; every digest, every
    hash of the chain and the recorded head are recomputed."""
    db = sqlite3.connect(os.path.join(repo.path, "catalog.db"))
    replacements = edit(db) or []
    for doc_id, number, digest in db.execute("SELECT doc_id, version, digest FROM versions").fetchall():
        fresh = version_digest(db, doc_id, number)
        if fresh != digest:
            db.execute("UPDATE versions SET digest = ? WHERE doc_id = ? AND version = ?", (fresh, doc_id, number))
            replacements.append((digest, fresh))
    prev = "0" * 64
    for seq, at, actor, action, obj, details in db.execute(
            "SELECT seq, at, actor, action, object, details FROM audit ORDER BY seq").fetchall():
        for old, new in replacements:
            details = details.replace(old, new)
        h = audit_hash(prev, seq, at, actor, action, obj, details)
        db.execute("UPDATE audit SET details = ?, prev_hash = ?, hash = ? WHERE seq = ?", (details, prev, h, seq))
        prev = h
        last = seq
    db.execute("UPDATE meta SET value = ? WHERE key = 'audit_head_seq'", (str(last),))
    db.execute("UPDATE meta SET value = ? WHERE key = 'audit_head_hash'", (prev,))
    db.commit()
    db.close()


# --- what counts as held ------------------------------------------------------


def verify_reports(repo, fragment, *extra):
    p = repo.verify(*extra)
    held = p.returncode == 2 and fragment in p.stdout
    line = next((l.strip() for l in p.stdout.splitlines() if fragment in l), "")
    return held, (line or f"verify exit {p.returncode}: {(p.stdout + p.stderr).strip()[-200:]}")


def refused(p, fragment, code=1):
    held = p.returncode == code and fragment in p.stderr
    return held, (p.stderr.strip().splitlines() or [f"exit {p.returncode}"])[-1][:200]


CASES = []


def case(section, name):
    def register(fn):
        CASES.append((section, name, fn))
        return fn
    return register


# --- §1 an edited package must not import --------------------------------------


def export_bag(repo, root):
    bag = os.path.join(root, "bag")
    repo.ok("admin", "export", "bagit", CONTRACT, "-o", bag)
    return bag


def rebag(bag):
    """Every manifest, tag manifest and Payload-Oxum recomputed, as sha256sum/sha512sum would."""
    files = []
    for base, _, names in os.walk(os.path.join(bag, "data")):
        files += [os.path.join(base, n) for n in names]
    for algo in ("sha256", "sha512"):
        with open(os.path.join(bag, f"manifest-{algo}.txt"), "w") as f:
            for path in sorted(files):
                f.write(f"{hashlib.new(algo, open(path, 'rb').read()).hexdigest()}  {os.path.relpath(path, bag)}\n")
    total = sum(os.path.getsize(p) for p in files)
    info = os.path.join(bag, "bag-info.txt")
    lines = [l if not l.startswith("Payload-Oxum:") else f"Payload-Oxum: {total}.{len(files)}\n"
             for l in open(info, encoding="utf-8")]
    open(info, "w", encoding="utf-8").writelines(lines)
    tags = [n for n in os.listdir(bag) if n.endswith(".txt") and not n.startswith("tagmanifest")]
    for name in os.listdir(bag):
        if name.startswith("tagmanifest-"):
            algo = name[len("tagmanifest-"):-4]
            with open(os.path.join(bag, name), "w") as f:
                for t in sorted(tags):
                    f.write(f"{hashlib.new(algo, open(os.path.join(bag, t), 'rb').read()).hexdigest()}  {t}\n")


def target_repo(root, trusting):
    target = os.path.join(root, "target")
    subprocess.run([DOSSIER, "init", target], capture_output=True, check=True)
    subprocess.run([DOSSIER, "--repo", target, "--as", "admin", "user", "add", "档案员", "--role", "archivist"],
                   capture_output=True, check=True)
    if trusting is not None:
        key = os.path.join(root, "source.pub")
        trusting.ok("admin", "keys", "export", "-o", key)
        subprocess.run([DOSSIER, "--repo", target, "--as", "admin", "trust", "add", key, "--label", "source"],
                       capture_output=True, check=True)
    return target


def edited_package_case(name, edit):
    @case("1 packages", f"record edited, manifests recomputed: {name}")
    def attack(root):
        repo = Repo(root)
        bag = export_bag(repo, root)
        path = os.path.join(bag, "data", CONTRACT, "metadata.json")
        record = json.load(open(path, encoding="utf-8"))
        edit(record)
        json.dump(record, open(path, "w", encoding="utf-8"), ensure_ascii=False)
        rebag(bag)
        target = target_repo(root, repo)
        p = subprocess.run([DOSSIER, "--repo", target, "--as", "档案员", "import", bag], capture_output=True, text=True)
        listed = subprocess.run([DOSSIER, "--repo", target, "--as", "admin", "list", "--json"], capture_output=True,
                                text=True).stdout
        held = p.returncode == 2 and "signature does not match" in p.stderr and CONTRACT not in listed
        return held, p.stderr.strip().splitlines()[-1][:200] if p.stderr.strip() else f"exit {p.returncode}"


edited_package_case("confidentiality 内部 -> 公开", lambda r: r.update(confidentiality="公开"))
edited_package_case("status archived -> draft", lambda r: r.update(status="draft"))
edited_package_case("archive.retention Y -> D10", lambda r: r["archive"].update(retention="D10"))
edited_package_case("steps[].actor re-attributed", lambda r: r["steps"][1].update(actor="王律师", role="legal"))
edited_package_case("created_by", lambda r: r.update(created_by="陈总"))
edited_package_case("counterparty", lambda r: r.update(counterparty="别家公司"))
edited_package_case("distributions emptied", lambda r: r.update(distributions=[]))
edited_package_case("round", lambda r: r.update(round=5))


@case("1 packages", "version metadata edited and its digest recomputed (amount 1,250,000 -> 1)")
def amount_in_package(root):
    repo = Repo(root)
    bag = export_bag(repo, root)
    path = os.path.join(bag, "data", CONTRACT, "metadata.json")
    text = open(path, encoding="utf-8").read().replace("1250000", "1")
    open(path, "w", encoding="utf-8").write(text)
    rebag(bag)
    target = target_repo(root, repo)
    p = subprocess.run([DOSSIER, "--repo", target, "--as", "档案员", "import", bag], capture_output=True, text=True)
    return p.returncode == 2, (p.stderr.strip().splitlines() or [f"exit {p.returncode}"])[-1][:200]


@case("1 packages", "signature stripped: refused without --accept-unsigned")
def unsigned_refused(root):
    repo = Repo(root)
    bag = export_bag(repo, root)
    path = os.path.join(bag, "data", CONTRACT, "metadata.json")
    record = json.load(open(path, encoding="utf-8"))
    del record["signature"]
    json.dump(record, open(path, "w", encoding="utf-8"), ensure_ascii=False)
    rebag(bag)
    target = target_repo(root, repo)
    p = subprocess.run([DOSSIER, "--repo", target, "--as", "档案员", "import", bag], capture_output=True, text=True)
    return p.returncode != 0 and "accept-unsigned" in p.stderr, (p.stderr.strip().splitlines() or [""])[-1][:200]


def unsigned_case(name, edit):
    @case("1 packages", name)
    def attack(root):
        return unsigned_import(root, edit)


def unsigned_import(root, edit):
    repo = Repo(root)
    bag = export_bag(repo, root)
    path = os.path.join(bag, "data", CONTRACT, "metadata.json")
    record = json.load(open(path, encoding="utf-8"))
    del record["signature"]
    edit(record)
    json.dump(record, open(path, "w", encoding="utf-8"), ensure_ascii=False)
    rebag(bag)
    target = target_repo(root, repo)
    p = subprocess.run([DOSSIER, "--repo", target, "--as", "档案员", "import", bag, "--accept-unsigned"],
                       capture_output=True, text=True)
    if p.returncode != 0:  # refused outright holds too, if for the marking
        return "marking" in p.stderr, (p.stderr.strip().splitlines() or [""])[-1][:200]
    db = sqlite3.connect(os.path.join(target, "catalog.db"))
    level, doc_id = db.execute("SELECT confidentiality, id FROM documents WHERE number = ?", (CONTRACT,)).fetchone()
    # The contract's own import entry: the bag holds its whole 档号 unit, the other pieces still signed.
    audit = db.execute("SELECT details FROM audit WHERE action = 'import' AND object = ?", (doc_id,)).fetchone()[0]
    return level >= 2 and "accepted_unsigned" in audit, f"imported at level {level}; audited: {'accepted_unsigned' in audit}"


unsigned_case("signature stripped, --accept-unsigned: a 内部 record comes in at 秘密 or above, audited", lambda r: None)
unsigned_case("signature stripped and marked 公开, --accept-unsigned: never below 秘密",
              lambda r: r.update(confidentiality="公开"))


@case("1 packages", "a package signed by a key the importer does not trust")
def untrusted(root):
    repo = Repo(root)
    bag = export_bag(repo, root)
    target = target_repo(root, None)
    p = subprocess.run([DOSSIER, "--repo", target, "--as", "档案员", "import", bag], capture_output=True, text=True)
    return p.returncode != 0 and "does not trust" in p.stderr, (p.stderr.strip().splitlines() or [""])[-1][:200]


# --- §2 tamper evidence against whoever can write the files ---------------------


def sql_case(name, statements, fragment, setup=None):
    @case("2 catalog", name)
    def attack(root):
        repo = Repo(root)
        if setup:
            setup(repo)
        repo.sql(*[s(repo) if callable(s) else s for s in statements])
        return verify_reports(repo, fragment)


sql_case("archived contract's amount 1,250,000 -> 125",
         ["UPDATE versions SET metadata = replace(metadata, '1250000', '125') WHERE doc_id = "
          f"(SELECT id FROM documents WHERE number = '{CONTRACT}')"], "does not match its recorded digest")
sql_case("a 秘密 document erased (rows, scope), then reindex",
         ["DELETE FROM version_files WHERE doc_id IN (SELECT id FROM documents WHERE confidentiality = 2)",
          "DELETE FROM versions WHERE doc_id IN (SELECT id FROM documents WHERE confidentiality = 2)",
          "DELETE FROM number_sequences WHERE scope IN (SELECT number_scope FROM documents WHERE confidentiality = 2)",
          "DELETE FROM documents WHERE confidentiality = 2"],
         "is registered in the audit trail but missing from the catalog")
sql_case("retention clock moved to 1990", ["UPDATE archives SET clock_start = '1990-01-01'"],
         "its archive record's clock_start is '1990-01-01'")
sql_case("retention class Y -> D10", ["UPDATE archives SET retention = 'D10'"], "differs from the audit trail's Y")
sql_case("clerk promoted to director with 机密", ["UPDATE users SET role = 'director', clearance = 3 WHERE name = '张三'"],
         "user 张三: its clearance is '3'")
sql_case("a user added behind the core's back",
         ["INSERT INTO users (name, role, clearance, created_at) VALUES ('mallory', 'admin', 3, '2026-01-01')"],
         "user mallory has no audit entry")
sql_case("a hold's query emptied", ["UPDATE holds SET query = '{}' WHERE scope = 'query'"],
         "is not the one it was placed with",
         setup=lambda r: r.ok("王律师", "hold", "place", "--counterparty", "华信", "--reason", "诉讼", "--authority", "法务部"))
sql_case("a hold lifted without a trace", ["DELETE FROM holds"], "is in the audit trail but missing",
         setup=lambda r: r.ok("王律师", "hold", "place", CONTRACT, "--reason", "诉讼", "--authority", "法务部"))
sql_case("the director's approval re-attributed to legal",
         ["UPDATE steps SET actor = '王律师', role = 'legal' WHERE actor = '陈总' AND action = 'approve'"],
         "by 王律师 as legal")
sql_case("number sequence row deleted", ["DELETE FROM number_sequences WHERE type = 'contract'"], "has no sequence row")
sql_case("counterparty edited", [f"UPDATE documents SET counterparty = '别家公司' WHERE number = '{CONTRACT}'"],
         "its counterparty is '别家公司'")
sql_case("department edited", [f"UPDATE documents SET dept = '财务部' WHERE number = '{CONTRACT}'"],
         "its department is '财务部'")
sql_case("date edited", [f"UPDATE documents SET doc_date = '2019-01-01' WHERE number = '{CONTRACT}'"],
         "its date is '2019-01-01'")
sql_case("registrant edited", [f"UPDATE documents SET created_by = '陈总' WHERE number = '{CONTRACT}'"],
         "the catalog says 陈总")
sql_case("a loan forged",
         [lambda r: "INSERT INTO loans (doc_id, borrower, original, lent_at, lent_by, due, note) VALUES "
          f"('{r.doc_id(CONTRACT)}', '张三', 1, '2026-03-05T08:00:00Z', '档案员', '2026-03-09', '')"],
         "has no audit entry that explains it")
sql_case("a loan marked returned",
         ["UPDATE loans SET returned_at = '2026-12-01T00:00:00Z', returned_by = '档案员'"], "loan of",
         setup=lambda r: r.ok("档案员", "lend", CONTRACT, "--to", "李经理", "--due", "2099-01-01", "--original"))
sql_case("a seal use forged",
         [lambda r: "INSERT INTO seal_uses (doc_id, seal, purpose, status, requested_by, requested_at) VALUES "
          f"('{r.doc_id(CONTRACT)}', '公章', '私用', 'used', '张三', '2026-03-03T00:00:00Z')"],
         "has no audit entry")
sql_case("copies distributed deleted", ["DELETE FROM distributions"], "is in the audit trail but missing")
sql_case("a resolution marked done",
         ["UPDATE resolutions SET status = 'done', done_at = '2026-12-01T00:00:00Z', done_by = '张三' WHERE status = 'open'"],
         "its done_at is '2026-12-01T00:00:00Z'")
def another_file(repo):
    path = os.path.join(repo.root, "other.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("另一份文件")
    repo.ok("张三", "add", "generic", "--title", "另一份", "--set", "date=2026-01-01", path)


sql_case("a file swapped for another blob",
         [lambda r: "UPDATE version_files SET sha256 = (SELECT sha256 FROM blobs WHERE sha256 NOT IN (SELECT sha256 "
          f"FROM version_files WHERE doc_id = '{r.doc_id(CONTRACT)}') LIMIT 1) WHERE doc_id = '{r.doc_id(CONTRACT)}' "
          "AND version = 1"],
         "does not match its recorded digest", setup=another_file)
sql_case("an audit entry altered", ["UPDATE audit SET actor = 'mallory' WHERE seq = 10"], "was altered")
sql_case("the audit tail deleted", ["DELETE FROM audit WHERE seq > (SELECT max(seq) - 3 FROM audit)"], "recorded head")


def checkpointed(repo, root):
    witness = os.path.join(root, "witness.jsonl")
    repo.ok("admin", "checkpoint", "--to", witness)
    return witness


def rewritten_case(name, edit, after=()):
    """Rows edited, then every digest and hash recomputed (rewrite_history),
    then `after` run as the admin: only a checkpoint taken before can tell."""
    @case("2 catalog", name)
    def attack(root):
        repo = Repo(root)
        witness = checkpointed(repo, root)
        rewrite_history(repo, edit)
        for args in after:
            repo.run("admin", *args)
        plain = repo.verify()
        held, line = verify_reports(repo, "rewritten", "--against", witness)
        return held, f"plain verify exit {plain.returncode}; with the witness: {line}"


def amount_to_125(db):
    db.execute("UPDATE versions SET metadata = replace(metadata, '1250000', '125')")
    return []


def clerk_to_director(db):
    db.execute("UPDATE users SET role = 'director', clearance = 3 WHERE name = '张三'")
    for old, new in (('"clearance":1', '"clearance":3'), ('"role":"clerk"', '"role":"director"')):
        db.execute("UPDATE audit SET details = replace(details, ?, ?) WHERE action = 'user.add' AND object = '张三'",
                   (old, new))
    return []


rewritten_case("amount edited and every digest and hash of the chain recomputed: caught by the checkpoint",
               amount_to_125, after=[("reindex",)])
rewritten_case("clerk promoted and the trail rewritten to match: caught by the checkpoint", clerk_to_director)


@case("2 catalog", "rolled back to an older, consistent copy of the catalog: caught by the checkpoint")
def rollback(root):
    repo = Repo(root)
    old = os.path.join(root, "catalog.old")
    shutil.copyfile(os.path.join(repo.path, "catalog.db"), old)
    repo.ok("档案员", "lend", CONTRACT, "--to", "李经理", "--due", "2099-01-01")
    witness = checkpointed(repo, root)
    shutil.copyfile(old, os.path.join(repo.path, "catalog.db"))
    for suffix in ("-wal", "-shm"):
        if os.path.exists(os.path.join(repo.path, "catalog.db" + suffix)):
            os.remove(os.path.join(repo.path, "catalog.db" + suffix))
    plain = repo.verify()
    held, line = verify_reports(repo, "rolled back", "--against", witness)
    return held, f"plain verify exit {plain.returncode}; with the witness: {line}"


# --- §3 bounded work for any input ------------------------------------------------


def timed(fn):
    start = time.monotonic()
    p = fn()
    return p, time.monotonic() - start


def bounded_search(name, query, fragment):
    @case("3 bounds", name)
    def attack(root):
        repo = Repo(root)
        p, secs = timed(lambda: repo.run("张三", "search", query, timeout=60))
        held = p.returncode == 1 and fragment in p.stderr and secs < 10
        return held, f"{secs:.1f} s, exit {p.returncode}: {(p.stderr.strip().splitlines() or [''])[-1][:150]}"


bounded_search("search '合同 ' x 2,000", "合同 " * 2000, "")
bounded_search("search '合同 ' x 15,000", "合同 " * 15000, "")
bounded_search("search with 200 nested parentheses", "(" * 200 + "合同" + ")" * 200, "")


def refused_add(name, args, fragment, stdin=None, code=1):
    @case("3 bounds" if not name.startswith("§4") else "4 display", name.replace("§4 ", ""))
    def attack(root):
        repo = Repo(root)
        p = repo.run("张三", *[a(root) if callable(a) else a for a in args], stdin=stdin, timeout=30)
        return refused(p, fragment, code)


def write(root, name, text):
    path = os.path.join(root, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


refused_add("a 40,000-character title", ["add", "generic", "--title", "长" * 40000, "--set", "date=2026-01-01"], "title")
refused_add("an amount of 50,000,000,000,000,000",
            ["add", "contract", "--title", "巨额合同", "--set", "parties.0.name=甲", "--set", "parties.0.role=甲方", "--set", "parties.1.name=乙",
             "--set", "parties.1.role=乙方",
             "--set", "subject=服务器", "--set", "amount.value:=50000000000000000", "--set", "amount.currency=CNY",
             "--set", "department=商务部"], "amount")
refused_add("a date 2026-02-30", ["add", "generic", "--title", "日期", "--set", "date=2026-02-30"], "2026-02-30")
refused_add("a date 2026-13-01", ["add", "generic", "--title", "日期", "--set", "date=2026-13-01"], "2026-13-01")
refused_add("a term that ends before it starts",
            ["add", "contract", "--title", "倒挂合同", "--set", "parties.0.name=甲", "--set", "parties.0.role=甲方", "--set", "parties.1.name=乙",
             "--set", "parties.1.role=乙方",
             "--set", "subject=服务器", "--set", "amount.value:=100", "--set", "amount.currency=CNY",
             "--set", "department=商务部", "--set", "term.start=2026-05-01", "--set", "term.end=2026-01-01"], "term")
refused_add("an empty --meta file", ["add", "generic", "--title", "空", "--meta", lambda r: write(r, "empty.json", "")],
            "empty")
refused_add("50 MB of metadata",
            ["add", "generic", "--title", "大", "--meta",
             lambda r: write(r, "big.json", '{"date":"2026-01-01","x":"' + "x" * (50 << 20) + '"}')], "larger than")
refused_add("duplicate JSON keys",
            ["add", "generic", "--title", "重复", "--meta",
             lambda r: write(r, "dup.json", '{"date":"2026-01-01","date":"2027-01-01"}')], "date")


@case("3 bounds", "add of a FIFO: refused without blocking")
def fifo(root):
    repo = Repo(root)
    path = os.path.join(root, "pipe")
    os.mkfifo(path)
    try:
        p, secs = timed(lambda: repo.run("张三", "add", "generic", "--title", "管道", "--set", "date=2026-01-01", path,
                                          timeout=20))
    except subprocess.TimeoutExpired:
        return False, "blocked for 20 s"
    return p.returncode == 1 and secs < 5, f"{secs:.1f} s: {p.stderr.strip()[-150:]}"


@case("3 bounds", "a 10 MB title in import-csv")
def csv_title(root):
    repo = Repo(root)
    path = write(root, "big.csv", "名称,日期\n" + "长" * ((10 << 20) // 3) + ",2026-01-01\n")
    p = repo.run("张三", "import-csv", "generic", path, "--map", "名称=title", "--map", "日期=date")
    return p.returncode != 0 and "title" in (p.stdout + p.stderr), (p.stdout + p.stderr).strip()[-150:]


# --- §4 what people see cannot be forged ---------------------------------------------

refused_add("§4 a line break in a counterparty (a forged row in list)",
            ["add", "contract", "--title", "换行", "--set", "parties.0.name=甲", "--set", "parties.0.role=甲方",
             "--set", "parties.1.name=乙\n| HT-FORGED | 伪造", "--set", "parties.1.role=乙方", "--set",
             "subject=服务器", "--set", "amount.value:=100", "--set", "amount.currency=CNY", "--set",
             "department=商务部"], "line break")
refused_add("§4 a title with U+202E (bidi override)", ["add", "generic", "--title", "合同\u202egpj.exe", "--set",
                                                       "date=2026-01-01"], "title")
refused_add("§4 a title of a zero-width space only", ["add", "generic", "--title", "\u200b", "--set", "date=2026-01-01"],
            "title")
refused_add("§4 a title of spaces only", ["add", "generic", "--title", "   ", "--set", "date=2026-01-01"], "title")


@case("4 display", "user 陈总+U+200B beside 陈总")
def confusable_user(root):
    repo = Repo(root)
    return refused(repo.run("admin", "user", "add", "陈总\u200b", "--role", "clerk"), "")


@case("4 display", "user ｃｈｅｎ (full-width) beside chen")
def nfkc_user(root):
    repo = Repo(root)
    repo.ok("admin", "user", "add", "chen", "--role", "clerk")
    return refused(repo.run("admin", "user", "add", "ｃｈｅｎ", "--role", "clerk"), "")


@case("4 display", "audit REF shows a clerk no link to a document above his clearance")
def audit_link(root):
    repo = Repo(root)
    secret = repo.query("SELECT number, id FROM documents WHERE confidentiality = 2")[0]
    mine = json.loads(repo.ok("张三", "add", "generic", "--title", "项目周报", "--set", "date=2026-01-01",
                              "--json").stdout)["number"]
    repo.ok("陈总", "link", secret[0], "--supersedes", mine)
    p = repo.run("张三", "audit", mine, "--json")
    cleared = repo.run("陈总", "audit", mine, "--json")  # the link is there, for those who may see it
    return p.returncode == 0 and secret[1] in cleared.stdout and secret[1] not in p.stdout and \
        secret[0] not in p.stdout, \
        f"exit {p.returncode}; the 秘密 document's id {'shown' if secret[1] in p.stdout else 'not shown'} to the clerk"


# --- §5 faults and leftovers ------------------------------------------------------------


@case("5 faults", "a read-only repository is listed and verified")
def read_only(root):
    repo = Repo(root)
    mode = ["chattr", "-R", "+i", repo.path] if os.geteuid() == 0 else ["chmod", "-R", "a-w", repo.path]
    subprocess.run(mode, check=True)
    try:
        listed = repo.run("张三", "list")
        verified = repo.verify()
    finally:
        undo = ["chattr", "-R", "-i", repo.path] if os.geteuid() == 0 else ["chmod", "-R", "u+w", repo.path]
        subprocess.run(undo, check=True)
    return listed.returncode == 0 and verified.returncode == 0, f"list exit {listed.returncode}, verify exit {verified.returncode}"


@case("5 faults", "a killed add's leftovers are reported by verify and removed by gc")
def leftovers(root):
    repo = Repo(root)
    big = os.path.join(root, "big.bin")
    with open(big, "wb") as f:
        f.write(os.urandom(3 << 20))
    env = dict(os.environ, DOSSIER_CRASH_AT="published:1")
    subprocess.run([DOSSIER, "--repo", repo.path, "--as", "admin", "add", "generic", "--title", "大", "--set",
                    "date=2026-01-01", big], env=env, capture_output=True)
    before = json.loads(repo.verify("--json").stdout)["leftovers"]
    repo.ok("admin", "gc", "--keep-temporary-hours", "0")
    after = json.loads(repo.verify("--json").stdout)["leftovers"]
    return len(before) > 0 and not after, f"{len(before)} leftover(s) reported, {len(after)} after gc"


@case("5 faults", "an empty catalog.db is not a repository")
def empty_catalog(root):
    folder = os.path.join(root, "empty")
    os.makedirs(folder)
    open(os.path.join(folder, "catalog.db"), "w").close()
    p = subprocess.run([DOSSIER, "--repo", folder, "--as", "admin", "list"], capture_output=True, text=True)
    size = os.path.getsize(os.path.join(folder, "catalog.db"))
    return p.returncode != 0 and "not a Dossier repository" in p.stderr and size == 0, f"{p.stderr.strip()[-150:]}; size {size}"


@case("5 faults", "import-csv --dry-run rejects an unknown department as the real run does")
def csv_dry_run(root):
    repo = Repo(root)
    path = write(root, "ledger.csv", "名称,部门\n甲合同,商务部\n乙合同,不存在的部门\n")
    args = ["import-csv", "contract", path, "--map", "名称=title", "--map", "部门=department", "--set",
            "parties.0.name=甲", "--set", "parties.0.role=甲方", "--set", "parties.1.name=乙", "--set",
            "parties.1.role=乙方", "--set", "subject=服务", "--set",
            "amount.value:=100", "--set", "amount.currency=CNY", "--dry-run", "--json"]
    p = repo.run("张三", *args)
    try:
        report = json.loads(p.stdout)
    except ValueError:
        return False, p.stderr.strip()[-150:]
    return report.get("valid") == 1 and len(report.get("rejected", [])) == 1, f"valid {report.get('valid')}, rejected {len(report.get('rejected', []))}"


def main():
    only = sys.argv[1] if len(sys.argv) > 1 else ""
    held = failed = 0
    section = None
    for sec, name, fn in CASES:
        if only not in name:
            continue
        if sec != section:
            print(f"\n§{sec}")
            section = sec
        with tempfile.TemporaryDirectory(prefix="dossier-redteam-") as root:
            start = time.monotonic()
            try:
                ok, detail = fn(root)
            except Exception as e:  # a case that cannot even be set up is not a pass
                ok, detail = False, f"{type(e).__name__}: {e}"
            secs = time.monotonic() - start
        held += ok
        failed += not ok
        print(f"  {'held  ' if ok else 'FAILED'} {name} ({secs:.1f} s)\n           {detail}")
    print(f"\n{held + failed} attacks tried: {held} held, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
