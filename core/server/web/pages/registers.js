// On a document's page: lending it out and recording its return (借阅登记),
// and asking to use a seal for it (用印申请). Who may do each is the core's to
// say; its refusal is shown in the dialog.
import { api } from '../api.js';
import { h, notice } from '../dom.js';
import { t } from '../i18n.js';
import { ask } from '../dialog.js';

export function registersSection(d, reload) {
  const path = `/documents/${encodeURIComponent(d.number)}`;
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
    h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'secondary', onclick: lend }, t('lend')),
      h('button', { type: 'button', class: 'secondary', onclick: giveBack }, t('giveBack')),
      h('button', { type: 'button', class: 'secondary', onclick: seal }, t('requestSeal'))));
}
