// 待办: what waits for the signed-in user, each line linking to its document.
// Each part asks the API on its own; a part the user's role may not see
// (403) is simply not theirs, and is left out.
import { api, ApiError } from '../api.js';
import { h, show, notice } from '../dom.js';
import { t } from '../i18n.js';
import { actionName, stateName, typeName } from '../names.js';
import { localDate, localTime } from '../time.js';
import { ask } from '../dialog.js';

const docLink = (number, title) => h('a', { href: `/documents/${encodeURIComponent(number)}` }, number, ' ', title ?? '');

function today() {
  return localDate(new Date().toISOString());
}

function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function orNothing(request) {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return null;
    throw error;
  }
}

let sections = 0;

function section(heading, items, line) {
  if (!items || items.length === 0) return null;
  const id = `work-${++sections}`;
  return h('section', { class: 'work', 'aria-labelledby': id },
    h('h2', { id }, heading, h('span', { class: 'count' }, ` (${items.length})`)),
    h('ul', {}, items.map((item) => h('li', {}, line(item)))));
}

const dueMark = (due) => {
  if (!due) return null;
  const late = due < today();
  return h('span', { class: late ? 'badge late' : 'badge' }, `${late ? t('overdue') : t('due')} ${due}`);
};

// The owner reports a resolution done (with a note), and 待办 is drawn again.
function markDone(session, r) {
  ask(`${t('markDone')}：${r.text}`, [{ name: 'note', label: t('note'), long: true }], async (v) => {
    await api('POST', `/documents/${encodeURIComponent(r.minutes)}/resolutions/${r.item}/done`, { body: { note: v.note } });
    await workPage(session);
    document.getElementById('main').prepend(notice(t('resolutionDone', r.text), 'info'));
  });
}

export async function workPage(session) {
  const me = session.user;
  const [pending, resolutions, loans, ledger, lists, seals] = await Promise.all([
    api('GET', '/workflow/pending'),
    api('GET', '/resolutions', { query: { owner: me.name, open: 'true' } }),
    orNothing(api('GET', '/loans', { query: { out: 'true' } })),
    orNothing(api('GET', '/ledger')),
    orNothing(api('GET', '/disposal/lists', { query: { status: 'proposed' } })),
    orNothing(api('GET', '/seal-uses')),
  ]);

  const horizon = addDays(today(), 30);
  const ending = (ledger?.rows ?? []).filter((r) => r.stage === 'in_performance' &&
    r.term?.end && r.term.end <= horizon);
  const mySignOffs = (lists?.lists ?? []).filter((l) => l.awaiting_me);
  const sealsToDecide = (seals?.uses ?? []).filter((u) => u.status === 'requested' &&
    u.keeper === me.role && u.requested_by !== me.name);

  const parts = [
    section(t('reviewsWaiting'), pending.pending, (d) => [docLink(d.number, d.title), ' ',
      h('span', { class: 'hint' }, `${typeName(d.type)} · ${stateName(d.type, d.status)}`), ' → ',
      h('span', { class: 'state' }, (d.actions ?? []).map((a) => actionName(d.type, a, d.status)).join('、'))]),
    section(t('myResolutions'), resolutions.resolutions, (r) => [docLink(r.minutes, r.minutes_title), '：', r.text, ' ',
      dueMark(r.due), ' ', h('button', { type: 'button', class: 'secondary small', 'aria-label': `${t('markDone')}：${r.text}`,
        onclick: () => markDone(session, r) }, t('markDone'))]),
    section(t('loansDue'), loans?.loans, (l) => [docLink(l.number, l.title), ' · ', l.borrower, ' ', dueMark(l.due)]),
    section(t('contractsEnding'), ending, (r) => [docLink(r.number, r.title), ' · ', r.counterparty, ' ',
      h('span', { class: r.term.end < today() ? 'badge late' : 'badge' }, `${t('termEnds')} ${r.term.end}`)]),
    section(t('disposalWaiting'), mySignOffs, (l) => [h('a', { href: `/archive/disposal/${encodeURIComponent(l.number)}` },
      l.number, ' ', l.title), ' · ', localTime(l.proposed_at)]),
    section(t('sealRequests'), sealsToDecide, (u) => [docLink(u.number, ''), ' · ', u.seal, ' · ', u.purpose, ' · ',
      u.requested_by, ' ', localTime(u.requested_at)]),
  ].filter(Boolean);

  show(t('work'), h('h1', {}, t('work')),
    parts.length ? parts : notice(t('nothingWaiting'), 'info'),
    h('p', { class: 'hint' }, t('timeZoneNote')));
}
