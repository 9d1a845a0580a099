// 台账 in the browser: figures, statistics by quarter and by department with
// their charts, the rows, and the ledger downloaded as XLSX and PDF for the
// same filters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { client, CONTRACT, newPage, screenshot, signIn, useServer } from './harness.mjs';

const env = useServer({
  scene: async () => {
    const clerk = await client(env.server.url, '张三');
    const manager = await client(env.server.url, '李经理');
    await signed(clerk, manager, { title: '服务器维保合同', dept: '商务部', amount: 120000, date: '2026-02-10' });
    await signed(clerk, manager, { title: '网络设备采购合同', dept: '商务部', amount: 80000, date: '2026-05-20' });
    await signed(clerk, manager, { title: '办公家具采购合同', dept: '采购部', amount: 45000.5, date: '2026-05-28' });
    await clerk.register({ title: '尚在起草的合同', metadata: { ...CONTRACT, major: false, amount: { value: 10000, currency: 'CNY' } } });
  },
});

async function signed(clerk, manager, { title, dept, amount, date }) {
  const c = await clerk.register({ title, metadata: { ...CONTRACT, major: false, department: dept,
    amount: { value: amount, currency: 'CNY' } } });
  await clerk.transition(c.number, 'submit');
  await manager.transition(c.number, 'approve', '同意');
  await manager.transition(c.number, 'approve', '批准');
  await clerk.transition(c.number, 'sign', '', { signing_date: date, signatory_ours: '李经理', signatory_theirs: '刘总',
    seal: '合同专用章' });
  return c;
}

test('the ledger shows figures, statistics with charts, and rows; grouping by department redraws them', async () => {
  const page = await newPage(env.browser, env.server);
  await signIn(page, '李经理');
  await page.getByRole('link', { name: '台账' }).click();
  await page.getByRole('heading', { name: '台账' }).waitFor();
  const figures = page.locator('dl.figures');
  assert.match(await figures.textContent(), /合同数4CNY 255,000.50/);
  assert.match(await figures.textContent(), /未签订1/);

  const stats = page.getByRole('table', { name: '统计' });
  const quarters = await stats.locator('tbody th').allTextContents();
  // The draft is dated by its registration (today): in this quarter.
  assert.deepEqual(quarters.slice(0, 2), ['2026-Q1', '2026-Q2']);
  assert.equal(quarters.length, 3);
  await page.getByRole('img', { name: '合同数（按季度）' }).waitFor();
  await page.getByRole('img', { name: '合同金额（按部门）' }).waitFor();
  assert.equal(await page.getByRole('table', { name: '合同台账' }).locator('tbody tr').count(), 4);

  await page.getByLabel('统计口径').selectOption({ label: '按部门' });
  await page.getByRole('button', { name: '筛选' }).click();
  await page.waitForURL(/by=dept/);
  const depts = page.getByRole('table', { name: '统计' });
  await depts.getByRole('rowheader', { name: '采购部' }).waitFor();
  const admin = depts.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '采购部' }) });
  assert.match(await admin.textContent(), /采购部1CNY 45,000.50/);
  await screenshot(page, 'ledger');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the ledger downloads as XLSX and as PDF for the filters shown', async () => {
  const page = await newPage(env.browser, env.server);
  await signIn(page, '李经理');
  await page.goto(env.server.url + '/ledger?from=2026-05-01&to=2026-06-30&by=month');
  await page.getByRole('heading', { name: '台账' }).waitFor();
  assert.equal(await page.getByRole('table', { name: '合同台账' }).locator('tbody tr').count(), 2);
  const xlsx = await page.request.get(env.server.url + await page.getByRole('link', { name: /Excel/ }).getAttribute('href'));
  assert.equal(xlsx.status(), 200);
  const workbook = await xlsx.body();
  assert.equal(workbook.subarray(0, 2).toString(), 'PK', 'an XLSX is a zip');
  const pdf = await page.request.get(env.server.url + await page.getByRole('link', { name: '下载 PDF' }).getAttribute('href'));
  assert.equal(pdf.status(), 200);
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
  await page.context().close();
});
