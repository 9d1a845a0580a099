"""The server over TLS (--tls-cert/--tls-key): the session cookie is Secure and
__Host- prefixed, HSTS is sent, old protocols are refused, plain HTTP gets no
answer, and the API works as over HTTP."""
import http.client
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import unittest
import warnings

from harness import PEOPLE, Server, make_repository


class TlsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="dossier-tls-test-")
        cls.cert = os.path.join(cls.folder, "cert.pem")
        cls.key = os.path.join(cls.folder, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-keyout", cls.key, "-out", cls.cert, "-days", "2", "-subj", "/CN=127.0.0.1"],
                       check=True, capture_output=True)
        cls.server = Server(make_repository(cls.folder, {"张三": PEOPLE["张三"]}),
                            "--tls-cert", cls.cert, "--tls-key", cls.key)

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        shutil.rmtree(cls.folder, ignore_errors=True)
        assert code == 0

    def test_the_server_says_it_serves_https(self):
        self.assertTrue(self.server.tls)

    def test_the_session_cookie_is_secure_and_host_prefixed_and_hsts_is_sent(self):
        client = self.server.client()
        r = client.sign_in("张三", PEOPLE["张三"][2])
        self.assertEqual(r.status, 200, r)
        cookie = r.header("Set-Cookie")
        self.assertTrue(cookie.startswith("__Host-dossier_session="), cookie)
        for attribute in ("Secure", "HttpOnly", "SameSite=Strict", "Path=/"):
            self.assertIn(attribute, cookie)
        self.assertNotIn("Domain", cookie)
        self.assertIn("max-age=", r.header("Strict-Transport-Security"))
        self.assertEqual(client.get("/api/v1/session").json()["user"]["name"], "张三")
        # The unprefixed name is not the session's.
        plain = self.server.client()
        plain.cookie_name, plain.cookie = "dossier_session", client.cookie
        self.assertEqual(plain.get("/api/v1/session").status, 401)
        self.assertEqual(client.request("DELETE", "/api/v1/session").status, 204)
        self.assertEqual(client.get("/api/v1/session").status, 401)

    def test_tls_1_1_is_refused(self):
        # A client that offers TLS 1.0 and 1.1 only (Python can: it is the server that must refuse).
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            context.minimum_version = ssl.TLSVersion.TLSv1
            context.maximum_version = ssl.TLSVersion.TLSv1_1
        try:
            context.set_ciphers("ALL:@SECLEVEL=0")
        except ssl.SSLError:
            pass
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as raw:
            with self.assertRaises((ssl.SSLError, ConnectionResetError)):
                with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                    tls.do_handshake()

    def test_plain_http_gets_no_answer(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        with self.assertRaises((http.client.HTTPException, ConnectionError, OSError)):
            conn.request("GET", "/healthz")
            conn.getresponse().read()
        conn.close()


class BehindATlsProxyTest(unittest.TestCase):
    """proxy.tls in config/server.json: plain HTTP from the proxy, cookies as under TLS."""

    def test_the_cookie_is_secure_and_host_prefixed_though_served_over_http(self):
        folder = tempfile.mkdtemp(prefix="dossier-proxy-test-")
        server = Server(make_repository(folder, {"张三": PEOPLE["张三"]}, config={"proxy": {"tls": True}}))
        try:
            self.assertFalse(server.tls)
            client = server.client()
            client.cookie_name = "__Host-dossier_session"
            r = client.sign_in("张三", PEOPLE["张三"][2])
            self.assertEqual(r.status, 200, r)
            cookie = r.header("Set-Cookie")
            self.assertTrue(cookie.startswith("__Host-dossier_session="), cookie)
            self.assertIn("Secure", cookie)
            self.assertEqual(client.get("/api/v1/session").status, 200)
        finally:
            self.assertEqual(server.stop(), 0)
            shutil.rmtree(folder, ignore_errors=True)

    def test_a_proxy_setting_that_is_not_true_or_false_stops_the_server_naming_it(self):
        folder = tempfile.mkdtemp(prefix="dossier-proxy-test-")
        try:
            repo = make_repository(folder, {}, config={"proxy": {"tls": "yes"}})
            with self.assertRaises(AssertionError) as refused:
                Server(repo)
            self.assertIn("proxy.tls must be true or false", str(refused.exception))
        finally:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
