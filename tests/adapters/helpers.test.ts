import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../src/adapters/_html.js';
import {
  type OpenResponse,
  RecentSet,
  compareIds,
  parseRetryAfter,
  parseSse,
  readBody,
  readLines,
} from '../../src/adapters/_http.js';

/** A response whose body arrives in exactly these byte chunks. */
function chunked(chunks: Uint8Array[], opts: { fail?: boolean } = {}): OpenResponse {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(ctl) {
      const c = chunks[i++];
      if (c !== undefined) ctl.enqueue(c);
      else if (opts.fail === true) ctl.error(new Error('socket hang up'));
      else ctl.close();
    },
  });
  return { res: new Response(body), controller: new AbortController(), release: () => undefined };
}

async function lines(open: OpenResponse, idleMs = 5000): Promise<string[]> {
  const out: string[] = [];
  for await (const l of readLines(open, { signal: new AbortController().signal, idleMs, source: 't' })) out.push(l);
  return out;
}

async function* from(ls: string[]): AsyncGenerator<string> {
  yield* ls;
}

describe('adapter helpers: HTTP', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-10-21T07:27:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Tue, 21 Oct 2025 07:28:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Tue, 21 Oct 2025 07:00:00 GMT', now)).toBe(0); // in the past
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });

  it('splits lines across chunks, including a UTF-8 character cut in half and CRLF endings', async () => {
    const bytes = new TextEncoder().encode('{"t":"😡 één"}\r\n\r\nsecond\nlast-without-newline');
    // Every possible cut point of the first line.
    for (let cut = 1; cut < 20; cut++) {
      const got = await lines(chunked([bytes.subarray(0, cut), bytes.subarray(cut)]));
      expect(got).toEqual(['{"t":"😡 één"}', '', 'second', 'last-without-newline']);
    }
    const oneByOne = [...bytes].map((b) => Uint8Array.of(b));
    expect(await lines(chunked(oneByOne))).toEqual(['{"t":"😡 één"}', '', 'second', 'last-without-newline']);
  });

  it('readBody: reads a body across chunks, times out a stalled one, caps a large one', async () => {
    const opts = { signal: new AbortController().signal, idleMs: 40, source: 't' };
    const bytes = new TextEncoder().encode('{"t":"😡 één"}');
    const oneByOne = [...bytes].map((b) => Uint8Array.of(b));
    expect(await readBody(chunked(oneByOne), opts)).toBe('{"t":"😡 één"}');
    // Headers came, one piece of body, then nothing: the idle timer closes it.
    const controller = new AbortController();
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(ctl) {
        if (!sent) {
          sent = true;
          ctl.enqueue(Uint8Array.of(0x7b));
          return;
        }
        return new Promise<void>(() => {
          controller.signal.addEventListener('abort', () => ctl.error(new Error('aborted')));
        });
      },
    });
    const stalled: OpenResponse = { res: new Response(body), controller, release: () => undefined };
    await expect(readBody(stalled, opts)).rejects.toMatchObject({ code: 'SOURCE_TIMEOUT' });
    const big = chunked([new Uint8Array(600), new Uint8Array(600)]);
    await expect(readBody(big, { ...opts, maxBytes: 1000 })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(big.controller.signal.aborted).toBe(true);
    await expect(readBody(chunked([Uint8Array.of(1)], { fail: true }), opts)).rejects.toMatchObject({
      code: 'SOURCE_FAILED',
    });
  });

  it('drops a cut-off last line when told the stream terminates every record', async () => {
    const bytes = new TextEncoder().encode('{"a":1}\r\n{"b":');
    const open = chunked([bytes]);
    const out: string[] = [];
    const opts = { signal: new AbortController().signal, idleMs: 5000, source: 't', unterminated: 'drop' as const };
    for await (const l of readLines(open, opts)) out.push(l);
    expect(out).toEqual(['{"a":1}']);
  });

  it('turns a broken body into SOURCE_FAILED and closes a silent connection after idleMs', async () => {
    await expect(lines(chunked([new TextEncoder().encode('a\n')], { fail: true }))).rejects.toMatchObject({
      code: 'SOURCE_FAILED',
    });
    const silent: OpenResponse = {
      res: new Response(new ReadableStream({ pull: () => new Promise(() => undefined) })),
      controller: new AbortController(),
      release: () => undefined,
    };
    silent.controller.signal.addEventListener('abort', () => undefined);
    const it = readLines(silent, { signal: new AbortController().signal, idleMs: 30, source: 't' });
    // The idle timer aborts the connection's controller; a real fetch body then errors.
    const pending = it.next();
    await new Promise((r) => setTimeout(r, 60));
    expect(silent.controller.signal.aborted).toBe(true);
    void pending.catch(() => undefined);
  });

  it('parses server-sent events: multi-line data, comments, ids, events without data', async () => {
    const evs = [];
    for await (const ev of parseSse(
      from([
        ':thump',
        'event: update',
        'data: {"a":',
        'data: 1}',
        'id: 7',
        '',
        'event: ignored-no-data',
        '',
        'data:no space',
        '',
        'retry: 100',
        ':)',
      ]),
    )) {
      evs.push(ev);
    }
    expect(evs).toEqual([
      { event: 'update', data: '{"a":\n1}', id: '7' },
      { event: 'message', data: 'no space', id: '7' },
    ]);
  });

  it('compares snowflake ids without losing precision', () => {
    expect(compareIds('1859000000000001001', '1859000000000001000')).toBe(1);
    expect(compareIds('999', '1000')).toBe(-1);
    expect(compareIds('0042', '42')).toBe(0);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 70n }), fc.bigInt({ min: 0n, max: 2n ** 70n }), (a, b) => {
        expect(compareIds(String(a), String(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });

  it('keeps a bounded set of recent keys', () => {
    const s = new RecentSet(3);
    for (const k of ['a', 'b', 'c', 'a', 'd']) s.add(k);
    expect(['a', 'b', 'c', 'd'].map((k) => s.has(k))).toEqual([true, false, true, true]);
  });
});

