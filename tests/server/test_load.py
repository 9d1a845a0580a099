"""Many clients at once, and stopping the server: SIGTERM finishes what is in
flight; SIGKILL in the middle of an upload leaves no half document."""
import http.client
import json
import shutil
import signal
import tempfile
import threading
import time
import unittest
import uuid

from harness import PEOPLE, Client, Server, ServerTest, make_repository, run


class ConcurrencyTest(ServerTest):
    def test_sixteen_clients_registering_at_once_get_gap_free_numbers_and_no_server_error(self):
        clients = [self.signed_in("张三") for _ in range(16)]
        results, errors = [], []

        def work(client, k):
            for i in range(5):
                try:
                    results.append(client.register(title=f"并发合同 {k}-{i}"))
                    client.get("/api/v1/documents?per_page=5")
                except Exception as e:  # noqa: BLE001 - every failure is reported below
                    errors.append(repr(e))

        threads = [threading.Thread(target=work, args=(c, k)) for k, c in enumerate(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(sorted({r.status for r in results}), [201], [r for r in results if r.status != 201][:3])
        numbers = sorted(int(r.json()["number"].rsplit("-", 1)[1]) for r in results)
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 80)))
        report = json.loads(run("--repo", self.repo, "--as", "admin", "--json", "numbers", "check").stdout)
        self.assertTrue(all(not s.get("gaps") for s in report), report)
        self.assertNotIn("database is locked", self.server.log_text())


def slow_upload(port, cookie, csrf, title, size, pause_every=1 << 20, pause=0.05, on_progress=None):
    """Sends a multipart registration in pieces; returns the response, or the exception."""
    boundary = "----dossier" + uuid.uuid4().hex
    meta = json.dumps({"type": "contract", "title": title, "metadata": __import__("harness").CONTRACT},
                      ensure_ascii=False).encode()
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n').encode() + meta + \
        (f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="大文件.bin"\r\n\r\n').encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.putrequest("POST", "/api/v1/documents")
        conn.putheader("Content-Type", "multipart/form-data; boundary=" + boundary)
        conn.putheader("Content-Length", str(len(head) + size + len(tail)))
        conn.putheader("Cookie", "dossier_session=" + cookie)
        conn.putheader("X-CSRF-Token", csrf)
        conn.endheaders()
        conn.send(head)
        sent = 0
        chunk = b"\x5a" * pause_every
        while sent < size:
            piece = chunk[: min(len(chunk), size - sent)]
            conn.send(piece)
            sent += len(piece)
            if on_progress:
                on_progress(sent)
            time.sleep(pause)
        conn.send(tail)
        r = conn.getresponse()
        return r.status, r.read()
    except Exception as e:  # noqa: BLE001 - the caller looks at what happened
        return e
    finally:
        conn.close()


class StopTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="dossier-stop-test-")
        self.repo = make_repository(self.folder, {"张三": PEOPLE["张三"]})

    def tearDown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def signed_in(self, server):
        client = server.client()
        self.assertEqual(client.sign_in("张三", PEOPLE["张三"][2]).status, 200)
        return client

    def test_sigterm_finishes_the_upload_in_flight_refuses_new_connections_and_exits_0(self):
        server = Server(self.repo)
        client = self.signed_in(server)
        started = threading.Event()
        outcome = []
        t = threading.Thread(target=lambda: outcome.append(slow_upload(
            server.port, client.cookie, client.csrf, "停机时上传", 8 << 20,
            on_progress=lambda n: started.set() if n >= 2 << 20 else None)))
        t.start()
        self.assertTrue(started.wait(30))
        server.proc.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        with self.assertRaises(OSError):
            Client(server.port).get("/healthz")
        t.join(60)
        self.assertEqual(server.stop(), 0, server.log_text())
        status, body = outcome[0]
        self.assertEqual(status, 201, body)
        self.assertIn("SIGTERM", server.log_text())
        out = run("--repo", self.repo, "--as", "张三", "list", "--json").stdout
        self.assertIn("停机时上传", out)

    def test_sigkill_during_an_upload_leaves_no_half_document_and_a_verifying_repository(self):
        server = Server(self.repo)
        client = self.signed_in(server)
        halfway = threading.Event()
        outcome = []
        t = threading.Thread(target=lambda: outcome.append(slow_upload(
            server.port, client.cookie, client.csrf, "被杀时上传", 16 << 20,
            on_progress=lambda n: halfway.set() if n >= 6 << 20 else None)))
        t.start()
        self.assertTrue(halfway.wait(30))
        server.proc.send_signal(signal.SIGKILL)
        t.join(60)
        server.stop()
        self.assertNotEqual(outcome[0][0] if isinstance(outcome[0], tuple) else None, 201)
        out = run("--repo", self.repo, "--as", "张三", "list", "--json").stdout
        self.assertNotIn("被杀时上传", out)
        verify = run("--repo", self.repo, "--as", "admin", "verify", check=False)
        self.assertEqual(verify.returncode, 0, verify.stdout + verify.stderr)
        # And it serves again.
        again = Server(self.repo)
        try:
            self.assertEqual(self.signed_in(again).register(title="重启之后").status, 201)
        finally:
            self.assertEqual(again.stop(), 0)


if __name__ == "__main__":
    unittest.main()
