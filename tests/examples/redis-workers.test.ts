/**
 * Runs examples/redis-workers/run.sh end to end against a private redis-server on a free port:
 * 5,000 mentions, three CLI workers (one SIGKILLed mid-batch), an embedded worker and the helpdesk
 * consumer. The example must end with one assessment per mention, nothing pending, and one helpdesk
 * case per escalation.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT, SKIP_REASON, freePort } from '../redis/redis-server.js';

describe.skipIf(SKIP_REASON !== undefined && !process.env.CI)('examples/redis-workers/run.sh', () => {
  it('ends with every mention assessed once, nothing pending, a case per escalation', async () => {
    const port = await freePort();
    const r = spawnSync('bash', ['examples/redis-workers/run.sh'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PORT: String(port), NO_COLOR: '1' },
      timeout: 150_000,
    });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.status, out).toBe(0);
    expect(out).toMatch(/killing cli-b with SIGKILL while it holds \d+ unacknowledged entries/);
    const m = out.match(/assessments: (\d+), escalations: (\d+), pending: (\d+)/);
    expect(m, out).not.toBeNull();
    const [assessments, escalations, pending] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
    expect(assessments).toBe(5000);
    expect(pending).toBe(0);
    expect(escalations).toBeGreaterThan(0);
    expect(escalations).toBeLessThan(5000);
    const cases = out.match(/helpdesk opened (\d+) cases/);
    expect(Number(cases?.[1])).toBe(escalations);
    // The surviving workers report what they did; the killed one printed nothing.
    const assessedLines = out.match(/assessed \d+/g) ?? [];
    expect(assessedLines.length).toBe(3);
    expect(out).not.toMatch(/cli-b: assessed/);
  }, 180_000);
});
