/**
 * Adversarial review of the adapters: requests and records a stranger (or a broken platform)
 * can send. Each one must become an HTTP error or an `error` event, never an exception that takes
 * the source (or the host's process) down.
 */
import { type Server, createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { webhook } from '../../src/adapters/webhook.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

/** Send raw bytes to a server and return the status line of its answer. */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.on('data', (d) => {
      data += d.toString('latin1');
      if (data.includes('\r\n')) {
        socket.destroy();
        resolve(data.split('\r\n')[0] as string);
      }
    });
    socket.setTimeout(5000, () => {
      socket.destroy();
      resolve('no answer');
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(data.split('\r\n')[0] ?? ''));
  });
}

describe('webhook handler and malformed request targets', () => {
  it.each(['//', '//a:99999/hook', '//[', '//@'])(
    'answers 400 to "%s" instead of throwing in the request listener',
    async (target) => {
      const hook = webhook({ appSecret: 'secret' });
      const s = createServer(hook.handler);
      server = s;
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
      const { port } = s.address() as AddressInfo;
      const status = await rawRequest(port, `POST ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n`);
      expect(status).toMatch(/^HTTP\/1\.1 400 /);
      // The server still answers the next, well-formed request.
      const ok = await rawRequest(port, 'GET /hook HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(ok).toMatch(/^HTTP\/1\.1 403 /);
      expect(hook.stats().rejected).toBe(2);
    },
  );
});
