// Times are stored in UTC and shown as people in the repository's offices
// read them: China Standard Time, whatever the browser's own zone.
import { lang } from './i18n.js';

export const repositoryZone = 'Asia/Shanghai';

function parts(iso, withTime) {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return null;
  const options = { timeZone: repositoryZone, year: 'numeric', month: '2-digit', day: '2-digit', hourCycle: 'h23' };
  if (withTime) Object.assign(options, { hour: '2-digit', minute: '2-digit' });
  const out = {};
  for (const p of new Intl.DateTimeFormat('en-GB', options).formatToParts(when)) out[p.type] = p.value;
  return out;
}

// "2026-03-05T06:30:00Z" -> "2026-03-05 14:30"
export function localTime(iso) {
  if (!iso) return '';
  const p = parts(iso, true);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : iso;
}

// A calendar date (YYYY-MM-DD) is shown as written; a timestamp by its local day.
export function localDate(value) {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const p = parts(value, false);
  return p ? `${p.year}-${p.month}-${p.day}` : value;
}

export function zoneNote() {
  return lang() === 'zh' ? '北京时间' : 'China Standard Time';
}
