// A form generated from a type's JSON Schema: each field under the schema's
// title, typed (dates, numbers, yes/no, choices), objects as fieldsets, lists
// of parties and line items as rows to add and remove. `read()` gives the
// metadata object; `showErrors()` puts the API's refusal at the field its
// JSON pointer names.
import { h } from './dom.js';
import { t } from './i18n.js';

function resolve(schema, root) {
  if (schema && typeof schema.$ref === 'string' && schema.$ref.startsWith('#/')) {
    return schema.$ref.slice(2).split('/').reduce((node, key) => node?.[key], root) ?? {};
  }
  return schema ?? {};
}

const isDate = (s) => s.format === 'date' || /\[0-9\]\{4\}-\[0-9\]\{2\}-\[0-9\]\{2\}/.test(s.pattern ?? '');
const kindOf = (s) => (Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type) ??
  (s.properties ? 'object' : s.enum ? 'string' : 'string');

let counter = 0;
const nextId = () => `schema-field-${++counter}`;

// One field: returns {node, read(), focus(pointer)} for the value at `pointer`.
function field(schema, root, key, pointer, required, value, omit) {
  schema = resolve(schema, root);
  const title = schema.title || key;
  const kind = kindOf(schema);
  if (kind === 'object') return objectField(schema, root, title, pointer, value, false, omit);
  if (kind === 'array') return arrayField(schema, root, title, pointer, value);
  const id = nextId();
  const error = h('span', { class: 'field-error', id: `${id}-error`, role: 'alert', hidden: true });
  let input;
  if (kind === 'boolean') {
    input = h('input', { id, type: 'checkbox', checked: value === true });
  } else if (Array.isArray(schema.enum)) {
    input = h('select', { id, required },
      h('option', { value: '' }, ''),
      schema.enum.map((v) => h('option', { value: String(v), selected: value === v }, String(v))));
  } else if (kind === 'number' || kind === 'integer') {
    input = h('input', { id, type: 'number', step: kind === 'integer' ? '1' : 'any', required,
      min: schema.minimum, max: schema.maximum, value: value ?? '' });
  } else if ((schema.maxLength ?? 0) > 200 || /(说明|摘要|违约责任|争议解决|要求|内容)$/.test(title)) {
    input = h('textarea', { id, rows: 2, required }, value ?? '');
  } else {
    input = h('input', { id, type: isDate(schema) ? 'date' : 'text', required, value: value ?? '' });
  }
  input.dataset.pointer = pointer;
  input.setAttribute('aria-describedby', `${id}-error`);
  // The mark of a required field is drawn by the stylesheet: the label's text (and
  // the field's accessible name) stays the schema's title; `required` tells readers.
  const label = h('label', { for: id, class: required ? 'is-required' : null }, title);
  const node = kind === 'boolean'
    ? h('div', { class: 'field check' }, input, label, error)
    : h('div', { class: 'field' }, label, input, error);
  if (schema.description && /[\u4e00-\u9fff]/.test(schema.description)) {
    node.append(h('span', { class: 'hint' }, schema.description));
  }
  return {
    node,
    read() {
      if (kind === 'boolean') return input.checked ? true : undefined;
      const text = input.value.trim();
      if (text === '') return undefined;
      if (kind === 'number' || kind === 'integer') return Number(text);
      return text;
    },
    fail(at, message) {
      if (at !== pointer) return false;
      error.textContent = message;
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return true;
    },
    clear() {
      error.hidden = true;
      input.removeAttribute('aria-invalid');
    },
  };
}

// omit: pointers not asked for here (what a workflow action asks for when it is taken).
function objectField(schema, root, title, pointer, value, topLevel = false, omit = new Set()) {
  const required = new Set(schema.required ?? []);
  const keys = Object.keys(schema.properties ?? {}).filter((key) => !omit.has(`${pointer}/${key}`));
  const parts = keys.map((key) =>
    field(schema.properties[key], root, key, `${pointer}/${key}`, required.has(key), value?.[key], omit));
  const error = h('span', { class: 'field-error', role: 'alert', hidden: true });
  const children = [error, parts.map((p) => p.node)];
  if (!topLevel && parts.length === 0) return { node: null, read: () => undefined, fail: () => false, clear() {} };
  const node = topLevel ? h('div', { class: 'schema-form' }, children)
    : h('fieldset', {}, h('legend', {}, title), children);
  return {
    node,
    read() {
      // What is not asked for here is kept as it was (a new version keeps the signing data).
      const out = {};
      for (const key of Object.keys(value ?? {})) if (!keys.includes(key)) out[key] = value[key];
      for (const [i, key] of keys.entries()) {
        const v = parts[i].read();
        if (v !== undefined) out[key] = v;
      }
      return Object.keys(out).length ? out : undefined;
    },
    fail(at, message) {
      if (parts.some((p) => p.fail(at, message))) return true;
      if (at !== pointer && !(topLevel && at === '')) return false;
      error.textContent = message;
      error.hidden = false;
      return true;
    },
    clear() {
      error.hidden = true;
      parts.forEach((p) => p.clear());
    },
  };
}

function arrayField(schema, root, title, pointer, value) {
  const items = resolve(schema.items, root);
  let rows = [];
  const list = h('div', { class: 'rows' });
  const error = h('span', { class: 'field-error', role: 'alert', hidden: true });
  // Rows are drawn from their values, so that each row's pointer (/parties/1)
  // is its place now, as the API will name it.
  const draw = (values) => {
    rows = values.map((itemValue, index) => {
      const row = kindOf(items) === 'object'
        ? objectField(items, root, `${title} ${index + 1}`, `${pointer}/${index}`, itemValue)
        : field(items, root, `${title} ${index + 1}`, `${pointer}/${index}`, false, itemValue);
      const remove = h('button', { type: 'button', class: 'secondary small',
        'aria-label': `${t('removeRow')}：${title} ${index + 1}`, onclick: () => {
          const kept = rows.map((r) => r.read());
          kept.splice(index, 1);
          draw(kept);
        } }, t('removeRow'));
      const wrap = h('div', { class: 'row' }, row.node, remove);
      return Object.assign(row, { wrap });
    });
    list.replaceChildren(...rows.map((r) => r.wrap));
  };
  draw(Array.isArray(value) && value.length ? value : Array.from({ length: schema.minItems ?? 0 }, () => undefined));
  const node = h('fieldset', { class: 'array' }, h('legend', {}, title), error, list,
    h('button', { type: 'button', class: 'secondary small', onclick: () => draw([...rows.map((r) => r.read()), undefined]) },
      `${t('addRow')}：${title}`));
  return {
    node,
    read() {
      const out = rows.map((r) => r.read()).filter((v) => v !== undefined);
      return out.length ? out : undefined;
    },
    fail(at, message) {
      if (rows.some((r) => r.fail(at, message))) return true;
      if (at !== pointer) return false;
      error.textContent = message;
      error.hidden = false;
      return true;
    },
    clear() {
      error.hidden = true;
      rows.forEach((r) => r.clear());
    },
  };
}

// The form for a whole metadata object, without the fields at `omit` (pointers).
export function schemaForm(schema, value, omit = []) {
  return objectField(resolve(schema, schema), schema, '', '', value, true, new Set(omit));
}
