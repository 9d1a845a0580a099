// 管理 (administrators): users with their roles, clearances, departments and
// activity, one-time passwords, ending a user's sessions, deactivating with a
// handover of what they hold (the core refuses it otherwise, naming it); API tokens.
import { api } from '../api.js';
import { h, show, notice, clearNotices } from '../dom.js';
import { t } from '../i18n.js';
import { allRoles, roleName } from '../names.js';
import { localTime, localDate } from '../time.js';
import { navigate } from '../app.js';

const levels = ['公开', '内部', '秘密', '机密'];

function select(id, name, options, value) {
  return h('select', { id, name }, options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
}

const again = (banner) => navigate('/admin', { replace: true })
  .then(() => banner && document.getElementById('main').prepend(banner));

function userRow(u, users, message) {
  const id = (what) => `user-${what}-${u.name}`;
  const role = select(id('role'), 'role', allRoles().map((r) => [r.code, roleName(r.code)]), u.role);
  const clearance = select(id('clearance'), 'clearance', levels.map((l) => [l, l]), u.clearance);
  const department = h('input', { id: id('department'), name: 'department', value: u.department ?? '', size: 8 });
  const active = h('input', { id: id('active'), type: 'checkbox', checked: u.active });
  const heirs = users.filter((other) => other.active && other.name !== u.name).map((other) => [other.name, other.name]);
  const heir = select(id('handover'), 'handover', [['', t('noHandover')], ...heirs], '');
  const save = async () => {
    clearNotices(message);
    // Deactivated with a handover, nothing else changes in the same step.
    const body = !active.checked && heir.value
      ? { active: false, handover_to: heir.value }
      : { role: role.value, clearance: clearance.value, department: department.value.trim(), active: active.checked };
    try {
      await api('PATCH', `/users/${encodeURIComponent(u.name)}`, { body });
      again(notice(t('userSaved', u.name), 'info'));
    } catch (error) {
      message.replaceChildren(notice(error.message));
    }
  };
  const password = async () => {
    clearNotices(message);
    const fresh = oneTimePassword();
    try {
      await api('PUT', `/users/${encodeURIComponent(u.name)}/password`, { body: { password: fresh, temporary: true } });
      again(notice(t('oneTimePassword', u.name, fresh), 'info'));
    } catch (error) {
      message.replaceChildren(notice(error.message));
    }
  };
  const endSessions = async () => {
    clearNotices(message);
    try {
      await api('DELETE', `/users/${encodeURIComponent(u.name)}/sessions`);
      message.replaceChildren(notice(t('sessionsEnded', u.name), 'info'));
    } catch (error) {
      message.replaceChildren(notice(error.message));
    }
  };
  return h('tr', {},
    h('th', { scope: 'row' }, u.name),
    h('td', {}, h('label', { for: id('role'), class: 'visually-hidden' }, `${t('role')} ${u.name}`), role),
    h('td', {}, h('label', { for: id('clearance'), class: 'visually-hidden' }, `${t('clearance')} ${u.name}`), clearance),
    h('td', {}, h('label', { for: id('department'), class: 'visually-hidden' }, `${t('department')} ${u.name}`), department),
    h('td', {}, h('label', { for: id('active'), class: 'visually-hidden' }, `${t('active')} ${u.name}`), active),
    h('td', {}, h('label', { for: id('handover'), class: 'visually-hidden' }, `${t('handoverTo')} ${u.name}`), heir),
    h('td', { class: 'buttons' },
      h('button', { type: 'button', class: 'small', onclick: save, 'aria-label': `${t('save')} ${u.name}` }, t('save')),
      h('button', { type: 'button', class: 'secondary small', onclick: password,
        'aria-label': `${t('resetPassword')} ${u.name}` }, t('resetPassword')),
      h('button', { type: 'button', class: 'secondary small', onclick: endSessions,
        'aria-label': `${t('endSessions')} ${u.name}` }, t('endSessions'))));
}

// 18 letters and digits from the browser's cryptographic generator.
function oneTimePassword() {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  const text = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${text.slice(0, 6)}-${text.slice(6, 12)}-${text.slice(12)}`;
}

export async function adminPage(session) {
  // Everyone may see who works here, but only an administrator manages them
  // (the core refuses anyone else each change): others are told so, not shown forms.
  if (session.user.role !== 'admin') {
    show(t('admin'), h('h1', {}, t('admin')), notice(t('adminOnly')));
    return;
  }
  const [{ users }, { tokens }] = await Promise.all([api('GET', '/users'), api('GET', '/tokens')]);
  const message = h('div', { class: 'message' });
  const addForm = h('form', { class: 'filters', 'aria-label': t('addUser'), onsubmit: async (event) => {
    event.preventDefault();
    clearNotices(message);
    const f = addForm.elements;
    const fresh = oneTimePassword();
    try {
      await api('POST', '/users', { body: { name: f.name.value.trim(), role: f.role.value,
        clearance: f.clearance.value || undefined, department: f.department.value.trim(), password: fresh } });
      again(notice(t('oneTimePassword', f.name.value.trim(), fresh), 'info'));
    } catch (error) {
      message.replaceChildren(notice(error.message));
    }
  } },
  h('div', { class: 'field' }, h('label', { for: 'new-user-name' }, t('user')), h('input', { id: 'new-user-name', name: 'name' })),
  h('div', { class: 'field' }, h('label', { for: 'new-user-role' }, t('role')),
    select('new-user-role', 'role', allRoles().map((r) => [r.code, roleName(r.code)]), 'clerk')),
  h('div', { class: 'field' }, h('label', { for: 'new-user-clearance' }, t('clearance')),
    select('new-user-clearance', 'clearance', [['', t('byRole')], ...levels.map((l) => [l, l])], '')),
  h('div', { class: 'field' }, h('label', { for: 'new-user-department' }, t('department')),
    h('input', { id: 'new-user-department', name: 'department' })),
  h('div', { class: 'buttons' }, h('button', { type: 'submit' }, t('addUser'))));

  const tokenRows = tokens.map((k) => h('tr', {},
    h('td', {}, k.user), h('td', {}, k.label), h('td', {}, k.read_only ? t('readOnly') : t('readWrite')),
    h('td', {}, localDate(k.expires)), h('td', {}, localTime(k.last_used_at)),
    h('td', {}, k.revoked_at ? `${t('revoked')} ${localTime(k.revoked_at)}` : h('button', { type: 'button',
      class: 'secondary small', 'aria-label': `${t('revoke')} ${k.label}`, onclick: async () => {
        clearNotices(message);
        try {
          await api('DELETE', `/tokens/${k.id}`);
          again(notice(t('tokenRevoked'), 'info'));
        } catch (error) {
          message.replaceChildren(notice(error.message));
        }
      } }, t('revoke')))));

  const tokenForm = h('form', { class: 'filters', 'aria-label': t('newToken'), onsubmit: async (event) => {
    event.preventDefault();
    clearNotices(message);
    const f = tokenForm.elements;
    try {
      const made = await api('POST', '/tokens', { body: { user: f.user.value, label: f.label.value.trim(),
        expires: f.expires.value, read_only: f.read_only.checked } });
      again(notice(t('tokenMade', made.secret), 'info'));
    } catch (error) {
      message.replaceChildren(notice(error.message));
    }
  } },
  h('div', { class: 'field' }, h('label', { for: 'token-user' }, t('user')),
    select('token-user', 'user', users.filter((u) => u.active).map((u) => [u.name, u.name]), '')),
  h('div', { class: 'field' }, h('label', { for: 'token-label' }, t('label')), h('input', { id: 'token-label', name: 'label' })),
  h('div', { class: 'field' }, h('label', { for: 'token-expires' }, t('expires')),
    h('input', { id: 'token-expires', name: 'expires', type: 'date' })),
  h('div', { class: 'field check' }, h('input', { id: 'token-read-only', name: 'read_only', type: 'checkbox', checked: true }),
    h('label', { for: 'token-read-only' }, t('readOnly'))),
  h('div', { class: 'buttons' }, h('button', { type: 'submit' }, t('newToken'))));

  show(t('admin'), h('h1', {}, t('admin')), message,
    h('section', { 'aria-labelledby': 'users' }, h('h2', { id: 'users' }, t('users')),
      h('div', { class: 'table-wrap' }, h('table', {}, h('caption', {}, t('users')),
        h('thead', {}, h('tr', {}, [t('user'), t('role'), t('clearance'), t('department'), t('active'), t('handoverTo'), '']
          .map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, users.map((u) => userRow(u, users, message))))),
      h('h3', {}, t('addUser')), addForm),
    h('section', { 'aria-labelledby': 'tokens' }, h('h2', { id: 'tokens' }, t('tokens')),
      tokens.length ? h('div', { class: 'table-wrap' }, h('table', {}, h('caption', {}, t('tokens')),
        h('thead', {}, h('tr', {}, [t('user'), t('label'), t('access'), t('expires'), t('lastUsed'), ''].map((c) =>
          h('th', { scope: 'col' }, c)))),
        h('tbody', {}, tokenRows))) : h('p', {}, t('noTokens')),
      h('h3', {}, t('newToken')), tokenForm));
}
