// 合同档案 and 归档 on a document's page: the file it would be archived with
// (the main document, amendment and termination agreements, attachments),
// what it still lacks, and for the archivist the archive action; once
// archived, the 档号 and every piece of the unit.
import { api, ApiError } from '../api.js';
import { h, notice } from '../dom.js';
import { lang, t } from '../i18n.js';
import { allTypes, stateName, typeName } from '../names.js';
import { localTime } from '../time.js';

const partNames = { main: ['主件', 'Main'], amends: ['补充协议', 'Amendment'], terminates: ['解除协议', 'Termination'],
  'attachment-of': ['附件', 'Attachment'] };

function pieceList(pieces, extra) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, [t('number'), t('title'), t('type'), t('status'), ''].map((c) =>
      h('th', { scope: 'col' }, c)))),
    h('tbody', {}, pieces.map((p) => h('tr', {},
      h('td', {}, h('a', { href: `/documents/${encodeURIComponent(p.number)}` }, p.number)),
      h('td', {}, p.title), h('td', {}, typeName(p.type)), h('td', {}, stateName(p.type, p.status)),
      h('td', {}, extra(p)))))));
}

function archiveForm(d, reload) {
  const message = h('div', { class: 'message' });
  const form = h('form', { class: 'inline-form', onsubmit: async (event) => {
    event.preventDefault();
    try {
      const answer = await api('POST', `/documents/${encodeURIComponent(d.number)}/archive`, { body: {
        retention: form.elements.retention.value.trim(), reason: form.elements.reason.value.trim() } });
      reload(notice(t('archivedAs', answer.records[0]?.archive_code ?? ''), 'info'));
    } catch (error) {
      message.replaceChildren(notice(error.message));
    }
  } },
  h('div', { class: 'field' }, h('label', { for: 'archive-retention' }, t('retentionOverride')),
    h('input', { id: 'archive-retention', name: 'retention', placeholder: 'D30 / Y' })),
  h('div', { class: 'field' }, h('label', { for: 'archive-reason' }, t('reason')),
    h('input', { id: 'archive-reason', name: 'reason' })),
  h('button', { type: 'submit' }, t('archive')));
  return [message, form];
}

// How a piece of each type joins the contract's file; any other type that
// carries a contract number is an attachment (附件).
const pieceRelation = { amendment: 'amends', termination: 'terminates' };

// Links to register the file's other pieces from here: the types that carry
// a contract number, each filled in with this contract's number.
function addPieceLinks(d) {
  // Only a contract has a file of pieces; the core says the same (archive.cpp).
  if (d.type !== 'contract') return null;
  const types = allTypes().filter((ty) => ty.registrable && ty.code !== d.type && ty.schema?.properties?.contract_number);
  if (!types.length) return null;
  const query = (ty) => new URLSearchParams({ type: ty.code, for: d.number, as: pieceRelation[ty.code] ?? 'attachment-of',
    ...(d.dept ? { dept: d.dept } : {}) });
  return h('p', { class: 'add-pieces' }, t('addToFile'), types.map((ty) => [' ',
    h('a', { href: `/documents/new?${query(ty)}`, class: 'button secondary small' }, typeName(ty.code))]));
}

export async function archiveSection(session, d, reload) {
  const heading = (text) => h('h2', { id: 'archive-file' }, text);
  if (d.archive) {
    const unit = await api('GET', `/documents/${encodeURIComponent(d.number)}/unit`);
    return h('section', { 'aria-labelledby': 'archive-file' }, heading(t('archiveUnit')),
      h('dl', { class: 'summary' },
        h('dt', {}, t('archiveCode')), h('dd', { class: 'archive-code' }, unit.archive_code),
        h('dt', {}, t('archivedAt')), h('dd', {}, `${localTime(d.archive.archived_at)} · ${d.archive.archived_by}`),
        h('dt', {}, t('retention')), h('dd', {}, d.archive.retention)),
      pieceList(unit.pieces, (p) => `${t('piece')} ${p.archive.piece}`),
      unit.hidden ? h('p', { class: 'hint' }, t('hiddenPieces', unit.hidden)) : null);
  }
  if (['void', 'destroyed'].includes(d.status)) return null;
  let file;
  try {
    file = await api('GET', `/documents/${encodeURIComponent(d.number)}/file`);
  } catch (error) {
    if (error instanceof ApiError && error.status < 500) return null;
    throw error;
  }
  const part = (p) => {
    const pair = partNames[p.part];
    return [pair ? pair[lang() === 'en' ? 1 : 0] : p.part, p.problem ? h('span', { class: 'badge late' }, p.problem) : null];
  };
  return h('section', { 'aria-labelledby': 'archive-file' }, heading(t('contractFile')),
    pieceList(file.pieces, part),
    file.complete ? h('p', {}, t('fileComplete'))
      : h('div', {}, h('p', {}, t('fileMissing')), h('ul', { class: 'missing' }, file.missing.map((m) => h('li', {}, m)))),
    addPieceLinks(d),
    session.user.role === 'archivist' ? archiveForm(d, reload) : null);
}
