/**
 * The redirect rules of the adapters' shared `request()`: they hold for any `fetch` (the runtime's
 * or an injected one), because the adapters follow redirects themselves.
 */
import { describe, expect, it } from 'vitest';
import { request } from '../../src/adapters/_http.js';
import { WebcareError } from '../../src/errors.js';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A fetch that answers from a table of URL -> response, and logs every call. */
function fakeFetch(routes: Record<string, () => Response>): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const f = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    calls.push({
      url,
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string> | undefined) },
      body: init?.body,
    });
    expect(init?.redirect).toBe('manual');
    const route = routes[url];
    return route === undefined ? new Response('not found', { status: 404 }) : route();
  };
  return { fetch: f as typeof fetch, calls };
}

const moved = (status: number, location: string) => () => new Response(null, { status, headers: { location } });

const base = { signal: new AbortController().signal, timeoutMs: 1000, source: 't' };

async function failure(p: Promise<unknown>): Promise<WebcareError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WebcareError) return e;
    throw e;
  }
  throw new Error('expected a WebcareError');
}

describe('request(): redirects', () => {
  it('follows a same-origin redirect with every header', async () => {
    const { fetch, calls } = fakeFetch({
      'https://api.example/a': moved(301, '/b'),
      'https://api.example/b': () => new Response('ok'),
    });
    const headers = { authorization: 'Bearer s3cret', 'x-api-key': 'k', accept: 'application/json' };
    const { res } = await request('https://api.example/a', { ...base, fetch, headers });
    expect(await res.text()).toBe('ok');
    expect(calls.map((c) => c.url)).toEqual(['https://api.example/a', 'https://api.example/b']);
    expect(calls[1]?.headers).toEqual(headers);
  });

  it('drops credentials and custom headers when a redirect leaves the origin', async () => {
    const { fetch, calls } = fakeFetch({
      'https://api.example/a': moved(302, 'https://cdn.example/feed'),
      'https://cdn.example/feed': () => new Response('ok'),
    });
    const headers = {
      Authorization: 'Bearer s3cret',
      'x-api-key': 'k',
      'User-Agent': 'webcare-test',
      'if-none-match': 'W/"1"',
    };
    await request('https://api.example/a', { ...base, fetch, headers });
    expect(calls[1]?.headers).toEqual({ 'User-Agent': 'webcare-test', 'if-none-match': 'W/"1"' });
  });

  it('refuses a redirect from https to plain http, or to another scheme', async () => {
    for (const to of ['http://api.example/b', 'ftp://api.example/b', 'file:///etc/passwd']) {
      const { fetch, calls } = fakeFetch({ 'https://api.example/a': moved(307, to) });
      const e = await failure(request('https://api.example/a', { ...base, fetch }));
      expect(e.code).toBe('SOURCE_HTTP');
      expect(e.message).toMatch(/refused a redirect from https: to/);
      expect(calls).toHaveLength(1);
    }
  });

  it('gives up after maxRedirects hops', async () => {
    const { fetch, calls } = fakeFetch({
      'http://loop.example/a': moved(302, '/b'),
      'http://loop.example/b': moved(302, '/a'),
    });
    const e = await failure(request('http://loop.example/a', { ...base, fetch, maxRedirects: 3 }));
    expect(e.code).toBe('SOURCE_HTTP');
    expect(e.message).toContain('more than 3 redirects');
    expect(calls).toHaveLength(4);
  });

  it('turns a POST into a GET without body after 303 (and 301/302), keeps it after 307', async () => {
    for (const [status, method] of [
      [303, 'GET'],
      [302, 'GET'],
      [307, 'POST'],
    ] as const) {
      const { fetch, calls } = fakeFetch({
        'http://api.example/rules': moved(status, '/rules2'),
        'http://api.example/rules2': () => new Response('{}'),
      });
      await request('http://api.example/rules', { ...base, fetch, method: 'POST', body: '{"add":[]}' });
      expect(calls[1]?.method).toBe(method);
      expect(calls[1]?.body).toBe(method === 'POST' ? '{"add":[]}' : undefined);
    }
  });
});
