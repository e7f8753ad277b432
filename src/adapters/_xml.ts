/**
 * A small, tolerant XML reader for feeds (RSS 2.0, Atom, RDF): elements with qualified names,
 * attributes, text with entities decoded, CDATA, comments, processing instructions and DOCTYPE
 * skipped. It never throws: a closing tag that does not match closes up to the element it names
 * and marks the elements it had to close (and their ancestors up to that one) as `broken`, so a
 * feed reader can report one bad item and keep the rest. Linear in the input.
 * Internal: not a public entry point.
 * @module
 */
import { decodeEntities } from './_html.js';

/** An XML element. */
export interface XmlElement {
  /** Qualified name as written, e.g. `item`, `content:encoded`, `atom:link`. */
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
  /** Offsets of the element's markup in the source, for error reports. */
  start: number;
  end: number;
  /** The markup inside was not well-formed (a missing or mismatched closing tag). */
  broken: boolean;
}

/** The local part of a qualified name (`content:encoded` → `encoded`). */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i === -1 ? name : name.slice(i + 1);
}

function parseAttrs(s: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([^\s=/"'<>]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const name = m[1] as string;
    attrs[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/**
 * Parse XML into a root element named `#document` whose children are the top-level elements.
 *
 * @example
 * ```ts
 * const doc = parseXml('<rss><channel><title>A &amp; B</title></channel></rss>');
 * textOf(child(child(child(doc, 'rss')!, 'channel')!, 'title')!); // 'A & B'
 * ```
 */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], start: 0, end: xml.length, broken: false };
  const stack: XmlElement[] = [root];
  // How many elements of each name are open: a closing tag that names none of them is known at
  // once, without a walk down the whole stack (which made such tags under deep nesting quadratic).
  const open = new Map<string, number>();
  let i = 0;
  const top = (): XmlElement => stack[stack.length - 1] as XmlElement;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) {
      pushText(top(), decodeEntities(xml.slice(i)));
      break;
    }
    if (lt > i) pushText(top(), decodeEntities(xml.slice(i, lt)));
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      pushText(top(), xml.slice(lt + 9, end === -1 ? xml.length : end));
      i = end === -1 ? xml.length : end + 3;
      continue;
    }
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      i = end === -1 ? xml.length : end + 3;
      continue;
    }
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      i = end === -1 ? xml.length : end + 2;
      continue;
    }
    if (xml.startsWith('<!', lt)) {
      // DOCTYPE, possibly with an internal subset in brackets. The '[' is looked for only before
      // the '>' (an indexOf to the end for every '<!' made a run of them quadratic).
      const gt = xml.indexOf('>', lt);
      let bracket = -1;
      for (let k = lt; k < gt; k++) {
        if (xml.charCodeAt(k) === 91) {
          bracket = k;
          break;
        }
      }
      if (bracket !== -1) {
        const close = xml.indexOf(']>', bracket);
        i = close === -1 ? xml.length : close + 2;
      } else {
        i = gt === -1 ? xml.length : gt + 1;
      }
      continue;
    }
    // A '<' that cannot start a tag ("a < b", "<3") or whose tag never ends before the next '<'
    // is a literal character, as browsers and forgiving feed readers take it: one unescaped '<'
    // must not turn the rest of the feed, every later item with it, into text.
    if (!startsTag(xml.charCodeAt(lt + 1))) {
      pushText(top(), '<');
      i = lt + 1;
      continue;
    }
    const gt = findTagEnd(xml, lt + 1);
    if (gt === -1) {
      pushText(top(), xml.slice(lt));
      break;
    }
    if (xml.charCodeAt(gt) === 60) {
      pushText(top(), decodeEntities(xml.slice(lt, gt)));
      i = gt;
      continue;
    }
    const inner = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim();
      closeTag(stack, open, name, lt, gt + 1);
      continue;
    }
    const selfClosing = inner.endsWith('/');
    const body = selfClosing ? inner.slice(0, -1) : inner;
    const m = /^([^\s/>]+)/.exec(body);
    if (m === null) {
      pushText(top(), xml.slice(lt, gt + 1));
      continue;
    }
    const name = m[1] as string;
    const el: XmlElement = {
      name,
      attrs: parseAttrs(body.slice(name.length)),
      children: [],
      start: lt,
      end: gt + 1,
      broken: false,
    };
    top().children.push(el);
    if (!selfClosing) {
      stack.push(el);
      open.set(name, (open.get(name) ?? 0) + 1);
    }
  }
  // Elements still open at the end were never closed.
  while (stack.length > 1) {
    const el = stack.pop() as XmlElement;
    el.broken = true;
    el.end = xml.length;
  }
  return root;
}

