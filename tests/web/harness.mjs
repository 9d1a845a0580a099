// What every browser test shares: a repository made with the real binary, the
// real `dossier serve` on 127.0.0.1, Debian's chromium driven by
// playwright-core, and the people of the samples.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const DOSSIER = process.env.DOSSIER_BIN ?? 'dossier';
export const CHROMIUM = process.env.DOSSIER_CHROMIUM ?? '/usr/bin/chromium';
export const ADMIN_PASSWORD = 'Archive-Keeper-2026';

export const PEOPLE = {
  张三: ['clerk', 'Zhang-San-Clerk-26'],
  李经理: ['manager', 'Li-Manager-Review-26'],
  王律师: ['legal', 'Wang-Legal-Counsel-26'],
  赵会计: ['finance', 'Zhao-Finance-Check-26'],
  陈总: ['director', 'Chen-Director-Sign-26'],
  档案员: ['archivist', 'Archivist-Keeps-26'],
};

export const CONTRACT = {
  parties: [
    { role: '甲方', name: '华东数据服务有限公司', address: '上海市浦东新区张江路100号', self: true },
    { role: '乙方', name: '北京华信科技有限公司', address: '北京市海淀区中关村大街8号' },
  ],
  subject: '机架式服务器及安装调试服务',
  quantity: '服务器10台',
  quality: '原厂全新正品',
  amount: { value: 1280000, currency: 'CNY' },
  payment_terms: { method: '银行转账', instalments: [{ trigger: '验收合格后', percentage: 100 }] },
  term: { start: '2026-03-01', end: '2026-09-30' },
  place: '甲方数据中心',
  method: '送货上门并安装调试',
  acceptance_criteria: '按技术协议逐台测试',
  breach_liability: '逾期每日按总价千分之一支付违约金',
  dispute_resolution: '提交上海仲裁委员会仲裁',
  department: '商务部',
  owner: '张三',
  major: true,
};

export function run(...args) {
  const proc = spawnSync(DOSSIER, args, { encoding: 'utf8', input: '' });
  if (proc.status !== 0) throw new Error(`dossier ${args.join(' ')} failed (${proc.status}): ${proc.stderr}`);
  return proc.stdout;
}

function runWithInput(input, ...args) {
  const proc = spawnSync(DOSSIER, args, { encoding: 'utf8', input });
  if (proc.status !== 0) throw new Error(`dossier ${args.join(' ')} failed (${proc.status}): ${proc.stderr}`);
  return proc.stdout;
}

// A folder of the test's own, removed by cleanup().
export function workFolder() {
  return mkdtempSync(join(tmpdir(), 'dossier-web-'));
}

export function makeRepository(folder, people = PEOPLE) {
  const repo = join(folder, 'repo');
  const secret = join(folder, 'admin.pw');
  writeFileSync(secret, ADMIN_PASSWORD + '\n');
  chmodSync(secret, 0o600);
  run('init', repo, '--admin-password-file', secret);
  for (const [name, [role, password]] of Object.entries(people)) {
    run('--repo', repo, '--as', 'admin', 'user', 'add', name, '--role', role);
    runWithInput(password + '\n', '--repo', repo, '--as', 'admin', 'user', 'passwd', name, '--password-file', '-');
  }
  return repo;
}

