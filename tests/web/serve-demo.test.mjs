// What `make run` ends with (docs/examples/serve-demo.sh): each demo user gets
// a one-time password, printed once; the server starts; a newcomer signs in
// with it in a browser, chooses a password of their own, and finds work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, DOSSIER, launchBrowser, newPage, untilShown, workFolder } from './harness.mjs';

let folder, demo, browser;

// The walk-through's repository (the ctest fixture), copied with its signing key beside it.
function copyOfWalkthrough(into) {
  const made = process.env.DOSSIER_WALKTHROUGH;
  assert.ok(made && existsSync(join(made, 'catalog.db')), `the walkthrough fixture is missing: ${made}`);
  const repo = join(into, 'demo');
  cpSync(made, repo, { recursive: true });
  if (existsSync(`${made}.signing-key`)) cpSync(`${made}.signing-key`, `${repo}.signing-key`);
  return repo;
}

before(async () => {
  folder = workFolder();
  const repo = copyOfWalkthrough(folder);
  const script = new URL('../../docs/examples/serve-demo.sh', import.meta.url).pathname;
  const proc = spawn('bash', [script, repo, '127.0.0.1:0'], { env: { ...process.env, DOSSIER_BIN: DOSSIER } });
  let out = '';
  let err = '';
  proc.stdout.on('data', (c) => { out += c; });
  proc.stderr.on('data', (c) => { err += c; });
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline && !/on http:\/\/127\.0\.0\.1:(\d+)\//.test(err)) {
    if (proc.exitCode !== null) throw new Error(`serve-demo.sh exited: ${out}${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const port = err.match(/on http:\/\/127\.0\.0\.1:(\d+)\//)?.[1];
  assert.ok(port, `the server did not start: ${out}${err}`);
  demo = { proc, out, url: `http://127.0.0.1:${port}` };
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (demo?.proc.exitCode === null) {
    const exited = new Promise((r) => demo.proc.on('exit', r));
    demo.proc.kill('SIGTERM');
    await exited;
  }
  cleanup(folder);
});

test('each demo user gets a printed one-time password that signs in once, to be changed at once', async () => {
  const passwords = Object.fromEntries([...demo.out.matchAll(/^ {2}(\S+)（[^）]+）：([A-Za-z0-9]{6}-[A-Za-z0-9]{6}-[A-Za-z0-9]{6})$/gm)]
    .map((m) => [m[1], m[2]]));
  assert.deepEqual(Object.keys(passwords).sort(), ['admin', '张三', '李经理', '档案员', '王律师', '赵会计', '陈总'].sort());
  assert.equal(new Set(Object.values(passwords)).size, 7, 'every password differs');
  assert.match(demo.out, /Open http:\/\/127\.0\.0\.1:0\/ in a browser/);

  // The walk-through's fixed demo password no longer opens the account.
  const old = await fetch(demo.url + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: '李经理', password: 'Li-Manager-Demo-2026' }) });
  assert.equal(old.status, 401);

  const page = await newPage(browser, { url: demo.url });
  await page.goto(demo.url + '/');
  await page.getByLabel('用户名').fill('李经理');
  await page.getByLabel('密码', { exact: true }).fill(passwords['李经理']);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '请修改一次性密码' }).waitFor();
  await page.getByLabel('新密码', { exact: true }).fill('Li-Manager-Own-Choice-26');
  await page.getByLabel('再次输入新密码').fill('Li-Manager-Own-Choice-26');
  await page.getByRole('button', { name: '修改密码' }).click();
  await page.getByRole('heading', { name: '待办' }).waitFor();
  await untilShown(page, () => page.getByRole('link', { name: '文档', exact: true }).click());
  const rows = await page.getByRole('table', { name: '文档列表' }).locator('tbody tr').count();
  assert.ok(rows >= 5, `the walk-through's documents are there (${rows})`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
