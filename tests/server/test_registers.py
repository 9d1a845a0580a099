"""A contract's life through the API past signing: copies, a seal, performance,
the file and its archiving under a 档号, retention, a hold, a loan, the ledger."""
import datetime
import unittest
from urllib.parse import quote

from harness import ServerTest


class ContractFileTest(ServerTest):
    def transition(self, client, number, action, data=None):
        body = {"action": action}
        if data:
            body["set"] = data
        r = client.post(f"/api/v1/documents/{quote(number)}/transitions", body)
        self.assertEqual(r.status, 200, (action, r))
        return r.json()

    def test_a_signed_contract_is_performed_archived_held_lent_and_counted(self):
        clerk, manager, legal, finance, director, archivist = (
            self.signed_in(u) for u in ("张三", "李经理", "王律师", "赵会计", "陈总", "档案员"))
        number = clerk.register(title="服务器采购合同（归档）").json()["number"]
        doc = f"/api/v1/documents/{quote(number)}"
        self.transition(clerk, number, "submit")
        for who in (manager, legal, finance, director):
            self.transition(who, number, "approve")
        self.transition(clerk, number, "sign", {"signing_date": "2026-02-20", "signatory_ours": "陈总",
                                               "signatory_theirs": "刘强", "seal": "合同专用章"})
        # Copies to the departments that perform it.
        r = clerk.post(doc + "/distributions", {"recipients": ["财务部", "法务部"], "note": "履行用"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(sorted(d["recipient"] for d in r.json()["distribution"]), ["法务部", "财务部"])
        # The seal: requested by the clerk, decided by its keeper (legal), used, returned.
        use = clerk.post(doc + "/seal-requests", {"seal": "合同专用章", "purpose": "合同签订用印"})
        self.assertEqual(use.status, 201, use)
        use_id = use.json()["id"]
        self.assertError(clerk.post(f"/api/v1/seal-uses/{use_id}/decision", {"approve": True}), 403, "forbidden")
        self.assertEqual(legal.post(f"/api/v1/seal-uses/{use_id}/decision", {"approve": True}).json()["status"],
                         "approved")
        self.assertEqual(clerk.post(f"/api/v1/seal-uses/{use_id}/use").status, 200)
        self.assertEqual(legal.post(f"/api/v1/seal-uses/{use_id}/return").json()["status"], "returned")
        register = legal.get("/api/v1/seal-uses?seal=" + quote("合同专用章")).json()["uses"]
        self.assertIn(number, [u["number"] for u in register])
        # Performance, then completion.
        self.transition(clerk, number, "start-performance")
        record = clerk.register(title="到货验收及付款", type_="performance-record", metadata={
            "contract_number": number, "date": "2026-09-28", "event": "payment",
            "amount": {"value": 1280000, "currency": "CNY"}, "progress_percent": 100, "department": "商务部"})
        self.assertEqual(record.status, 201, record)
        rec = record.json()["number"]
        self.assertEqual(clerk.post(f"/api/v1/documents/{quote(rec)}/relations",
                                    {"kind": "attachment-of", "target": number}).status, 200)
        self.transition(manager, number, "complete")
        # The file lacks its approval form: archiving is refused, naming it.
        file = archivist.get(doc + "/file").json()
        self.assertFalse(file["complete"])
        refused = archivist.post(doc + "/archive", {})
        self.assertEqual(refused.status // 100, 4, refused)
        form = clerk.register(title="审批表", type_="approval-form",
                              metadata={"contract_number": number, "department": "商务部", "date": "2026-02-18"})
        self.assertEqual(form.status, 201, form)
        clerk.post(f"/api/v1/documents/{quote(form.json()['number'])}/relations",
                   {"kind": "attachment-of", "target": number})
        self.assertTrue(archivist.get(doc + "/file").json()["complete"])
        self.assertError(clerk.post(doc + "/archive", {}), 403, "forbidden")
        archived = archivist.post(doc + "/archive", {})
        self.assertEqual(archived.status, 200, archived)
        records = archived.json()["records"]
        self.assertEqual(len(records), 3)
        code = records[0]["archive_code"]
        self.assertIn("-Y-", code)  # a major contract is kept permanently
        unit = clerk.get(doc + "/unit").json()
        self.assertEqual(unit["archive_code"], code)
        self.assertEqual(len(unit["pieces"]), 3)
        retention = archivist.get(doc + "/retention").json()
        self.assertEqual(retention["class"]["code"] if isinstance(retention.get("class"), dict) else retention["class"], "Y")
        # Archived material is immutable: a new version is a conflict.
        self.assertError(clerk.upload(doc + "/versions", {"title": "改"}, []), 409, "conflict")
        # A hold by legal, seen on the document, then released.
        hold = legal.post("/api/v1/holds", {"ref": number, "file": True, "reason": "合同纠纷", "authority": "法务部"})
        self.assertEqual(hold.status, 201, hold)
        self.assertEqual(len(archivist.get(doc + "/retention").json()["holds"]), 1)
        self.assertError(clerk.post("/api/v1/holds", {"ref": number, "reason": "x", "authority": "y"}), 403, "forbidden")
        released = legal.post(f"/api/v1/holds/{hold.json()['id']}/release", {"reason": "纠纷已解决"})
        self.assertEqual(released.status, 200, released)
        # A loan of the file to the clerk, and its return.
        due = (datetime.date.today() + datetime.timedelta(days=7)).isoformat()
        loan = archivist.post(doc + "/loans", {"borrower": "张三", "due": due, "note": "审计"})
        self.assertEqual(loan.status, 201, loan)
        self.assertIn(number, [l["number"] for l in archivist.get("/api/v1/loans?out=true").json()["loans"]])
        self.assertEqual(archivist.post(doc + "/return", {"borrower": "张三"}).status, 200)
        # The ledger counts it, by quarter.
        ledger = director.get("/api/v1/ledger?by=quarter").json()
        self.assertIn(number, [r["number"] for r in ledger["rows"]])
        self.assertGreaterEqual(ledger["totals"]["completed"]["count"], 1)
        self.assertError(director.get("/api/v1/ledger?by=week"), 400, "invalid_argument")
        due_report = archivist.get("/api/v1/retention/due?within=36500").json()
        self.assertIn("items", due_report)
        self.assertError(clerk.get("/api/v1/retention/due"), 403, "forbidden")
        schedules = clerk.get("/api/v1/retention/schedules").json()["schedules"]
        self.assertTrue(any(c["code"] == "Y" for s in schedules for c in s["classes"]))


if __name__ == "__main__":
    unittest.main()