describe('adapter helpers: HTML', () => {
  it('strips tags, keeps line structure, decodes entities', () => {
    expect(htmlToText('<p>Hoi&nbsp;<b>daar</b></p><p>regel 2<br>regel 3</p>')).toBe('Hoi daar\n\nregel 2\nregel 3');
    expect(htmlToText('<script>alert(1)</script><style>p{}</style>tekst')).toBe('tekst');
    expect(htmlToText('a < b && c > d')).toBe('a < b && c > d');
    expect(htmlToText('<!-- x -->&lt;b&gt; is literal')).toBe('<b> is literal');
    expect(decodeEntities('&#39;&#x27;&quot;&amp;amp;&unknown;&#xD800;')).toBe(`''"&amp;&unknown;\ufffd`);
    // Names every object inherits are not entities.
    for (const name of ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty'])
      expect(decodeEntities(`a &${name}; b`)).toBe(`a &${name}; b`);
  });

  it('does not join a stray "<" and the text after a dropped tag into new markup', () => {
    // Found by the property below: the '<' before "</script>" is text, the tag goes, and
    // "a-->" then read "<a-->".
    expect(htmlToText('<</script>a-->')).toBe('< a-->');
    expect(htmlToText('<<!-- c -->a>')).toBe('< a>');
    expect(htmlToText('1 <</b>/p>')).toBe('1 < /p>');
    expect(htmlToText('</<A>p-->')).toBe('</ p-->');
    expect(htmlToText('a < b')).toBe('a < b');
  });

  it('never throws and leaves no tag-shaped markup from the input (property)', () => {
    const tag = fc.constantFrom(
      '<p>',
      '</p>',
      '<br/>',
      '<a href="x">',
      '</a>',
      '<script>',
      '</script>',
      '<!--',
      '-->',
      '&amp;',
      '&#128512;',
      '<',
      '>',
      '/',
      '-',
      '<A>',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 8 }), tag), { maxLength: 40 }), (parts) => {
        const html = parts.join('');
        const out = htmlToText(html);
        expect(typeof out).toBe('string');
        expect(out.length).toBeLessThanOrEqual(html.length + 2 * parts.length);
        // Whatever tags the input had are gone (only decoded entities could bring '<' back).
        if (!html.includes('&')) expect(out).not.toMatch(/<\/?[A-Za-z][^<>]*>/);
      }),
      { numRuns: 500 },
    );
  });
});
