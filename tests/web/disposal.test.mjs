// Destruction in the browser, by the people the rules name: the archivist
// finds what fell due, holds one document back, proposes a list and takes a
// line off; a second archivist, a manager, legal and a director each sign it
// off in a browser of their own; the archivist destroys and the certificate
// is there to open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { client, newPage, PEOPLE, screenshot, signIn, useServer } from './harness.mjs';

// A second archivist: the proposer never signs their own list.
const SECOND = ['档案员二', 'Second-Archivist-26'];

// Ten-year records counted from their own date, not from archiving: the
// documents of 2014 below have been due since 2025.
function countFromDocumentDate(repo) {
  const schedule = readFileSync(new URL('../../schemas/retention/business.json', import.meta.url), 'utf8');
  const d10 = schedule.replace(/("code": "D10"[^}]*"starts": )"archive_date"/, '$1"document_date"');
  assert.notEqual(d10, schedule);
  mkdirSync(join(repo, 'config', 'retention'), { recursive: true });
  writeFileSync(join(repo, 'config', 'retention', 'business.json'), d10);
}

const numbers = [];
const env = useServer({ people: { ...PEOPLE, [SECOND[0]]: ['archivist', SECOND[1]] }, prepare: countFromDocumentDate,
  scene: async () => {
    const archivist = await client(env.server.url, '档案员');
    for (const title of ['2014 年往来函件一', '2014 年往来函件二', '2014 年往来函件三', '2014 年诉讼相关函件']) {
      const d = await archivist.register({ type: 'generic', title, metadata: { date: '2014-03-01', department: '商务部' },
        files: [{ name: `${title}.txt`, text: title }] });
      await archivist.request('POST', `/documents/${encodeURIComponent(d.number)}/archive`, { body: {} });
      numbers.push(d.number);
    }
  },
});

test('four people sign a destruction list in their own browsers, and the archivist destroys it', async () => {
  const archivist = await newPage(env.browser, env.server);
  await signIn(archivist, '档案员');

  // A hold first: the document about the lawsuit may not be destroyed.
  await archivist.getByRole('link', { name: '档案', exact: true }).click();
  await archivist.getByRole('link', { name: '保全（冻结）' }).click();
  await archivist.getByRole('button', { name: '设置保全' }).click();
  const hold = archivist.getByRole('dialog');
  await hold.getByLabel('档案（编号或档号）').fill(numbers[3]);
  await hold.getByLabel('理由').fill('合同纠纷诉讼');
  await hold.getByLabel(/依据/).fill('（2026）沪0115民初1234号');
  await hold.getByRole('button', { name: '确定' }).click();
  await archivist.getByText('已设置保全。').waitFor();

  await archivist.getByRole('link', { name: '到期鉴定' }).click();
  const due = archivist.getByRole('table', { name: /到期的档案/ });
  await due.waitFor();
  for (const n of numbers) await due.getByRole('link', { name: n }).waitFor();
  assert.equal(await archivist.getByRole('checkbox', { name: `选择 ${numbers[3]}` }).isDisabled(), true);
  assert.match(await due.getByRole('row').filter({ hasText: numbers[3] }).textContent(), /保全中/);
  for (const n of numbers.slice(0, 3)) await archivist.getByRole('checkbox', { name: `选择 ${n}` }).check();
  await archivist.getByLabel('备注').fill('2026 年度到期鉴定');
  await archivist.getByRole('button', { name: '拟定销毁清单' }).click();
  const title = archivist.getByRole('heading', { level: 1 });
  await title.filter({ hasText: /^XH|销毁/ }).waitFor();
  const listNumber = (await title.textContent()).split(' ')[0];
  const lines = archivist.getByRole('table', { name: '清单明细' });
  assert.equal(await lines.locator('tbody tr').count(), 3);

  // One line goes back for another year: a reason, a new date.
  await archivist.getByRole('button', { name: `撤出清单 ${numbers[2]}` }).click();
  await archivist.getByRole('dialog').getByLabel('理由').fill('业务部门要求续存');
  await archivist.getByRole('dialog').getByLabel('延长保管至').fill('2027-12-31');
  await archivist.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await archivist.getByText('已撤出清单。').waitFor();
  // The proposer does not sign their own list.
  assert.equal(await archivist.getByRole('button', { name: '会签同意' }).count(), 0);

  for (const person of ['档案员二', '李经理', '王律师', '陈总']) {
    const page = await newPage(env.browser, env.server);
    await signIn(page, person, person === SECOND[0] ? SECOND[1] : undefined);
    await page.getByRole('region', { name: /待我会签的销毁清单/ }).getByRole('link', { name: new RegExp(listNumber) })
      .click();
    await page.getByRole('button', { name: '会签同意' }).click();
    await page.getByRole('dialog').getByLabel('意见').fill('同意销毁');
    await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await page.getByText('已会签。').waitFor();
    if (person === '陈总') await page.getByText('已批准，待执行').first().waitFor();
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }

  await archivist.reload();
  await archivist.getByRole('button', { name: '执行销毁' }).click();
  await archivist.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  const done = archivist.getByText(/^已销毁 2 件，销毁证明 /);
  await done.waitFor();
  const certificate = (await done.textContent()).split('销毁证明 ')[1];
  await screenshot(archivist, 'disposal-list');
  await archivist.getByRole('link', { name: certificate }).click();
  await archivist.getByRole('heading', { name: new RegExp(`^${certificate}`) }).waitFor();

  for (const [n, state] of [[numbers[0], '已销毁'], [numbers[2], '已归档'], [numbers[3], '已归档']]) {
    await archivist.goto(`${env.server.url}/documents/${encodeURIComponent(n)}`);
    assert.equal(await archivist.locator('.badges .state').textContent(), state, n);
  }
  assert.deepEqual(archivist.problems, []);
  await archivist.context().close();
});
