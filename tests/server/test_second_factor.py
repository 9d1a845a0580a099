"""The second factor of a sign-in over HTTP: enrolling an authenticator app
(its codes computed here as the app computes them, RFC 6238), signing in with
a code or a recovery code, a code used twice, and an admin removing the
factor of a lost phone."""
import base64
import hashlib
import hmac
import struct
import time
import unittest
from urllib.parse import quote

from harness import PEOPLE, ServerTest

PASSWORD = "Sun-Secretary-Key-26"


def app_code(key_base32, step):
    key = base64.b32decode(key_base32 + "=" * (-len(key_base32) % 8))
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


def step_now():
    return int(time.time()) // 30


class SecondFactorTest(ServerTest):
    people = dict(PEOPLE, **{"孙秘书": ("clerk", None, PASSWORD), "周助理": ("clerk", None, "Zhou-Assistant-Key-26")})

    def enrol(self, client, password):
        r = client.post("/api/v1/session/second-factor", {"password": password})
        self.assertEqual(r.status, 201, r)
        key = r.json()["key"]
        # The first code of the app confirms it; the step after it is left for signing in.
        r = client.post("/api/v1/session/second-factor/confirmation", {"code": app_code(key, step_now())})
        self.assertEqual(r.status, 200, r)
        return key, r.json()["recovery_codes"]

    def sign_in(self, user, password, code=None):
        client = self.server.client()
        body = {"user": user, "password": password}
        if code is not None:
            body["code"] = code
        r = client.post("/api/v1/session", body)
        if r.status == 200:
            client.csrf = r.json()["csrf_token"]
        return client, r

    def test_enrolled_the_password_alone_is_asked_for_a_code_and_each_code_works_once(self):
        client = self.signed_in("孙秘书")
        r = client.post("/api/v1/session/second-factor", {"password": "not-the-password"})
        self.assertError(r, 403, "forbidden")
        r = client.post("/api/v1/session/second-factor", {"password": PASSWORD}, csrf=False)
        self.assertError(r, 403, "csrf")
        r = client.post("/api/v1/session/second-factor", {"password": PASSWORD})
        self.assertEqual(r.status, 201, r)
        key, uri = r.json()["key"], r.json()["uri"]
        self.assertTrue(uri.startswith("otpauth://totp/Dossier:" + quote("孙秘书") + "?secret=" + key), uri)
        # Until a first code confirms it, the password alone still signs in.
        self.assertEqual(self.sign_in("孙秘书", PASSWORD)[1].status, 200)
        r = client.post("/api/v1/session/second-factor/confirmation", {"code": "12345"})
        self.assertError(r, 400, "invalid_argument")
        r = client.post("/api/v1/session/second-factor/confirmation", {"code": app_code(key, step_now())})
        self.assertEqual(r.status, 200, r)
        recovery = r.json()["recovery_codes"]
        self.assertEqual(len(recovery), 10)
        self.assertEqual(len(set(recovery)), 10)
        self.assertEqual(client.get("/api/v1/session/second-factor").json(),
                         {"enabled": True, "pending": False, "confirmed_at": client.get(
                             "/api/v1/session/second-factor").json()["confirmed_at"], "recovery_codes_left": 10})

        _, r = self.sign_in("孙秘书", PASSWORD)
        self.assertError(r, 401, "unauthenticated")
        self.assertEqual(r.json()["error"]["field"], "/code")
        _, r = self.sign_in("孙秘书", "not-the-password")
        self.assertError(r, 401, "unauthenticated")
        self.assertNotIn("field", r.json()["error"])  # a wrong password learns nothing of the factor

        code = app_code(key, step_now() + 1)  # the next step's: the confirming code used this one
        signed, r = self.sign_in("孙秘书", PASSWORD, code)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(signed.get("/api/v1/session").json()["user"]["name"], "孙秘书")
        _, r = self.sign_in("孙秘书", PASSWORD, code)
        self.assertError(r, 401, "unauthenticated")
        self.assertEqual(r.json()["error"]["field"], "/code")

        _, r = self.sign_in("孙秘书", PASSWORD, recovery[0].lower())
        self.assertEqual(r.status, 200, r)
        _, r = self.sign_in("孙秘书", PASSWORD, recovery[0])
        self.assertError(r, 401, "unauthenticated")
        self.assertEqual(client.get("/api/v1/session/second-factor").json()["recovery_codes_left"], 9)
        audit = self.signed_in("admin").get("/api/v1/audit").json()
        actions = [e["action"] for e in audit["entries"] if e["object"] == "孙秘书"]
        for action in ("user.second-factor.begin", "user.second-factor.enable", "sign-in.recovery-code"):
            self.assertIn(action, actions)

    def test_an_admin_removes_the_factor_of_a_lost_phone_and_a_clerk_cannot(self):
        client = self.signed_in("周助理")
        key, recovery = self.enrol(client, "Zhou-Assistant-Key-26")
        path = "/api/v1/users/%s/second-factor" % quote("周助理")
        clerk = self.signed_in("张三")
        self.assertError(clerk.request("DELETE", path), 403, "forbidden")
        self.assertError(clerk.get(path), 403, "forbidden")
        admin = self.signed_in("admin")
        self.assertTrue(admin.get(path).json()["enabled"])
        self.assertEqual(admin.request("DELETE", path).status, 204)
        self.assertError(client.get("/api/v1/session"), 401, "unauthenticated")  # their sessions ended
        self.assertFalse(admin.get(path).json()["enabled"])
        _, r = self.sign_in("周助理", "Zhou-Assistant-Key-26")
        self.assertEqual(r.status, 200, r)
        self.assertError(admin.request("DELETE", path), 404, "not_found")


class RequiredSecondFactorTest(ServerTest):
    """A role that must sign in with a second factor: until its users enrol, enrolling is all they can do."""
    config = {"second_factor": {"required_for": ["archivist"]}}

    def test_an_archivist_without_a_factor_can_only_enrol_then_works(self):
        client = self.signed_in("档案员")
        me = client.get("/api/v1/session").json()
        self.assertTrue(me["must_enrol_second_factor"])
        self.assertError(client.get("/api/v1/documents"), 403, "second_factor_required")
        self.assertError(client.post("/api/v1/tokens", {"expires": "2027-01-31"}), 403, "second_factor_required")
        r = client.post("/api/v1/session/second-factor", {"password": PEOPLE["档案员"][2]})
        self.assertEqual(r.status, 201, r)
        r = client.post("/api/v1/session/second-factor/confirmation", {"code": app_code(r.json()["key"], step_now())})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(client.get("/api/v1/documents").status, 200)
        self.assertFalse(client.get("/api/v1/session").json()["must_enrol_second_factor"])
        # Other roles are not asked.
        self.assertEqual(self.signed_in("张三").get("/api/v1/documents").status, 200)


if __name__ == "__main__":
    unittest.main()
