"""Every route of the OpenAPI document, walked: it exists; without credentials
it answers 401; a change without the CSRF token, 403; a clerk asking for a
机密 document gets exactly what a nonexistent one gets."""
import json
import re
import unittest
from urllib.parse import quote

from harness import ServerTest

PUBLIC = {("POST", "/api/v1/session"), ("GET", "/healthz"), ("GET", "/metrics"), ("GET", "/api/v1/openapi.json")}


class RouteTableTest(ServerTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        client = cls.server.client()
        cls.spec = client.get("/api/v1/openapi.json").json()
        cls.routes = [(method.upper(), path) for path, item in cls.spec["paths"].items() for method in item]
        director = client
        assert director.sign_in("陈总", "Chen-Director-Sign-26").status == 200
        r = director.register(title="机密合同", confidentiality="机密")
        assert r.status == 201, r
        cls.secret = r.json()["number"]
        cls.ghost = "HT-1999-XX-0001"

    def fill(self, path, ref):
        filled = re.sub(r"\{[a-z_]+\}", lambda m: quote(ref) if m.group(0) == "{ref}" else "x", path)
        return filled + "?from=1&to=2" if path.endswith("/diff") else filled

    def test_the_document_is_openapi_3_1_with_every_route_described(self):
        self.assertEqual(self.spec["openapi"], "3.1.0")
        self.assertGreaterEqual(len(self.routes), 30)
        for path, item in self.spec["paths"].items():
            for method, op in item.items():
                self.assertTrue(op["summary"], (method, path))
                self.assertIn("responses", op)
                for name in re.findall(r"\{([a-z_]+)\}", path):
                    self.assertIn(name, [p["name"] for p in op.get("parameters", []) if p["in"] == "path"])

    def test_every_described_route_exists(self):
        client = self.signed_in("admin")
        for method, path in self.routes:
            r = client.request(method, self.fill(path, self.ghost), csrf=False)
            body = r.json() if r.header("Content-Type") and "json" in r.header("Content-Type") else {}
            code = body.get("error", {}).get("code") if isinstance(body, dict) else None
            self.assertNotIn(code, ("no_route", "method_not_allowed"), (method, path, r))

    def test_a_path_the_document_does_not_name_is_no_route(self):
        client = self.signed_in("admin")
        for path in ("/api/v1/secret-admin", "/api/v2/documents", "/api/v1/documents/x/y/z/w"):
            self.assertError(client.get(path), 404, "no_route")

    def test_every_route_but_the_public_ones_needs_credentials(self):
        anonymous = self.server.client()
        for method, path in self.routes:
            if (method, path) in PUBLIC:
                continue
            r = anonymous.request(method, self.fill(path, self.secret), body={} if method != "GET" else None)
            self.assertError(r, 401, "unauthenticated")

    def test_every_change_needs_the_csrf_token(self):
        clerk = self.signed_in("张三")
        for method, path in self.routes:
            if method == "GET" or (method, path) in PUBLIC:
                continue
            r = clerk.request(method, self.fill(path, self.secret), body={}, csrf=False)
            self.assertError(r, 403, "csrf")

    def test_a_classified_document_answers_as_a_missing_one_on_every_route(self):
        clerk = self.signed_in("张三")
        for method, path in self.routes:
            if "{ref}" not in path:
                continue
            hidden = clerk.request(method, self.fill(path, self.secret), body={} if method != "GET" else None)
            ghost = clerk.request(method, self.fill(path, self.ghost), body={} if method != "GET" else None)
            self.assertEqual(hidden.status, ghost.status, (method, path, hidden, ghost))
            self.assertEqual(hidden.body.replace(self.secret.encode(), b"REF"),
                             ghost.body.replace(self.ghost.encode(), b"REF"), (method, path))
            if method == "GET":
                self.assertEqual(hidden.status, 404, (method, path, hidden))

    def test_answers_carry_the_headers_that_keep_browsers_safe(self):
        r = self.server.client().get("/api/v1/documents")
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
        self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertIn("frame-ancestors 'none'", r.header("Content-Security-Policy"))


if __name__ == "__main__":
    unittest.main()
