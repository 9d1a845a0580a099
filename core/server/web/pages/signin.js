// Sign-in: user name and password (and an authenticator code when the
// account has one); a one-time password is changed before anything else.
import { api, ApiError, setCsrfToken } from '../api.js';
import { h, show, notice } from '../dom.js';
import { t } from '../i18n.js';

function field(label, input) {
  const id = `f-${input.name}`;
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

function refusal(error) {
  if (!(error instanceof ApiError)) return error.message;
  if (error.code === 'too_many_attempts') return t('tooManyAttempts');
  if (error.code === 'unauthenticated' && error.field === '/code') return t('needsCode');
  if (error.code === 'unauthenticated') return t('badCredentials');
  return error.message;
}

export function signInPage(onSignedIn) {
  const message = h('div', { class: 'message' });
  const codeField = field(t('code'), h('input', { name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code' }));
  codeField.hidden = true;
  const form = h('form', { class: 'signin', novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    const f = form.elements;
    const user = f.user.value.trim();
    const password = f.password.value;
    if (!user || !password) {
      message.replaceChildren(notice(`${t('fillIn')}${!user ? t('user') : t('password')}`));
      (!user ? f.user : f.password).focus();
      return;
    }
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const answer = await api('POST', '/session', { body: { user, password, code: f.code.value.trim() } });
      setCsrfToken(answer.csrf_token);
      if (answer.must_change_password) return changePasswordPage(answer, password, onSignedIn);
      await onSignedIn(answer.user, answer.csrf_token);
    } catch (error) {
      if (error instanceof ApiError && error.field === '/code') {
        codeField.hidden = false;
        f.code.focus();
      }
      message.replaceChildren(notice(refusal(error)));
    } finally {
      button.disabled = false;
    }
  } },
  field(t('user'), h('input', { name: 'user', autocomplete: 'username', required: true })),
  field(t('password'), h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
  codeField,
  h('button', { type: 'submit' }, t('signIn')));
  show(t('signIn'), h('section', { class: 'card narrow' }, h('h1', {}, t('signInTitle')), message, form));
  form.elements.user.focus();
}

const changeWords = {
  heading: '请修改一次性密码',
  explain: '管理员为您设置的是一次性密码。请设置只有您知道的新密码（至少 12 个字符，不要用常见的词）。',
  fresh: '新密码',
  again: '再次输入新密码',
  mismatch: '两次输入的新密码不一致。',
  save: '修改密码',
};

// After a one-time password: the session may do nothing but this.
function changePasswordPage(answer, current, onSignedIn) {
  const message = h('div', { class: 'message' });
  const form = h('form', { class: 'signin', onsubmit: async (event) => {
    event.preventDefault();
    const f = form.elements;
    if (f.fresh.value !== f.again.value) {
      message.replaceChildren(notice(changeWords.mismatch));
      f.again.focus();
      return;
    }
    try {
      await api('PUT', '/session/password', { body: { current_password: current, new_password: f.fresh.value } });
      // The change ends the user's other sessions and frees this one.
      const me = await api('GET', '/session');
      await onSignedIn(me.user, me.csrf_token);
    } catch (error) {
      message.replaceChildren(notice(error.message));
    }
  } },
  field(changeWords.fresh, h('input', { name: 'fresh', type: 'password', autocomplete: 'new-password', required: true })),
  field(changeWords.again, h('input', { name: 'again', type: 'password', autocomplete: 'new-password', required: true })),
  h('button', { type: 'submit' }, changeWords.save));
  show(changeWords.heading, h('section', { class: 'card narrow' },
    h('h1', {}, changeWords.heading), h('p', {}, changeWords.explain), message, form));
  form.elements.fresh.focus();
}
