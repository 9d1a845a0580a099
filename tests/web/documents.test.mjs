// Finding and reading documents: the list with its filters in Chinese, the
// search box, a document's page under its schema's titles — and nothing
// above the reader's clearance.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, client, CONTRACT, launchBrowser, makeRepository, newPage, screenshot, signIn, startServer,
  workFolder } from './harness.mjs';

let folder, server, browser, contract, secret, report;

before(async () => {
  folder = workFolder();
  server = await startServer(makeRepository(folder));
  browser = await launchBrowser();
  const clerk = await client(server.url, '张三');
  contract = await clerk.register({ title: '服务器采购合同', files: [{ name: '合同正文.txt', text: '甲方乙方服务器采购' }] });
  report = await clerk.register({ type: 'report', title: '第三季度经营分析报告',
    metadata: { kind: '项目总结报告', date: '2026-10-08', department: '商务部', author: '张三', summary: '季度经营情况' } });
  await clerk.register({ title: '<img src=x onerror="window.pwned=1">标题里的标记',
    metadata: { ...CONTRACT, major: false, amount: { value: 50000, currency: 'CNY' } } });
  const director = await client(server.url, '陈总');
  secret = await director.register({ title: '并购意向书（机密）', confidentiality: '机密' });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  cleanup(folder);
});

test('the list shows types and states by their Chinese names, filters by type, and pages', async () => {
  const page = await newPage(browser, server);
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
  const page = await newPage(browser, server);
  await signIn(page, '张三');
  await page.goto(server.url + '/documents');
  await page.getByRole('table', { name: '文档列表' }).waitFor();
  assert.equal(await page.getByText('并购意向书').count(), 0);
  await page.goto(server.url + '/documents/' + encodeURIComponent(secret.number));
  await page.getByRole('alert').waitFor();
  assert.equal(await page.getByText('并购意向书').count(), 0);
  await page.context().close();

  // The director sees it, marked 机密 where nobody can miss it.
  const director = await newPage(browser, server);
  await signIn(director, '陈总');
  await director.goto(server.url + '/documents/' + encodeURIComponent(secret.number));
  await director.getByText('密级：机密').waitFor();
  assert.match(await director.getByText('密级：机密').getAttribute('class'), /level-classified/);
  await director.context().close();
});

test('the search box finds by Chinese words and keeps the query in the address', async () => {
  const page = await newPage(browser, server);
  await signIn(page, '张三');
  const box = page.getByRole('searchbox', { name: '搜索' });
  await box.fill('经营分析');
  await box.press('Enter');
  await page.getByRole('heading', { name: '搜索：经营分析' }).waitFor();
  const table = page.getByRole('table', { name: '文档列表' });
  assert.equal(await table.getByRole('row').filter({ hasText: report.number }).count(), 1);
  assert.equal(await table.getByRole('row').filter({ hasText: contract.number }).count(), 0);
  assert.equal(new URL(page.url()).searchParams.get('q'), '经营分析');
  await page.context().close();
});

test('a document\'s page shows its metadata under the schema\'s titles, files and times in Beijing time', async () => {
  const page = await newPage(browser, server);
  await signIn(page, '张三');
  await page.goto(server.url + '/documents/' + encodeURIComponent(contract.number));
  await page.getByRole('heading', { name: `${contract.number} 服务器采购合同` }).waitFor();
  const metadata = page.locator('dl.metadata').first();
  for (const title of ['当事人', '标的', '承办部门']) await metadata.getByText(title, { exact: true }).first().waitFor();
  await metadata.getByText('北京华信科技有限公司').waitFor();
  await page.getByText('密级：内部').waitFor();
  const download = page.getByRole('link', { name: '下载 合同正文.txt' });
  assert.match(await download.getAttribute('href'), /\/api\/v1\/documents\/.+\/files\//);
  const file = await page.request.get(server.url + await download.getAttribute('href'));
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
  const page = await newPage(browser, server);
  await signIn(page, '张三');
  await page.goto(server.url + '/documents');
  await page.getByText('<img src=x onerror="window.pwned=1">标题里的标记').waitFor();
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await page.context().close();
});
