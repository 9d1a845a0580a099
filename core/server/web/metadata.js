// A document's metadata as people read it: each field under the title its
// type's JSON Schema gives it (合同金额, not amount), lists of parties and
// line items as tables, yes/no in words.
import { h } from './dom.js';
import { t } from './i18n.js';

// The schema of a property, following a local $ref (#/definitions/… or #/$defs/…).
function resolve(schema, root) {
  if (schema && typeof schema.$ref === 'string' && schema.$ref.startsWith('#/')) {
    return schema.$ref.slice(2).split('/').reduce((node, key) => node?.[key], root) ?? {};
  }
  return schema ?? {};
}

export function titleOf(schema, key) {
  return schema?.title || key;
}

// The schema found at a JSON pointer (/signing/seal) of an object schema.
export function schemaAt(root, pointer) {
  let node = root;
  for (const key of pointer.split('/').slice(1)) node = resolve(resolve(node, root).properties?.[key], root);
  return resolve(node, root);
}

// The JSON pointers of an object schema's fields in the order its author wrote
// them, depth first (/signing_date, /signing, /signing/signatory_ours, …).
export function pointersInOrder(root, node = root, prefix = '') {
  const properties = resolve(node, root).properties ?? {};
  return Object.entries(properties).flatMap(([key, child]) =>
    [`${prefix}/${key}`, ...pointersInOrder(root, child, `${prefix}/${key}`)]);
}

function scalar(value) {
  if (value === true) return t('yes');
  if (value === false) return t('no');
  if (value === null || value === undefined) return '';
  return String(value);
}

function valueNode(value, schema, root) {
  schema = resolve(schema, root);
  if (Array.isArray(value)) {
    const itemSchema = resolve(schema.items, root);
    if (value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) {
      const keys = [...new Set([...Object.keys(itemSchema.properties ?? {}), ...value.flatMap(Object.keys)])]
        .filter((k) => value.some((v) => k in v));
      // In a scroll box of its own: a list of parties with their addresses is
      // wider than a phone, and the page around it must not be.
      return h('div', { class: 'inner-wrap' }, h('table', { class: 'inner' },
        h('thead', {}, h('tr', {}, keys.map((k) => h('th', { scope: 'col' },
          titleOf(resolve(itemSchema.properties?.[k], root), k))))),
        h('tbody', {}, value.map((v) => h('tr', {}, keys.map((k) =>
          h('td', {}, valueNode(v[k], itemSchema.properties?.[k], root))))))));
    }
    return value.map(scalar).join('、');
  }
  if (value && typeof value === 'object') return metadataList(value, schema, root);
  return scalar(value);
}

// A <dl> of an object's fields, in the schema's order, then any others.
export function metadataList(object, schema, root = schema) {
  schema = resolve(schema, root);
  const known = Object.keys(schema.properties ?? {});
  const keys = [...known.filter((k) => k in object), ...Object.keys(object).filter((k) => !known.includes(k))];
  return h('dl', { class: 'metadata' }, keys.map((k) => {
    const property = resolve(schema.properties?.[k], root);
    return [h('dt', {}, titleOf(property, k)), h('dd', {}, valueNode(object[k], property, root))];
  }));
}
