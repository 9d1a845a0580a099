// bench/ui's browser half: Debian's chromium (through tests/web's harness and
// its pinned playwright-core) opens document pages and search results pages
// of a running server and reads the browser's own timing of each.
//
// Input (argv[2], JSON): {url, user, password, documents: [refs], queries: [texts]}.
// Output (stdout, JSON): for each page kind, each path opened three ways —
//   first   a new browser context: its own renderer process, nothing cached,
//           the session cookie only (a person's first visit in a fresh browser)
//   emptied the same page, its cache emptied first (a running browser, a new binary)
//   cached  the same page again (the bundle and the stylesheet from the cache)
// and per navigation:
//   dcl     DOMContentLoaded, from the start of the navigation (the request)
//   shown   the page's mark `dossier:page-shown`: its data fetched and shown
//   apiMs   the API requests the page made, from the first's start to the last's end
//   jsCss   bytes of JavaScript and CSS that came over the network, compressed as sent
// The reference, the same three ways: DOMContentLoaded of /healthz, a page of
// two words with no script or style — what this browser costs before any of ours.
import { launchBrowser } from '../../tests/web/harness.mjs';

const input = JSON.parse(process.argv[2]);

async function pageTiming(page) {
  await page.waitForFunction(() => performance.getEntriesByName('dossier:page-shown').length > 0, null,
    { timeout: 30000 });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    const api = resources.filter((r) => new URL(r.name).pathname.startsWith('/api/'));
    return {
      dcl: nav.domContentLoadedEventEnd,
      shown: performance.getEntriesByName('dossier:page-shown')[0].startTime,
      apiMs: api.length ? Math.max(...api.map((r) => r.responseEnd)) - Math.min(...api.map((r) => r.startTime)) : 0,
      apiCount: api.length,
      jsCss: resources.filter((r) => /\.(js|css)$/.test(new URL(r.name).pathname))
        .reduce((sum, r) => sum + r.encodedBodySize, 0),
    };
  });
}

const plainTiming = (page) => page.evaluate(() => ({ dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd }));

// Opens each path the three ways; `read` reads a navigation's timing.
async function openEach(browser, state, paths, read) {
  const out = { first: [], emptied: [], cached: [] };
  for (const path of paths) {
    const context = await browser.newContext({ locale: 'zh-CN', storageState: state });
    const page = await context.newPage();
    await page.goto(input.url + path, { waitUntil: 'domcontentloaded' });
    out.first.push(await read(page));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    await page.goto(input.url + path, { waitUntil: 'domcontentloaded' });
    out.emptied.push(await read(page));
    await page.goto(input.url + path, { waitUntil: 'domcontentloaded' });
    out.cached.push(await read(page));
    await context.close();
  }
  return out;
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

const browser = await launchBrowser();
try {
  const state = await signedInState(browser);
  // One round first, not counted: the server's page cache and connections warm up.
  await openEach(browser, state, [`/documents/${encodeURIComponent(input.documents[0])}`], pageTiming);
  const documents = await openEach(browser, state, input.documents.map((r) => `/documents/${encodeURIComponent(r)}`),
    pageTiming);
  const search = await openEach(browser, state, input.queries.map((q) => `/search?q=${encodeURIComponent(q)}`),
    pageTiming);
  const reference = await openEach(browser, state, input.documents.map(() => '/healthz'), plainTiming);
  process.stdout.write(JSON.stringify({ documents, search, reference }) + '\n');
} finally {
  await browser.close();
}
