// 档案: the archivist's pages — what falls due under its retention class,
// holds, destruction lists from proposal to certificate, the circulation
// log (借阅登记) and the seal register (印章使用登记). Every decision is the
// core's: a button the user may not use answers with the core's refusal.
import { api, ApiError } from '../api.js';
import { h, show, notice } from '../dom.js';
import { t } from '../i18n.js';
import { roleName } from '../names.js';
import { localTime } from '../time.js';
import { navigate } from '../app.js';
import { ask } from '../dialog.js';

const docLink = (number) => h('a', { href: `/documents/${encodeURIComponent(number)}` }, number);

function table(caption, headings, rows) {
  return h('div', { class: 'table-wrap' }, h('table', {}, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headings.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows)));
}

function subNav(here) {
  const pages = [['/archive/due', t('due_tab')], ['/archive/holds', t('holds')], ['/archive/disposal', t('disposalLists')],
    ['/archive/loans', t('loans')], ['/archive/seals', t('seals')]];
  return h('nav', { class: 'tabs', 'aria-label': t('archiveNav') }, pages.map(([path, label]) =>
    h('a', { href: path, 'aria-current': here === path ? 'page' : null }, label)));
}

const reload = (banner) => navigate(window.location.pathname + window.location.search, { replace: true })
  .then(() => banner && document.getElementById('main').prepend(banner));

// --- 到期: what falls due, and a proposal from it -------------------------------------

async function duePage(session) {
  const within = 90;
  const due = await api('GET', '/retention/due', { query: { within } });
  const rows = due.items.map((d) => h('tr', {},
    h('td', {}, h('input', { type: 'checkbox', name: 'ref', value: d.number, disabled: d.retention.held,
      'aria-label': `${t('choose')} ${d.number}` })),
    h('td', {}, docLink(d.number)), h('td', {}, d.title), h('td', {}, d.archive_code),
    h('td', {}, `${d.retention.class} ${d.retention.class_name}`), h('td', {}, d.retention.disposition_date),
    h('td', {}, d.retention.held ? h('span', { class: 'badge late' }, t('held')) : '')));
  const message = h('div', { class: 'message' });
  const form = h('form', { onsubmit: async (event) => {
    event.preventDefault();
    const refs = [...form.querySelectorAll('input[name=ref]:checked')].map((c) => c.value);
    if (!refs.length) return message.replaceChildren(notice(t('chooseSome')));
    try {
      const list = await api('POST', '/disposal/lists', { body: { refs, note: form.elements.note.value.trim() } });
      navigate(`/archive/disposal/${encodeURIComponent(list.number)}`);
    } catch (error) {
      message.replaceChildren(notice(error.message));
    }
  } },
  due.items.length ? table(t('dueWithin', due.until), ['', t('number'), t('title'), t('archiveCode'), t('retention'),
    t('dispositionDate'), ''], rows) : notice(t('nothingDue', due.until), 'info'),
  due.items.length && session.user.role === 'archivist' ? [message,
    h('div', { class: 'field' }, h('label', { for: 'propose-note' }, t('note')), h('input', { id: 'propose-note', name: 'note' })),
    h('div', { class: 'buttons' }, h('button', { type: 'submit' }, t('propose')))] : null);
  show(t('archiveTitle'), h('h1', {}, t('archiveTitle')), subNav('/archive/due'), form,
    due.hidden ? h('p', { class: 'hint' }, t('hiddenDue', due.hidden)) : null,
    due.problems.map((p) => notice(p)));
}

// --- 保全: holds -------------------------------------------------------------------

async function holdsPage() {
  const { holds } = await api('GET', '/holds', { query: { all: 'true' } });
  const rows = holds.map((x) => h('tr', {},
    h('td', {}, x.label), h('td', {}, x.reason), h('td', {}, x.authority),
    h('td', {}, `${localTime(x.placed_at)} · ${x.placed_by}`),
    h('td', {}, x.active ? h('button', { type: 'button', class: 'secondary small', onclick: () =>
      ask(`${t('release')} · ${x.label}`, [{ name: 'reason', label: t('reason'), required: true }], async (v) => {
        await api('POST', `/holds/${x.id}/release`, { body: { reason: v.reason } });
        reload(notice(t('released'), 'info'));
      }) }, t('release')) : `${t('releasedAt')} ${localTime(x.released_at)} · ${x.released_by}`)));
  const place = h('button', { type: 'button', onclick: () => ask(t('placeHold'), [
    { name: 'ref', label: t('holdRef'), required: true },
    { name: 'reason', label: t('reason'), required: true },
    { name: 'authority', label: t('authority'), required: true }], async (v) => {
    await api('POST', '/holds', { body: { ref: v.ref, file: true, reason: v.reason, authority: v.authority } });
    reload(notice(t('holdPlaced'), 'info'));
  }) }, t('placeHold'));
  show(t('holds'), h('h1', {}, t('archiveTitle')), subNav('/archive/holds'), h('div', { class: 'buttons' }, place),
    holds.length ? table(t('holds'), [t('holdOn'), t('reason'), t('authority'), t('placedAt'), ''], rows)
      : notice(t('noHolds'), 'info'));
}

