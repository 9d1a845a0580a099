"""Sessions: idle and absolute expiry, CSRF, one's own sessions, password
changes and deactivation ending sessions, one-time passwords."""
import time
import unittest
from urllib.parse import quote

from harness import ADMIN_PASSWORD, ServerTest, run


class SessionTest(ServerTest):
    def test_a_change_without_the_csrf_token_is_refused(self):
        client = self.signed_in("张三")
        r = client.post("/api/v1/tokens", {"expires": "2027-01-31"}, csrf=False)
        self.assertError(r, 403, "csrf")
        r = client.post("/api/v1/tokens", {"expires": "2027-01-31"}, headers={"X-CSRF-Token": "0" * 64})
        self.assertError(r, 403, "csrf")
        self.assertEqual(client.get("/api/v1/tokens").json()["tokens"], [])

    def test_a_user_lists_and_ends_their_own_sessions(self):
        first = self.signed_in("陈总")
        second = self.signed_in("陈总")
        sessions = first.get("/api/v1/sessions").json()["sessions"]
        self.assertEqual(len(sessions), 2)
        mine = [s for s in sessions if s["current"]]
        self.assertEqual(len(mine), 1)
        other = [s for s in sessions if not s["current"]][0]
        self.assertEqual(first.request("DELETE", "/api/v1/sessions/" + other["id"]).status, 204)
        self.assertError(second.get("/api/v1/session"), 401, "unauthenticated")
        self.assertEqual(first.get("/api/v1/session").status, 200)
        # Someone else's session is not found, not ended.
        clerk = self.signed_in("张三")
        self.assertError(clerk.request("DELETE", "/api/v1/sessions/" + mine[0]["id"]), 404, "not_found")

    def test_an_admin_ends_every_session_of_a_user_at_once(self):
        laptop, phone = self.signed_in("王律师"), self.signed_in("王律师")
        clerk = self.signed_in("张三")
        self.assertError(clerk.request("DELETE", "/api/v1/users/%s/sessions" % quote("王律师")), 403, "forbidden")
        self.assertEqual(laptop.get("/api/v1/session").status, 200)
        admin = self.signed_in("admin")
        r = admin.request("DELETE", "/api/v1/users/%s/sessions" % quote("王律师"))
        self.assertEqual(r.status, 200, r)
        self.assertGreaterEqual(r.json()["ended"], 2)  # other tests of the class may have signed in too
        self.assertError(laptop.get("/api/v1/session"), 401, "unauthenticated")
        self.assertError(phone.get("/api/v1/session"), 401, "unauthenticated")
        self.assertEqual(admin.request("DELETE", "/api/v1/users/%s/sessions" % quote("王律师")).json()["ended"], 0)
        self.assertError(admin.request("DELETE", "/api/v1/users/nobody/sessions"), 404, "not_found")

    def test_changing_ones_password_ends_the_other_sessions(self):
        here = self.signed_in("赵会计")
        elsewhere = self.signed_in("赵会计")
        r = here.request("PUT", "/api/v1/session/password",
                         {"current_password": "Zhao-Finance-Check-26", "new_password": "Zhao-Finance-New-2027"})
        self.assertEqual(r.status, 204, r)
        self.assertEqual(here.get("/api/v1/session").status, 200)
        self.assertError(elsewhere.get("/api/v1/session"), 401, "unauthenticated")
        self.assertEqual(self.server.client().sign_in("赵会计", "Zhao-Finance-New-2027").status, 200)
        # Put it back for the other tests of the class.
        here.request("PUT", "/api/v1/session/password",
                     {"current_password": "Zhao-Finance-New-2027", "new_password": "Zhao-Finance-Check-26"})

    def test_ones_language_is_kept_with_the_account(self):
        here = self.signed_in("王律师")
        self.assertEqual(here.get("/api/v1/session").json()["user"]["language"], "")
        r = here.request("PUT", "/api/v1/session/language", {"language": "en"})
        self.assertEqual(r.status, 200, r)
        elsewhere = self.signed_in("王律师")
        self.assertEqual(elsewhere.get("/api/v1/session").json()["user"]["language"], "en")
        self.assertError(here.request("PUT", "/api/v1/session/language", {"language": "fr"}), 400, "invalid_argument")
        self.assertError(here.request("PUT", "/api/v1/session/language", {"lang": "en"}), 400, "invalid_argument")
        self.assertError(here.request("PUT", "/api/v1/session/language", {"language": "zh"}, csrf=False), 403, "csrf")
        self.assertEqual(elsewhere.get("/api/v1/session").json()["user"]["language"], "en")
        self.assertEqual(here.request("PUT", "/api/v1/session/language", {"language": ""}).status, 200)
        self.assertEqual(here.get("/api/v1/session").json()["user"]["language"], "")

    def test_a_weak_or_wrong_password_change_is_refused(self):
        client = self.signed_in("王律师")
        r = client.request("PUT", "/api/v1/session/password",
                           {"current_password": "wrong-current-pw", "new_password": "Another-Good-One-26"})
        self.assertError(r, 403, "forbidden")
        r = client.request("PUT", "/api/v1/session/password",
                           {"current_password": "Wang-Legal-Counsel-26", "new_password": "short"})
        self.assertError(r, 400, "invalid_argument")
        self.assertIn("12", r.json()["error"]["message"])
        r = client.request("PUT", "/api/v1/session/password",
                           {"current_password": "Wang-Legal-Counsel-26", "new_password": "password1234"})
        self.assertError(r, 400, "invalid_argument")

    def test_deactivating_a_user_ends_their_sessions(self):
        admin = self.signed_in("admin")
        self.assertEqual(admin.post("/api/v1/users", {"name": "临时工", "role": "clerk",
                                                       "password": "Temporary-Worker-26"}).status, 200)
        run("--repo", self.repo, "--as", "admin", "user", "passwd", "临时工", "--password-file", "-",
            stdin="Temporary-Worker-27\n")
        worker = self.server.client()
        self.assertEqual(worker.sign_in("临时工", "Temporary-Worker-27").status, 200)
        r = admin.request("PATCH", "/api/v1/users/" + quote("临时工"), {"active": False})
        self.assertEqual(r.status, 200, r)
        self.assertError(worker.get("/api/v1/session"), 401, "unauthenticated")
        self.assertError(self.server.client().sign_in("临时工", "Temporary-Worker-27"), 401, "unauthenticated")

    def test_a_user_who_holds_a_loan_is_deactivated_only_with_a_handover(self):
        admin = self.signed_in("admin")
        self.assertEqual(admin.post("/api/v1/users", {"name": "实习生", "role": "clerk", "department": "商务部"}).status, 200)
        self.assertError(admin.post("/api/v1/users", {"name": "访客", "role": "clerk", "department": "市场部"}),
                         400, "invalid_argument")
        number = self.signed_in("张三").register(title="借阅用合同").json()["number"]
        due = "2099-12-31"
        r = self.signed_in("档案员").post(f"/api/v1/documents/{quote(number)}/loans", {"borrower": "实习生", "due": due})
        self.assertEqual(r.status, 201, r)
        r = admin.request("PATCH", "/api/v1/users/" + quote("实习生"), {"active": False})
        self.assertError(r, 409, "conflict")
        self.assertIn(f"实习生 still holds: the file of {number} (lent, due {due})", r.json()["error"]["message"])
        r = admin.request("PATCH", "/api/v1/users/" + quote("实习生"), {"active": False, "handover_to": "张三"})
        self.assertEqual(r.status, 200, r)
        users = {u["name"]: u for u in r.json()["users"]}
        self.assertFalse(users["实习生"]["active"])
        self.assertEqual(users["实习生"]["department"], "商务部")
        loans = self.signed_in("档案员").get("/api/v1/loans?out=true").json()["loans"]
        self.assertEqual([l["borrower"] for l in loans if l["number"] == number], ["张三"])

    def test_a_temporary_password_must_be_changed_before_anything_else(self):
        admin = self.signed_in("admin")
        r = admin.post("/api/v1/users", {"name": "新人", "role": "clerk", "password": "Welcome-Newcomer-26"})
        self.assertEqual(r.status, 200, r)
        newcomer = self.server.client()
        r = newcomer.sign_in("新人", "Welcome-Newcomer-26")
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.json()["must_change_password"])
        self.assertError(newcomer.get("/api/v1/documents"), 403, "password_change_required")
        r = newcomer.request("PUT", "/api/v1/session/password",
                             {"current_password": "Welcome-Newcomer-26", "new_password": "My-Own-Secret-2026"})
        self.assertEqual(r.status, 204, r)
        self.assertEqual(newcomer.get("/api/v1/documents").status, 200)


