/**
 * Reading the evaluation/training sets (JSON Lines, one labelled item per line) and the fixed
 * internal train/validation split used by scripts/train.ts and scripts/eval.ts.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One labelled item as stored in `<dataset>.<split>.jsonl`. */
export interface Item {
  id: string;
  text: string;
  lang: 'en' | 'nl';
  sentiment?: 'negative' | 'neutral' | 'positive';
  complaint?: boolean;
  severity?: string;
  severity_level?: number;
  negative_reason?: string;
  domain?: string;
}

/** The datasets the scripts know, in table order. */
export const DATASETS = [
  'complaints-en',
  'tweeteval-sentiment-test-en',
  'airline-sentiment-en',
  'political-tweets-nl',
  'pattern-bolcom-nl',
] as const;
export type DatasetName = (typeof DATASETS)[number];

/** Read `<dir>/<name>.<split>.jsonl`, or undefined when absent. */
export function readDataset(dir: string, name: string, split = 'dev'): Item[] | undefined {
  const file = join(dir, `${name}.${split}.jsonl`);
  if (!existsSync(file)) return undefined;
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Item);
}

/** Every known dataset of `<dir>` (`<name>.<split>.jsonl`); absent ones are empty. */
export function readAll(dir: string, split = 'dev'): Record<DatasetName, Item[]> {
  const out = {} as Record<DatasetName, Item[]>;
  for (const name of DATASETS) out[name] = readDataset(dir, name, split) ?? [];
  return out;
}

/**
 * The fixed internal validation split: sha1 of the id, second hex digit below 4 (25 %). It is
 * fold 0 of the 4 cross-validation folds (`foldOf` in scripts/lib/trainer.ts).
 * (The first hex digit is what the held-out split of the data owners uses; the dev files only
 * hold items whose first digit is 3-f, so the second digit is independent of it.)
 */
export function isValidation(id: string): boolean {
  const h = createHash('sha1').update(id).digest('hex');
  return Number.parseInt(h[1] as string, 16) < 4;
}

/** Airline negative reason → our category (undefined: skipped). */
export const AIRLINE_REASON: Record<string, string> = {
  'Customer Service Issue': 'customer_service',
  'Flight Attendant Complaints': 'customer_service',
  longlines: 'customer_service',
  'Late Flight': 'disruption',
  'Cancelled Flight': 'disruption',
  'Lost Luggage': 'delivery',
  'Damaged Luggage': 'delivery',
  'Bad Flight': 'product',
  'Flight Booking Problems': 'booking',
};
