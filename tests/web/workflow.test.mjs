// A contract's whole life in the browser, each person in a browser of their
// own: the clerk drafts a major contract with two files in the schema's form
// and submits it; the manager rejects it with a reason and later approves;
// legal and finance co-review, the director approves; the clerk signs with the
// data signing asks for, gives copies to the departments that perform it and
// records performance; the manager completes it; the archivist archives the
// whole file and sees its 档号. Buttons carry the workflow's Chinese names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONTRACT, client, newPage, screenshot, signIn, tinyPdf, useServer } from './harness.mjs';

let contract;
const env = useServer();

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

// The clerk's draft: the schema's form, the contract text as a PDF and the
// quotation — every main clause but the acceptance criteria, which the
// workflow asks for before review.
async function draft(clerk) {
  await clerk.getByRole('link', { name: '新建文档' }).click();
  await clerk.getByLabel('类型').selectOption({ label: '合同' });
  await clerk.getByLabel('标题').fill('机房服务器采购合同');
  const parties = clerk.getByRole('group', { name: '当事人', exact: true });
  await parties.getByRole('group', { name: '当事人 1' }).getByLabel('身份').fill('甲方');
  await parties.getByRole('group', { name: '当事人 1' }).getByLabel('名称').fill('华东数据服务有限公司');
  await parties.getByRole('group', { name: '当事人 1' }).getByLabel('本方').check();
  await parties.getByRole('group', { name: '当事人 2' }).getByLabel('身份').fill('乙方');
  await parties.getByRole('group', { name: '当事人 2' }).getByLabel('名称').fill('北京华信科技有限公司');
  await parties.getByRole('group', { name: '当事人 1' }).getByLabel('地址').fill('上海市浦东新区张江路100号');
  await parties.getByRole('group', { name: '当事人 2' }).getByLabel('地址').fill('北京市海淀区中关村大街8号');
  await clerk.getByLabel('标的').fill('机架式服务器及安装调试服务');
  await clerk.getByLabel('数量', { exact: true }).fill('服务器10台');
  await clerk.getByLabel('质量要求').fill('原厂全新正品');
  const amount = clerk.getByRole('group', { name: '金额' });
  await amount.getByLabel('数额').fill('1280000');
  await amount.getByLabel('币种').fill('CNY');
  await clerk.getByRole('group', { name: '付款方式' }).getByLabel('支付方式').fill('银行转账');
  const term = clerk.getByRole('group', { name: '履行期限' });
  await term.getByLabel('起始日期').fill('2026-03-01');
  await term.getByLabel('终止日期').fill('2026-09-30');
  await clerk.getByLabel('履行地点').fill('甲方数据中心');
  await clerk.getByLabel('履行方式').fill('送货上门并安装调试');
  await clerk.getByLabel('违约责任').fill('逾期每日按总价千分之一支付违约金');
  await clerk.getByLabel('争议解决').fill('提交上海仲裁委员会仲裁');
  await clerk.getByLabel('承办部门').fill('商务部');
  await clerk.locator('input[type=file]').setInputFiles([
    { name: '服务器采购合同正文.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Server purchase contract') },
    { name: '报价单.txt', mimeType: 'text/plain', buffer: Buffer.from('机架式服务器 20 台，合计 1280000 元') },
  ]);
  await clerk.getByRole('button', { name: '登记' }).click();
  const heading = clerk.getByRole('heading', { name: /^HT-\d{4}-SW-\d{4} 机房服务器采购合同$/ });
  await heading.waitFor();
  return { number: await heading.locator('.doc-number').textContent() };
}