// --- 销毁清单 ----------------------------------------------------------------------------

const listStatus = (s) => t(`list_${s}`);

async function disposalListsPage() {
  const { lists } = await api('GET', '/disposal/lists');
  const rows = lists.map((l) => h('tr', {},
    h('td', {}, h('a', { href: `/archive/disposal/${encodeURIComponent(l.number)}` }, l.number)), h('td', {}, l.title),
    h('td', {}, listStatus(l.status)), h('td', {}, `${localTime(l.proposed_at)} · ${l.proposed_by}`),
    h('td', {}, l.awaiting.map(roleName).join('、'))));
  show(t('disposalLists'), h('h1', {}, t('archiveTitle')), subNav('/archive/disposal'),
    lists.length ? table(t('disposalLists'), [t('number'), t('title'), t('status'), t('proposedAt'), t('awaiting')], rows)
      : notice(t('noLists'), 'info'));
}

async function disposalListPage(session, number) {
  const l = await api('GET', `/disposal/lists/${encodeURIComponent(number)}`);
  const base = `/disposal/lists/${encodeURIComponent(l.number)}`;
  const proposed = l.status === 'proposed';
  const lines = l.lines.map((x) => h('tr', {},
    h('td', {}, String(x.line)), h('td', {}, docLink(x.number)), h('td', {}, x.title), h('td', {}, x.archive_code),
    h('td', {}, `${x.retention} ${x.retention_name}`), h('td', {}, x.disposition_date), h('td', {}, t(`line_${x.state}`)),
    h('td', {}, proposed && session.user.role === 'archivist' && x.state !== 'removed'
      ? h('button', { type: 'button', class: 'secondary small', 'aria-label': `${t('takeOff')} ${x.number}`, onclick: () =>
        ask(`${t('takeOff')} · ${x.number}`, [{ name: 'reason', label: t('reason'), required: true },
          { name: 'until', label: t('keepUntil'), type: 'date' }], async (v) => {
          await api('POST', `${base}/lines/${encodeURIComponent(x.number)}/removal`, { body: v });
          reload(notice(t('takenOff'), 'info'));
        }) }, t('takeOff')) : x.note)));
  const approvals = l.approvals.map((a) => h('li', {}, `${roleName(a.role)} ${a.actor} · ${localTime(a.at)}`,
    a.comment ? `：${a.comment}` : ''));
  const actions = [];
  if (l.awaiting_me) {
    actions.push(h('button', { type: 'button', onclick: () => ask(t('signOff'), [{ name: 'comment', label: t('comment'),
      long: true }], async (v) => {
      await api('POST', `${base}/approval`, { body: { comment: v.comment } });
      reload(notice(t('signedOff'), 'info'));
    }) }, t('signOff')));
    actions.push(h('button', { type: 'button', class: 'secondary', onclick: () => ask(t('rejectList'),
      [{ name: 'reason', label: t('reason'), required: true, long: true }], async (v) => {
        await api('POST', `${base}/rejection`, { body: { reason: v.reason } });
        reload(notice(t('listRejected'), 'info'));
      }) }, t('rejectList')));
  }
  if (l.status === 'approved' && session.user.role === 'archivist') {
    actions.push(h('button', { type: 'button', class: 'danger', onclick: () => ask(t('executeConfirm', l.number),
      [], async () => {
        const outcome = await api('POST', `${base}/execution`);
        reload(notice(outcome.certificate ? t('executed', outcome.destroyed, outcome.certificate) : t('executedNothing', outcome.skipped), 'info'));
      }) }, t('execute')));
  }
  show(l.number, h('h1', {}, `${l.number} ${l.title}`), subNav('/archive/disposal'),
    h('dl', { class: 'summary' },
      h('dt', {}, t('status')), h('dd', {}, listStatus(l.status)),
      h('dt', {}, t('proposedAt')), h('dd', {}, `${localTime(l.proposed_at)} · ${l.proposed_by}`),
      h('dt', {}, t('requiredRoles')), h('dd', {}, l.required.map(roleName).join('、')),
      l.awaiting.length ? [h('dt', {}, t('awaiting')), h('dd', {}, l.awaiting.map(roleName).join('、'))] : null,
      l.reject_reason ? [h('dt', {}, t('rejectList')), h('dd', {}, `${l.rejected_by}：${l.reject_reason}`)] : null,
      l.certificate ? [h('dt', {}, t('certificate')), h('dd', {}, docLink(l.certificate))] : null),
    actions.length ? h('div', { class: 'buttons' }, actions) : null,
    approvals.length ? h('section', { 'aria-labelledby': 'signoffs' }, h('h2', { id: 'signoffs' }, t('signOffs')),
      h('ul', {}, approvals)) : null,
    table(t('listLines'), [t('line'), t('number'), t('title'), t('archiveCode'), t('retention'), t('dispositionDate'),
      t('status'), ''], lines),
    l.hidden_lines ? h('p', { class: 'hint' }, t('hiddenLines', l.hidden_lines)) : null);
}

