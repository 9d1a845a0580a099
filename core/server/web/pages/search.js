// 搜索: the search's best matches first, each with its snippet and the words
// found marked, narrowed by type, state, department, dates or archive.
import { api } from '../api.js';
import { h, show, notice } from '../dom.js';
import { t } from '../i18n.js';
import { allStates, allTypes, stateName, typeName } from '../names.js';
import { localDate } from '../time.js';
import { navigate } from '../app.js';

const filterNames = ['q', 'type', 'status', 'dept', 'from', 'to', 'archived'];
const limit = 50;

// The core marks each match in a snippet as [words]: shown as <mark>, as text.
export function snippetNodes(snippet) {
  const out = [];
  let rest = snippet ?? '';
  while (rest.length) {
    const open = rest.indexOf('[');
    const close = open < 0 ? -1 : rest.indexOf(']', open + 1);
    if (open < 0 || close < 0) {
      out.push(rest);
      break;
    }
    if (open > 0) out.push(rest.slice(0, open));
    out.push(h('mark', {}, rest.slice(open + 1, close)));
    rest = rest.slice(close + 1);
  }
  return out;
}

function select(name, label, options, value) {
  return h('div', { class: 'field' }, h('label', { for: `search-${name}` }, label),
    h('select', { id: `search-${name}`, name }, h('option', { value: '' }, t('any')),
      options.map((o) => h('option', { value: o.code, selected: o.code === value }, o.name))));
}

function input(name, label, value, type = 'text') {
  return h('div', { class: 'field' }, h('label', { for: `search-${name}` }, label),
    h('input', { id: `search-${name}`, name, type, value: value ?? '' }));
}

export async function searchPage(session, query) {
  const values = Object.fromEntries(filterNames.map((n) => [n, query.get(n) ?? '']));
  const form = h('form', { class: 'filters', 'aria-label': t('filter'), onsubmit: (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const n of filterNames) if (form.elements[n].value.trim()) params.set(n, form.elements[n].value.trim());
    navigate(`/search?${params}`);
  } },
  input('q', t('searchFor'), values.q, 'search'),
  select('type', t('type'), allTypes().map((ty) => ({ code: ty.code, name: typeName(ty.code) })), values.type),
  select('status', t('status'), allStates(values.type), values.status),
  input('dept', t('department'), values.dept),
  input('from', t('dateFrom'), values.from, 'date'),
  input('to', t('dateTo'), values.to, 'date'),
  select('archived', t('archivedOnly'), [{ code: 'true', name: t('yes') }, { code: 'false', name: t('no') }],
    values.archived),
  h('div', { class: 'buttons' }, h('button', { type: 'submit' }, t('search'))));

  const heading = values.q ? `${t('search')}：${values.q}` : t('search');
  if (!values.q) {
    show(heading, h('h1', {}, heading), form, h('p', { class: 'hint' }, t('searchHint')));
    return;
  }
  const started = performance.now();
  const result = await api('GET', '/search', { query: { ...values, limit } });
  const took = Math.round(performance.now() - started);
  const hits = result.hits.map((d) => h('li', { class: 'hit' },
    h('p', { class: 'hit-title' }, h('a', { href: `/documents/${encodeURIComponent(d.number)}` }, d.number, ' ', d.title)),
    h('p', { class: 'hint' }, [typeName(d.type), stateName(d.type, d.status), d.dept, d.counterparty, localDate(d.date)]
      .filter(Boolean).join(' · ')),
    d.snippet ? h('p', { class: 'snippet' }, snippetNodes(d.snippet)) : null));
  show(heading, h('h1', {}, heading), form,
    h('p', { role: 'status' }, t('searchFound', result.total, took),
      result.total > limit ? t('searchFirst', limit) : ''),
    hits.length ? h('ol', { class: 'hits', 'aria-label': t('searchResults') }, hits)
      : notice(t('noDocuments'), 'info'));
}
