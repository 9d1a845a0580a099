// Bar charts as SVG built from the DOM (no library, no inline style: the
// Content-Security-Policy allows neither). Each chart is an image with a name;
// the same figures are in the table beside it for screen readers and copying.
import { h } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

function s(tag, attributes, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  node.append(...children);
  return node;
}

// bars: [{label, value, text}] drawn horizontally, longest = full width.
export function barChart(name, bars) {
  const rowHeight = 26;
  const labelWidth = 140;
  const width = 640;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * rowHeight + 8;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': name, class: 'chart' },
    s('title', {}, name),
    ...bars.map((b, i) => {
      const y = 4 + i * rowHeight;
      const barWidth = Math.max(1, Math.round(((width - labelWidth - 150) * b.value) / max));
      return s('g', {},
        s('text', { x: labelWidth - 8, y: y + 17, 'text-anchor': 'end', class: 'chart-label' }, b.label),
        s('rect', { x: labelWidth, y: y + 3, width: barWidth, height: rowHeight - 8, rx: 2, class: 'chart-bar' }),
        s('text', { x: labelWidth + barWidth + 6, y: y + 17, class: 'chart-value' }, b.text));
    }));
  return h('figure', { class: 'chart-figure' }, svg, h('figcaption', {}, name));
}
