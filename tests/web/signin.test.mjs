// Signing in and out in the browser, as a clerk does every morning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, screenshot, signIn, useServer } from './harness.mjs';

const env = useServer();

test('the sign-in form is in Chinese and names what is missing', async () => {
  const page = await newPage(env.browser, env.server);
  await page.goto(env.server.url + '/');
  await page.getByRole('heading', { name: '登录 Dossier' }).waitFor();
  assert.equal(await page.title(), '登录 · Dossier');
  await page.getByRole('button', { name: '登录' }).click();
  assert.equal(await page.getByRole('alert').textContent(), '请填写用户名');
  await page.getByLabel('用户名').fill('张三');
  await page.getByRole('button', { name: '登录' }).click();
  assert.equal(await page.getByRole('alert').textContent(), '请填写密码');
  await screenshot(page, 'signin');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a wrong password is refused in Chinese and nothing is shown', async () => {
  const page = await newPage(env.browser, env.server);
  await page.goto(env.server.url + '/');
  await page.getByLabel('用户名').fill('张三');
  await page.getByLabel('密码', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  assert.equal(await page.getByRole('alert').textContent(), '用户名或密码不正确。');
  assert.equal(await page.getByRole('link', { name: '文档' }).count(), 0);
  await page.context().close();
});

test('signing in opens 待办 with the user named, and signing out ends the session', async () => {
  const page = await newPage(env.browser, env.server);
  await signIn(page, '张三');
  assert.equal(new URL(page.url()).pathname, '/');
  await page.getByText('张三（商务专员）').waitFor();
  await page.getByText('没有待办事项。').waitFor();

  // A reload keeps the session (the cookie), and the page comes back signed in.
  await page.reload();
  await page.getByRole('heading', { name: '待办' }).waitFor();

  await page.getByRole('button', { name: '退出' }).click();
  await page.getByRole('heading', { name: '登录 Dossier' }).waitFor();
  const answer = await page.request.get(env.server.url + '/api/v1/session');
  assert.equal(answer.status(), 401, 'the session cookie no longer signs in');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('pages are served with a policy that forbids inline script, and unknown files are 404', async () => {
  const page = await newPage(env.browser, env.server);
  const response = await page.goto(env.server.url + '/documents/HT-2026-X-0001');
  assert.equal(response.status(), 200, 'a page path is the application\'s');
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(response.headers()['x-frame-options'], 'DENY');
  const missing = await page.request.get(env.server.url + '/no-such-file.js');
  assert.equal(missing.status(), 404);
  const posted = await page.request.post(env.server.url + '/index.html');
  assert.equal(posted.status(), 405);
  // The application's script is sent gzipped and revalidated with its ETag.
  const script = await page.request.get(env.server.url + '/app.js', { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(script.headers()['content-encoding'], 'gzip');
  const again = await page.request.get(env.server.url + '/app.js', { headers: { 'If-None-Match': script.headers().etag } });
  assert.equal(again.status(), 304);

  // The page asks for its script (one file: the modules bundled) and its style
  // under this binary's version; those are cached for good, the same file under
  // another version is not.
  const html = await (await page.request.get(env.server.url + '/')).text();
  const version = html.match(/<script type="module" src="\/v\/([0-9a-f]{12})\/app\.js">/)?.[1];
  assert.ok(version, 'the script is asked for under the version');
  assert.match(html, new RegExp(`<link rel="stylesheet" href="/v/${version}/style.css">`));
  const pinned = await page.request.get(`${env.server.url}/v/${version}/app.js`);
  assert.equal(pinned.status(), 200);
  assert.equal(pinned.headers()['cache-control'], 'public, max-age=31536000, immutable');
  assert.match(await pinned.text(), /function documentPage\(/, 'one file holds every page, names kept');
  assert.equal(await pinned.text(), await (await page.request.get(env.server.url + '/app.js')).text());
  const stale = await page.request.get(env.server.url + '/v/000000000000/app.js');
  assert.equal(stale.headers()['cache-control'], 'no-cache', 'an older page\'s version is never pinned to today\'s file');
  assert.equal((await page.request.get(`${env.server.url}/v/${version}/no-such.js`)).status(), 404);
  assert.equal((await page.request.get(`${env.server.url}/v/${version}`)).status(), 404);
  await page.context().close();
});

test('an inline script slipped into the page would not run', async () => {
  const page = await newPage(env.browser, env.server);
  await page.goto(env.server.url + '/');
  await page.getByRole('heading', { name: '登录 Dossier' }).waitFor();
  const ran = await page.evaluate(() => {
    window.ranInline = false;
    const s = document.createElement('script');
    s.textContent = 'window.ranInline = true';
    document.body.append(s);
    return window.ranInline;
  });
  assert.equal(ran, false, 'the Content-Security-Policy blocks inline script');
  await page.context().close();
});

