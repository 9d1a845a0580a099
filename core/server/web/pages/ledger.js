// 台账: the contract ledger — its rows, the statistics by month, quarter,
// year, department, counterparty or status, two charts, and the ledger as
// XLSX or PDF/A for the same filters.
import { api } from '../api.js';
import { h, show } from '../dom.js';
import { t } from '../i18n.js';
import { stateName } from '../names.js';
import { barChart } from '../chart.js';
import { navigate } from '../app.js';

const groupings = ['month', 'quarter', 'year', 'dept', 'counterparty', 'status'];
const filterNames = ['from', 'to', 'dept', 'counterparty', 'by'];

// {CNY: "1280000.00", USD: "…"} -> "CNY 1,280,000.00; USD …"
export function moneyText(money) {
  return Object.entries(money ?? {}).map(([currency, amount]) => {
    const [whole, cents] = amount.split('.');
    return `${currency} ${Number(whole).toLocaleString('en-US')}${cents ? '.' + cents : ''}`;
  }).join('；') || '—';
}

function mainAmount(money) {
  return Number(money?.CNY ?? Object.values(money ?? {})[0] ?? 0);
}

function input(name, label, value, type = 'text') {
  return h('div', { class: 'field' }, h('label', { for: `ledger-${name}` }, label),
    h('input', { id: `ledger-${name}`, name, type, value: value ?? '' }));
}

function query(values) {
  const params = new URLSearchParams();
  for (const n of filterNames) if (values[n]) params.set(n, values[n]);
  return params;
}

export async function ledgerPage(session, address) {
  const values = Object.fromEntries(filterNames.map((n) => [n, address.get(n) ?? '']));
  if (!values.by) values.by = 'quarter';
  const ledger = await api('GET', '/ledger', { query: values });

  const form = h('form', { class: 'filters', 'aria-label': t('filter'), onsubmit: (event) => {
    event.preventDefault();
    const chosen = Object.fromEntries(filterNames.map((n) => [n, form.elements[n].value.trim()]));
    navigate(`/ledger?${query(chosen)}`);
  } },
  input('from', t('dateFrom'), values.from, 'date'),
  input('to', t('dateTo'), values.to, 'date'),
  input('dept', t('department'), values.dept),
  input('counterparty', t('counterparty'), values.counterparty),
  h('div', { class: 'field' }, h('label', { for: 'ledger-by' }, t('groupBy')),
    h('select', { id: 'ledger-by', name: 'by' }, groupings.map((g) =>
      h('option', { value: g, selected: g === values.by }, t(`by_${g}`))))),
  h('div', { class: 'buttons' }, h('button', { type: 'submit' }, t('filter'))));

  const params = query(values);
  const xlsx = new URLSearchParams(params);
  xlsx.delete('by');
  xlsx.set('table', 'ledger');
  xlsx.set('labels', 'zh');
  const downloads = h('p', { class: 'buttons' },
    h('a', { href: `/api/v1/exports/xlsx?${xlsx}`, class: 'button secondary', 'data-external': '', download: '' },
      t('downloadXlsx')),
    h('a', { href: `/api/v1/ledger/rendition?${params}`, class: 'button secondary', 'data-external': '', download: '' },
      t('downloadPdf')));

  const totals = ledger.totals;
  const figures = h('dl', { class: 'figures' },
    [['all', t('contracts')], ['unsigned', t('unsigned')], ['signed', t('signedStage')],
      ['in_performance', t('inPerformance')], ['completed', t('completedStage')], ['terminated', t('terminatedStage')],
      ['overdue', t('overdueContracts')]]
      .map(([k, label]) => h('div', {}, h('dt', {}, label), h('dd', {}, String(totals[k].count)),
        h('dd', { class: 'hint' }, moneyText(totals[k].amount)))));

  const groupLabel = (g) => (values.by === 'status' ? stateName('contract', g.key) : g.key || '—');
  const countChart = barChart(t('countsBy', t(`by_${values.by}`)),
    ledger.groups.map((g) => ({ label: groupLabel(g), value: g.all.count, text: String(g.all.count) })));
  const byDept = values.by === 'dept' ? ledger : await api('GET', '/ledger', { query: { ...values, by: 'dept' } });
  const amountChart = barChart(t('amountsByDept'), byDept.groups.map((g) => ({ label: g.key || '—',
    value: mainAmount(g.all.amount), text: moneyText(g.all.amount) })));

  const groupTable = h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', {}, t('statistics')),
    h('thead', {}, h('tr', {}, [t(`by_${values.by}`), t('contracts'), t('amount'), t('inPerformance'),
      t('completedStage'), t('overdueContracts')].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ledger.groups.map((g) => h('tr', {}, h('th', { scope: 'row' }, groupLabel(g)),
      h('td', {}, String(g.all.count)), h('td', {}, moneyText(g.all.amount)),
      h('td', {}, String(g.in_performance.count)), h('td', {}, String(g.completed.count)),
      h('td', {}, String(g.overdue.count)))))));

  const rows = h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', {}, t('ledgerRows')),
    h('thead', {}, h('tr', {}, [t('number'), t('title'), t('counterparty'), t('department'), t('status'), t('amount'),
      t('signingDate'), t('termEnds')].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ledger.rows.map((r) => h('tr', { class: r.overdue ? 'overdue' : null },
      h('td', {}, h('a', { href: `/documents/${encodeURIComponent(r.number)}` }, r.number)), h('td', {}, r.title),
      h('td', {}, r.counterparty), h('td', {}, r.dept), h('td', {}, stateName('contract', r.status)),
      h('td', { class: 'number' }, moneyText({ [r.currency]: r.current_amount })), h('td', {}, r.signing_date),
      h('td', {}, r.term?.end ?? '', r.overdue ? h('span', { class: 'badge late' }, t('overdue')) : null))))));

  show(t('ledger'), h('h1', {}, t('ledger')), form, downloads, figures,
    h('div', { class: 'charts' }, countChart, amountChart), groupTable, rows,
    h('p', { class: 'hint' }, t('asOf', ledger.as_of)));
}
