// Choosing files to upload: a file button and a drop zone, several files at
// once (Chinese names as they are), each listed with its size and a way to
// take it off before sending.
import { h } from './dom.js';
import { t } from './i18n.js';

export function sizeText(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function filePicker() {
  let chosen = [];
  const list = h('ul', { class: 'chosen', 'aria-live': 'polite' });
  const draw = () => list.replaceChildren(...chosen.map((f, i) => h('li', {},
    h('span', { class: 'file-name' }, f.name), ' ', h('span', { class: 'size' }, sizeText(f.size)), ' ',
    h('button', { type: 'button', class: 'secondary small', 'aria-label': `${t('removeRow')} ${f.name}`,
      onclick: () => { chosen.splice(i, 1); draw(); } }, t('removeRow')))));
  const add = (files) => {
    for (const f of files) if (!chosen.some((c) => c.name === f.name)) chosen.push(f);
    draw();
  };
  const input = h('input', { id: 'file-input', type: 'file', multiple: true, class: 'visually-hidden',
    onchange: (e) => { add(e.target.files); e.target.value = ''; } });
  const zone = h('div', { class: 'drop-zone',
    ondragover: (e) => { e.preventDefault(); zone.classList.add('over'); },
    ondragleave: () => zone.classList.remove('over'),
    ondrop: (e) => { e.preventDefault(); zone.classList.remove('over'); add(e.dataTransfer.files); } },
  h('p', {}, t('dropFiles')), input, h('label', { for: 'file-input', class: 'button secondary' }, t('chooseFiles')));
  return {
    node: h('div', { class: 'field' }, h('span', { class: 'label' }, t('files')), zone, list),
    files: () => chosen,
  };
}

// A progress bar for an upload under way.
export function progressBar() {
  const bar = h('progress', { max: 100, value: 0, 'aria-label': t('uploading') });
  const text = h('span', { class: 'hint' });
  const node = h('div', { class: 'progress', hidden: true }, bar, ' ', text);
  return {
    node,
    update(sent, total) {
      node.hidden = false;
      bar.value = Math.round((sent / total) * 100);
      text.textContent = `${sizeText(sent)} / ${sizeText(total)}`;
    },
  };
}
