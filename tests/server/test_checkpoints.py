"""checkpoints in config/server.json: the server appends a signed checkpoint of the
audit trail to a witness file outside the repository, at start and then at the
interval configured, and verify --against holds the trail to them."""
import json
import os
import shutil
import tempfile
import time
import unittest

from harness import PEOPLE, Server, make_repository, run


class ScheduledCheckpointsTest(unittest.TestCase):
    def test_the_server_writes_checkpoints_that_verify_holds_the_trail_to(self):
        folder = tempfile.mkdtemp(prefix="dossier-checkpoint-test-")
        witness = os.path.join(folder, "witness", "dossier.jsonl")
        os.makedirs(os.path.dirname(witness))
        try:
            # Four seconds between checkpoints (0.0011 h), for the test; a day in practice.
            repo = make_repository(folder, {"张三": PEOPLE["张三"]},
                                   config={"checkpoints": {"to": witness, "every_hours": 0.0011}})
            server = Server(repo)
            try:
                client = server.client()
                self.assertEqual(client.sign_in("张三", PEOPLE["张三"][2]).status, 200)
                self.assertEqual(client.register().status, 201)
                deadline = time.time() + 20
                lines = []
                while time.time() < deadline and len(lines) < 2:
                    time.sleep(0.2)
                    with open(witness) as f:
                        lines = [l for l in f.read().splitlines() if l.strip()]
                self.assertGreaterEqual(len(lines), 2, server.log_text())
                self.assertIn("checkpoint of entry", server.log_text())
            finally:
                self.assertEqual(server.stop(), 0)
            verified = run("--repo", repo, "--as", "admin", "verify", "--against", witness, check=False)
            self.assertEqual(verified.returncode, 0, verified.stdout + verified.stderr)
            self.assertEqual(oct(os.stat(witness).st_mode & 0o777), "0o600")
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def test_a_witness_inside_the_repository_or_a_bad_interval_stops_the_server_naming_it(self):
        folder = tempfile.mkdtemp(prefix="dossier-checkpoint-test-")
        try:
            repo = make_repository(folder, {})
            for config, message in [
                ({"checkpoints": {"to": os.path.join(repo, "witness.jsonl")}}, "the witness file"),
                ({"checkpoints": {"to": os.path.join(folder, "w.jsonl"), "every_hours": 0}}, "checkpoints.every_hours"),
                ({"checkpoints": {"every_hours": 24}}, "checkpoints.to"),
                # A key written twice: refused, not silently the last one.
                ('{"checkpoints": {"every_hours": 24, "every_hours": 1, "to": "%s"}}' % os.path.join(folder, "w.jsonl"),
                 'the key "every_hours" appears twice'),
            ]:
                with open(os.path.join(repo, "config", "server.json"), "w") as f:
                    f.write(config if isinstance(config, str) else json.dumps(config))
                with self.assertRaises(AssertionError) as refused:
                    Server(repo)
                self.assertIn(message, str(refused.exception))
        finally:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
