"""Sign-in, sign-out, lockout and its expiry, the audit of each."""
import time
import unittest

from harness import ADMIN_PASSWORD, ServerTest, run


class SignInTest(ServerTest):
    # A short window so that the lockout's expiry is seen within the test.
    config = {"lockout": {"per_user": 5, "per_address": 50, "window_seconds": 4}}

    def test_signing_in_sets_a_strict_http_only_cookie_and_says_who_is_signed_in(self):
        client = self.server.client()
        r = client.sign_in("张三", "Zhang-San-Clerk-26")
        self.assertEqual(r.status, 200, r)
        body = r.json()
        self.assertEqual(body["user"]["name"], "张三")
        self.assertEqual(body["user"]["role"], "clerk")
        self.assertEqual(len(body["csrf_token"]), 64)
        cookie = r.header("Set-Cookie")
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Strict", cookie)
        self.assertNotIn("Secure", cookie)  # plain HTTP: a Secure cookie would never come back
        self.assertEqual(len(client.cookie), 64)  # 256 random bits
        me = client.get("/api/v1/session")
        self.assertEqual(me.status, 200, me)
        self.assertEqual(me.json()["user"]["name"], "张三")
        self.assertEqual(me.json()["credential"], "session")

    def test_signing_out_ends_the_session(self):
        client = self.signed_in("李经理")
        old_cookie = client.cookie
        self.assertEqual(client.request("DELETE", "/api/v1/session").status, 204)
        client.cookie = old_cookie  # a stolen copy of the cookie is worth nothing now
        self.assertError(client.get("/api/v1/documents"), 401, "unauthenticated")

    def test_an_unknown_user_and_a_wrong_password_get_the_same_answer_in_about_the_same_time(self):
        client = self.server.client()
        unknown, wrong = [], []
        for _ in range(5):
            t = time.perf_counter()
            a = client.sign_in("nobody-here", "Some-Password-123")
            unknown.append(time.perf_counter() - t)
            t = time.perf_counter()
            b = client.sign_in("赵会计", "Some-Password-123")
            wrong.append(time.perf_counter() - t)
            self.assertEqual(a.status, 401)
            self.assertEqual(a.body, b.body)
        # Both verify one Argon2id hash. Were the hash skipped for an unknown
        # user, its fastest answer would take a tenth of the other's or less;
        # the fastest of each (the least disturbed by other work) stay close.
        self.assertGreater(min(unknown), 0.4 * min(wrong), (unknown, wrong))
        self.assertGreater(min(wrong), 0.4 * min(unknown), (unknown, wrong))

    def test_five_failures_lock_the_account_until_the_window_passes(self):
        client = self.server.client()
        for _ in range(5):
            self.assertEqual(client.sign_in("王律师", "not-the-password!").status, 401)
        locked = client.sign_in("王律师", "Wang-Legal-Counsel-26")  # even the right password
        self.assertError(locked, 429, "too_many_attempts")
        self.assertIsNotNone(locked.header("Retry-After"))
        time.sleep(4.5)
        self.assertEqual(client.sign_in("王律师", "Wang-Legal-Counsel-26").status, 200)
        audit = run("--repo", self.repo, "--as", "admin", "audit", "--json").stdout
        self.assertIn('"sign-in.failed"', audit)
        self.assertIn('"sign-in.lockout"', audit)
        self.assertIn('"sign-in"', audit)

    def test_a_missing_field_or_a_bad_body_is_named(self):
        client = self.server.client()
        r = client.post("/api/v1/session", {"user": "张三"})
        self.assertError(r, 400, "invalid_argument")
        self.assertIn("password", r.json()["error"]["message"])
        r = client.request("POST", "/api/v1/session", b"{not json", content_type="application/json")
        self.assertError(r, 400, "invalid_argument")

    def test_an_identity_named_by_the_client_is_ignored(self):
        client = self.signed_in("张三")
        r = client.get("/api/v1/session?as=admin", headers={"X-Dossier-User": "admin"})
        self.assertEqual(r.json()["user"]["name"], "张三")
        self.assertError(client.get("/api/v1/verify?as=admin"), 403, "forbidden")

    def test_failed_sign_ins_are_counted_in_the_metrics(self):
        client = self.server.client()
        client.sign_in("nobody", "Wrong-Password-99")
        metrics = client.get("/metrics").body.decode()
        count = [l for l in metrics.splitlines() if l.startswith("dossier_sign_in_failures_total ")]
        self.assertEqual(len(count), 1)
        self.assertGreaterEqual(int(count[0].split()[1]), 1)
        self.assertIn("dossier_sessions_open", metrics)


class AddressLockoutTest(ServerTest):
    config = {"lockout": {"per_user": 100, "per_address": 20, "window_seconds": 60}}

    def test_twenty_failures_from_one_address_lock_every_account_from_it(self):
        client = self.server.client()
        for i in range(20):
            self.assertEqual(client.sign_in(f"guess{i}", "Wrong-Password-99").status, 401)
        self.assertError(client.sign_in("admin", ADMIN_PASSWORD), 429, "too_many_attempts")


if __name__ == "__main__":
    unittest.main()