test('a major contract from draft to its archived file, through the people the rules name', async () => {
  const clerk = await newPage(env.browser, env.server);
  await signIn(clerk, '张三');
  contract = await draft(clerk);
  await clerk.getByRole('link', { name: '下载 服务器采购合同正文.pdf' }).waitFor();
  await clerk.getByRole('link', { name: '下载 报价单.txt' }).waitFor();
  assert.equal(await state(clerk), '起草');
  assert.equal(await clerk.locator('dl.summary').getByText('北京华信科技有限公司', { exact: true }).count(), 1,
    'the counterparty is the party that is not ours');
  // Submitted without its acceptance criteria: refused, naming the clause.
  await take(clerk, '提交审核');
  const refusal = await clerk.getByRole('dialog').getByRole('alert').textContent();
  assert.match(refusal, /without its main clauses; missing: 验收标准 \(\/acceptance_criteria\)\./);
  await clerk.getByRole('dialog').getByRole('button', { name: '取消' }).click();
  assert.equal(await state(clerk), '起草');
  await clerk.getByRole('link', { name: '新版本' }).click();
  await clerk.getByLabel('验收标准').fill('到货后十个工作日内逐台测试并签署验收单');
  await clerk.getByLabel('意见').fill('补充验收标准');
  await clerk.getByRole('button', { name: '保存新版本' }).click();
  await clerk.getByRole('heading', { name: new RegExp(`^${contract.number} `) }).waitFor();
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
  assert.equal(await dialog.getByRole('alert').textContent(), '请填写签订日期', 'the first empty field, in the schema\'s order');
  assert.deepEqual(await dialog.locator('label').allTextContents(), ['签订日期', '我方签约代表', '对方签约代表', '所用印章', '意见']);
  await dialog.getByLabel('签订日期').fill('2026-03-20');
  await dialog.getByLabel('我方签约代表').fill('陈总');
  await dialog.getByLabel('对方签约代表').fill('刘总');
  await dialog.getByLabel('所用印章').fill('合同专用章');
  await screenshot(clerk, 'sign-dialog');
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

  // Copies go to the departments that perform it; performance starts.
  await clerk.getByRole('button', { name: '分发副本' }).click();
  await clerk.getByRole('dialog').getByLabel(/接收部门/).fill('财务部、项目部');
  await clerk.getByRole('dialog').getByLabel('备注').fill('纸质副本各一份');
  await clerk.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await clerk.getByText('已登记副本分发。').waitFor();
  const copies = clerk.getByRole('table', { name: '副本分发记录' });
  assert.deepEqual((await copies.getByRole('row').allTextContents()).slice(1).map((r) => r.slice(0, 3)), ['财务部', '项目部']);
  await take(clerk, '开始履行');
  await clerk.getByText('已完成：开始履行').waitFor();
  assert.equal(await state(clerk), '履行中');

  // Payment is recorded from the contract's file, the contract's number filled in.
  await clerk.getByRole('region', { name: /合同档案/ }).getByRole('link', { name: '履行记录' }).click();
  await clerk.getByRole('heading', { name: `登记履行记录 · ${contract.number}` }).waitFor();
  assert.equal(await clerk.getByLabel('合同编号').inputValue(), contract.number);
  assert.equal(await clerk.getByLabel('承办部门').inputValue(), '商务部');
  await clerk.getByLabel('标题').fill('服务器到货验收及付款');
  await clerk.getByLabel('日期', { exact: true }).fill('2026-09-28');
  await clerk.getByLabel('事项').selectOption('付款');
  const paid = clerk.getByRole('group', { name: '金额' });
  await paid.getByLabel('数额').fill('1280000');
  await paid.getByLabel('币种').fill('CNY');
  await clerk.getByRole('button', { name: '登记' }).click();
  await clerk.getByRole('heading', { name: new RegExp(`^${contract.number} `) }).waitFor();
  const file = clerk.getByRole('region', { name: /合同档案/ });
  await file.getByRole('row').filter({ hasText: '服务器到货验收及付款' }).getByText('附件').waitFor();

  await manager.reload();
  await take(manager, '履行完毕');
  await manager.getByText('已完成：履行完毕').waitFor();
  assert.equal(await state(manager), '履行完毕');

  // The archivist finds the approval form missing; once the clerk registers it, archives the file.
  const archivist = await openDocument('档案员');
  const lacking = archivist.getByRole('region', { name: /合同档案/ });
  await lacking.getByText(/approval form/).waitFor();
  await archivist.getByRole('button', { name: '归档' }).click();
  assert.match(await archivist.getByRole('region', { name: /合同档案/ }).getByRole('alert').textContent(),
    /cannot archive.*approval form/);

  await clerk.reload();
  await clerk.getByRole('region', { name: /合同档案/ }).getByRole('link', { name: '合同审批表' }).click();
  await clerk.getByLabel('标题').fill('服务器采购合同审批表');
  await clerk.getByLabel('日期', { exact: true }).fill('2026-03-18');
  await clerk.getByRole('button', { name: '登记' }).click();
  await clerk.getByRole('heading', { name: new RegExp(`^${contract.number} `) }).waitFor();

  await archivist.reload();
  await archivist.getByText('档案齐全，可以归档。').waitFor();
  await archivist.getByRole('button', { name: '归档' }).click();
  const archived = await archivist.getByText(/^已归档，档号 /).textContent();
  const code = archived.replace('已归档，档号 ', '');
  assert.match(code, /^Z\d{3}-.+·\d{4}-Y-SW-\d{4}$/);
  const unit = archivist.getByRole('region', { name: /档案（已归档）/ });
  assert.equal(await unit.locator('.archive-code').textContent(), code);
  assert.equal(await unit.getByRole('row').count(), 1 + 3, 'the contract, the performance record, the approval form');
  assert.equal(await state(archivist), '已归档');
  await screenshot(archivist, 'document-archived');
  for (const page of [clerk, manager, legal, director, archivist]) {
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test('an action someone else took first is refused in the core\'s words, and the page offers what is left', async () => {
  const other = await (await client(env.server.url, '张三')).register({ title: '办公设备采购合同',
    metadata: { ...CONTRACT, subject: '办公设备', amount: { value: 30000, currency: 'CNY' }, major: false } });
  const page = await newPage(env.browser, env.server);
  await signIn(page, '张三');
  await page.goto(env.server.url + '/documents/' + encodeURIComponent(other.number));
  await page.getByRole('button', { name: '提交审核' }).waitFor();
  // Submitted from elsewhere while this page was open.
  await (await client(env.server.url, '张三')).transition(other.number, 'submit');
  await take(page, '提交审核');
  const refusal = await page.getByRole('dialog').getByRole('alert').textContent();
  assert.match(refusal, new RegExp(`^现在不能提交：${other.number} 处于“部门经理审核”；张三 现在可以：无$`));
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
  await page.reload();
  assert.equal(await state(page), '部门经理审核');
  assert.equal(await page.getByRole('button', { name: '提交审核' }).count(), 0);
  await page.context().close();
});
