"""The workflow through the API: roles checked by the core, no self-approval,
co-review by two different people, a race of approvals."""
import threading
import unittest
from urllib.parse import quote

from harness import ServerTest


class WorkflowTest(ServerTest):
    def transition(self, client, number, action, comment="", data=None):
        body = {"action": action, "comment": comment}
        if data:
            body["set"] = data
        return client.post(f"/api/v1/documents/{quote(number)}/transitions", body)

    def submitted_contract(self, title):
        clerk = self.signed_in("张三")
        number = clerk.register(title=title).json()["number"]
        r = self.transition(clerk, number, "submit")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["state"], "in_review")
        return clerk, number

    def test_a_major_contract_goes_through_review_co_review_approval_and_signing(self):
        clerk, number = self.submitted_contract("重大合同全流程")
        manager, legal, finance, director = (self.signed_in(u) for u in ("李经理", "王律师", "赵会计", "陈总"))
        self.assertEqual(self.transition(manager, number, "approve").json()["state"], "co_review")
        r = self.transition(legal, number, "approve")
        self.assertEqual(r.json()["state"], "co_review")
        self.assertIn("finance", r.json()["awaiting"])
        self.assertEqual(self.transition(finance, number, "approve").json()["state"], "pending_approval")
        self.assertEqual(self.transition(director, number, "approve").json()["state"], "approved")
        r = self.transition(clerk, number, "sign", data={"signing_date": "2026-12-01", "signatory_ours": "陈总",
                                                         "signatory_theirs": "刘强", "seal": "合同专用章"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["state"], "signed")
        shown = clerk.get("/api/v1/documents/" + quote(number)).json()
        self.assertEqual(shown["state"], "signed")
        self.assertEqual([s["actor"] for s in shown["steps"]], ["张三", "李经理", "王律师", "赵会计", "陈总", "张三"])

    def test_nobody_approves_their_own_document(self):
        manager = self.signed_in("李经理")
        number = manager.register(title="经理自己的合同").json()["number"]
        self.assertEqual(self.transition(manager, number, "submit").status, 200)
        r = self.transition(manager, number, "approve")
        self.assertError(r, 403, "forbidden")
        self.assertIn("own", r.json()["error"]["message"])

    def test_a_role_the_workflow_does_not_allow_is_refused_by_the_core(self):
        clerk, number = self.submitted_contract("职员不能审核")
        self.assertError(self.transition(clerk, number, "approve"), 403, "forbidden")
        self.assertError(self.transition(clerk, number, "fly-away"), 400, "invalid_argument")

    def test_co_review_needs_two_different_people(self):
        _, number = self.submitted_contract("会审两人")
        manager, legal = self.signed_in("李经理"), self.signed_in("王律师")
        self.transition(manager, number, "approve")
        self.assertEqual(self.transition(legal, number, "approve").status, 200)
        again = self.transition(legal, number, "approve")
        self.assertError(again, 409, "conflict")
        self.assertEqual(again.json()["error"]["state"], "co_review")

    def test_of_two_racing_approvals_one_wins_and_the_other_is_told_the_state_it_found(self):
        _, number = self.submitted_contract("竞争批准")
        self.transition(self.signed_in("李经理"), number, "approve")
        self.transition(self.signed_in("王律师"), number, "approve")
        self.transition(self.signed_in("赵会计"), number, "approve")
        # The director approves from two browsers at the same moment.
        first, second = self.signed_in("陈总"), self.signed_in("陈总")
        results = []
        barrier = threading.Barrier(2)

        def approve(client):
            barrier.wait()
            results.append(self.transition(client, number, "approve"))

        threads = [threading.Thread(target=approve, args=(c,)) for c in (first, second)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        statuses = sorted(r.status for r in results)
        self.assertEqual(statuses, [200, 409], results)
        lost = [r for r in results if r.status == 409][0]
        self.assertEqual(lost.json()["error"]["state"], "approved")

    def test_a_comment_is_required_to_reject(self):
        _, number = self.submitted_contract("驳回要理由")
        manager = self.signed_in("李经理")
        self.assertError(self.transition(manager, number, "reject"), 400, "invalid_argument")
        self.assertEqual(self.transition(manager, number, "reject", "金额有误").json()["state"], "draft")

    def test_pending_lists_what_waits_for_the_user(self):
        _, number = self.submitted_contract("待办合同")
        pending = self.signed_in("李经理").get("/api/v1/workflow/pending").json()["pending"]
        self.assertIn(number, [p["number"] for p in pending])


if __name__ == "__main__":
    unittest.main()
