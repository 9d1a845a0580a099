"""PDF renditions, exports and imports through the API, as people download and
upload them: real PDFs read back with pdftotext, a real spreadsheet, a BagIt
package carried from one server's repository into another's."""
import io
import os
import shutil
import subprocess
import tempfile
import unittest
import zipfile

import openpyxl
from urllib.parse import quote

from harness import ADMIN_PASSWORD, ServerTest, Server, make_repository


def pdf_text(data):
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


class RenditionTest(ServerTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        clerk = cls.server.client()
        assert clerk.sign_in("张三", "Zhang-San-Clerk-26").status == 200
        r = clerk.register(title="服务器采购合同")
        assert r.status == 201, r
        cls.contract = r.json()["number"]
        director = cls.server.client()
        assert director.sign_in("陈总", "Chen-Director-Sign-26").status == 200
        r = director.register(title="并购谈判合同", confidentiality="秘密")
        assert r.status == 201, r
        cls.secret = r.json()["number"]

    def test_the_templates_are_listed_with_the_types_they_render(self):
        r = self.signed_in("张三").get("/api/v1/templates")
        self.assertEqual(r.status, 200, r)
        by_name = {t["name"]: t for t in r.json()["templates"]}
        self.assertIn("contract", by_name["contract"]["types"])
        self.assertEqual(by_name["ledger"]["types"], [])

    def test_a_contract_renders_to_a_pdf_named_by_its_number(self):
        r = self.signed_in("张三").get(f"/api/v1/documents/{self.contract}/rendition")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("Content-Type"), "application/pdf")
        self.assertTrue(r.body.startswith(b"%PDF-"))
        self.assertIn(f"filename*=UTF-8''{self.contract}.pdf", r.header("Content-Disposition"))
        self.assertTrue(r.header("Content-Disposition").startswith("attachment"))
        text = pdf_text(r.body)
        self.assertIn(self.contract, text)
        self.assertIn("北京华信科技有限公司", text)
        inline = self.signed_in("张三").get(f"/api/v1/documents/{self.contract}/rendition?inline=true")
        self.assertTrue(inline.header("Content-Disposition").startswith("inline"))

    def test_a_secret_document_is_watermarked_with_who_asked_and_hidden_from_a_clerk(self):
        r = self.signed_in("陈总").get(f"/api/v1/documents/{self.secret}/rendition")
        self.assertEqual(r.status, 200, r)
        self.assertIn("陈总", pdf_text(r.body))
        self.assertError(self.signed_in("张三").get(f"/api/v1/documents/{self.secret}/rendition"), 404, "not_found")

    def test_an_unknown_template_is_refused_by_name(self):
        r = self.signed_in("张三").get(f"/api/v1/documents/{self.contract}/rendition?template=nosuch")
        self.assertError(r, 404, "not_found")
        self.assertIn("no template 'nosuch'", r.json()["error"]["message"])

    def test_the_ledger_renders_and_a_bad_grouping_is_named(self):
        r = self.signed_in("李经理").get("/api/v1/ledger/rendition?by=quarter")
        self.assertEqual(r.status, 200, r)
        self.assertIn("合同台账", pdf_text(r.body))
        r = self.signed_in("李经理").get("/api/v1/ledger/rendition?by=fortnight")
        self.assertError(r, 400, "invalid_argument")
        self.assertIn("fortnight", r.json()["error"]["message"])

    def test_a_rendition_stored_as_a_version_is_the_documents_own_file_without_watermark(self):
        clerk = self.signed_in("张三")
        r = clerk.register(title="打印机采购合同")
        self.assertEqual(r.status, 201, r)
        number = r.json()["number"]
        r = clerk.post(f"/api/v1/documents/{number}/rendition", {})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json()["version"]["version"], 2)
        self.assertEqual(r.json()["file"], f"{number}.pdf")
        self.assertEqual(r.json()["template"], "contract")
        self.assertGreaterEqual(r.json()["pages"], 1)
        stored = clerk.get(f"/api/v1/documents/{number}/files/{number}.pdf")
        self.assertEqual(stored.status, 200, stored)
        self.assertEqual(len(stored.body), r.json()["bytes"])
        text = pdf_text(stored.body)
        self.assertIn(number, text)
        self.assertNotIn("张三", text)  # a stored rendition names nobody who printed it
        history = clerk.get(f"/api/v1/documents/{number}/versions").json()["versions"]
        self.assertIn("rendered with template contract", [v.get("comment") for v in history])

    def test_storing_a_rendition_is_refused_where_a_version_would_be(self):
        r = self.signed_in("张三").post(f"/api/v1/documents/{self.secret}/rendition", {})
        self.assertError(r, 404, "not_found")
        r = self.signed_in("张三").post(f"/api/v1/documents/{self.contract}/rendition", {"template": "nosuch"})
        self.assertError(r, 404, "not_found")
        r = self.signed_in("张三").post(f"/api/v1/documents/{self.contract}/rendition", {"template": 7})
        self.assertError(r, 400, "invalid_argument")
        versions = self.signed_in("张三").get(f"/api/v1/documents/{self.contract}/versions").json()["versions"]
        self.assertEqual(len(versions), 1)

    def test_a_range_of_a_rendition_is_served(self):
        r = self.signed_in("张三").get(f"/api/v1/documents/{self.contract}/rendition",
                                      headers={"Range": "bytes=0-4"})
        self.assertEqual(r.status, 206, r)
        self.assertEqual(r.body, b"%PDF-")


