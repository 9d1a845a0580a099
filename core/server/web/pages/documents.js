// 文档: the documents the user may see, filtered and paged; with q, the
// search's best matches first. The filters live in the address, so a
// filtered list can be bookmarked and the back button returns to it.
import { api } from '../api.js';
import { h, show, notice } from '../dom.js';
import { t } from '../i18n.js';
import { allStates, allTypes, confidentialityClass, confidentialityName, stateName, typeName } from '../names.js';
import { localDate } from '../time.js';
import { navigate } from '../app.js';

const perPage = 50;
const filterNames = ['q', 'type', 'status', 'dept', 'counterparty', 'from', 'to', 'sort'];
const orders = ['registered', 'newest', 'number', 'date', 'date-asc', 'title'];

function select(name, label, options, value) {
  return h('div', { class: 'field' },
    h('label', { for: `filter-${name}` }, label),
    h('select', { id: `filter-${name}`, name },
      h('option', { value: '' }, t('any')),
      options.map((o) => h('option', { value: o.code, selected: o.code === value }, o.name))));
}

function input(name, label, value, type = 'text') {
  return h('div', { class: 'field' },
    h('label', { for: `filter-${name}` }, label),
    h('input', { id: `filter-${name}`, name, type, value: value ?? '' }));
}

function addressOf(values, page) {
  const params = new URLSearchParams();
  for (const name of filterNames) if (values[name]) params.set(name, values[name]);
  if (page > 1) params.set('page', page);
  const query = params.toString();
  return query ? `/documents?${query}` : '/documents';
}

export async function documentsPage(session, query) {
  const values = Object.fromEntries(filterNames.map((n) => [n, query.get(n) ?? '']));
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  const answer = await api('GET', '/documents', { query: { ...values, page, per_page: perPage } });

  const types = allTypes().map((ty) => ({ code: ty.code, name: typeName(ty.code) }));
  const form = h('form', { class: 'filters', 'aria-label': t('filter'), onsubmit: (event) => {
    event.preventDefault();
    const chosen = Object.fromEntries(filterNames.map((n) => [n, form.elements[n]?.value.trim() ?? '']));
    navigate(addressOf(chosen, 1));
  } },
  h('input', { type: 'hidden', name: 'q', value: values.q }),
  select('type', t('type'), types, values.type),
  select('status', t('status'), allStates(values.type), values.status),
  input('dept', t('department'), values.dept),
  input('counterparty', t('counterparty'), values.counterparty),
  input('from', t('dateFrom'), values.from, 'date'),
  input('to', t('dateTo'), values.to, 'date'),
  values.q ? null : h('div', { class: 'field' }, h('label', { for: 'filter-sort' }, t('sortBy')),
    h('select', { id: 'filter-sort', name: 'sort' }, orders.map((o) =>
      h('option', { value: o === 'registered' ? '' : o, selected: (values.sort || 'registered') === o }, t(`sort_${o}`))))),
  h('div', { class: 'buttons' },
    h('button', { type: 'submit' }, t('filter')),
    h('a', { href: '/documents', class: 'button secondary' }, t('clear'))));

  const rows = answer.documents.map((d) => h('tr', {},
    h('td', {}, h('a', { href: `/documents/${encodeURIComponent(d.number)}` }, d.number)),
    h('td', {}, d.title),
    h('td', {}, typeName(d.type)),
    h('td', {}, stateName(d.type, d.status)),
    h('td', {}, d.dept),
    h('td', {}, d.counterparty),
    h('td', {}, localDate(d.date)),
    h('td', {}, h('span', { class: `level ${confidentialityClass(d.confidentiality)}` },
      confidentialityName(d.confidentiality)))));
  const pages = Math.max(1, Math.ceil(answer.total / perPage));
  const paging = h('nav', { class: 'paging', 'aria-label': t('pageOf', page, pages, answer.total) },
    page > 1 ? h('a', { href: addressOf(values, page - 1), rel: 'prev' }, t('previous')) : null,
    h('span', {}, t('pageOf', page, pages, answer.total)),
    page < pages ? h('a', { href: addressOf(values, page + 1), rel: 'next' }, t('next')) : null);

  const heading = values.q ? `${t('search')}：${values.q}` : t('documents');
  show(heading, h('h1', {}, heading), form,
    rows.length === 0 ? notice(t('noDocuments'), 'info') : h('div', { class: 'table-wrap' },
      h('table', {},
        h('caption', {}, t('documentList')),
        h('thead', {}, h('tr', {}, [t('number'), t('title'), t('type'), t('status'), t('department'),
          t('counterparty'), t('date'), t('confidentiality')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows))),
    paging);
}
