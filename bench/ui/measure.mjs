// bench/ui's browser half: Debian's chromium (through tests/web's harness and
// its pinned playwright-core) opens document pages and search results pages
// of a running server and reads the browser's own timing of each.
//
// Input (argv[2], JSON): {url, user, password, documents: [refs], queries: [texts]}.
// Output (stdout, JSON): for each page kind and each of cold (a new browser
// context: empty cache, the session cookie only) and warm (the same context
// again: the files revalidated by ETag), per navigation:
//   dcl     DOMContentLoaded, from the start of the navigation (the request)
//   shown   the page's mark `dossier:page-shown`: its data fetched and shown
//   apiMs   the API requests the page made, one after another, as the page made them
//   refMs   the reference: the same API requests fetched again at once from the page
//   jsCss   bytes of JavaScript and CSS the page loaded, compressed as they came
import { launchBrowser } from '../../tests/web/harness.mjs';

const input = JSON.parse(process.argv[2]);

// Reads the timing of the navigation that just ended, then fetches its API
// requests again (the reference) once the page has shown its data.
async function timing(page) {
  await page.waitForFunction(() => performance.getEntriesByName('dossier:page-shown').length > 0, null,
    { timeout: 30000 });
  return page.evaluate(async () => {
    const nav = performance.getEntriesByType('navigation')[0];
    const shown = performance.getEntriesByName('dossier:page-shown')[0].startTime;
    const resources = performance.getEntriesByType('resource');
    const api = resources.filter((r) => new URL(r.name).pathname.startsWith('/api/'));
    const jsCss = resources.filter((r) => /\.(js|css)$/.test(new URL(r.name).pathname))
      .reduce((sum, r) => sum + r.encodedBodySize, 0);
    const started = performance.now();
    for (const r of api) {
      const answer = await fetch(r.name, { credentials: 'same-origin', cache: 'no-store' });
      await answer.arrayBuffer();
    }
    return { dcl: nav.domContentLoadedEventEnd, shown, apiMs: api.reduce((sum, r) => sum + r.duration, 0),
      apiCount: api.length, refMs: performance.now() - started, jsCss };
  });
}

async function signedInState(browser) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(input.url + '/');
  await page.getByLabel('用户名').fill(input.user);
  await page.getByLabel('密码', { exact: true }).fill(input.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '待办' }).waitFor();
  const state = await context.storageState();
  await context.close();
  return state;
}

async function measure(browser, state, paths) {
  const cold = [];
  const warm = [];
  for (const path of paths) {
    const context = await browser.newContext({ locale: 'zh-CN', storageState: state });
    const page = await context.newPage();
    await page.goto(input.url + path, { waitUntil: 'domcontentloaded' });
    cold.push(await timing(page));
    await page.goto(input.url + path, { waitUntil: 'domcontentloaded' });
    warm.push(await timing(page));
    await context.close();
  }
  return { cold, warm };
}

const browser = await launchBrowser();
try {
  const state = await signedInState(browser);
  // One round first, not counted: the server's page cache and connections warm up.
  await measure(browser, state, [`/documents/${encodeURIComponent(input.documents[0])}`]);
  const documents = await measure(browser, state, input.documents.map((r) => `/documents/${encodeURIComponent(r)}`));
  const search = await measure(browser, state, input.queries.map((q) => `/search?q=${encodeURIComponent(q)}`));
  process.stdout.write(JSON.stringify({ documents, search }) + '\n');
} finally {
  await browser.close();
}
