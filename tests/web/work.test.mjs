// 待办 for each person: minutes whose resolutions fall to them, loans out,
// contracts ending soon, seal requests for the seals their role keeps — each
// line leading to the work, done in the browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { client, CONTRACT, newPage, screenshot, signIn, untilShown, useServer } from './harness.mjs';

const env = useServer();

function beijingDay(offsetDays = 0) {
  const at = new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * 86400 * 1000);
  return at.toISOString().slice(0, 10);
}

test('minutes written in the form, reviewed, distributed; the owner finds the overdue resolution and closes it', async () => {
  const clerk = await newPage(env.browser, env.server);
  await signIn(clerk, '张三');
  await clerk.goto(env.server.url + '/documents/new?type=meeting-minutes');
  await clerk.getByLabel('标题').fill('华信项目谈判会议纪要');
  await clerk.getByLabel('日期', { exact: true }).fill('2026-01-10');
  await clerk.getByLabel('主持人').fill('李经理');
  await clerk.getByLabel('出席人员 1', { exact: true }).fill('李经理');
  await clerk.getByRole('button', { name: '添加：出席人员' }).click();
  await clerk.getByLabel('出席人员 2', { exact: true }).fill('张三');
  await clerk.getByRole('button', { name: '添加：决议事项' }).click();
  const resolution = clerk.getByRole('group', { name: '决议事项 1' });
  await resolution.getByLabel('正文').fill('三日内提交修订后的报价单');
  await resolution.getByLabel('责任人').fill('张三');
  await resolution.getByLabel('完成期限').fill('2026-01-15');
  await clerk.getByLabel('分送范围 1', { exact: true }).fill('商务部');
  await clerk.getByRole('button', { name: '登记' }).click();
  const heading = clerk.getByRole('heading', { name: /^HY-\d{4}-\d{4} 华信项目谈判会议纪要$/ });
  await heading.waitFor();
  const number = (await heading.textContent()).split(' ')[0];
  assert.equal(await clerk.locator('.badges .state').textContent(), '起草');

  // Nothing to track before the review: the resolutions count from 审核通过.
  await untilShown(clerk, () => clerk.getByRole('link', { name: '待办' }).click());
  await clerk.getByRole('heading', { name: '待办' }).waitFor();
  assert.equal(await clerk.getByRole('region', { name: /我负责的决议事项/ }).count(), 0);

  const manager = await newPage(env.browser, env.server);
  await signIn(manager, '李经理');
  await manager.getByRole('region', { name: /待我处理/ }).getByRole('link', { name: new RegExp(number) }).click();
  await manager.getByRole('button', { name: '审核通过' }).click();
  await manager.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await manager.getByText('已完成：审核通过').waitFor();

  await clerk.reload();
  const mine = clerk.getByRole('region', { name: /我负责的决议事项/ });
  await mine.getByText('三日内提交修订后的报价单').waitFor();
  assert.match(await mine.textContent(), /已逾期 2026-01-15/);
  await screenshot(clerk, 'work');
  await mine.getByRole('button', { name: /标记完成/ }).click();
  await clerk.getByRole('dialog').getByLabel('备注').fill('已提交修订报价单');
  await clerk.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await clerk.getByText('已完成：三日内提交修订后的报价单').waitFor();
  assert.equal(await clerk.getByRole('region', { name: /我负责的决议事项/ }).count(), 0);

  // The clerk distributes the reviewed minutes to the departments they name.
  await clerk.goto(`${env.server.url}/documents/${encodeURIComponent(number)}`);
  await clerk.getByRole('button', { name: '分发', exact: true }).click();
  await clerk.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await clerk.getByText('已完成：分发').waitFor();
  assert.equal(await clerk.locator('.badges .state').textContent(), '已分发');
  for (const page of [clerk, manager]) {
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test('a loan, a contract ending soon and a seal request each reach the person who must act', async () => {
  const clerkApi = await client(env.server.url, '张三');
  const managerApi = await client(env.server.url, '李经理');
  const ending = beijingDay(10);
  const contract = await clerkApi.register({ title: '机房空调维保合同', metadata: { ...CONTRACT, major: false,
    amount: { value: 30000, currency: 'CNY' }, term: { start: '2025-12-01', end: ending } } });
  await clerkApi.transition(contract.number, 'submit');
  await managerApi.transition(contract.number, 'approve', '同意');
  await managerApi.transition(contract.number, 'approve', '批准');
  await clerkApi.transition(contract.number, 'sign', '', { signing_date: '2025-11-28', signatory_ours: '李经理',
    signatory_theirs: '赵经理', seal: '合同专用章' });
  await clerkApi.transition(contract.number, 'start-performance');

  const manager = await newPage(env.browser, env.server);
  await signIn(manager, '李经理');
  const endingSoon = manager.getByRole('region', { name: /30 天内到期/ });
  await endingSoon.getByRole('link', { name: new RegExp(contract.number) }).waitFor();
  assert.match(await endingSoon.textContent(), new RegExp(`合同期满 ${ending}`));
  await manager.context().close();

  // The archivist lends the contract; it waits in their 待办 until it comes back.
  const archivist = await newPage(env.browser, env.server);
  await signIn(archivist, '档案员');
  await archivist.goto(`${env.server.url}/documents/${encodeURIComponent(contract.number)}`);
  await archivist.getByRole('button', { name: '借出' }).click();
  const lend = archivist.getByRole('dialog');
  await lend.getByLabel('借阅人').fill('张三');
  await lend.getByLabel('到期').fill(beijingDay(3));
  await lend.getByRole('button', { name: '确定' }).click();
  await archivist.getByText('已登记借出。').waitFor();
  await archivist.getByRole('link', { name: '待办' }).click();
  const loans = archivist.getByRole('region', { name: /借出待归还/ });
  await loans.getByRole('link', { name: new RegExp(contract.number) }).click();
  await archivist.getByRole('button', { name: '登记归还' }).click();
  await archivist.getByRole('dialog').getByLabel('借阅人').fill('张三');
  await archivist.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await archivist.getByText('已登记归还。').waitFor();
  await archivist.getByRole('link', { name: '待办' }).click();
  await archivist.getByRole('heading', { name: '待办' }).waitFor();
  assert.equal(await archivist.getByRole('region', { name: /借出待归还/ }).count(), 0);
  await archivist.getByRole('link', { name: '档案', exact: true }).click();
  await archivist.getByRole('link', { name: '借阅登记' }).click();
  assert.match(await archivist.getByRole('table', { name: '借阅登记' }).textContent(), /张三/);
  await archivist.context().close();

  // A seal request reaches legal (合同专用章's keeper), never the one who asked.
  const clerk = await newPage(env.browser, env.server);
  await signIn(clerk, '张三');
  await clerk.goto(`${env.server.url}/documents/${encodeURIComponent(contract.number)}`);
  await clerk.getByRole('button', { name: '申请用印' }).click();
  await clerk.getByRole('dialog').getByLabel('印章').fill('合同专用章');
  await clerk.getByRole('dialog').getByLabel('用途').fill('补充协议盖章');
  await clerk.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await clerk.getByText('已提交用印申请。').waitFor();
  await clerk.getByRole('link', { name: '待办' }).click();
  await clerk.getByRole('heading', { name: '待办' }).waitFor();
  assert.equal(await clerk.getByRole('region', { name: /用印申请/ }).count(), 0);
  await clerk.context().close();

  const legal = await newPage(env.browser, env.server);
  await signIn(legal, '王律师');
  await legal.getByRole('region', { name: /用印申请/ }).getByText('补充协议盖章').waitFor();
  await legal.goto(env.server.url + '/archive/seals');
  const register = legal.getByRole('table', { name: '印章使用登记' });
  await register.getByRole('button', { name: '同意用印' }).click();
  await legal.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await legal.getByText('已同意用印。').waitFor();
  assert.match(await legal.getByRole('table', { name: '印章使用登记' }).textContent(), /已批准/);
  assert.deepEqual(legal.problems, []);
  await legal.context().close();
});
