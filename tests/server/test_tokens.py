"""API tokens: bearer sign-in, read-only tokens, revocation, the audit."""
import datetime
import json
import unittest

from harness import ServerTest, run


def in_days(n):
    return (datetime.date.today() + datetime.timedelta(days=n)).isoformat()


class TokenTest(ServerTest):
    def token_of(self, user, *extra):
        out = run("--repo", self.repo, "--as", "admin", "--json", "token", "create", "--user", user,
                  "--expires", in_days(30), *extra).stdout
        return json.loads(out)

    def test_a_token_acts_as_its_user(self):
        made = self.token_of("张三", "--label", "nightly export")
        self.assertTrue(made["secret"].startswith("dst_"))
        script = self.server.client()
        script.token = made["secret"]
        me = script.get("/api/v1/session")
        self.assertEqual(me.status, 200, me)
        self.assertEqual(me.json()["user"]["name"], "张三")
        self.assertEqual(me.json()["credential"], "token")
        # A token needs no CSRF token: it is no cookie a browser sends by itself.
        r = script.register(title="令牌登记的合同")
        self.assertEqual(r.status, 201, r)

    def test_a_read_only_token_reads_and_changes_nothing(self):
        made = self.token_of("张三", "--read-only")
        script = self.server.client()
        script.token = made["secret"]
        self.assertEqual(script.get("/api/v1/documents").status, 200)
        before = script.get("/api/v1/documents").json()["total"]
        self.assertError(script.register(title="不该登记"), 403, "read_only")
        self.assertError(script.post("/api/v1/tokens", {"expires": in_days(5)}), 403, "read_only")
        self.assertEqual(script.get("/api/v1/documents").json()["total"], before)

    def test_a_revoked_or_made_up_token_is_refused(self):
        made = self.token_of("李经理")
        script = self.server.client()
        script.token = made["secret"]
        self.assertEqual(script.get("/api/v1/session").status, 200)
        admin = self.signed_in("admin")
        self.assertEqual(admin.request("DELETE", f"/api/v1/tokens/{made['id']}").status, 204)
        self.assertError(script.get("/api/v1/session"), 401, "unauthenticated")
        script.token = "dst_" + "0" * 64
        self.assertError(script.get("/api/v1/session"), 401, "unauthenticated")
        audit = run("--repo", self.repo, "--as", "admin", "audit", "--json").stdout
        self.assertIn('"token.create"', audit)
        self.assertIn('"token.revoke"', audit)

    def test_tokens_through_the_api_are_shown_once_and_listed_without_their_secret(self):
        clerk = self.signed_in("张三")
        r = clerk.post("/api/v1/tokens", {"label": "扫描仪", "expires": in_days(10), "read_only": True})
        self.assertEqual(r.status, 201, r)
        secret = r.json()["secret"]
        listed = clerk.get("/api/v1/tokens").json()["tokens"]
        self.assertIn("扫描仪", [t["label"] for t in listed])
        self.assertNotIn(secret, json.dumps(listed))
        # Only an admin makes tokens for someone else; a clerk sees only their own.
        self.assertError(clerk.post("/api/v1/tokens", {"user": "陈总", "expires": in_days(10)}), 403, "forbidden")
        self.assertError(clerk.get("/api/v1/tokens?user=陈总".replace("陈总", "%E9%99%88%E6%80%BB")), 403, "forbidden")

    def test_a_token_expiring_too_late_or_in_the_past_is_refused(self):
        clerk = self.signed_in("张三")
        self.assertError(clerk.post("/api/v1/tokens", {"expires": in_days(400)}), 400, "invalid_argument")
        self.assertError(clerk.post("/api/v1/tokens", {"expires": in_days(-1)}), 400, "invalid_argument")
        self.assertError(clerk.post("/api/v1/tokens", {"expires": "next week"}), 400, "invalid_argument")


if __name__ == "__main__":
    unittest.main()
