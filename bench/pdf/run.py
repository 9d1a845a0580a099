#!/usr/bin/env python3
"""bench/pdf: batch rendering of two-page Chinese contracts, Dossier against ReportLab.

Generates N seeded contracts (default 1,000), registers them with `dossier ingest`,
then in the same run, on the same contracts:
  dossier -j1   dossier render --query --type contract -o DIR --jobs 1
  dossier -j2   the same on both cores
  reportlab     Debian's python3-reportlab 3.6 (canvas API, same font, text and layout),
                run with Debian's /usr/bin/python3
and prints documents/s (wall and per CPU-second), average file size and peak memory
(each process's own maximum resident set, from wait4). With DOSSIER_PDF_PROFILE=1 the
plugin prints where its time went per document.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

COMPANIES = ["北京华信科技有限公司", "上海东方物流有限公司", "广州南方建材有限公司", "深圳星辰软件有限公司",
             "杭州西湖数据服务有限公司", "成都天府网络技术有限公司", "武汉江城设备制造有限公司"]
SUBJECTS = ["服务器及配套存储设备采购", "办公楼物业管理服务", "数据中心机房改造工程", "企业管理软件许可及实施服务",
            "仓储物流外包服务", "年度网络安全评估服务", "生产设备维修保养服务"]
BREACH = ["乙方逾期交付的，每逾期一日按合同总价款的千分之一向甲方支付违约金；逾期超过三十日的，甲方有权解除合同并要求乙方赔偿损失。",
          "任何一方违反本合同约定的，应向守约方支付合同总价款百分之十的违约金；违约金不足以弥补损失的，违约方还应赔偿守约方的全部损失。",
          "甲方逾期付款的，每逾期一日按应付未付款项的万分之五支付违约金；乙方提供的服务不符合约定的，应在七日内无偿整改。"]
DISPUTE = ["因本合同引起的或与本合同有关的任何争议，双方应友好协商解决；协商不成的，提交上海仲裁委员会按照其届时有效的仲裁规则进行仲裁。",
           "双方因履行本合同发生争议的，应协商解决；协商不成的，任何一方均可向甲方所在地有管辖权的人民法院提起诉讼。"]


def contract(rng, i):
    them = rng.choice(COMPANIES)
    items = []
    for k in range(rng.randint(2, 4)):
        items.append({"name": rng.choice(["机架式服务器", "存储阵列", "交换机", "安装调试服务", "运维服务", "软件许可"]),
                      "spec": rng.choice(["2U 双路 256GB", "24盘位 SAS", "48口千兆", "按项", "12个月", "企业版"]),
                      "unit": rng.choice(["台", "套", "项", "年"]), "quantity": rng.randint(1, 20),
                      "unit_price": rng.randint(1, 200) * 1000})
    amount = sum(it["quantity"] * it["unit_price"] for it in items)
    month = rng.randint(1, 12)
    return {
        "type": "contract",
        "title": rng.choice(SUBJECTS)[:8] + "合同（%04d）" % i,
        "metadata": {
            "parties": [{"role": "甲方", "name": "华东数据服务有限公司", "self": True, "representative": "陈明"},
                        {"role": "乙方", "name": them, "representative": "刘强"}],
            "subject": rng.choice(SUBJECTS),
            "quantity": "按附件清单所列数量交付，共 %d 项" % len(items),
            "quality": "符合国家标准及行业标准，并满足本合同附件一《技术规格书》的全部要求，乙方提供不少于十二个月的质量保证。",
            "amount": {"value": amount, "currency": "CNY"},
            "line_items": items,
            "term": {"start": "2026-%02d-01" % month, "end": "2027-%02d-28" % month},
            "place": "上海市浦东新区张江路%d号甲方指定地点" % rng.randint(1, 999),
            "method": "乙方分批送货上门并负责安装调试，甲方验收合格后十个工作日内支付相应款项",
            "breach_liability": rng.choice(BREACH),
            "dispute_resolution": rng.choice(DISPUTE),
            "signing_date": "2026-%02d-%02d" % (month, rng.randint(1, 28)),
            "department": rng.choice(["商务部", "采购部", "销售部"]),
            "owner": "张三",
        },
    }


def measure(argv, env=None):
    """Runs argv; returns wall seconds, CPU seconds and peak RSS (MB) of that process, and its output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        p = subprocess.Popen(argv, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("failed: %s\n%s%s" % (" ".join(argv), stdout, stderr))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stdout, stderr


def folder_stats(path):
    sizes = [os.path.getsize(os.path.join(path, f)) for f in os.listdir(path) if f.endswith(".pdf")]
    return len(sizes), sum(sizes) / max(1, len(sizes))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossier", required=True)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--work", default="/tmp/dossier-bench-pdf")
    args = ap.parse_args()

    shutil.rmtree(args.work, ignore_errors=True)
    corpus = os.path.join(args.work, "corpus")
    os.makedirs(corpus)
    rng = random.Random(20261123)
    for i in range(1, args.count + 1):
        side = contract(rng, i)
        name = "c%05d.txt" % i
        with open(os.path.join(corpus, name), "w", encoding="utf-8") as f:
            f.write(side["title"] + "\n" + side["metadata"]["subject"] + "\n")
        with open(os.path.join(corpus, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(side, f, ensure_ascii=False)
    repo = os.path.join(args.work, "repo")
    subprocess.run([args.dossier, "init", repo], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([args.dossier, "--repo", repo, "--as", "admin", "ingest", corpus], check=True, stdout=subprocess.DEVNULL)

    rows = []
    env = dict(os.environ, DOSSIER_PDF_PROFILE="1")
    for jobs in (1, 2):
        out = os.path.join(args.work, "dossier-j%d" % jobs)
        wall, cpu, rss, _, err = measure([args.dossier, "--repo", repo, "--as", "admin", "render", "--query", "--type",
                                          "contract", "-o", out, "--jobs", str(jobs)], env)
        n, avg = folder_stats(out)
        rows.append(("dossier -j%d" % jobs, n, wall, cpu, avg, rss))
        profile = err.strip()
    out = os.path.join(args.work, "reportlab")
    wall, cpu, rss, _, _ = measure(["/usr/bin/python3", os.path.join(HERE, "reportlab_contract.py"), corpus, out])
    n, avg = folder_stats(out)
    rows.append(("reportlab", n, wall, cpu, avg, rss))

    print("machine: %s, %d cores" % (os.uname().machine, os.cpu_count()))
    print("%-12s %6s %9s %8s %12s %10s %12s" % ("", "docs", "wall s", "docs/s", "docs/CPU-s", "avg KB", "peak RSS MB"))
    for name, n, wall, cpu, avg, rss in rows:
        print("%-12s %6d %9.2f %8.1f %12.1f %10.1f %12.1f" % (name, n, wall, n / wall, n / cpu, avg / 1024, rss))
    rl = rows[-1]
    best = rows[1]
    print("dossier -j2 / reportlab: %.2fx documents/s; size %.2fx" % ((best[1] / best[2]) / (rl[1] / rl[2]), best[4] / rl[4]))
    if profile:
        print("where dossier's time goes (-j2, per document):")
        print(profile)


if __name__ == "__main__":
    main()
