/**
 * Channel failure (kanaalsturing): the customer turned to social media after other channels failed.
 * @module
 */
import type { ScoreContext } from '../context.js';
import type { ChannelFailure } from '../types.js';

const CALLED =
  /\b(?:al\s+)?(\d{1,2}|twee|drie|vier|vijf)\s*(?:keer|x)\s+(?:gebeld|gemaild|gechat)|\bcalled\s+(\d{1,2}|two|three|four|five)\s+times\b/iu;
const NUM: Record<string, number> = { twee: 2, drie: 3, vier: 4, vijf: 5, two: 2, three: 3, four: 4, five: 5 };

/**
 * Detect that the customer already tried other channels.
 *
 * @example
 * ```ts
 * scoreMention('Al 3 keer gebeld, nog steeds geen internet').channelFailure.attempts; // 3
 * ```
 */
export function detectChannelFailure(ctx: ScoreContext): ChannelFailure {
  const m = CALLED.exec(ctx.analysis.text);
  if (m === null) return { detected: false, channels: [] };
  const n = m[1] ?? m[2] ?? '';
  const attempts = NUM[n.toLowerCase()] ?? Number.parseInt(n, 10);
  ctx.reasons.push({
    code: 'channel-failure',
    message: `says they tried ${attempts} times`,
    weight: 0.15,
    target: 'pillory',
  });
  return { detected: true, channels: ['phone'], attempts };
}
