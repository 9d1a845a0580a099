// Every page checked by axe-core (WCAG 2.1 A and AA rules), and the document
// page on a phone-sized screen: readable without sideways scrolling, its
// actions in reach.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { client, CONTRACT, newPage, screenshot, signIn, useServer } from './harness.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let contract;
const env = useServer({
  scene: async () => {
    const clerk = await client(env.server.url, '张三');
    // Parties with every particular: the widest table of a contract's page.
    const parties = [
      { role: '甲方', name: '华东数据服务有限公司', address: '上海市浦东新区张江路100号', representative: '陈明',
        contact: '021-5080-1234', self: true },
      { role: '乙方', name: '北京华信科技有限公司', address: '北京市海淀区中关村大街8号', representative: '刘强',
        contact: '010-6255-8899' }];
    contract = await clerk.register({ title: '服务器采购合同', metadata: { ...CONTRACT, parties },
      files: [{ name: '合同正文.pdf', text: '%PDF-1.4 not really' }] });
    await clerk.transition(contract.number, 'submit');
  },
});

// axe's violations of the page as it stands, as "rule: target" lines.
async function violations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

test('sign-in, 待办, the list and a document\'s page pass axe\'s WCAG 2.1 AA rules', async () => {
  const page = await newPage(env.browser, env.server);
  await page.goto(env.server.url + '/');
  await page.getByRole('heading', { name: '登录 Dossier' }).waitFor();
  assert.deepEqual(await violations(page), []);
  await signIn(page, '李经理');
  await page.getByRole('region', { name: /待我处理/ }).waitFor();
  assert.deepEqual(await violations(page), []);
  await page.goto(env.server.url + '/documents');
  await page.getByRole('table', { name: '文档列表' }).waitFor();
  assert.deepEqual(await violations(page), []);
  await page.goto(env.server.url + '/documents/' + encodeURIComponent(contract.number));
  await page.getByRole('button', { name: '审核通过' }).waitFor();
  assert.deepEqual(await violations(page), []);
  await page.getByRole('button', { name: '驳回' }).click();
  await page.getByRole('dialog').waitFor();
  assert.deepEqual(await violations(page), []);
  await page.context().close();
});

test('on a phone a manager reads the contract and approves it without sideways scrolling', async () => {
  const page = await newPage(env.browser, env.server, { viewport: { width: 390, height: 844 } });
  await signIn(page, '李经理');
  await page.goto(env.server.url + '/documents/' + encodeURIComponent(contract.number));
  const approve = page.getByRole('button', { name: '审核通过' });
  await approve.waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width} px wide on a 390 px screen`);
  const box = await approve.boundingBox();
  assert.ok(box.width >= 300 && box.height >= 40, `the button is ${box.width}x${box.height}: easy to tap`);
  await screenshot(page, 'document-phone');
  await approve.click();
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await page.getByText('已完成：审核通过').waitFor();
  await page.context().close();
});
