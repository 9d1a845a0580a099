// The application: who is signed in, the header, and which page a path shows.
// Pages are addresses (/documents/HT-2026-…), so they can be bookmarked,
// shared and opened in a new tab; the server answers each with index.html.
import { api, ApiError, setCsrfToken } from './api.js';
import { h, show, notice } from './dom.js';
import { t, useLanguageOf, chooseLanguage, lang } from './i18n.js';
import { loadTypes, roleName } from './names.js';
import { signInPage } from './pages/signin.js';
import { workPage } from './pages/work.js';
import { documentsPage } from './pages/documents.js';
import { documentPage, newVersionFor } from './pages/document.js';
import { newDocumentPage } from './pages/new-document.js';
import { ledgerPage } from './pages/ledger.js';
import { archivePage } from './pages/archive.js';
import { adminPage } from './pages/admin.js';
import { searchPage } from './pages/search.js';

const session = { user: null };

const routes = [
  [/^\/$/, () => workPage(session)],
  [/^\/documents$/, (m, query) => documentsPage(session, query)],
  [/^\/archive(?:\/(due|holds|disposal|loans|seals))?$/, (m) => archivePage(session, m[1])],
  [/^\/archive\/disposal\/([^/]+)$/, (m) => archivePage(session, 'disposal', decodeURIComponent(m[1]))],
  [/^\/search$/, (m, query) => searchPage(session, query)],
  [/^\/admin$/, () => adminPage(session)],
  [/^\/ledger$/, (m, query) => ledgerPage(session, query)],
  [/^\/documents\/new$/, (m, query) => newDocumentPage(session, query)],
  [/^\/documents\/([^/]+)$/, (m) => documentPage(session, decodeURIComponent(m[1]))],
  [/^\/documents\/([^/]+)\/new-version$/, (m) => newVersionFor(session, decodeURIComponent(m[1]))],
];

export function navigate(path, { replace = false } = {}) {
  if (replace) window.history.replaceState({}, '', path);
  else window.history.pushState({}, '', path);
  return route();
}

async function route() {
  if (!session.user) return signInPage(signedIn);
  const { pathname, searchParams } = new URL(window.location.href);
  renderHeader();
  for (const [pattern, page] of routes) {
    const m = pathname.match(pattern);
    if (!m) continue;
    try {
      await page(m, searchParams);
      // When the page shows what was asked for: bench/ui reads it beside DOMContentLoaded.
      performance.mark('dossier:page-shown', { detail: pathname });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return signedOut();
      show(t('appName'), notice(error.message));
    }
    return;
  }
  show(t('notFound'), h('h1', {}, t('notFound')), h('p', {}, h('a', { href: '/' }, t('work'))));
}

// types: the answer of GET /types when it was asked for beside the session's.
async function signedIn(user, csrf, types) {
  session.user = user;
  setCsrfToken(csrf);
  useLanguageOf(user);
  await (types ?? loadTypes());
  if (window.location.pathname === '/signin') window.history.replaceState({}, '', '/');
  return route();
}

function signedOut() {
  session.user = null;
  setCsrfToken('');
  useLanguageOf(null);  // the next person starts in Chinese
  document.getElementById('top').replaceChildren();
  window.history.replaceState({}, '', '/');
  return route();
}

async function signOut() {
  try {
    await api('DELETE', '/session');
  } finally {
    signedOut();
  }
}

function renderHeader() {
  const user = session.user;
  const here = window.location.pathname;
  const link = (path, label) => h('a', { href: path, 'aria-current': here === path ? 'page' : null }, label);
  const query = new URL(window.location.href).searchParams.get('q') ?? '';
  const search = h('form', { role: 'search', class: 'search', onsubmit: (e) => {
    e.preventDefault();
    const q = e.target.elements.q.value.trim();
    navigate(q ? `/search?q=${encodeURIComponent(q)}` : '/search');
  } },
  h('input', { type: 'search', name: 'q', 'aria-label': t('search'), placeholder: t('search'), value: query }),
  h('button', { type: 'submit' }, t('search')));
  const language = h('select', { 'aria-label': t('language'), onchange: async (e) => {
    const chosen = e.target.value;
    if (!chooseLanguage(chosen)) return;
    user.language = chosen;
    route();
    // Kept with the account; a failure (a read-only session) leaves it for this page only.
    await api('PUT', '/session/language', { body: { language: chosen } }).catch(() => {});
  } },
  h('option', { value: 'zh', selected: lang() === 'zh' }, '中文'),
  h('option', { value: 'en', selected: lang() === 'en' }, 'English'));
  document.getElementById('top').replaceChildren(
    h('nav', { 'aria-label': t('appName') },
      h('a', { href: '/', class: 'brand' }, t('appName')),
      link('/', t('work')),
      link('/documents', t('documents')),
      link('/documents/new', t('newDocument')),
      link('/ledger', t('ledger')),
      link('/archive/due', t('archiveTitle')),
      user.role === 'admin' ? link('/admin', t('admin')) : null),
    search,
    h('div', { class: 'who' },
      h('span', {}, `${user.name}（${roleName(user.role)}）`),
      language,
      h('button', { type: 'button', onclick: signOut }, t('signOut'))));
}

// Links inside the application change the page without reloading it; files
// and anything marked data-external are left to the browser.
document.addEventListener('click', (event) => {
  const a = event.target.closest('a');
  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  if (a.origin !== window.location.origin || a.hasAttribute('download') || a.dataset.external !== undefined) return;
  if (a.pathname.startsWith('/api/') || a.getAttribute('href').startsWith('#')) return;
  event.preventDefault();
  navigate(a.pathname + a.search);
});

window.addEventListener('popstate', () => route());

// On load: a session already open in this browser carries on.
(async () => {
  try {
    // The names of types and states are asked for with the session, not after it
    // (refused alike when no one is signed in; asked again after signing in).
    const types = loadTypes();
    types.catch(() => {});
    const me = await api('GET', '/session');
    await signedIn(me.user, me.csrf_token, types);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return route();
    show(t('appName'), notice(error.message));
  }
})();
