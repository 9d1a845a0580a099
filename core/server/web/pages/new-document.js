// 新建文档 and 新版本: the type's schema as a form, files by drag-and-drop or
// the file button, progress while they upload; a refusal at the field it
// names, in the core's words.
import { api, ApiError, upload } from '../api.js';
import { h, show, notice } from '../dom.js';
import { t } from '../i18n.js';
import { allTypes, typeName, typeOf } from '../names.js';
import { schemaForm } from '../form.js';
import { filePicker, progressBar } from '../files.js';
import { navigate } from '../app.js';

const levels = ['公开', '内部', '秘密', '机密'];

// The levels up to the user's clearance: nobody marks above what they may see.
function levelsFor(user) {
  return levels.slice(0, levels.indexOf(user.clearance) + 1);
}

// What the workflow's actions ask for when they are taken (签订: the date,
// the signatories, the seal): not filled in beforehand.
function actionData(type) {
  return (typeOf(type)?.actions ?? []).flatMap((a) => a.data ?? []);
}

function textField(id, label, attributes = {}) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), h('input', { id, ...attributes }));
}

// Sends the form; on a refusal naming a metadata field, marks that field.
async function send(path, form, metadataForm, message, progress, button) {
  button.disabled = true;
  metadataForm.clear();
  message.replaceChildren();
  try {
    return await upload('POST', path, form, (sent, total) => progress.update(sent, total));
  } catch (error) {
    const field = error instanceof ApiError ? error.field : undefined;
    if (field !== undefined && field !== '' && metadataForm.fail(field, error.message)) {
      message.replaceChildren(notice(t('fixErrors')));
    } else {
      message.replaceChildren(notice(error.message));
    }
    return null;
  } finally {
    button.disabled = false;
  }
}

// A piece of a contract's file registered from the contract's page
// (?for=HT-…&as=attachment-of&dept=…): the contract's number and department
// filled in, and once registered, the piece related to the contract.
function pieceOf(query, schema) {
  const contract = query.get('for');
  if (!contract) return null;
  const properties = schema.properties ?? {};
  const value = {};
  if (properties.contract_number) value.contract_number = contract;
  if (properties.department && query.get('dept')) value.department = query.get('dept');
  return { contract, relation: query.get('as') || 'attachment-of', value };
}

async function relateToContract(created, piece) {
  await api('POST', `/documents/${encodeURIComponent(created.number)}/relations`,
    { body: { kind: piece.relation, target: piece.contract } });
}

export function newDocumentPage(session, query) {
  const types = allTypes().filter((ty) => ty.registrable);
  const chosen = typeOf(query.get('type')) ? query.get('type') : types[0]?.code;
  const message = h('div', { class: 'message' });
  const schema = typeOf(chosen)?.schema ?? {};
  const piece = pieceOf(query, schema);
  const metadata = schemaForm(schema, piece?.value, actionData(chosen));
  const files = filePicker();
  const progress = progressBar();
  const button = h('button', { type: 'submit' }, t('register'));
  const form = h('form', { class: 'document-form', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const f = form.elements;
    if (!f.title.value.trim()) {
      message.replaceChildren(notice(`${t('fillIn')}${t('title')}`));
      f.title.focus();
      return;
    }
    const body = new FormData();
    body.append('metadata', JSON.stringify({ type: chosen, title: f.title.value.trim(),
      confidentiality: f.confidentiality.value, comment: f.comment.value.trim(), metadata: metadata.read() ?? {} }));
    for (const file of files.files()) body.append('file', file, file.name);
    const created = await send('/documents', body, metadata, message, progress, button);
    if (!created) return;
    if (piece) {
      try {
        await relateToContract(created, piece);
      } catch (error) {
        // Registered, not related: say so on this page, with the way to both.
        message.replaceChildren(notice(t('registeredNotRelated', created.number, piece.contract, error.message)),
          h('p', {}, h('a', { href: `/documents/${encodeURIComponent(created.number)}` }, created.number)));
        return;
      }
      return navigate(`/documents/${encodeURIComponent(piece.contract)}`);
    }
    navigate(`/documents/${encodeURIComponent(created.number)}`);
  } },
  h('div', { class: 'field' }, h('label', { for: 'new-type' }, t('type')),
    h('select', { id: 'new-type', disabled: Boolean(piece),
      onchange: (e) => navigate(`/documents/new?type=${e.target.value}`, { replace: true }) },
      types.map((ty) => h('option', { value: ty.code, selected: ty.code === chosen }, typeName(ty.code))))),
  textField('new-title', t('title'), { name: 'title', required: true, maxlength: 500 }),
  h('div', { class: 'field' }, h('label', { for: 'new-level' }, t('confidentiality')),
    h('select', { id: 'new-level', name: 'confidentiality' },
      levelsFor(session.user).map((l) => h('option', { value: l, selected: l === '内部' }, l)))),
  h('fieldset', {}, h('legend', {}, t('metadata')), metadata.node),
  files.node,
  textField('new-comment', t('comment'), { name: 'comment' }),
  message, progress.node,
  h('div', { class: 'buttons' }, button));
  const heading = piece ? t('newPieceOf', typeName(chosen), piece.contract) : t('newDocument');
  show(heading, h('h1', {}, heading), form);
}

export function newVersionPage(session, d) {
  const message = h('div', { class: 'message' });
  const metadata = schemaForm(typeOf(d.type)?.schema ?? {}, d.metadata, actionData(d.type));
  const files = filePicker();
  const progress = progressBar();
  const button = h('button', { type: 'submit' }, t('saveVersion'));
  const keep = d.files.map((file, i) => h('div', { class: 'field check' },
    h('input', { id: `remove-${i}`, type: 'checkbox', value: file.name }),
    h('label', { for: `remove-${i}` }, file.name)));
  const form = h('form', { class: 'document-form', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const f = form.elements;
    const removed = keep.map((k) => k.querySelector('input')).filter((c) => c.checked).map((c) => c.value);
    const body = new FormData();
    body.append('metadata', JSON.stringify({ title: f.title.value.trim(), metadata: metadata.read() ?? {},
      remove_files: removed, comment: f.comment.value.trim() }));
    for (const file of files.files()) body.append('file', file, file.name);
    const saved = await send(`/documents/${encodeURIComponent(d.number)}/versions`, body, metadata, message, progress,
      button);
    if (saved) navigate(`/documents/${encodeURIComponent(d.number)}`);
  } },
  textField('version-title', t('title'), { name: 'title', required: true, value: d.title, maxlength: 500 }),
  h('fieldset', {}, h('legend', {}, t('metadata')), metadata.node),
  keep.length ? h('fieldset', {}, h('legend', {}, t('removeFiles')), keep) : null,
  files.node,
  textField('version-comment', t('comment'), { name: 'comment' }),
  message, progress.node,
  h('div', { class: 'buttons' }, button,
    h('a', { href: `/documents/${encodeURIComponent(d.number)}`, class: 'button secondary' }, t('cancel'))));
  const heading = `${t('newVersion')} · ${d.number}`;
  show(heading, h('h1', {}, heading), form);
}
