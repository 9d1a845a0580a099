// Finding and reading documents: the list with its filters in Chinese, the
// search box, a document's page under its schema's titles — and nothing
// above the reader's clearance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { client, CONTRACT, newPage, PEOPLE, run, screenshot, signIn, tinyPdf, untilShown, useServer } from './harness.mjs';

let contract, secret, report;
const SUN = 'Sun-Assistant-Reads-26';
const env = useServer({
  // 孙助理 chooses English; the others keep Chinese whatever order the tests run in.
  people: { ...PEOPLE, 孙助理: ['clerk', SUN] },
  scene: async () => {
    const clerk = await client(env.server.url, '张三');
    contract = await clerk.register({ title: '服务器采购合同', files: [{ name: '合同正文.txt', text: '甲方乙方服务器采购' },
      { name: '签字页.pdf', bytes: tinyPdf('Signed page') }] });
    report = await clerk.register({ type: 'report', title: '第三季度经营分析报告',
      metadata: { kind: '项目总结报告', date: '2026-10-08', department: '商务部', author: '张三', summary: '季度经营情况' } });
    await clerk.register({ title: '<img src=x onerror="window.pwned=1">标题里的标记',
      metadata: { ...CONTRACT, major: false, amount: { value: 50000, currency: 'CNY' } } });
    const director = await client(env.server.url, '陈总');
    secret = await director.register({ title: '并购意向书（机密）', confidentiality: '机密' });
  },
});