/** Whether a character can follow '<' in a tag: a name start, '/' of a closing tag. */
function startsTag(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 47 || c === 95 || c === 58 || c > 127 // a-z A-Z / _ : non-ASCII
  );
}

/**
 * The index of the `>` that ends a tag, skipping quoted attribute values; or of a `<` met first
 * outside quotes (this tag was never finished); -1 when the input ends first.
 */
function findTagEnd(xml: string, from: number): number {
  let quote = '';
  for (let j = from; j < xml.length; j++) {
    const c = xml[j];
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>' || c === '<') return j;
  }
  return -1;
}

function closeTag(stack: XmlElement[], open: Map<string, number>, name: string, at: number, end: number): void {
  let k = stack.length - 1;
  // Only walked when an element of that name is open: everything above it is then popped, so
  // each element is walked over once.
  if ((open.get(name) ?? 0) === 0) k = 0;
  else while (k > 0 && (stack[k] as XmlElement).name !== name) k--;
  if (k === 0) {
    // A closing tag for nothing open: the enclosing element is malformed.
    const cur = stack[stack.length - 1] as XmlElement;
    if (stack.length > 1) cur.broken = true;
    return;
  }
  const target = stack[k] as XmlElement;
  // Everything opened after the named element was left unclosed.
  if (k < stack.length - 1) target.broken = true;
  while (stack.length - 1 > k) {
    const el = stack.pop() as XmlElement;
    open.set(el.name, (open.get(el.name) ?? 1) - 1);
    el.broken = true;
    el.end = at;
  }
  stack.pop();
  open.set(name, (open.get(name) ?? 1) - 1);
  target.end = end;
}

function pushText(el: XmlElement, text: string): void {
  if (text === '') return;
  const last = el.children[el.children.length - 1];
  if (typeof last === 'string') el.children[el.children.length - 1] = last + text;
  else el.children.push(text);
}

/** Children with this local name (any namespace prefix) or this exact qualified name. */
export function children(el: XmlElement, name: string): XmlElement[] {
  const wantQualified = name.includes(':');
  return el.children.filter(
    (c): c is XmlElement => typeof c !== 'string' && (wantQualified ? c.name === name : localName(c.name) === name),
  );
}

/** The first child with this name (see {@link children}). */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  return children(el, name)[0];
}

/** Push an element's children on a work list so that they pop in document order. */
function pushChildren(todo: unknown[], el: XmlElement): void {
  for (let k = el.children.length - 1; k >= 0; k--) todo.push(el.children[k]);
}

/**
 * All text inside an element, concatenated. A loop over a work list, not recursion: a feed can
 * nest elements deeper than the call stack (the parser itself keeps no limit).
 */
export function textOf(el: XmlElement | undefined): string {
  if (el === undefined) return '';
  let out = '';
  const todo: (XmlElement | string)[] = [];
  pushChildren(todo, el);
  while (todo.length > 0) {
    const c = todo.pop() as XmlElement | string;
    if (typeof c === 'string') out += c;
    else pushChildren(todo, c);
  }
  return out;
}

/** Serialise an element's children back to markup (Atom `type="xhtml"` content), without recursion. */
export function innerXml(el: XmlElement): string {
  let out = '';
  // A closing tag to write is queued as `{ close: name }` after the element's children.
  const todo: (XmlElement | string | { close: string })[] = [];
  pushChildren(todo, el);
  while (todo.length > 0) {
    const c = todo.pop() as XmlElement | string | { close: string };
    if (typeof c === 'string') out += c.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    else if ('close' in c) out += `</${c.close}>`;
    else {
      out += `<${c.name}>`;
      todo.push({ close: c.name });
      pushChildren(todo, c);
    }
  }
  return out;
}
