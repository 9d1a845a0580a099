// The names people read for the codes the API speaks: types, workflow
// states, statuses, roles. Types and states come from the repository's own
// configuration (GET /types), so a company's renamed state shows as renamed.
import { api } from './api.js';
import { lang } from './i18n.js';

let types = [];
let statuses = [];
let roles = [];

export async function loadTypes() {
  const answer = await api('GET', '/types');
  types = answer.types;
  statuses = answer.statuses;
  roles = answer.roles;
  return types;
}

export function allTypes() {
  return types;
}

export function typeOf(code) {
  return types.find((t) => t.code === code);
}

function named(entry, code) {
  if (!entry) return code;
  return (lang() === 'zh' ? entry.name_zh : entry.name_en) || entry.name_zh || code;
}

export function typeName(code) {
  return named(typeOf(code), code);
}

// A document's state: its workflow's name for it, else a core status's.
export function stateName(type, code) {
  const state = typeOf(type)?.states?.find((s) => s.code === code) ?? statuses.find((s) => s.code === code);
  return named(state, code);
}

// An action as the type's workflow names it when taken from a state (the
// code itself in English, where the workflow gives only Chinese).
export function actionName(type, action, from) {
  const entry = typeOf(type)?.actions?.find((a) => a.action === action && a.from === from);
  return entry && lang() === 'zh' ? entry.name_zh : action;
}

// Every state any type can be in, once each, for a filter.
export function allStates(type) {
  const out = [];
  const add = (s) => { if (!out.some((o) => o.code === s.code)) out.push(s); };
  for (const t of type ? [typeOf(type)].filter(Boolean) : types) (t.states ?? []).forEach(add);
  statuses.forEach(add);
  return out.map((s) => ({ code: s.code, name: named(s, s.code) }));
}

export function allRoles() {
  return roles;
}

// The core names roles in Chinese; English shows the role's code, capitalised.
export function roleName(code) {
  const role = roles.find((r) => r.code === code);
  if (!role) return code;
  return lang() === 'zh' ? role.name_zh : code.charAt(0).toUpperCase() + code.slice(1);
}

const levels = { 公开: 'Public', 内部: 'Internal', 秘密: 'Secret', 机密: 'Classified' };

// The API names a level in Chinese (公开 内部 秘密 机密).
export function confidentialityName(zh) {
  return lang() === 'zh' ? zh : levels[zh] ?? zh;
}

// The class the page gives a level, so secret and classified stand out.
export function confidentialityClass(zh) {
  return { 秘密: 'level-secret', 机密: 'level-classified' }[zh] ?? 'level-open';
}
