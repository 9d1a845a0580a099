"""Destruction through the API: a list proposed, signed by four other people,
executed, its certificate registered; the schedule; refusals on the way."""
import subprocess
import unittest
from urllib.parse import quote

from harness import PEOPLE, ServerTest


class DisposalTest(ServerTest):
    people = dict(PEOPLE, 档案员二=("archivist", None, "Second-Archivist-26"))

    def test_a_list_is_proposed_signed_by_each_role_and_executed(self):
        archivist, second = self.signed_in("档案员"), self.signed_in("档案员二")
        numbers = []
        for i in range(3):
            r = archivist.register(title=f"往来函件{i}", type_="generic", metadata={"department": "商务部"},
                                   files=[(f"函件{i}.txt", f"往来函件 {i}".encode())])
            self.assertEqual(r.status, 201, r)
            numbers.append(r.json()["number"])
            archived = archivist.post(f"/api/v1/documents/{quote(numbers[-1])}/archive", {})
            self.assertEqual(archived.status, 200, archived)
        # Eleven years pass: what was archived today was archived in 2015.
        subprocess.run(["sqlite3", self.repo + "/catalog.db",
                        "UPDATE archives SET clock_start = '2015-07-01', archived_at = '2015-07-01T12:00:00Z'"],
                       check=True)
        self.assertError(self.signed_in("张三").post("/api/v1/disposal/lists", {}), 403, "forbidden")
        proposed = archivist.post("/api/v1/disposal/lists", {"note": "年度鉴定"})
        self.assertEqual(proposed.status, 201, proposed)
        body = proposed.json()
        listed = sorted(l["number"] for l in body["lines"])
        self.assertEqual(listed, sorted(numbers))
        number = body["number"]
        path = "/api/v1/disposal/lists/" + quote(number)
        self.assertEqual(archivist.get(path).json()["status"], "proposed")
        # The proposer never signs; each role once, each by another person.
        self.assertError(archivist.post(path + "/approval", {}), 403, "forbidden")
        for who in (second, self.signed_in("李经理"), self.signed_in("王律师")):
            r = who.post(path + "/approval", {"comment": "同意销毁"})
            self.assertEqual(r.status, 200, r)
        early = archivist.post(path + "/execution")  # three of four signatures: not yet
        self.assertError(early, 409, "conflict")
        self.assertEqual(self.signed_in("陈总").post(path + "/approval", {}).json()["status"], "approved")
        done = archivist.post(path + "/execution")
        self.assertEqual(done.status, 200, done)
        self.assertEqual(done.json()["destroyed"], 3)
        self.assertTrue(done.json()["certificate"])
        shown = archivist.get("/api/v1/documents/" + quote(numbers[0])).json()
        self.assertEqual(shown["status"], "destroyed")
        self.assertIn("destroyed", shown)
        lists = archivist.get("/api/v1/disposal/lists?status=executed").json()["lists"]
        self.assertIn(number, [l["number"] for l in lists])

    def test_the_schedule_reports_and_proposes_nothing_twice(self):
        archivist = self.signed_in("档案员")
        first = archivist.post("/api/v1/disposal/schedule", {"within": 30})
        self.assertEqual(first.status, 200, first)
        self.assertIn("falling_due", first.json())
        again = archivist.post("/api/v1/disposal/schedule", {})
        self.assertEqual(again.json()["proposed"], "")
        self.assertError(archivist.post("/api/v1/disposal/schedule", {"within": -3}), 400, "invalid_argument")


if __name__ == "__main__":
    unittest.main()
