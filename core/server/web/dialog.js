import { h, notice } from './dom.js';
import { t } from './i18n.js';

// A small form in a modal dialog: fields [{name, label, required, type, long}];
// send(values) runs on confirm, and a refusal it throws is shown in the dialog
// in the core's words, the dialog staying open.
export function ask(title, fields, send) {
  const message = h('div', { class: 'message' });
  const dialog = h('dialog', { 'aria-labelledby': 'ask-title' });
  const form = h('form', { onsubmit: async (event) => {
    event.preventDefault();
    const values = {};
    for (const f of fields) {
      values[f.name] = form.elements[f.name].value.trim();
      if (f.required && !values[f.name]) {
        message.replaceChildren(notice(`${t('fillIn')}${f.label}`));
        form.elements[f.name].focus();
        return;
      }
    }
    try {
      await send(values);
      dialog.close();
    } catch (error) {
      message.replaceChildren(notice(error.message));
    }
  } },
  h('h2', { id: 'ask-title' }, title), message,
  fields.map((f) => h('div', { class: 'field' }, h('label', { for: `ask-${f.name}` }, f.label),
    h(f.long ? 'textarea' : 'input', { id: `ask-${f.name}`, name: f.name, type: f.long ? null : f.type ?? 'text',
      rows: f.long ? 2 : null, list: f.list ?? null }))),
  h('div', { class: 'buttons' }, h('button', { type: 'submit' }, t('confirm')),
    h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, t('cancel'))));
  dialog.append(form);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  form.querySelector('input, textarea')?.focus();
}
