// Registering a contract and adding a version in the browser: the schema's
// form, files with Chinese names by the file button and by dropping them,
// a refusal shown at the field it names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { client, newPage, screenshot, signIn, useServer } from './harness.mjs';

const env = useServer();

// Drops files on the drop zone as a file manager would.
async function drop(page, files) {
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }));
    return dt;
  }, files);
  await page.dispatchEvent('.drop-zone', 'drop', { dataTransfer: transfer });
}

test('a clerk registers a contract from the schema\'s form with two files', async () => {
  const page = await newPage(env.browser, env.server);
  await signIn(page, '张三');
  await page.getByRole('link', { name: '新建文档' }).click();
  await page.getByRole('heading', { name: '新建文档' }).waitFor();
  await page.getByLabel('类型').selectOption({ label: '合同' });
  await page.getByLabel('标题').fill('数据中心运维服务合同');
  // The confidentiality choices stop at the clerk's clearance (内部).
  assert.deepEqual(await page.getByLabel('密级').locator('option').allTextContents(), ['公开', '内部']);

  const parties = page.getByRole('group', { name: '当事人', exact: true });
  await parties.getByRole('group', { name: '当事人 1' }).getByLabel('身份').fill('甲方');
  await parties.getByRole('group', { name: '当事人 1' }).getByLabel('名称').fill('华东数据服务有限公司');
  await parties.getByRole('group', { name: '当事人 2' }).getByLabel('身份').fill('乙方');
  await parties.getByRole('group', { name: '当事人 2' }).getByLabel('名称').fill('上海云维科技有限公司');
  await page.getByLabel('标的').fill('数据中心年度运维服务');
  const amount = page.getByRole('group', { name: '金额' });
  await amount.getByLabel('数额').fill('360000');
  await amount.getByLabel('币种').fill('rmb');
  await page.getByRole('group', { name: '期限' }).getByLabel('起始日期').fill('2026-04-01');
  await page.getByLabel('承办部门').fill('商务部');

  await page.locator('input[type=file]').setInputFiles([
    { name: '运维服务合同正文.txt', mimeType: 'text/plain', buffer: Buffer.from('甲方委托乙方提供数据中心运维服务') },
  ]);
  await drop(page, [{ name: '报价单（最终版）.txt', text: '年度服务费 360000 元' }]);
  await page.getByText('报价单（最终版）.txt').waitFor();
  await screenshot(page, 'new-document');

  // A currency the schema does not take is refused at its field, in the core's words.
  await page.getByRole('button', { name: '登记' }).click();
  const currency = amount.getByLabel('币种');
  await page.waitForFunction(() => document.querySelector('[aria-invalid="true"]'));
  assert.equal(await currency.getAttribute('aria-invalid'), 'true');
  const describedBy = await currency.getAttribute('aria-describedby');
  assert.match(await page.locator(`#${describedBy}`).textContent(), /币种/);

  await currency.fill('CNY');
  await page.getByRole('button', { name: '登记' }).click();
  await page.getByRole('heading', { name: /^HT-\d{4}-SW-\d{4} 数据中心运维服务合同$/ }).waitFor();
  await page.getByRole('link', { name: '下载 运维服务合同正文.txt' }).waitFor();
  await page.getByRole('link', { name: '下载 报价单（最终版）.txt' }).waitFor();
  assert.equal(await page.locator('.badges .state').textContent(), '起草');
  await page.locator('dl.metadata').getByText('上海云维科技有限公司').waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a new version changes the amount, drops a file and adds one; the old version is kept', async () => {
  const clerk = await client(env.server.url, '张三');
  const d = await clerk.register({ title: '打印机租赁合同', files: [{ name: '旧报价.txt', text: '旧报价' }] });
  const page = await newPage(env.browser, env.server);
  await signIn(page, '张三');
  await page.goto(`${env.server.url}/documents/${encodeURIComponent(d.number)}`);
  await page.getByRole('link', { name: '新版本' }).click();
  await page.getByRole('heading', { name: `新版本 · ${d.number}` }).waitFor();
  // The form starts from the current metadata.
  assert.equal(await page.getByLabel('标的').inputValue(), '机架式服务器及安装调试服务');
  await page.getByRole('group', { name: '金额' }).getByLabel('数额').fill('1250000');
  await page.getByRole('checkbox', { name: '旧报价.txt' }).check();
  await page.locator('input[type=file]').setInputFiles([
    { name: '新报价.txt', mimeType: 'text/plain', buffer: Buffer.from('新报价 1250000') },
  ]);
  await page.getByLabel('意见').fill('谈判后调价');
  await page.getByRole('button', { name: '保存新版本' }).click();
  await page.getByRole('heading', { name: new RegExp(`^${d.number} `) }).waitFor();
  await page.getByRole('link', { name: '下载 新报价.txt' }).waitFor();
  assert.equal(await page.getByRole('link', { name: '下载 旧报价.txt' }).count(), 0);
  const history = await clerk.request('GET', `/documents/${encodeURIComponent(d.number)}/versions`);
  assert.equal(history.versions.length, 2);
  const shown = await clerk.request('GET', `/documents/${encodeURIComponent(d.number)}`);
  assert.equal(shown.metadata.amount.value, 1250000);
  assert.equal(shown.metadata.parties.length, 2, 'what the form did not touch is kept');
  await page.context().close();
});

test('a piece registered for a contract that cannot be found is kept, and the page says it is not related', async () => {
  const page = await newPage(env.browser, env.server);
  await signIn(page, '张三');
  await page.goto(`${env.server.url}/documents/new?type=approval-form&for=HT-2026-SW-9999&as=attachment-of&dept=商务部`);
  await page.getByRole('heading', { name: '登记合同审批表 · HT-2026-SW-9999' }).waitFor();
  assert.equal(await page.getByLabel('合同编号').inputValue(), 'HT-2026-SW-9999');
  assert.equal(await page.getByLabel('类型').isDisabled(), true, 'the type was chosen by the contract\'s page');
  await page.getByLabel('标题').fill('审批表（无对应合同）');
  await page.getByRole('button', { name: '登记' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: '未能关联到 HT-2026-SW-9999' });
  await refusal.waitFor();
  assert.match(await refusal.textContent(), /^已登记 SP-\d{4}-\d{4}，但未能关联到 HT-2026-SW-9999：没有文件“HT-2026-SW-9999”（或您无权查看）/);
  // What was registered is there, under its own number, linked from the message.
  const number = (await refusal.textContent()).match(/SP-\d{4}-\d{4}/)[0];
  await page.getByRole('link', { name: number }).click();
  await page.getByRole('heading', { name: `${number} 审批表（无对应合同）` }).waitFor();
  await page.context().close();
});