test('the list shows types and states by their Chinese names, filters by type, and pages', async () => {
  const page = await newPage(env.browser, env.server);
  await signIn(page, '张三');
  await page.getByRole('link', { name: '文档', exact: true }).click();
  await page.getByRole('heading', { name: '文档' }).waitFor();
  const table = page.getByRole('table', { name: '文档列表' });
  const row = table.getByRole('row').filter({ hasText: contract.number });
  assert.match(await row.textContent(), /合同.*起草.*商务部.*内部/);
  await page.getByText('第 1 页，共 1 页（3 份）').waitFor();

  await page.getByLabel('类型').selectOption({ label: '报告' });
  await page.getByRole('button', { name: '筛选' }).click();
  await page.getByText('第 1 页，共 1 页（1 份）').waitFor();
  assert.equal(new URL(page.url()).searchParams.get('type'), 'report');
  assert.equal(await table.getByRole('row').filter({ hasText: report.number }).count(), 1);

  // Back returns to the unfiltered list, as the address says.
  await page.goBack();
  await page.getByText('第 1 页，共 1 页（3 份）').waitFor();
  await screenshot(page, 'documents');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('nothing above the clerk\'s clearance reaches the page', async () => {
  const page = await newPage(env.browser, env.server);
  await signIn(page, '张三');
  await page.goto(env.server.url + '/documents');
  await page.getByRole('table', { name: '文档列表' }).waitFor();
  assert.equal(await page.getByText('并购意向书').count(), 0);
  // Its address shows the page a number nobody registered shows: nothing says it exists.
  const pageFor = async (number) => {
    await page.goto(env.server.url + '/documents/' + encodeURIComponent(number));
    await page.getByRole('alert').waitFor();
    return { title: (await page.title()).replaceAll(number, '#'),
      main: (await page.locator('main').innerText()).replaceAll(number, '#') };
  };
  const unseen = await pageFor(secret.number);
  const nowhere = await pageFor(secret.number.replace(/\d{4}$/, '9999'));
  assert.equal(await page.getByText('并购意向书').count(), 0);
  assert.deepEqual(unseen, nowhere);
  // Said in Chinese, in the core's words (its catalogue), not the API's English.
  assert.match(unseen.main, /没有文件“#”（或您无权查看）/);
  assert.doesNotMatch(unseen.main, /no document/);
  await page.context().close();

  // The director sees it, marked 机密 where nobody can miss it.
  const director = await newPage(env.browser, env.server);
  await signIn(director, '陈总');
  await director.goto(env.server.url + '/documents/' + encodeURIComponent(secret.number));
  await director.getByText('密级：机密').waitFor();
  assert.match(await director.getByText('密级：机密').getAttribute('class'), /level-classified/);
  await director.context().close();
});

test('the search box finds by Chinese words, marks them in the snippet, and keeps the query in the address', async () => {
  const page = await newPage(env.browser, env.server);
  await signIn(page, '张三');
  const box = page.getByRole('searchbox', { name: '搜索' });
  await box.fill('经营分析');
  await box.press('Enter');
  await page.getByRole('heading', { name: '搜索：经营分析' }).waitFor();
  const results = page.getByRole('list', { name: '搜索结果' });
  const hit = results.getByRole('listitem').filter({ hasText: report.number });
  await hit.waitFor();
  assert.equal(await results.getByRole('listitem').count(), 1);
  assert.match(await hit.locator('mark').first().textContent(), /经营|分析/);
  assert.equal(new URL(page.url()).searchParams.get('q'), '经营分析');
  await page.getByRole('status').filter({ hasText: /找到 1 份/ }).waitFor();
  await screenshot(page, 'search');

  // Narrowed to contracts, the report is gone; what the clerk may not see is never found.
  await page.getByLabel('类型').selectOption({ label: '合同' });
  await page.getByRole('button', { name: '搜索', exact: true }).last().click();
  await page.getByText('没有符合条件的文档。').waitFor();
  await page.goto(env.server.url + '/search?q=' + encodeURIComponent('并购意向书'));
  await page.getByText('没有符合条件的文档。').waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a document\'s page shows its metadata under the schema\'s titles, files and times in Beijing time', async () => {
  const page = await newPage(env.browser, env.server);
  await signIn(page, '张三');
  await page.goto(env.server.url + '/documents/' + encodeURIComponent(contract.number));
  await page.getByRole('heading', { name: `${contract.number} 服务器采购合同` }).waitFor();
  const metadata = page.locator('dl.metadata').first();
  for (const title of ['当事人', '标的', '承办部门']) await metadata.getByText(title, { exact: true }).first().waitFor();
  await metadata.getByText('北京华信科技有限公司').waitFor();
  await page.getByText('密级：内部').waitFor();
  const download = page.getByRole('link', { name: '下载 合同正文.txt' });
  assert.match(await download.getAttribute('href'), /\/api\/v1\/documents\/.+\/files\//);
  const file = await page.request.get(env.server.url + await download.getAttribute('href'));
  assert.equal(await file.text(), '甲方乙方服务器采购');

  // Registered at: the API's UTC time shown in Beijing time (the browser here is in London).
  const utc = new Date(contract.created_at);
  const beijing = new Date(utc.getTime() + 8 * 3600 * 1000).toISOString().replace('T', ' ').slice(0, 16);
  await page.getByText(beijing).first().waitFor();
  await screenshot(page, 'document');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a title written as markup is shown as text and never runs', async () => {
  const page = await newPage(env.browser, env.server);
  await signIn(page, '张三');
  await page.goto(env.server.url + '/documents');
  await page.getByText('<img src=x onerror="window.pwned=1">标题里的标记').waitFor();
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await page.context().close();
});

test('English is a choice each user makes, kept with their account wherever they sign in', async () => {
  const page = await newPage(env.browser, env.server);
  await signIn(page, '孙助理', SUN);
  await page.getByLabel('语言').selectOption('en');
  await page.getByRole('heading', { name: 'My work' }).waitFor();
  await page.getByRole('link', { name: 'Documents', exact: true }).click();
  const row = page.getByRole('table', { name: 'Document list' }).getByRole('row').filter({ hasText: contract.number });
  assert.match(await row.textContent(), /Contract.*Draft.*Internal/);
  await page.reload();
  await page.getByRole('table', { name: 'Document list' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');

  // Another person signing in on the same browser keeps Chinese.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, '陈总');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await page.context().close();

  // Another browser: the choice came with the account; the API and the command line know it too.
  const elsewhere = await newPage(env.browser, env.server);
  await signIn(elsewhere, '孙助理', SUN);
  await elsewhere.getByRole('heading', { name: 'My work', exact: true }).waitFor();
  const session = await (await client(env.server.url, '孙助理', SUN)).request('GET', '/session');
  assert.equal(session.user.language, 'en');
  assert.match(run('--repo', env.repo, '--as', '孙助理', 'user', 'list'), /^user\s+role/m);
  assert.match(run('--repo', env.repo, '--as', '陈总', 'user', 'list'), /^用户\s+角色/m);
  // Back to Chinese, from the page, for the account.
  await elsewhere.getByLabel('Language').selectOption('zh');
  await elsewhere.getByRole('heading', { name: '待办' }).waitFor();
  // Saved in the background after the page changed: asked again until it is (5 s at most).
  let saved;
  for (let tries = 0; tries < 50 && saved !== 'zh'; ++tries) {
    saved = (await (await client(env.server.url, '孙助理', SUN)).request('GET', '/session')).user.language;
    if (saved !== 'zh') await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(saved, 'zh');
  await elsewhere.context().close();
});

test('a PDF is previewed in a frame of the page, which only this origin may frame', async () => {
  const page = await newPage(env.browser, env.server);
  await signIn(page, '张三');
  await page.goto(env.server.url + '/documents/' + encodeURIComponent(contract.number));
  const preview = page.getByRole('button', { name: '预览 签字页.pdf' });
  await preview.waitFor();
  assert.equal(await page.getByRole('button', { name: '预览 合同正文.txt' }).count(), 0, 'text files are downloaded');
  await preview.click();
  const frame = page.locator('iframe[title="预览 签字页.pdf"]');
  await frame.waitFor();
  const src = await frame.getAttribute('src');
  assert.match(src, /inline=1/);
  const answer = await page.request.get(env.server.url + src);
  assert.equal(answer.headers()['content-type'], 'application/pdf');
  assert.equal(answer.headers()['x-frame-options'], 'SAMEORIGIN');
  assert.match(answer.headers()['content-security-policy'], /frame-ancestors 'self'/);
  assert.match(answer.headers()['content-disposition'], /^inline/);
  // The browser loaded it in the frame rather than refusing to frame it.
  const loaded = await (await frame.elementHandle()).contentFrame();
  await loaded.waitForLoadState();
  assert.match(loaded.url(), /inline=1/, 'not replaced by the browser\'s error page');
  const download = await page.request.get(env.server.url + await page.getByRole('link', { name: '下载 签字页.pdf' })
    .getAttribute('href'));
  assert.equal(download.headers()['x-frame-options'], 'DENY', 'a download is never framed');
  await page.getByRole('button', { name: '关闭预览' }).click();
  assert.equal(await frame.count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the list is ordered as chosen, and an unknown order is refused by name', async () => {
  const page = await newPage(env.browser, env.server);
  await signIn(page, '张三');
  await page.goto(env.server.url + '/documents');
  await page.getByLabel('排序').selectOption({ label: '编号' });
  await untilShown(page, () => page.getByRole('button', { name: '筛选' }).click());
  assert.match(page.url(), /sort=number/);
  const numbers = await page.getByRole('table', { name: '文档列表' }).locator('tbody tr td:first-child').allTextContents();
  assert.deepEqual(numbers, [...numbers].sort());
  assert.equal(numbers[0], report.number);
  await page.getByLabel('排序').selectOption({ label: '标题' });
  await untilShown(page, () => page.getByRole('button', { name: '筛选' }).click());
  assert.match(page.url(), /sort=title/);
  const titles = await page.getByRole('table', { name: '文档列表' }).locator('tbody tr td:nth-child(2)').allTextContents();
  assert.deepEqual(titles, ['<img src=x onerror="window.pwned=1">标题里的标记', '服务器采购合同', '第三季度经营分析报告']);
  const refused = await page.request.get(env.server.url + '/api/v1/documents?sort=drop');
  assert.equal(refused.status(), 400);
  assert.match((await refused.json()).error.message, /sort 'drop'/);
  await page.context().close();
});