class ExpiryTest(ServerTest):
    config = {"sessions": {"idle_seconds": 2, "absolute_seconds": 5}}

    def test_an_idle_session_expires(self):
        client = self.signed_in("张三")
        time.sleep(2.5)
        r = client.get("/api/v1/session")
        self.assertError(r, 401, "unauthenticated")
        self.assertIn("expired", r.json()["error"]["message"])

    def test_a_used_session_still_ends_at_its_absolute_limit(self):
        client = self.signed_in("李经理")
        start = time.time()
        while time.time() - start < 4.2:
            self.assertEqual(client.get("/api/v1/session").status, 200)
            time.sleep(0.7)
        time.sleep(max(0, 5.3 - (time.time() - start)))
        self.assertError(client.get("/api/v1/session"), 401, "unauthenticated")


class OneTimePasswordTest(unittest.TestCase):
    def test_init_prints_a_one_time_password_that_signs_in_once_to_be_changed(self):
        import os
        import re
        import shutil
        import tempfile
        from harness import Server
        folder = tempfile.mkdtemp()
        try:
            repo = os.path.join(folder, "repo")
            out = run("init", repo).stdout
            password = re.search(r"one-time password: (\S+)", out).group(1)
            self.assertEqual(oct(os.stat(repo).st_mode & 0o777), "0o700")
            self.assertEqual(oct(os.stat(os.path.join(repo, "catalog.db")).st_mode & 0o777), "0o600")
            server = Server(repo)
            try:
                admin = server.client()
                r = admin.sign_in("admin", password)
                self.assertEqual(r.status, 200, r)
                self.assertTrue(r.json()["must_change_password"])
                self.assertEqual(admin.get("/api/v1/users").status, 403)
                r = admin.request("PUT", "/api/v1/session/password",
                                  {"current_password": password, "new_password": ADMIN_PASSWORD})
                self.assertEqual(r.status, 204, r)
                self.assertEqual(admin.get("/api/v1/users").status, 200)
            finally:
                self.assertEqual(server.stop(), 0)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
