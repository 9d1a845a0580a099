"""Drives the real `dossier serve` over real HTTP (Python's standard library only).

A test makes a repository with the real binary (init, users, passwords), starts
the server on an ephemeral port of 127.0.0.1, talks to it, and stops it.
"""
import http.client
import json
import os
import re
import shutil
import signal
import ssl
import subprocess
import tempfile
import time
import unittest
import uuid

DOSSIER = os.environ.get("DOSSIER_BIN", "dossier")
ADMIN_PASSWORD = "Archive-Keeper-2026"

# The people of the samples: role, clearance (None: the role's), password.
PEOPLE = {
    "张三": ("clerk", None, "Zhang-San-Clerk-26"),
    "李经理": ("manager", None, "Li-Manager-Review-26"),
    "王律师": ("legal", None, "Wang-Legal-Counsel-26"),
    "赵会计": ("finance", None, "Zhao-Finance-Check-26"),
    "陈总": ("director", None, "Chen-Director-Sign-26"),
    "档案员": ("archivist", None, "Archivist-Keeps-26"),
}

CONTRACT = {
    "parties": [
        {"role": "甲方", "name": "华东数据服务有限公司", "address": "上海市浦东新区张江路100号", "self": True},
        {"role": "乙方", "name": "北京华信科技有限公司", "address": "北京市海淀区中关村大街8号"},
    ],
    "subject": "机架式服务器及安装调试服务",
    "quantity": "服务器10台",
    "quality": "原厂全新正品",
    "amount": {"value": 1280000, "currency": "CNY"},
    "payment_terms": {"method": "银行转账", "instalments": [{"trigger": "验收合格后", "percentage": 100}]},
    "term": {"start": "2026-03-01", "end": "2026-09-30"},
    "place": "甲方数据中心",
    "method": "送货上门并安装调试",
    "acceptance_criteria": "按技术协议逐台测试",
    "breach_liability": "逾期每日按总价千分之一支付违约金",
    "dispute_resolution": "提交上海仲裁委员会仲裁",
    "department": "商务部",
    "owner": "张三",
    "major": True,
}


def run(*args, stdin=None, check=True):
    proc = subprocess.run([DOSSIER, *args], input=stdin, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"dossier {' '.join(args)} failed ({proc.returncode}): {proc.stderr}")
    return proc


def make_repository(folder, people=PEOPLE, config=None):
    """A repository with admin's password set and the people given, each with a password."""
    repo = os.path.join(folder, "repo")
    secret = os.path.join(folder, "admin.pw")
    with open(secret, "w") as f:
        f.write(ADMIN_PASSWORD + "\n")
    os.chmod(secret, 0o600)
    run("init", repo, "--admin-password-file", secret)
    for name, (role, clearance, password) in people.items():
        args = ["--repo", repo, "--as", "admin", "user", "add", name, "--role", role]
        if clearance:
            args += ["--clearance", clearance]
        run(*args)
        run("--repo", repo, "--as", "admin", "user", "passwd", name, "--password-file", "-", stdin=password + "\n")
    if config is not None:
        with open(os.path.join(repo, "config", "server.json"), "w") as f:
            json.dump(config, f)
    return repo


