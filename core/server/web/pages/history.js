// A document's versions, what changed between two of them, and its
// relations to other documents.
import { api } from '../api.js';
import { h, notice } from '../dom.js';
import { lang, t } from '../i18n.js';
import { localTime } from '../time.js';
import { typeName } from '../names.js';

function valueText(v) {
  if (v === null || v === undefined) return '—';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

// What changed from one version to the next, shown under the section.
async function showDiff(d, from, to, place) {
  const diff = await api('GET', `/documents/${encodeURIComponent(d.number)}/diff`, { query: { from, to } });
  const rows = [];
  if (diff.title) rows.push([t('title'), diff.title.before, diff.title.after]);
  for (const f of diff.fields) rows.push([f.path, valueText(f.before), valueText(f.after)]);
  for (const name of diff.files_added) rows.push([t('files'), '—', name]);
  for (const name of diff.files_removed) rows.push([t('files'), name, '—']);
  for (const name of diff.files_changed) rows.push([t('files'), `${name}`, `${name} ✎`]);
  const caption = t('diffOf', from, to);
  place.replaceChildren(rows.length === 0 ? notice(t('noChange'), 'info') : h('div', { class: 'table-wrap' },
    h('table', {}, h('caption', {}, caption),
      h('thead', {}, h('tr', {}, [t('field'), t('before'), t('after')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map(([k, b, a]) => h('tr', {}, h('td', {}, k), h('td', { class: 'before' }, b),
        h('td', { class: 'after' }, a)))))));
}

export async function versionsSection(d) {
  const { versions } = await api('GET', `/documents/${encodeURIComponent(d.number)}/versions`);
  const place = h('div', { class: 'diff' });
  return h('section', { 'aria-labelledby': 'versions' }, h('h2', { id: 'versions' }, t('versions')),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, [t('version'), t('at'), t('actor'), t('comment'), ''].map((c) =>
        h('th', { scope: 'col' }, c)))),
      h('tbody', {}, versions.slice().reverse().map((v) => h('tr', {},
        h('td', {}, String(v.version)), h('td', {}, localTime(v.created_at)), h('td', {}, v.author),
        h('td', {}, v.comment),
        h('td', {}, v.version > 1 ? h('button', { type: 'button', class: 'secondary small',
          onclick: () => showDiff(d, v.version - 1, v.version, place) }, t('compareWith', v.version - 1)) : '')))))),
    place);
}

const kinds = {
  amends: [['变更（补充协议）', 'amends'], ['被变更', 'amended by']],
  terminates: [['解除', 'terminates'], ['被解除', 'terminated by']],
  'attachment-of': [['是附件，属于', 'attachment of'], ['附件', 'has attachment']],
  'minutes-of': [['是会议纪要，关于', 'minutes of'], ['会议纪要', 'has minutes']],
  supersedes: [['替代', 'supersedes'], ['被替代', 'superseded by']],
};

function relationName(kind, direction) {
  const pair = kinds[kind]?.[direction === 'outgoing' ? 0 : 1];
  return pair ? pair[lang() === 'zh' ? 0 : 1] : kind;
}

export function relationsSection(d, reload) {
  const message = h('div', { class: 'message' });
  const form = h('form', { class: 'inline-form', onsubmit: async (event) => {
    event.preventDefault();
    try {
      await api('POST', `/documents/${encodeURIComponent(d.number)}/relations`,
        { body: { kind: form.elements.kind.value, target: form.elements.target.value.trim() } });
      reload(notice(t('linked'), 'info'));
    } catch (error) {
      message.replaceChildren(notice(error.message));
    }
  } },
  h('div', { class: 'field' }, h('label', { for: 'relation-kind' }, t('relationKind')),
    h('select', { id: 'relation-kind', name: 'kind' },
      Object.keys(kinds).map((k) => h('option', { value: k }, relationName(k, 'outgoing'))))),
  h('div', { class: 'field' }, h('label', { for: 'relation-target' }, t('relationTarget')),
    h('input', { id: 'relation-target', name: 'target', required: true })),
  h('button', { type: 'submit', class: 'secondary' }, t('link')));
  return h('section', { 'aria-labelledby': 'relations' }, h('h2', { id: 'relations' }, t('relations')),
    d.relations.length ? h('ul', { class: 'files' }, d.relations.map((r) => h('li', {},
      relationName(r.kind, r.direction), '：',
      h('a', { href: `/documents/${encodeURIComponent(r.number)}` }, r.number), ' ', r.title,
      ` (${typeName(r.type)})`))) : h('p', {}, t('noRelations')),
    h('details', {}, h('summary', {}, t('addRelation')), message, form));
}
