/**
 * Adversarial review of the CLI: bad flags and arguments get a clear message and exit code 2,
 * bad lines are reported and skipped, and the good lines are still scored.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const cli = join(root, 'dist', 'cli', 'main.js');
let dir: string;

beforeAll(() => {
  if (!existsSync(cli)) {
    const b = spawnSync('npx', ['tsup'], { cwd: root, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  }
  dir = mkdtempSync(join(tmpdir(), 'webcare-cli-adv-'));
});

function webcare(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: dir,
    encoding: 'utf8',
    input,
    env: { PATH: process.env.PATH ?? '' },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 20_000, // a command that should have refused its arguments may be serving or retrying instead
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const good = (text: string) => JSON.stringify({ text });

describe('webcare triage: hostile files', () => {
  it('scores the good lines of a file with broken JSON, binary garbage, blank lines and a 10 MB line', () => {
    const file = join(dir, 'hostile.jsonl');
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(`${good('Al 3 dagen storing @kpn')}\n{"text": \n\n`),
        garbage,
        Buffer.from(`\n${JSON.stringify({ text: 'x'.repeat(10 * 1024 * 1024) })}\n${good('Mijn pakket is kwijt')}\n`),
      ]),
    );
    const r = webcare(['triage', file, '--json']);
    expect(r.code).toBe(0);
    const scored = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).mention.text.slice(0, 20));
    expect(scored).toContain('Al 3 dagen storing @');
    expect(scored).toContain('Mijn pakket is kwijt');
    expect(r.stderr).toMatch(/line 2 skipped \(INVALID_JSON/);
    expect(r.stderr).toMatch(/3 mentions scored, \d+ skipped/);
  });

  it('an empty file scores nothing and exits 0', () => {
    const file = join(dir, 'empty.jsonl');
    writeFileSync(file, '');
    const r = webcare(['triage', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('0 mentions scored, 0 skipped');
  });

  it('a missing file is exit 1 with the path named', () => {
    const r = webcare(['triage', 'no-such-file.jsonl']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot read no-such-file.jsonl');
  });
});

describe('webcare triage, dashboard, enqueue: more than one file', () => {
  it.each([['triage'], ['dashboard'], ['enqueue']])(
    '%s refuses a second file (a shell glob) instead of silently reading only the first',
    (command) => {
      const a = join(dir, 'a.jsonl');
      const b = join(dir, 'b.jsonl');
      writeFileSync(a, `${good('een')}\n`);
      writeFileSync(b, `${good('twee')}\n`);
      const r = webcare([command, a, b]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/one file/);
      expect(r.stderr).toContain('b.jsonl');
    },
  );
});

describe('webcare triage --limit', () => {
  it.each([['abc'], ['-1'], ['2.5'], ['10abc'], ['']])('refuses --limit "%s" with exit 2', (limit) => {
    const file = join(dir, 'limit.jsonl');
    writeFileSync(file, `${good('een')}\n${good('twee')}\n`);
    const r = webcare(['triage', file, `--limit=${limit}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--limit');
  });

  it('--limit 1 prints one row and --limit 0 none', () => {
    const file = join(dir, 'limit.jsonl');
    writeFileSync(file, `${good('een')}\n${good('twee')}\n`);
    const one = webcare(['triage', file, '--limit', '1']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('1 more');
    const none = webcare(['triage', file, '--limit', '0']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('2 more');
  });
});

describe('a JSON Lines file that starts with a byte order mark', () => {
  it('webcare triage scores its first line', () => {
    const file = join(dir, 'bom.jsonl');
    writeFileSync(file, `\uFEFF${good('Al 3 dagen storing')}\r\n${good('Mijn pakket is kwijt')}\r\n`);
    const r = webcare(['triage', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('2 mentions scored, 0 skipped');
  });
});