// --- 借阅 and 用印 -----------------------------------------------------------------------

async function loansPage() {
  const { loans } = await api('GET', '/loans');
  const rows = loans.map((x) => h('tr', { class: x.overdue ? 'overdue' : null },
    h('td', {}, docLink(x.number)), h('td', {}, x.title), h('td', {}, x.borrower), h('td', {}, x.original ? t('yes') : t('no')),
    h('td', {}, `${localTime(x.lent_at)} · ${x.lent_by}`), h('td', {}, x.due, x.overdue ? h('span', { class: 'badge late' },
      t('overdue')) : null),
    h('td', {}, x.returned_at ? `${localTime(x.returned_at)} · ${x.returned_by}` : '')));
  show(t('loans'), h('h1', {}, t('archiveTitle')), subNav('/archive/loans'),
    loans.length ? table(t('loans'), [t('number'), t('title'), t('borrower'), t('original'), t('lentAt'), t('due'),
      t('returnedAt')], rows) : notice(t('noLoans'), 'info'));
}

async function sealsPage(session) {
  const { uses } = await api('GET', '/seal-uses');
  const decide = (u, approve) => ask(`${approve ? t('approveSeal') : t('rejectSeal')} · ${u.seal}`,
    [{ name: 'comment', label: t('comment'), required: !approve }], async (v) => {
      await api('POST', `/seal-uses/${u.id}/decision`, { body: { approve, comment: v.comment } });
      reload(notice(approve ? t('sealApproved') : t('sealRejected'), 'info'));
    });
  const rows = uses.map((u) => h('tr', {},
    h('td', {}, docLink(u.number)), h('td', {}, u.seal), h('td', {}, u.purpose),
    h('td', {}, `${localTime(u.requested_at)} · ${u.requested_by}`), h('td', {}, t(`seal_${u.status}`)),
    h('td', {}, u.decided_by ? `${u.decided_by} ${u.comment}` : ''),
    h('td', {}, u.status === 'requested' && u.keeper === session.user.role && u.requested_by !== session.user.name
      ? [h('button', { type: 'button', class: 'small', onclick: () => decide(u, true) }, t('approveSeal')), ' ',
        h('button', { type: 'button', class: 'secondary small', onclick: () => decide(u, false) }, t('rejectSeal'))]
      : '')));
  show(t('seals'), h('h1', {}, t('archiveTitle')), subNav('/archive/seals'),
    uses.length ? table(t('seals'), [t('number'), t('seal'), t('purpose'), t('requestedAt'), t('status'),
      t('decision'), ''], rows) : notice(t('noSeals'), 'info'));
}

export async function archivePage(session, section, list) {
  try {
    if (list) return await disposalListPage(session, list);
    const pages = { due: duePage, holds: holdsPage, disposal: disposalListsPage, loans: loansPage, seals: sealsPage };
    return await (pages[section] ?? duePage)(session);
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      return show(t('archiveTitle'), h('h1', {}, t('archiveTitle')), subNav(window.location.pathname),
        notice(error.message));
    }
    throw error;
  }
}
