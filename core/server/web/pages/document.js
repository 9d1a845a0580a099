// A document's page: what it is, its metadata under the schema's titles, its
// files, the actions the user may take now (named as the workflow names them
// from this state), and its review trail. What the user may not see never
// reaches the page: the API answers 404 for it.
import { api, ApiError, fileUrl } from '../api.js';
import { h, show, notice } from '../dom.js';
import { t } from '../i18n.js';
import { actionName, confidentialityClass, confidentialityName, roleName, stateName, typeName, typeOf } from '../names.js';
import { metadataList, pointersInOrder, schemaAt } from '../metadata.js';
import { localDate, localTime } from '../time.js';
import { sizeText } from '../files.js';
import { newVersionPage } from './new-document.js';
import { relationsSection, versionsSection } from './history.js';
import { archiveSection } from './archive-file.js';
import { registersSection } from './registers.js';

// Labels for the data an action asks for, where the type's schema has no title.
const dataLabels = {
  signing_date: ['签订日期', 'Signing date'],
  signatory_ours: ['我方签约代表', 'Our signatory'],
  signatory_theirs: ['对方签约代表', 'Their signatory'],
  seal: ['所用印章', 'Seal used'],
};

function summary(d) {
  const rows = [
    [t('type'), typeName(d.type)],
    [t('status'), stateName(d.type, d.status)],
    [t('version'), String(d.version)],
    [t('department'), d.dept],
    [t('counterparty'), d.counterparty],
    [t('date'), localDate(d.date)],
    [t('createdBy'), d.created_by],
    [t('createdAt'), localTime(d.created_at)],
  ];
  if (d.archive) rows.push([t('archiveCode'), d.archive.archive_code]);
  return h('dl', { class: 'summary' }, rows.filter(([, v]) => v).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function filesSection(d) {
  if (!d.files.length) return null;
  const preview = h('div', { class: 'preview' });
  // A PDF opens in a frame under the list (the API lets only this origin frame it).
  const show = (f) => preview.replaceChildren(
    h('p', {}, h('strong', {}, f.name), ' ', h('button', { type: 'button', class: 'secondary small',
      onclick: () => preview.replaceChildren() }, t('closePreview'))),
    h('iframe', { src: fileUrl(d.number, f.name, { inline: true }), title: `${t('preview')} ${f.name}` }));
  return h('section', { 'aria-labelledby': 'files' }, h('h2', { id: 'files' }, t('files')),
    h('ul', { class: 'files' }, d.files.map((f) => h('li', {},
      h('span', { class: 'file-name' }, f.name), ' ', h('span', { class: 'size' }, sizeText(f.size)), ' ',
      f.name.toLowerCase().endsWith('.pdf')
        ? h('button', { type: 'button', class: 'secondary small', 'aria-label': `${t('preview')} ${f.name}`,
          onclick: () => show(f) }, t('preview'))
        : null, ' ',
      h('a', { href: fileUrl(d.number, f.name), download: f.name, 'data-external': '',
        'aria-label': `${t('download')} ${f.name}` }, t('download'))))),
    preview);
}

function trailSection(d) {
  if (!d.steps?.length) return null;
  return h('section', { 'aria-labelledby': 'trail' }, h('h2', { id: 'trail' }, t('trail')),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, [t('at'), t('actor'), t('role'), t('action'), t('fromTo'), t('comment')]
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, d.steps.map((s) => h('tr', {},
        h('td', {}, localTime(s.at)), h('td', {}, s.actor), h('td', {}, roleName(s.role)), h('td', {}, actionName(d.type, s.action, s.from)),
        h('td', {}, `${stateName(d.type, s.from)} → ${stateName(d.type, s.to)}`), h('td', {}, s.comment)))))));
}

