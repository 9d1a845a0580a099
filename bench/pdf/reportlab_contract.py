#!/usr/bin/python3
"""The ReportLab side of bench/pdf: the same contracts, same font, same text
and layout as Dossier's contract template, drawn with ReportLab's canvas API.

Run with Debian's own python3 and python3-reportlab (3.6):
  /usr/bin/python3 reportlab_contract.py CORPUS_DIR OUT_DIR
CORPUS_DIR holds the sidecars (*.json) bench/pdf/run.py generated.
"""
import json
import os
import sys

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
CLOSING = set("，。、；：？！）」』》】")
OPENING = set("（「『《【")
DIGITS = "零壹贰叁肆伍陆柒捌玖"


def capital(yuan):
    # Whole yuan only: the corpus' amounts are whole.
    s, out, zero = str(int(yuan)), "", False
    units, big = ["", "拾", "佰", "仟"], ["", "万", "亿"]
    n = len(s)
    for i, ch in enumerate(s):
        pos = n - 1 - i
        d = int(ch)
        if d == 0:
            zero = bool(out)
        else:
            if zero:
                out += "零"
            zero = False
            out += DIGITS[d] + units[pos % 4]
        if pos % 4 == 0 and pos > 0 and s[max(0, i - 3):i + 1].strip("0"):
            out += big[pos // 4]
    return out + "元整"


def wrap(text, width, size):
    lines, line = [], ""
    for ch in text:
        if pdfmetrics.stringWidth(line + ch, "WQY", size) > width and line:
            if ch in CLOSING:  # keep closing punctuation on the line
                line, ch = line[:-1], line[-1] + ch
            lines.append(line)
            line = ch
        else:
            line += ch
    if line:
        lines.append(line)
    return lines


class Doc:
    def __init__(self, path, number, marking):
        self.c = canvas.Canvas(path, pagesize=A4, pageCompression=1)
        self.number, self.marking, self.page = number, marking, 1
        self.w, self.h = A4
        self.left, self.right, self.top, self.bottom = 68, A4[0] - 68, 72, A4[1] - 64
        self.y = self.top
        self.header()

    def header(self):
        self.c.setFont("WQY", 9)
        self.c.drawString(self.left, self.h - (self.top - 16), self.number)
        self.c.drawRightString(self.right, self.h - (self.top - 16), self.marking)
        self.c.line(self.left, self.h - (self.top - 12), self.right, self.h - (self.top - 12))

    def footer(self, total):
        self.c.setFont("WQY", 9)
        self.c.drawCentredString(self.w / 2, self.h - (self.bottom + 22), "第 %d 页 共 %d 页" % (self.page, total))

    def new_page(self, total):
        self.footer(total)
        self.c.showPage()
        self.page += 1
        self.y = self.top
        self.header()

    def para(self, text, size=11, indent=2, align="left", total=2):
        width = self.right - self.left
        lh = size * 1.6
        for i, line in enumerate(wrap(text, width - (indent * size if True else 0), size)):
            if self.y + lh > self.bottom:
                self.new_page(total)
            self.c.setFont("WQY", size)
            base = self.h - (self.y + lh * 0.3 + size * 0.86)
            if align == "center":
                self.c.drawCentredString(self.w / 2, base, line)
            elif align == "right":
                self.c.drawRightString(self.right, base, line)
            else:
                self.c.drawString(self.left + (indent * size if i == 0 else 0), base, line)
            self.y += lh
        self.y += 4


def render(meta, title, number, out):
    d = Doc(out, number, "内部")
    d.para(title, 20, 0, "center")
    d.para("合同编号：" + number, 10, 0, "right")
    for p in meta["parties"]:
        d.para("%s：%s    %s" % (p["role"], p["name"], p.get("representative", "")), 11, 0)
    d.para("根据《中华人民共和国民法典》及有关法律法规，甲乙双方在平等、自愿、公平、诚实信用的基础上，就%s事宜，"
           "经协商一致，订立本合同，共同遵守。" % meta["subject"])
    amount = meta["amount"]["value"]
    clauses = [("标的", meta["subject"] + "。"), ("数量", meta["quantity"] + "。"), ("质量标准", meta["quality"] + "。"),
               ("价款", "合同总价款为人民币（大写）%s（¥%s，币种 %s）。明细见本合同所附清单。" % (capital(amount), "{:,.2f}".format(amount), "CNY")),
               ("履行期限", "自%s起至%s止。" % (meta["term"]["start"], meta["term"]["end"])),
               ("履行地点和方式", "履行地点：%s；履行方式：%s。" % (meta["place"], meta["method"])),
               ("违约责任", meta["breach_liability"]), ("解决争议的方法", meta["dispute_resolution"]),
               ("其他", "本合同一式肆份，甲乙双方各执贰份，具有同等法律效力。本合同自双方签字并盖章之日起生效。")]
    numbers = "一二三四五六七八九"
    for i, (t, text) in enumerate(clauses):
        d.para("第%s条 %s" % (numbers[i], t), 12, 0)
        d.para(text)
    if d.page == 1:
        d.new_page(2)
    d.para("附：货物（服务）清单", 13, 0)
    cols = [68, 110, 230, 340, 380, 420, 480, 527]
    rows = [["序号", "品名", "规格型号", "单位", "数量", "单价（元）", "金额（元）"]]
    total = 0
    for i, it in enumerate(meta["line_items"]):
        a = it["quantity"] * it["unit_price"]
        total += a
        rows.append([str(i + 1), it["name"], it.get("spec", ""), it.get("unit", ""), str(it["quantity"]),
                     "{:,.2f}".format(it["unit_price"]), "{:,.2f}".format(a)])
    rows.append(["", "合计", "", "", "", "", "{:,.2f}".format(total)])
    for r in rows:
        top = d.h - d.y
        d.c.setFont("WQY", 10)
        for k, cell in enumerate(r):
            d.c.drawString(cols[k] + 4, top - 15, cell[:14])
        d.c.line(cols[0], top, cols[-1], top)
        d.c.line(cols[0], top - 22, cols[-1], top - 22)
        for x in cols:
            d.c.line(x, top, x, top - 22)
        d.y += 22
    d.y += 28
    for line in ["甲方（盖章）：" + meta["parties"][0]["name"], "法定代表人或授权代表（签字）：", "签订日期：" + meta["signing_date"]]:
        d.c.setFont("WQY", 11)
        d.c.drawString(d.left, d.h - d.y - 14, line)
        d.c.drawString(d.w / 2, d.h - d.y - 14, line.replace("甲方", "乙方").replace(meta["parties"][0]["name"], meta["parties"][1]["name"]))
        d.y += 24
    d.footer(2)
    d.c.showPage()
    d.c.save()


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    pdfmetrics.registerFont(TTFont("WQY", FONT, subfontIndex=0))
    os.makedirs(out, exist_ok=True)
    for name in sorted(os.listdir(corpus)):
        if not name.endswith(".json"):
            continue
        side = json.load(open(os.path.join(corpus, name), encoding="utf-8"))
        number = name.split(".")[0]
        render(side["metadata"], side["title"], number, os.path.join(out, number + ".pdf"))


if __name__ == "__main__":
    main()