class Server:
    """`dossier serve` on 127.0.0.1 and a free port; its log kept in a file."""

    def __init__(self, repo, *extra):
        self.repo = repo
        self.log_path = os.path.join(os.path.dirname(repo), f"serve-{uuid.uuid4().hex[:8]}.log")
        self.log = open(self.log_path, "w+")
        # Uploads are staged in TMPDIR: a folder of this server's own, to be looked into.
        self.tmpdir = os.path.join(os.path.dirname(repo), f"tmp-{uuid.uuid4().hex[:8]}")
        os.makedirs(self.tmpdir)
        env = dict(os.environ, TMPDIR=self.tmpdir)
        self.proc = subprocess.Popen([DOSSIER, "--repo", repo, "serve", "--listen", "127.0.0.1:0", *extra],
                                     stdout=subprocess.DEVNULL, stderr=self.log, env=env)
        deadline = time.time() + 20
        self.port = None
        while time.time() < deadline and self.port is None:
            text = self.log_text()
            match = re.search(r"on (https?)://127\.0\.0\.1:(\d+)/", text)
            if match:
                self.tls = match.group(1) == "https"
                self.port = int(match.group(2))
            elif self.proc.poll() is not None:
                raise AssertionError("dossier serve exited: " + text)
            else:
                time.sleep(0.05)
        if self.port is None:
            self.proc.kill()
            raise AssertionError("dossier serve did not start: " + self.log_text())

    def log_text(self):
        with open(self.log_path) as f:
            return f.read()

    def log_lines(self):
        """The JSON access log lines."""
        return [json.loads(l) for l in self.log_text().splitlines() if l.startswith("{")]

    def stop(self, sig=signal.SIGTERM, timeout=30):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self.log.close()
        return code

    def client(self):
        return Client(self.port, self.tls)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def headers_named(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def __repr__(self):
        return f"<{self.status} {self.body[:300]!r}>"


class Client:
    """One person's browser or script: keeps the session cookie and CSRF token, or a token."""

    def __init__(self, port, tls=False):
        self.port = port
        self.tls = tls
        # Under TLS the cookie carries the __Host- prefix.
        self.cookie_name = ("__Host-" if tls else "") + "dossier_session"
        self.cookie = None
        self.csrf = None
        self.token = None

    def request(self, method, path, body=None, headers=None, csrf=True, content_type=None):
        if self.tls:
            # The tests' own self-signed certificate: encryption, not identity, is under test.
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            conn = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=60, context=context)
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        all_headers = dict(headers or {})
        data = None
        if isinstance(body, (dict, list)):
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            all_headers.setdefault("Content-Type", "application/json")
        elif body is not None:
            data = body
            if content_type:
                all_headers["Content-Type"] = content_type
        if self.cookie:
            all_headers["Cookie"] = self.cookie_name + "=" + self.cookie
        if self.csrf and csrf and method not in ("GET", "HEAD"):
            all_headers.setdefault("X-CSRF-Token", self.csrf)
        if self.token:
            all_headers["Authorization"] = "Bearer " + self.token
        try:
            conn.request(method, path, body=data, headers=all_headers)
            r = conn.getresponse()
            response = Response(r.status, r.getheaders(), r.read())
        finally:
            conn.close()
        for cookie in response.headers_named("Set-Cookie"):
            match = re.match(re.escape(self.cookie_name) + r"=([^;]*)", cookie)
            if match:
                self.cookie = match.group(1) or None
        return response

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body, **kw)

    def sign_in(self, user, password):
        r = self.post("/api/v1/session", {"user": user, "password": password})
        if r.status == 200:
            self.csrf = r.json()["csrf_token"]
        return r

    def upload(self, path, metadata, files, method="POST"):
        """A multipart/form-data request: a 'metadata' part and file parts (name, bytes)."""
        boundary = "----dossier" + uuid.uuid4().hex
        parts = []
        if metadata is not None:
            parts.append((f'--{boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n'
                          f'Content-Type: application/json\r\n\r\n').encode() +
                         json.dumps(metadata, ensure_ascii=False).encode("utf-8") + b"\r\n")
        for name, content in files:
            parts.append((f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                          f'Content-Type: application/octet-stream\r\n\r\n').encode("utf-8") + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(method, path, body, content_type="multipart/form-data; boundary=" + boundary)

    def register(self, title="服务器采购合同", type_="contract", metadata=None, confidentiality="内部", files=None):
        meta = {"type": type_, "title": title, "confidentiality": confidentiality,
                "metadata": CONTRACT if metadata is None else metadata}
        return self.upload("/api/v1/documents", meta, files or [("合同正文.txt", "甲乙双方经平等协商订立本合同。".encode())])


class ServerTest(unittest.TestCase):
    """A repository with the sample people and a server on it, for the whole class."""

    config = None
    people = PEOPLE

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="dossier-server-test-")
        cls.repo = make_repository(cls.folder, cls.people, cls.config)
        cls.server = Server(cls.repo)

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        shutil.rmtree(cls.folder, ignore_errors=True)
        if code != 0:
            raise AssertionError(f"dossier serve exited {code} on SIGTERM")

    def signed_in(self, user):
        client = self.server.client()
        password = ADMIN_PASSWORD if user == "admin" else self.people[user][2]
        r = client.sign_in(user, password)
        self.assertEqual(r.status, 200, r)
        return client

    def assertError(self, response, status, code):
        self.assertEqual(response.status, status, response)
        self.assertEqual(response.json()["error"]["code"], code, response)