// The dialog an action opens: a comment (required where the workflow says
// so) and the data the action needs, each an input typed by its schema.
function actionDialog(d, offered, onDone) {
  const schema = typeOf(d.type)?.schema ?? {};
  const message = h('div', { class: 'message' });
  // The data in the order the schema's author gave the fields (the API's is by key).
  const order = pointersInOrder(schema);
  const rank = (pointer) => (order.includes(pointer) ? order.indexOf(pointer) : order.length);  // unknown ones last
  const wanted = [...offered.data].sort((a, b) => rank(a.pointer) - rank(b.pointer));
  const dataFields = wanted.map(({ key, pointer }) => {
    const property = schemaAt(schema, pointer);
    const fallback = dataLabels[key];
    const label = property.title || (fallback ? fallback[document.documentElement.lang === 'en' ? 1 : 0] : key);
    const dateLike = property.format === 'date' || key.endsWith('_date') || /\[0-9\]\{4\}-/.test(property.pattern ?? '');
    const id = `action-${key}`;
    return h('div', { class: 'field' }, h('label', { for: id }, label),
      h('input', { id, name: key, type: dateLike ? 'date' : 'text', required: true }));
  });
  const commentId = 'action-comment';
  const dialog = h('dialog', { 'aria-labelledby': 'action-title' });
  const form = h('form', { method: 'dialog', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const comment = form.elements.comment.value.trim();
    if (offered.comment_required && !comment) {
      message.replaceChildren(notice(t('commentRequired')));
      form.elements.comment.focus();
      return;
    }
    const set = {};
    for (const { key } of wanted) {
      const value = form.elements[key].value.trim();
      if (!value) {
        message.replaceChildren(notice(`${t('fillIn')}${form.querySelector(`label[for=action-${key}]`).textContent}`));
        form.elements[key].focus();
        return;
      }
      set[key] = value;
    }
    try {
      await api('POST', `/documents/${encodeURIComponent(d.number)}/transitions`,
        { body: { action: offered.action, comment, set } });
      dialog.close();
      onDone(offered.name);
    } catch (error) {
      message.replaceChildren(notice(error.message));
    }
  } },
  h('h2', { id: 'action-title' }, `${offered.name} · ${d.number}`),
  message,
  dataFields,
  h('div', { class: 'field' },
    h('label', { for: commentId }, offered.comment_required ? `${t('comment')}（${t('required')}）` : t('comment')),
    h('textarea', { id: commentId, name: 'comment', rows: 3, required: offered.comment_required })),
  h('div', { class: 'buttons' },
    h('button', { type: 'submit' }, t('confirm')),
    h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() },
      t('cancel'))));
  dialog.append(form);
  dialog.addEventListener('close', () => dialog.remove());  // Esc, too
  document.body.append(dialog);
  dialog.showModal();
  (form.querySelector('input, textarea')).focus();
}

function actionsSection(d, reload) {
  const offered = d.offered ?? [];
  const awaiting = (d.awaiting ?? []).map(roleName);
  return h('section', { 'aria-labelledby': 'actions', class: 'actions' }, h('h2', { id: 'actions' }, t('actions')),
    offered.length
      ? h('div', { class: 'buttons' }, offered.map((o) => h('button', { type: 'button',
        onclick: () => actionDialog(d, o, (name) => reload(notice(t('done', name), 'info'))) }, o.name)))
      : h('p', {}, t('noActions')),
    awaiting.length ? h('p', {}, `${t('awaiting')}：${awaiting.join('、')}`) : null);
}

// The document, or null after showing that it cannot be seen.
async function load(ref) {
  try {
    return await api('GET', `/documents/${encodeURIComponent(ref)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      show(t('notFound'), h('h1', {}, ref), notice(error.message));
      return null;
    }
    throw error;
  }
}

// Content may change while the workflow has not frozen it and the document is
// neither archived, destroyed nor void (the core refuses otherwise, in its words).
const changeable = (d) => !d.frozen && !['archived', 'destroyed', 'void'].includes(d.status);

export async function newVersionFor(session, ref) {
  const d = await load(ref);
  if (d) newVersionPage(session, d);
}

export async function documentPage(session, ref, banner) {
  const d = await load(ref);
  if (!d) return;
  const reload = (note) => documentPage(session, ref, note);
  const level = h('span', { class: `level ${confidentialityClass(d.confidentiality)}` },
    `${t('confidentiality')}：${confidentialityName(d.confidentiality)}`);
  const schema = typeOf(d.type)?.schema ?? {};
  // The sections that ask the API for more ask at once, not one after another.
  const [versions, archive] = await Promise.all([versionsSection(d), archiveSection(session, d, reload)]);
  show(`${d.number} ${d.title}`,
    banner ?? null,
    h('h1', {}, h('span', { class: 'doc-number' }, d.number), ' ', d.title),
    h('p', { class: 'badges' }, h('span', { class: 'state' }, stateName(d.type, d.status)), ' ', level,
      d.frozen ? h('span', { class: 'badge' }, t('frozen')) : null),
    summary(d),
    changeable(d) ? h('p', {}, h('a', { href: `/documents/${encodeURIComponent(d.number)}/new-version`,
      class: 'button secondary' }, t('newVersion'))) : null,
    d.workflow ? actionsSection(d, reload) : null,
    h('section', { 'aria-labelledby': 'metadata' }, h('h2', { id: 'metadata' }, t('metadata')),
      metadataList(d.metadata ?? {}, schema)),
    filesSection(d),
    versions,
    relationsSection(d, reload),
    archive,
    ['destroyed', 'void'].includes(d.status) ? null : registersSection(d, reload),
    trailSection(d));
}

