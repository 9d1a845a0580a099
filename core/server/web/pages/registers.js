// On a document's page: copies given to the departments that perform it
// (副本分发), lending it out and recording its return (借阅登记), and asking to
// use a seal for it (用印申请). Who may do each is the core's to say; its
// refusal is shown in the dialog.
import { api } from '../api.js';
import { h, notice } from '../dom.js';
import { t } from '../i18n.js';
import { ask } from '../dialog.js';
import { localTime } from '../time.js';

// "财务部、项目部" or "财务部, 项目部": the separators people type in either language.
export function splitNames(text) {
  return text.split(/[、,，;；\s]+/).map((s) => s.trim()).filter(Boolean);
}

function copiesList(copies) {
  if (!copies?.length) return h('p', {}, t('noCopies'));
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', {}, t('copies')),
    h('thead', {}, h('tr', {}, [t('recipient'), t('at'), t('actor'), t('note')].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, copies.map((c) => h('tr', {},
      h('td', {}, c.recipient), h('td', {}, localTime(c.at)), h('td', {}, c.by), h('td', {}, c.note))))));
}

export function registersSection(d, reload) {
  const path = `/documents/${encodeURIComponent(d.number)}`;
  const distribute = () => ask(`${t('distribute')} · ${d.number}`, [
    { name: 'recipients', label: t('recipients'), required: true },
    { name: 'note', label: t('note') }], async (v) => {
    await api('POST', `${path}/distributions`, { body: { recipients: splitNames(v.recipients), note: v.note } });
    reload(notice(t('distributed'), 'info'));
  });
  const lend = () => ask(`${t('lend')} · ${d.number}`, [
    { name: 'borrower', label: t('borrower'), required: true },
    { name: 'due', label: t('due'), type: 'date', required: true },
    { name: 'note', label: t('note') }], async (v) => {
    await api('POST', `${path}/loans`, { body: { borrower: v.borrower, due: v.due, note: v.note } });
    reload(notice(t('lent'), 'info'));
  });
  const giveBack = () => ask(`${t('giveBack')} · ${d.number}`, [
    { name: 'borrower', label: t('borrower') }, { name: 'note', label: t('note') }], async (v) => {
    await api('POST', `${path}/return`, { body: v });
    reload(notice(t('returned'), 'info'));
  });
  const seal = () => ask(`${t('requestSeal')} · ${d.number}`, [
    { name: 'seal', label: t('seal'), required: true }, { name: 'purpose', label: t('purpose'), required: true }],
  async (v) => {
    await api('POST', `${path}/seal-requests`, { body: v });
    reload(notice(t('sealRequested'), 'info'));
  });
  return h('section', { 'aria-labelledby': 'registers' }, h('h2', { id: 'registers' }, t('registers')),
    copiesList(d.distribution),
    h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'secondary', onclick: distribute }, t('distribute')),
      h('button', { type: 'button', class: 'secondary', onclick: lend }, t('lend')),
      h('button', { type: 'button', class: 'secondary', onclick: giveBack }, t('giveBack')),
      h('button', { type: 'button', class: 'secondary', onclick: seal }, t('requestSeal'))));
}
