/**
 * The few SVG helpers `chart` needs: XML escaping, stable number formatting, nice axis ticks and
 * fixed palettes. Output must be byte-for-byte the same for the same input, so numbers are rounded
 * to two decimals and nothing depends on the locale.
 * @module
 */
import type { Category } from '../types.js';

/** Characters XML 1.0 does not allow at all (a title with them would make the SVG unreadable). */
const INVALID_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escape text for an SVG text node or attribute value. */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A coordinate with at most two decimals and no `-0`. */
export function num(x: number): string {
  const r = Math.round(x * 100) / 100 + 0;
  return String(r);
}

/** Round a step to 1, 2 or 5 times a power of ten. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/** Axis domain and ticks covering `[min, max]` (and 0), about `count` ticks. */
export function niceTicks(min: number, max: number, count = 5): { lo: number; hi: number; ticks: number[] } {
  let lo = Math.min(0, min);
  let hi = Math.max(0, max);
  if (hi === lo) hi = lo + 1;
  const step = niceStep((hi - lo) / count);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  // Integer steps avoid 0.30000000000000004 creeping into labels.
  for (let i = 0; lo + i * step <= hi + step / 1e6; i++) ticks.push(Math.round((lo + i * step) * 1e6) / 1e6);
  return { lo, hi, ticks };
}

/** One colour per category, the same in every chart so readers learn them. */
export const CATEGORY_COLORS: Readonly<Record<Category, string>> = {
  disruption: '#d62728',
  delivery: '#ff7f0e',
  billing: '#9467bd',
  product: '#1f77b4',
  customer_service: '#e377c2',
  booking: '#2ca02c',
  privacy: '#8c564b',
  other: '#7f7f7f',
};

/** Colours for groups and series that are not categories (Tableau 10, colour-blind tolerable). */
export const SERIES_COLORS: readonly string[] = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];
