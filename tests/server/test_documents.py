"""Documents through the API: registering with files (Chinese names),
downloads whole and by Range, lists and paging, 404 sameness, size limits."""
import json
import os
import unittest
from urllib.parse import quote

from harness import ServerTest, run


class DocumentTest(ServerTest):
    config = {"limits": {"max_upload_bytes": 200000, "max_body_bytes": 4096}}

    def test_a_document_registered_with_chinese_file_names_comes_back_byte_for_byte(self):
        clerk = self.signed_in("张三")
        text = "第一条 标的：服务器十台。\n".encode() * 500
        scan = bytes(range(256)) * 300
        r = clerk.register(title="采购合同（上传）", files=[("合同正文.txt", text), ("扫描件 第1页.bin", scan)])
        self.assertEqual(r.status, 201, r)
        number = r.json()["number"]
        self.assertTrue(number.startswith("HT-"), number)
        self.assertEqual(r.header("Location"), "/api/v1/documents/" + number)
        shown = clerk.get("/api/v1/documents/" + quote(number))
        self.assertEqual(shown.status, 200, shown)
        self.assertEqual(shown.json()["title"], "采购合同（上传）")
        self.assertEqual(sorted(f["name"] for f in shown.json()["files"]), ["合同正文.txt", "扫描件 第1页.bin"])
        whole = clerk.get(f"/api/v1/documents/{quote(number)}/files/{quote('扫描件 第1页.bin')}")
        self.assertEqual(whole.status, 200, whole)
        self.assertEqual(whole.body, scan)
        self.assertIn("filename*=UTF-8''%E6%89%AB", whole.header("Content-Disposition"))
        self.assertEqual(whole.header("Accept-Ranges"), "bytes")
        part = clerk.get(f"/api/v1/documents/{quote(number)}/files/{quote('合同正文.txt')}",
                         headers={"Range": "bytes=3-20"})
        self.assertEqual(part.status, 206, part)
        self.assertEqual(part.body, text[3:21])
        self.assertEqual(part.header("Content-Range"), f"bytes 3-20/{len(text)}")
        tail = clerk.get(f"/api/v1/documents/{quote(number)}/files/{quote('合同正文.txt')}",
                         headers={"Range": "bytes=-10"})
        self.assertEqual(tail.body, text[-10:])
        outside = clerk.get(f"/api/v1/documents/{quote(number)}/files/{quote('合同正文.txt')}",
                            headers={"Range": f"bytes={len(text) + 5}-"})
        self.assertEqual(outside.status, 416, outside)
        self.assertEqual(outside.header("Content-Range"), f"bytes */{len(text)}")
        missing = clerk.get(f"/api/v1/documents/{quote(number)}/files/nothing.txt")
        self.assertError(missing, 404, "not_found")

    def test_invalid_metadata_is_refused_naming_the_field_and_nothing_is_registered(self):
        clerk = self.signed_in("张三")
        before = clerk.get("/api/v1/documents").json()["total"]
        bad = dict(json.loads(json.dumps(__import__("harness").CONTRACT)))
        bad["amount"] = {"value": "很多", "currency": "CNY"}
        r = clerk.register(title="金额不对", metadata=bad)
        self.assertError(r, 422, "invalid_metadata")
        self.assertEqual(r.json()["error"]["field"], "/amount/value")
        self.assertIn("「金额 › 数额」/amount/value: ", r.json()["error"]["message"])
        del bad["amount"]
        bad["subject"] = ""
        r = clerk.register(title="缺金额", metadata=bad)
        self.assertError(r, 422, "invalid_metadata")
        self.assertIn(r.json()["error"]["field"], ("/amount", "/subject"))
        self.assertIn("「金额」", r.json()["error"]["message"])
        self.assertIn("「标的」/subject: ", r.json()["error"]["message"])
        r = clerk.upload("/api/v1/documents", None, [("a.txt", b"x")])
        self.assertError(r, 400, "invalid_argument")
        self.assertIn("metadata", r.json()["error"]["message"])
        # A key named twice in a JSON body: which value counts would be a
        # guess (which user signs in?), so the body is refused.
        r = self.server.client().request("POST", "/api/v1/session",
                                         '{"user":"张三","user":"admin","password":"x"}'.encode(),
                                         content_type="application/json")
        self.assertError(r, 400, "invalid_argument")
        self.assertIn('the key "user" appears twice in one object', r.json()["error"]["message"])
        self.assertEqual(clerk.get("/api/v1/documents").json()["total"], before)

    def test_a_file_over_the_limit_is_refused_with_413_and_leaves_nothing(self):
        clerk = self.signed_in("张三")
        before = clerk.get("/api/v1/documents").json()["total"]
        r = clerk.register(title="太大", files=[("small.txt", b"ok"), ("big.bin", b"\0" * 300000)])
        self.assertError(r, 413, "payload_too_large")
        self.assertEqual(clerk.get("/api/v1/documents").json()["total"], before)
        r = clerk.post("/api/v1/tokens", {"label": "x" * 5000, "expires": "2027-01-01"})
        self.assertError(r, 413, "payload_too_large")

    def test_lists_are_filtered_and_paged_with_a_total(self):
        clerk = self.signed_in("张三")
        for i in range(5):
            self.assertEqual(clerk.register(title=f"分页合同{i}").status, 201)
        page1 = clerk.get("/api/v1/documents?type=contract&per_page=2&page=1").json()
        page2 = clerk.get("/api/v1/documents?type=contract&per_page=2&page=2").json()
        self.assertGreaterEqual(page1["total"], 5)
        self.assertEqual(len(page1["documents"]), 2)
        self.assertEqual(len(page2["documents"]), 2)
        self.assertFalse({d["number"] for d in page1["documents"]} & {d["number"] for d in page2["documents"]})
        self.assertError(clerk.get("/api/v1/documents?type=nonsense"), 400, "invalid_argument")
        self.assertError(clerk.get("/api/v1/documents?per_page=0"), 400, "invalid_argument")
        self.assertError(clerk.get("/api/v1/documents?page=x"), 400, "invalid_argument")
        found = clerk.get("/api/v1/documents?q=" + quote("分页合同3")).json()
        self.assertGreaterEqual(found["total"], 1)
        self.assertEqual(found["documents"][0]["title"], "分页合同3")

    def test_a_document_above_the_clearance_answers_exactly_as_a_missing_one(self):
        director = self.signed_in("陈总")
        r = director.register(title="机密并购协议", confidentiality="机密")
        self.assertEqual(r.status, 201, r)
        secret = r.json()["number"]
        clerk = self.signed_in("张三")
        hidden = clerk.get("/api/v1/documents/" + quote(secret))
        # The same number with one character changed does not exist at all.
        ghost_number = secret[:-1] + ("9" if secret[-1] != "9" else "8")
        ghost = clerk.get("/api/v1/documents/" + quote(ghost_number))
        self.assertEqual(hidden.status, 404)
        self.assertEqual(ghost.status, 404)
        self.assertEqual(hidden.body.replace(secret.encode(), b"REF"), ghost.body.replace(ghost_number.encode(), b"REF"))
        # The core's words for programs, and for a Chinese reader the same in Chinese.
        self.assertEqual(hidden.json()["error"]["message"], f"no document '{secret}'")
        self.assertEqual(hidden.json()["error"]["message_zh"], f"没有文件“{secret}”（或您无权查看）")
        listed = clerk.get("/api/v1/documents?per_page=500").json()
        self.assertNotIn(secret, [d["number"] for d in listed["documents"]])
        self.assertEqual(listed["total"], len(listed["documents"]))
        searched = clerk.get("/api/v1/search?q=" + quote("并购")).json()
        self.assertEqual(searched["total"], 0)
        self.assertEqual(clerk.get(f"/api/v1/documents/{quote(secret)}/files/{quote('合同正文.txt')}").body,
                         clerk.get(f"/api/v1/documents/{quote(ghost_number)}/files/{quote('合同正文.txt')}").body
                         .replace(ghost_number.encode(), secret.encode()))

    def test_versions_history_and_diff(self):
        clerk = self.signed_in("张三")
        number = clerk.register(title="改版合同").json()["number"]
        r = clerk.upload(f"/api/v1/documents/{quote(number)}/versions",
                         {"title": "改版合同（第二版）", "set": {"subject": "服务器二十台"}, "comment": "数量变更"},
                         [("附件.txt", "新增附件".encode())])
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json()["version"], 2)
        versions = clerk.get(f"/api/v1/documents/{quote(number)}/versions").json()["versions"]
        self.assertEqual([v["version"] for v in versions], [1, 2])
        diff = clerk.get(f"/api/v1/documents/{quote(number)}/diff?from=1&to=2").json()
        self.assertEqual(diff["title"]["after"], "改版合同（第二版）")
        self.assertIn("附件.txt", diff["files_added"])
        self.assertIn("/subject", [f["path"] for f in diff["fields"]])

    def test_unknown_paths_and_methods_are_told_apart(self):
        clerk = self.signed_in("张三")
        self.assertError(clerk.get("/api/v1/nothing"), 404, "no_route")
        self.assertError(clerk.request("DELETE", "/api/v1/documents"), 405, "method_not_allowed")

    def test_uploads_leave_no_temporary_files_behind(self):
        clerk = self.signed_in("张三")
        self.assertEqual(clerk.register(title="临时文件").status, 201)
        self.assertEqual(clerk.register(title="太大", files=[("big.bin", b"\0" * 300000)]).status, 413)
        self.assertEqual(os.listdir(self.server.tmpdir), [])


if __name__ == "__main__":
    unittest.main()
