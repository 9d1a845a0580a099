// 管理 in the browser: an administrator adds a colleague, who signs in with
// the one-time password and must choose their own first; changes a clearance
// and takes an account out of use; ends sessions; revokes a token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_PASSWORD, client, newPage, screenshot, signIn, useServer } from './harness.mjs';

const env = useServer();

async function signInAs(page, user, password) {
  await page.goto(page.base + '/');
  await page.getByLabel('用户名').fill(user);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

test('a new colleague signs in with a one-time password and must choose their own', async () => {
  const admin = await newPage(env.browser, env.server);
  await signIn(admin, 'admin', ADMIN_PASSWORD);
  await admin.getByRole('link', { name: '管理', exact: true }).click();
  const add = admin.getByRole('form', { name: '添加用户' });
  await add.getByLabel('用户名').fill('孙助理');
  await add.getByLabel('角色').selectOption({ label: '商务专员' });
  await add.getByRole('button', { name: '添加用户' }).click();
  const shown = admin.getByText(/^孙助理 的一次性密码：/);
  await shown.waitFor();
  const oneTime = (await shown.textContent()).match(/：(\S+)（/)[1];
  assert.match(oneTime, /^[A-Za-z0-9]{6}-[A-Za-z0-9]{6}-[A-Za-z0-9]{6}$/);
  await admin.getByRole('table', { name: '用户' }).getByRole('rowheader', { name: '孙助理' }).waitFor();
  await screenshot(admin, 'admin');

  const colleague = await newPage(env.browser, env.server);
  await signInAs(colleague, '孙助理', oneTime);
  await colleague.getByRole('heading', { name: '请修改一次性密码' }).waitFor();
  await colleague.getByLabel('新密码', { exact: true }).fill('Sun-Assistant-Chooses-26');
  await colleague.getByLabel('再次输入新密码').fill('Sun-Assistant-Chooses-2');
  await colleague.getByRole('button', { name: '修改密码' }).click();
  assert.equal(await colleague.getByRole('alert').textContent(), '两次输入的新密码不一致。');
  await colleague.getByLabel('再次输入新密码').fill('Sun-Assistant-Chooses-26');
  await colleague.getByRole('button', { name: '修改密码' }).click();
  await colleague.getByRole('heading', { name: '待办' }).waitFor();
  await colleague.getByText('孙助理（商务专员）').waitFor();
  await colleague.context().close();

  // The one-time password no longer opens the account; the chosen one does.
  const again = await newPage(env.browser, env.server);
  await signInAs(again, '孙助理', oneTime);
  assert.equal(await again.getByRole('alert').textContent(), '用户名或密码不正确。');
  await signInAs(again, '孙助理', 'Sun-Assistant-Chooses-26');
  await again.getByRole('heading', { name: '待办' }).waitFor();
  await again.context().close();
  assert.deepEqual(admin.problems, []);
  await admin.context().close();
});

test('an account taken out of use cannot sign in, and its open session ends', async () => {
  const clerk = await newPage(env.browser, env.server);
  await signIn(clerk, '张三');
  const admin = await newPage(env.browser, env.server);
  await signIn(admin, 'admin', ADMIN_PASSWORD);
  await admin.goto(env.server.url + '/admin');
  await admin.getByLabel('可阅密级 张三').selectOption('秘密');
  await admin.getByRole('button', { name: '保存 张三' }).click();
  await admin.getByText('已保存 张三。').waitFor();
  const users = await (await client(env.server.url, '李经理')).request('GET', '/session');
  assert.equal(users.user.name, '李经理');
  await admin.getByLabel('启用 张三').uncheck();
  await admin.getByRole('button', { name: '保存 张三' }).click();
  await admin.getByText('已保存 张三。').waitFor();
  await admin.getByRole('button', { name: '强制退出 张三' }).click();
  await admin.getByText('张三 的所有会话已结束。').waitFor();

  // The clerk's open page finds itself signed out at the next step.
  await clerk.getByRole('link', { name: '文档', exact: true }).click();
  await clerk.getByRole('heading', { name: '登录 Dossier' }).waitFor();
  await signInAs(clerk, '张三', 'Zhang-San-Clerk-26');
  await clerk.getByRole('alert').waitFor();
  assert.equal(await clerk.getByRole('heading', { name: '待办' }).count(), 0);
  await clerk.context().close();
  await admin.context().close();
});

test('a clerk has no 管理 and the API refuses them the users', async () => {
  const clerk = await newPage(env.browser, env.server);
  await signIn(clerk, '李经理');
  assert.equal(await clerk.getByRole('link', { name: '管理', exact: true }).count(), 0);
  await clerk.goto(env.server.url + '/admin');
  await clerk.getByRole('alert').waitFor();
  assert.match(await clerk.getByRole('alert').textContent(), /admin|管理/);
  await clerk.context().close();
});

test('a token made for a script is shown once, works, and stops working when revoked', async () => {
  const admin = await newPage(env.browser, env.server);
  await signIn(admin, 'admin', ADMIN_PASSWORD);
  await admin.goto(env.server.url + '/admin');
  const form = admin.getByRole('form', { name: '新建令牌' });
  await form.getByLabel('用户名').selectOption('李经理');
  await form.getByLabel('名称').fill('月度台账脚本');
  const expires = new Date(Date.now() + 90 * 86400 * 1000).toISOString().slice(0, 10);
  await form.getByLabel('有效期至').fill(expires);
  // More than a year is refused, in the core's words.
  await form.getByLabel('有效期至').fill('2099-12-31');
  await form.getByRole('button', { name: '新建令牌' }).click();
  await admin.getByText(/more than a year ahead/).waitFor();
  await form.getByLabel('有效期至').fill(expires);
  await form.getByRole('button', { name: '新建令牌' }).click();
  const shown = admin.getByText(/^新令牌：/);
  await shown.waitFor();
  const secret = (await shown.textContent()).match(/^新令牌：(\S+)（/)[1];
  const ask = (token) => fetch(env.server.url + '/api/v1/ledger', { headers: { Authorization: `Bearer ${token}` } });
  assert.equal((await ask(secret)).status, 200);
  const row = admin.getByRole('table', { name: 'API 令牌' }).getByRole('row').filter({ hasText: '月度台账脚本' });
  assert.equal(await row.locator('td').first().textContent(), '李经理');
  assert.match(await row.textContent(), /月度台账脚本只读/);
  await row.getByRole('button', { name: '吊销 月度台账脚本' }).click();
  await admin.getByText('令牌已吊销。').waitFor();
  assert.equal((await ask(secret)).status, 401);
  await admin.context().close();
});

test('a colleague with a department who holds a loan leaves only with a handover', async () => {
  const admin = await newPage(env.browser, env.server);
  await signIn(admin, 'admin', ADMIN_PASSWORD);
  await admin.getByRole('link', { name: '管理', exact: true }).click();
  const add = admin.getByRole('form', { name: '添加用户' });
  await add.getByLabel('用户名').fill('钱采购');
  await add.getByLabel('角色').selectOption({ label: '商务专员' });
  await add.getByLabel('部门').fill('采购部');
  await add.getByRole('button', { name: '添加用户' }).click();
  await admin.getByText(/^钱采购 的一次性密码：/).waitFor();
  assert.equal(await admin.getByLabel('部门 钱采购').inputValue(), '采购部');

  const contract = await (await client(env.server.url, '李经理')).register({ title: '采购部借阅合同' });
  await (await client(env.server.url, '档案员')).request('POST',
    `/documents/${encodeURIComponent(contract.number)}/loans`, { body: { borrower: '钱采购', due: '2099-12-31' } });

  // Taken out of use while the loan is out: refused, saying what they hold.
  await admin.getByLabel('启用 钱采购').uncheck();
  await admin.getByRole('button', { name: '保存 钱采购' }).click();
  const refusal = admin.getByRole('alert');
  await refusal.waitFor();
  assert.match(await refusal.textContent(), new RegExp(`钱采购 still holds: the file of ${contract.number} \\(lent, due 2099-12-31\\)`));
  // With a handover to 李经理: done, and the loan is his.
  await admin.getByLabel('停用时交接给 钱采购').selectOption('李经理');
  await admin.getByRole('button', { name: '保存 钱采购' }).click();
  await admin.getByText('已保存 钱采购。').waitFor();
  assert.equal(await admin.getByLabel('启用 钱采购').isChecked(), false);
  const loans = await (await client(env.server.url, '档案员')).request('GET', '/loans?out=true');
  assert.deepEqual(loans.loans.filter((l) => l.number === contract.number).map((l) => l.borrower), ['李经理']);
  assert.deepEqual(admin.problems, []);
  await admin.context().close();
});
