/**
 * HTML to plain text for the adapters: Mastodon statuses, RSS descriptions and Reddit's
 * `selftext_html` arrive as HTML, and the scorer must see what a person reads. Linear scans, no
 * regex backtracking on hostile input. Internal: not a public entry point.
 * @module
 */
import { own } from '../own.js';

/** Named entities common in posts and feeds; the rest arrive numeric in practice. */
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  deg: '°',
  eacute: 'é',
  egrave: 'è',
  euml: 'ë',
  ecirc: 'ê',
  aacute: 'á',
  agrave: 'à',
  auml: 'ä',
  iuml: 'ï',
  iacute: 'í',
  oacute: 'ó',
  ouml: 'ö',
  uuml: 'ü',
  uacute: 'ú',
  ccedil: 'ç',
  ntilde: 'ñ',
  szlig: 'ß',
  Eacute: 'É',
  Ouml: 'Ö',
  Uuml: 'Ü',
  Auml: 'Ä',
  zwj: '\u200d',
  zwnj: '\u200c',
};

/**
 * Decode HTML/XML character references (`&amp;`, `&#39;`, `&#x1F600;`). Unknown or broken
 * references are left as written, as browsers do.
 *
 * @example
 * ```ts
 * decodeEntities('Fish &amp; chips &#x1F41F; &bogus;'); // 'Fish & chips 🐟 &bogus;'
 * ```
 */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const amp = s.indexOf('&', i);
    if (amp === -1) {
      out += s.slice(i);
      break;
    }
    out += s.slice(i, amp);
    // The ';' is looked for only as far as a reference can reach (12 characters): an indexOf
    // to the end of the text for every '&' made a text full of '&' quadratic.
    let semi = -1;
    const stop = Math.min(s.length, amp + 13);
    for (let k = amp + 1; k < stop; k++) {
      if (s.charCodeAt(k) === 59) {
        semi = k;
        break;
      }
    }
    if (semi === -1) {
      out += '&';
      i = amp + 1;
      continue;
    }
    const name = s.slice(amp + 1, semi);
    let rep: string | undefined;
    if (name.startsWith('#x') || name.startsWith('#X')) rep = fromCode(Number.parseInt(name.slice(2), 16), name);
    else if (name.startsWith('#')) rep = fromCode(Number.parseInt(name.slice(1), 10), name);
    // Own entries only: "&constructor;" in a post must not find what every object inherits.
    else rep = own(NAMED, name);
    if (rep === undefined) {
      out += '&';
      i = amp + 1;
    } else {
      out += rep;
      i = semi + 1;
    }
  }
  return out;
}

function fromCode(code: number, name: string): string | undefined {
  if (!/^#[xX]?[0-9a-fA-F]+$/.test(name)) return undefined;
  if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

/** Tags after which a reader sees a line break. */
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'pre',
]);
/** Elements whose content is never read. */
const SKIP = new Set(['script', 'style', 'head', 'template']);

/**
 * Strip HTML to the text a reader sees: tags removed, `<br>` and block ends become line breaks,
 * `<script>`/`<style>` dropped, entities decoded, runs of spaces collapsed, at most one blank
 * line kept. Unbalanced or broken markup never throws.
 *
 * @example
 * ```ts
 * htmlToText('<p>Storing bij <a href="https://x">@<span>KPN</span></a> &amp; nu?</p><p>Al 3 uur</p>');
 * // 'Storing bij @KPN & nu?\n\nAl 3 uur'
 * ```
 */
export function htmlToText(html: string): string {
  if (!html.includes('<')) return tidy(decodeEntities(html));
  let out = '';
  let i = 0;
  let skipUntil: string | undefined;
  // Set when a tag or comment was just dropped: text that follows must not join a '<' (or '</',
  // '<!') written before it into new markup ("<</script>a>" would read "<a>"), so a space goes
  // between.
  let dropped = false;
  // The last two character codes of `out` (-1 before the start), kept as they are written:
  // reading them from `out`, a string built by `+=`, flattened all of it on every tag.
  let last = -1;
  let beforeLast = -1;
  const emit = (text: string): void => {
    if (text === '') return;
    if (dropped && endsOpen(last, beforeLast) && startsMarkup(text)) {
      out += ' ';
      beforeLast = last;
      last = 32;
    }
    dropped = false;
    out += text;
    const n = text.length;
    beforeLast = n >= 2 ? text.charCodeAt(n - 2) : last;
    last = text.charCodeAt(n - 1);
  };
  // The first '>' after the last one looked for (-1: none to the end, -2: not looked for yet).
  // Every '<' needs the first '>' after it; one indexOf to the end per '<' made a text of '<'
  // without '>' quadratic, so a '>' found is reused by each '<' before it.
  let nextGt = -2;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      if (skipUntil === undefined) emit(decodeEntities(html.slice(i)));
      break;
    }
    if (skipUntil === undefined) emit(decodeEntities(html.slice(i, lt)));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? html.length : end + 3;
      dropped = true;
      continue;
    }
    if (nextGt !== -1 && nextGt <= lt) nextGt = html.indexOf('>', lt + 1);
    const gt = nextGt;
    if (gt === -1) {
      // A lone '<' that opens no tag is text ("a < b").
      if (skipUntil === undefined) emit('<');
      i = lt + 1;
      continue;
    }
    const inner = html.slice(lt + 1, gt);
    // A tag name follows '<' (or '</') at once: 'a < b' is text, as in browsers.
    const m = /^(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(inner);
    if (m === null) {
      if (skipUntil === undefined) emit('<');
      i = lt + 1;
      continue;
    }
    const closing = m[1] === '/';
    const tag = (m[2] ?? '').toLowerCase();
    i = gt + 1;
    dropped = true;
    if (skipUntil !== undefined) {
      if (closing && tag === skipUntil) skipUntil = undefined;
      continue;
    }
    if (!closing && SKIP.has(tag) && !inner.trimEnd().endsWith('/')) {
      skipUntil = tag;
      continue;
    }
    if (tag === 'br') emit('\n');
    else if (tag === 'p' && closing) emit('\n\n');
    else if (BLOCK.has(tag)) emit('\n');
  }
  return tidy(out);
}

/** Output ending in the start of markup: '<', '</' or '<!' (from its last two character codes). */
function endsOpen(last: number, beforeLast: number): boolean {
  if (last === 60) return true;
  return (last === 47 || last === 33) && beforeLast === 60;
}

/** Text that, after {@link endsOpen} output, would read as markup: a letter, '/', '!', '?' or '-'. */
function startsMarkup(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 47 || c === 33 || c === 63 || c === 45;
}

function tidy(s: string): string {
  return s
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
