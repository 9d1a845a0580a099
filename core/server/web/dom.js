// Building the page from data without ever parsing it as HTML: every text a
// user or the repository wrote becomes a text node, so nothing in a title or
// a comment can run as script or change the page's structure.

// h('a', {href: '/x', onclick: fn}, 'text', child, [more children])
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

// Replaces the main region's content and moves focus there, so a screen
// reader announces the new page as a browser's own navigation would.
export function show(title, ...content) {
  const main = document.getElementById('main');
  main.replaceChildren(...content.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  document.title = `${title} · Dossier`;
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

// Takes away what the last action said (the page's banners and `region`'s
// messages) as the next one starts, so a 已保存 still on the page is never
// read as the answer to the next click.
export function clearNotices(region) {
  region?.replaceChildren();
  document.querySelectorAll('#main > .notice').forEach((n) => n.remove());
}

// A message region screen readers announce (role=alert for errors).
export function notice(text, kind = 'error') {
  return h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}
