/**
 * RSS 2.0 / RDF / Atom documents to feed items, on top of the tolerant XML reader. Internal: not
 * a public entry point.
 * @module
 */
import type { SourceEvent } from '../source.js';
import type { Media } from '../types.js';
import { htmlToText } from './_html.js';
import { badShape, toEvent } from './_record.js';
import { type XmlElement, child, children, innerXml, localName, parseXml, textOf } from './_xml.js';

/** One item or entry, with the markup it came from. */
export interface FeedItem {
  /** guid / id / link: what dedup keys on (a content hash when the item has none). */
  key: string;
  el: XmlElement;
  /** The item's source markup (the record of an error event). */
  xml: string;
  format: 'rss' | 'atom';
}

/** A parsed feed: its items in document order, and the feed-level language. */
export interface ParsedFeed {
  format: 'rss' | 'atom';
  title: string;
  lang: string | undefined;
  items: FeedItem[];
}

/** Parse a feed document; `undefined` when it is neither RSS, RDF nor Atom. */
export function parseFeed(xml: string): ParsedFeed | undefined {
  const doc = parseXml(xml);
  const rootEl = doc.children.find((c): c is XmlElement => typeof c !== 'string');
  if (rootEl === undefined) return undefined;
  const root = localName(rootEl.name);
  if (root === 'feed') {
    const items = children(rootEl, 'entry').map((el) => item(el, xml, 'atom'));
    return { format: 'atom', title: textOf(child(rootEl, 'title')).trim(), lang: rootEl.attrs['xml:lang'], items };
  }
  if (root === 'rss' || root === 'RDF') {
    const channel = child(rootEl, 'channel');
    if (channel === undefined) return undefined;
    // RSS 2.0 puts items in the channel; RSS 1.0 (RDF) beside it.
    const els = [...children(channel, 'item'), ...children(rootEl, 'item')];
    const lang = textOf(child(channel, 'language')).trim() || textOf(child(channel, 'dc:language')).trim() || undefined;
    return {
      format: 'rss',
      title: textOf(child(channel, 'title')).trim(),
      lang,
      items: els.map((el) => item(el, xml, 'rss')),
    };
  }
  return undefined;
}

function item(el: XmlElement, xml: string, format: 'rss' | 'atom'): FeedItem {
  let key: string | undefined;
  if (format === 'atom') key = textOf(child(el, 'id')).trim() || atomLink(el);
  else key = textOf(child(el, 'guid')).trim() || textOf(child(el, 'link')).trim() || el.attrs['rdf:about'];
  const markup = xml.slice(el.start, el.end);
  // An item with neither guid nor link (allowed in RSS 2.0) is known by its content.
  if (key === '' || key === undefined) key = `urn:webcare:item:${hash36(markup)}`;
  return { key, el, xml: markup, format };
}

/**
 * FNV-1a, 32 bits, in base 36 (at most 7 characters): short keys for the seen-set in cursors.
 *
 * @example
 * ```ts
 * hash36('https://example.com/post/1'); // a short stable string
 * ```
 */
export function hash36(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

function atomLink(el: XmlElement): string | undefined {
  const links = children(el, 'link');
  const alt = links.find((l) => (l.attrs.rel ?? 'alternate') === 'alternate') ?? links[0];
  return alt?.attrs.href;
}

/** Text of an Atom text construct (`type` text, html or xhtml). */
function atomText(el: XmlElement | undefined): string {
  if (el === undefined) return '';
  const type = el.attrs.type ?? 'text';
  if (type === 'xhtml') return htmlToText(innerXml(el));
  if (type === 'html') return htmlToText(textOf(el));
  return textOf(el).trim();
}

function mediaOf(el: XmlElement): Media[] {
  const out: Media[] = [];
  const add = (url: string | undefined, mime: string | undefined, medium?: string): void => {
    if (url === undefined || out.some((m) => m.url === url)) return;
    const t = (medium ?? mime ?? '').toLowerCase();
    const type: Media['type'] = t.startsWith('image')
      ? 'image'
      : t.startsWith('video')
        ? 'video'
        : t.startsWith('audio')
          ? 'audio'
          : 'other';
    out.push({ type, url });
  };
  for (const e of children(el, 'enclosure')) add(e.attrs.url, e.attrs.type);
  for (const e of children(el, 'media:content')) add(e.attrs.url, e.attrs.type, e.attrs.medium);
  for (const e of children(el, 'media:thumbnail')) add(e.attrs.url, 'image');
  for (const l of children(el, 'link')) if (l.attrs.rel === 'enclosure') add(l.attrs.href, l.attrs.type);
  return out;
}

function date(s: string): Date | undefined {
  const t = Date.parse(s.trim());
  return Number.isNaN(t) ? undefined : new Date(t);
}

/** Turn one item into a mention event (or an error event for a malformed one). */
export function feedItemToEvent(
  it: FeedItem,
  feed: ParsedFeed,
  feedUrl: string,
  source: string,
  cursor?: string,
): SourceEvent {
  const raw = { feed: feedUrl, format: it.format, xml: it.xml };
  if (it.el.broken) return badShape(source, raw, 'item', 'well-formed item markup');
  const el = it.el;
  let title: string;
  let body: string;
  let url: string | undefined;
  let created: Date | undefined;
  let author: string | undefined;
  let inReplyTo: string | undefined;
  let replies: number | undefined;
  if (it.format === 'atom') {
    title = atomText(child(el, 'title'));
    body = atomText(child(el, 'content') ?? child(el, 'summary'));
    url = atomLink(el);
    created = date(textOf(child(el, 'published')) || textOf(child(el, 'updated')));
    const a = child(el, 'author');
    author = a === undefined ? undefined : textOf(child(a, 'name')).trim() || undefined;
    inReplyTo = child(el, 'thr:in-reply-to')?.attrs.ref;
  } else {
    title = htmlToText(textOf(child(el, 'title')));
    const html = textOf(child(el, 'content:encoded')) || textOf(child(el, 'description'));
    body = htmlToText(html);
    url = textOf(child(el, 'link')).trim() || undefined;
    created = date(textOf(child(el, 'pubDate')) || textOf(child(el, 'dc:date')));
    author = textOf(child(el, 'dc:creator')).trim() || textOf(child(el, 'author')).trim() || undefined;
    const n = Number(textOf(child(el, 'slash:comments')).trim());
    replies = textOf(child(el, 'slash:comments')).trim() !== '' && Number.isFinite(n) && n >= 0 ? n : undefined;
  }
  // Titles that are the first words of the body add nothing.
  const text = title === '' ? body : body === '' || body.startsWith(title) ? body || title : `${title}\n\n${body}`;
  if (text.trim() === '') return badShape(source, raw, 'title', 'a title or a description');
  const media = mediaOf(el);
  return toEvent(
    {
      text,
      id: it.key,
      source,
      url,
      createdAt: created,
      author: author === undefined ? undefined : { name: author },
      metrics: replies === undefined ? undefined : { replies },
      media: media.length > 0 ? media : undefined,
      isPublic: true,
      inReplyTo,
      lang: el.attrs['xml:lang'] ?? feed.lang,
      raw,
    },
    cursor,
  );
}