class ExportImportTest(ServerTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        clerk = cls.server.client()
        assert clerk.sign_in("张三", "Zhang-San-Clerk-26").status == 200
        cls.numbers = []
        for title in ("服务器采购合同", "机房运维合同"):
            r = clerk.register(title=title, files=[("合同正文.txt", f"{title}：甲乙双方经平等协商订立本合同。".encode())])
            assert r.status == 201, r
            cls.numbers.append(r.json()["number"])
        director = cls.server.client()
        assert director.sign_in("陈总", "Chen-Director-Sign-26").status == 200
        r = director.register(title="并购谈判合同", confidentiality="机密")
        assert r.status == 201, r
        cls.secret = r.json()["number"]
        # A second repository with the same people, served on its own, to import into.
        cls.other_folder = tempfile.mkdtemp(prefix="dossier-import-target-")
        cls.other = Server(make_repository(cls.other_folder, cls.people))

    @classmethod
    def tearDownClass(cls):
        code = cls.other.stop()
        shutil.rmtree(cls.other_folder, ignore_errors=True)
        super().tearDownClass()
        assert code == 0

    def other_signed_in(self, user):
        client = self.other.client()
        self.assertEqual(client.sign_in(user, self.people[user][2]).status, 200)
        return client

    def test_the_formats_are_listed_with_their_options(self):
        r = self.signed_in("张三").get("/api/v1/exports")
        self.assertEqual(r.status, 200, r)
        formats = {f["format"]: f for f in r.json()["formats"]}
        for name in ("csv", "xlsx", "json", "jsonl", "bagit"):
            self.assertIn(name, formats)
        self.assertEqual(formats["csv"]["writes"], "table")
        self.assertIn("labels", [o["name"] for o in formats["csv"]["options"]])

    def test_a_csv_of_the_list_leaves_out_what_the_reader_may_not_see(self):
        r = self.signed_in("张三").get("/api/v1/exports/csv?type=contract")
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.body.startswith(b"\xef\xbb\xbf"), r.body[:20])
        text = r.body.decode("utf-8-sig")
        for n in self.numbers:
            self.assertIn(n, text)
        self.assertNotIn(self.secret, text)
        self.assertIn("filename*=UTF-8''dossier-list-", r.header("Content-Disposition"))
        director = self.signed_in("陈总").get("/api/v1/exports/csv?type=contract&labels=en")
        self.assertIn(self.secret, director.body.decode("utf-8-sig"))
        self.assertIn("Title", director.body.decode("utf-8-sig").splitlines()[0])

    def test_an_xlsx_opens_as_a_workbook(self):
        r = self.signed_in("李经理").get("/api/v1/exports/xlsx?table=ledger")
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.body.startswith(b"PK"))
        book = openpyxl.load_workbook(io.BytesIO(r.body))
        cells = [str(c.value) for row in book.worksheets[0].iter_rows() for c in row if c.value is not None]
        for n in self.numbers:
            self.assertIn(n, cells)

    def test_bad_asks_are_named(self):
        clerk = self.signed_in("张三")
        self.assertError(clerk.get("/api/v1/exports/docx"), 404, "not_found")
        r = clerk.get("/api/v1/exports/csv?table=everything")
        self.assertError(r, 400, "invalid_argument")
        self.assertIn("table 'everything'", r.json()["error"]["message"])
        r = clerk.get("/api/v1/exports/csv?options=delimiter%3D%3B")
        self.assertError(r, 400, "invalid_argument")
        self.assertIn("no option 'delimiter'", r.json()["error"]["message"])
        r = clerk.get("/api/v1/exports/json?table=ledger")
        self.assertError(r, 400, "invalid_argument")
        r = clerk.get("/api/v1/exports/csv?limit=-1")
        self.assertError(r, 400, "invalid_argument")
        self.assertError(clerk.get(f"/api/v1/exports/json?refs={self.secret}"), 404, "not_found")

    def export_package(self, user, numbers):
        r = self.signed_in(user).get("/api/v1/exports/bagit?refs=" + quote(",".join(numbers)))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("Content-Type"), "application/zip")
        names = zipfile.ZipFile(io.BytesIO(r.body)).namelist()
        self.assertTrue(any(n.endswith("bagit.txt") for n in names), names)
        return r.body

    def trust_this_repository_there(self):
        keys = self.signed_in("张三").get("/api/v1/keys")
        self.assertEqual(keys.status, 200, keys)
        current = [k for k in keys.json()["keys"] if k["current"]]
        self.assertEqual(len(current), 1, keys.json())
        admin = self.other.client()
        self.assertEqual(admin.sign_in("admin", ADMIN_PASSWORD).status, 200)
        listed = admin.get("/api/v1/keys").json()["keys"]
        if current[0]["key_id"] in [k["key_id"] for k in listed if not k["removed_at"]]:
            return current[0]
        r = admin.post("/api/v1/keys", {"public_key": current[0]["public_key"], "label": "总部档案库"})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json()["key_id"], current[0]["key_id"])
        return current[0]

    def test_a_package_is_refused_until_its_repository_is_trusted(self):
        package = self.export_package("张三", [self.numbers[1]])
        key = [k for k in self.signed_in("张三").get("/api/v1/keys").json()["keys"] if k["current"]][0]
        admin = self.other.client()
        self.assertEqual(admin.sign_in("admin", ADMIN_PASSWORD).status, 200)
        admin.request("DELETE", f"/api/v1/keys/{key['key_id']}")  # whichever test ran first
        archivist = self.other_signed_in("档案员")
        r = archivist.upload("/api/v1/imports?dry_run=true", None, [("包.zip", package)])
        self.assertError(r, 403, "forbidden")
        self.assertIn(f"signed by key {key['key_id']}, which this repository does not trust", r.json()["error"]["message"])
        # Only an admin trusts a key, and only a key.
        self.assertError(archivist.post("/api/v1/keys", {"public_key": key["public_key"], "label": "x"}), 403, "forbidden")
        self.assertError(admin.post("/api/v1/keys", {"public_key": "not a key", "label": "x"}), 400, "invalid_argument")
        self.trust_this_repository_there()
        r = archivist.upload("/api/v1/imports?dry_run=true", None, [("包.zip", package)])
        self.assertEqual(r.status, 200, r)

    def test_a_package_exported_here_imports_there_whole(self):
        package = self.export_package("陈总", [self.numbers[0]])
        self.trust_this_repository_there()
        archivist = self.other_signed_in("档案员")
        dry = archivist.upload("/api/v1/imports?dry_run=true", None, [("采购合同包.zip", package)])
        self.assertEqual(dry.status, 200, dry)
        self.assertEqual(dry.json()["documents"], 1)
        self.assertError(archivist.get(f"/api/v1/documents/{self.numbers[0]}"), 404, "not_found")
        r = archivist.upload("/api/v1/imports", None, [("采购合同包.zip", package)])
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json()["numbers"], [self.numbers[0]])
        shown = archivist.get(f"/api/v1/documents/{self.numbers[0]}")
        self.assertEqual(shown.status, 200, shown)
        self.assertEqual(shown.json()["title"], "服务器采购合同")
        f = archivist.get(f"/api/v1/documents/{self.numbers[0]}/files/{quote('合同正文.txt')}")
        self.assertEqual(f.body.decode(), "服务器采购合同：甲乙双方经平等协商订立本合同。")
        again = archivist.upload("/api/v1/imports", None, [("采购合同包.zip", package)])
        self.assertIn(again.status, (400, 409), again)
        self.assertIn("nothing was written", again.json()["error"]["message"])

    def test_an_import_is_the_archivists_and_a_broken_package_is_refused(self):
        package = self.export_package("张三", [self.numbers[1]])
        clerk = self.other_signed_in("张三")
        self.assertError(clerk.upload("/api/v1/imports", None, [("包.zip", package)]), 403, "forbidden")
        archivist = self.other_signed_in("档案员")
        r = archivist.upload("/api/v1/imports", None, [("不是包.zip", b"PK\x03\x04 this is not a zip")])
        self.assertEqual(r.status, 400, r)
        message = r.json()["error"]["message"]
        self.assertIn("不是包.zip", message)
        self.assertNotIn("/tmp", message)
        r = archivist.upload("/api/v1/imports", None, [("合同.txt", "甲乙双方".encode())])
        self.assertError(r, 400, "invalid_argument")
        self.assertError(archivist.upload("/api/v1/imports", None, []), 400, "invalid_argument")
        self.assertError(archivist.get(f"/api/v1/documents/{self.numbers[1]}"), 404, "not_found")


if __name__ == "__main__":
    unittest.main()
