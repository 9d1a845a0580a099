// A contract's life in the browser, each person in a browser of their own:
// the clerk submits, the manager rejects with a reason and later approves,
// legal and finance co-review, the director approves, the clerk signs with
// the data signing asks for. Buttons carry the workflow's Chinese names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { client, newPage, screenshot, signIn, useServer } from './harness.mjs';

let contract;
const env = useServer({
  scene: async () => {
    contract = await (await client(env.server.url, '张三')).register({ title: '机房服务器采购合同' });
  },
});

async function openDocument(user) {
  const page = await newPage(env.browser, env.server);
  await signIn(page, user);
  await page.goto(env.server.url + '/documents/' + encodeURIComponent(contract.number));
  await page.getByRole('heading', { name: new RegExp(contract.number) }).waitFor();
  return page;
}

async function take(page, action, { comment, data } = {}) {
  await page.getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  for (const [label, value] of Object.entries(data ?? {})) await dialog.getByLabel(label).fill(value);
  if (comment) await dialog.getByLabel(/意见/).fill(comment);
  await dialog.getByRole('button', { name: '确定' }).click();
}

const state = (page) => page.locator('.badges .state').textContent();

test('a contract goes from draft to signed through the people the rules name', async () => {
  const clerk = await openDocument('张三');
  assert.equal(await state(clerk), '起草');
  await take(clerk, '提交审核');
  await clerk.getByText('已完成：提交审核').waitFor();
  assert.equal(await state(clerk), '部门经理审核');
  assert.equal(await clerk.getByRole('button', { name: '审核通过' }).count(), 0, 'a clerk does not review');

  // The manager finds it in 待办, rejects it without a reason (refused), then with one.
  const manager = await newPage(env.browser, env.server);
  await signIn(manager, '李经理');
  const waiting = manager.getByRole('region', { name: /待我处理/ });
  await waiting.getByRole('link', { name: new RegExp(contract.number) }).click();
  await manager.getByRole('button', { name: '驳回' }).waitFor();
  await take(manager, '驳回');
  assert.equal(await manager.getByRole('dialog').getByRole('alert').textContent(), '此操作须填写意见。');
  await manager.getByRole('dialog').getByLabel(/意见/).fill('请补充验收标准和付款方式');
  await manager.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await manager.getByText('已完成：驳回').waitFor();
  assert.equal(await state(manager), '起草');

  await clerk.reload();
  await take(clerk, '提交审核');
  await clerk.getByText('已完成：提交审核').waitFor();

  // A major contract goes on to legal and finance together.
  await manager.reload();
  await take(manager, '审核通过', { comment: '同意' });
  await manager.getByText('已完成：审核通过').waitFor();
  assert.equal(await state(manager), '法务财务会审');
  await manager.getByText('尚待会签：法务、财务').waitFor();

  const legal = await openDocument('王律师');
  await take(legal, '会审通过', { comment: '条款合规' });
  await legal.getByText('已完成：会审通过').waitFor();
  await legal.getByText('尚待会签：财务').waitFor();
  await (await client(env.server.url, '赵会计')).transition(contract.number, 'approve', '预算内');

  const director = await openDocument('陈总');
  assert.equal(await state(director), '待审批');
  await screenshot(director, 'document-actions');
  await take(director, '批准');
  await director.getByText('已完成：批准').waitFor();
  assert.equal(await state(director), '已批准');

  // Signing asks for the date, both signatories and the seal, under the schema's titles.
  await clerk.reload();
  await clerk.getByRole('button', { name: '签订' }).click();
  const dialog = clerk.getByRole('dialog');
  await dialog.getByRole('button', { name: '确定' }).click();
  assert.match(await dialog.getByRole('alert').textContent(), /请填写/);
  await dialog.getByLabel('签订日期').fill('2026-03-20');
  await dialog.getByLabel('我方签约代表').fill('陈总');
  await dialog.getByLabel('对方签约代表').fill('刘总');
  await dialog.getByLabel('所用印章').fill('合同专用章');
  await dialog.getByRole('button', { name: '确定' }).click();
  await clerk.getByText('已完成：签订').waitFor();
  assert.equal(await state(clerk), '已签订');
  await clerk.locator('dl.metadata').getByText('刘总').waitFor();

  // The trail names each step as the workflow does, with the manager's reason.
  const trail = clerk.getByRole('region', { name: '审批记录' });
  const rows = await trail.getByRole('row').allTextContents();
  const actions = ['提交审核', '驳回', '提交审核', '审核通过', '会审通过', '会审通过', '批准', '签订'];
  assert.equal(rows.length, actions.length + 1);
  actions.forEach((a, i) => assert.ok(rows[i + 1].includes(a), `row ${i + 1} is ${a}: ${rows[i + 1]}`));
  assert.ok(rows[2].includes('请补充验收标准和付款方式'));
  assert.ok(rows[2].includes('商务经理'));
  await screenshot(clerk, 'document-signed');
  for (const page of [clerk, manager, legal, director]) {
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test('an action someone else took first is refused in the core\'s words, and the page offers what is left', async () => {
  const other = await (await client(env.server.url, '张三')).register({ title: '办公设备采购合同',
    metadata: { parties: [{ role: '甲方', name: '华东数据服务有限公司', self: true }, { role: '乙方', name: '上海办公用品有限公司' }],
      subject: '办公设备', amount: { value: 30000, currency: 'CNY' }, department: '商务部', major: false } });
  const page = await newPage(env.browser, env.server);
  await signIn(page, '张三');
  await page.goto(env.server.url + '/documents/' + encodeURIComponent(other.number));
  await page.getByRole('button', { name: '提交审核' }).waitFor();
  // Submitted from elsewhere while this page was open.
  await (await client(env.server.url, '张三')).transition(other.number, 'submit');
  await take(page, '提交审核');
  const refusal = await page.getByRole('dialog').getByRole('alert').textContent();
  assert.match(refusal, /'submit' is not possible/);
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
  await page.reload();
  assert.equal(await state(page), '部门经理审核');
  assert.equal(await page.getByRole('button', { name: '提交审核' }).count(), 0);
  await page.context().close();
});