// `dossier serve` on a free port of 127.0.0.1.
export async function startServer(repo) {
  const log = [];
  const proc = spawn(DOSSIER, ['--repo', repo, 'serve', '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (chunk) => log.push(chunk));
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    const match = log.join('').match(/on (https?):\/\/127\.0\.0\.1:(\d+)\//);
    if (match) {
      const url = `http://127.0.0.1:${match[2]}`;
      return {
        url,
        log: () => log.join(''),
        stop: () => new Promise((resolve) => {
          if (proc.exitCode !== null) return resolve(proc.exitCode);
          proc.on('exit', (code) => resolve(code));
          proc.kill('SIGTERM');
        }),
      };
    }
    if (proc.exitCode !== null) throw new Error('dossier serve exited: ' + log.join(''));
    await new Promise((r) => setTimeout(r, 50));
  }
  proc.kill('SIGKILL');
  throw new Error('dossier serve did not start: ' + log.join(''));
}

// The API as a script would use it, to set the scene a test starts from.
export class ApiClient {
  constructor(url) {
    this.url = url;
    this.cookie = '';
    this.csrf = '';
  }

  async request(method, path, { body, form } = {}) {
    const headers = { Accept: 'application/json' };
    if (this.cookie) headers.Cookie = this.cookie;
    if (method !== 'GET') headers['X-CSRF-Token'] = this.csrf;
    let payload = form;
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const response = await fetch(this.url + '/api/v1' + path, { method, headers, body: payload });
    const cookie = response.headers.get('set-cookie');
    if (cookie) this.cookie = cookie.split(';')[0];
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return json;
  }

  async signIn(user, password = PEOPLE[user][1]) {
    const answer = await this.request('POST', '/session', { body: { user, password } });
    this.csrf = answer.csrf_token;
    return this;
  }

  // Registers a document with files [{name, text}]; returns its JSON.
  async register({ type = 'contract', title, metadata = CONTRACT, confidentiality = '内部', files = [] }) {
    const form = new FormData();
    form.append('metadata', JSON.stringify({ type, title, confidentiality, metadata }));
    for (const f of files) form.append('file', new Blob([f.bytes ?? f.text]), f.name);
    return this.request('POST', '/documents', { form });
  }

  transition(number, action, comment = '', set = undefined) {
    return this.request('POST', `/documents/${encodeURIComponent(number)}/transitions`, { body: { action, comment, set } });
  }
}

export async function client(url, user, password) {
  return new ApiClient(url).signIn(user, password);
}

export async function launchBrowser() {
  // As root (CI's containers) chromium's sandbox cannot start: the pages are
  // our own, served from loopback.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

// A new browser context (its own cookies: one person) on a page of the server.
export async function newPage(browser, server, { viewport } = {}) {
  const context = await browser.newContext({ viewport: viewport ?? { width: 1280, height: 900 }, locale: 'zh-CN',
    timezoneId: 'Europe/London' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // The API's refusals (401 signed out, 409, 422 …) are the pages' to show, and
  // the browser logs each as a failed load: those are not problems. A page's
  // own file that fails to load is.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (response.status() >= 400 && !url.pathname.startsWith('/api/')) {
      problems.push(`${response.status()} for ${url.pathname}`);
    }
  });
  page.problems = problems;
  page.base = server.url;
  return page;
}

export async function signIn(page, user, password = PEOPLE[user][1]) {
  await page.goto(page.base + '/');
  await page.getByLabel('用户名').fill(user);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  // The first page, in the language the user chose (Chinese unless English).
  await page.getByRole('heading', { name: /^(待办|My work)$/ }).waitFor();
}

// Does `act` (a click that changes the page inside the application) and waits
// until the page has shown what it asked for: the address changes before the
// new list arrives, so reading right after the address would read the old one.
export async function untilShown(page, act) {
  const before = await page.evaluate(() => performance.getEntriesByName('dossier:page-shown').length);
  await act();
  await page.waitForFunction((n) => performance.getEntriesByName('dossier:page-shown').length > n, before);
}

// A screenshot for people to look at (DOSSIER_SCREENSHOTS), when asked for.
export async function screenshot(page, name) {
  const folder = process.env.DOSSIER_SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

export function cleanup(folder) {
  rmSync(folder, { recursive: true, force: true });
}

export { readFileSync };

// A small, valid one-page PDF saying `text` (ASCII), with its cross-reference
// table computed, for the preview to show.
export function tinyPdf(text) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 18 Tf 30 100 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// For a test file: a repository of the people given, made with the real
// binary (prepare(repo) may write its configuration first), its server and a
// browser, started before the file's tests and stopped and removed after;
// then scene(env) sets up what the tests start from. One hook does it all:
// Node runs a file's top-level before() hooks without waiting for each other.
export function useServer({ people = PEOPLE, prepare, scene } = {}) {
  const env = {};
  before(async () => {
    env.folder = workFolder();
    env.repo = makeRepository(env.folder, people);
    if (prepare) prepare(env.repo);
    env.server = await startServer(env.repo);
    env.browser = await launchBrowser();
    if (scene) await scene(env);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
    if (env.folder) cleanup(env.folder);
  });
  return env;
}
