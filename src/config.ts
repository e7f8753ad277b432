/**
 * Scorer configuration: the brand, routing, priority policy and SLA. Validated once, at
 * construction, so a typo fails loudly instead of silently scoring wrong.
 * @module
 */
import { WebcareError, invalidConfig } from './errors.js';
import { type PlatformOverrides, type PlatformRates, resolvePlatforms } from './escalate/platforms.js';
import { CATEGORIES, type Category, type Intent, type Priority, type Severity } from './types.js';

const INTENT_NAMES = [
  'complaint',
  'question',
  'praise',
  'suggestion',
  'spam',
  'other',
] as const satisfies readonly Intent[];
// Fails to compile when Intent gains a value this list does not name (it would not be routable).
const allIntentsListed: Exclude<Intent, (typeof INTENT_NAMES)[number]> extends never ? true : never = true;
void allIntentsListed;

/** The keys a routing table may have: every category and every intent. */
const ROUTING_KEYS: ReadonlySet<string> = new Set<string>([...CATEGORIES, ...INTENT_NAMES]);

/** A plain object (not null, not an array): what every map-like config field must be. */
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The brand a scorer watches.
 *
 * @example
 * ```ts
 * import type { BrandConfig } from 'webcare';
 *
 * const brand: BrandConfig = { names: ['KPN'], handles: ['kpn', 'kpnwebcare'], aliases: ['Telfort'] };
 * ```
 */
export interface BrandConfig {
  /** Names as people write them: `['KPN']`, `['Bol', 'bol.com']`. */
  names?: string[];
  /** Platform handles without `@`: `['kpn', 'kpnwebcare']`. */
  handles?: string[];
  /** Other words that mean the brand: product names, old names. */
  aliases?: string[];
}

/**
 * What a priority policy sees.
 *
 * @example
 * ```ts
 * import type { PolicyInput, PriorityPolicy } from 'webcare';
 *
 * const night: PriorityPolicy = {
 *   name: 'night',
 *   decide: (input: PolicyInput) => ({ priority: input.urgency >= 0.5 ? 'P1' : 'P4', reason: 'urgency only at night' }),
 * };
 * ```
 */
export interface PolicyInput {
  /** 0..1: how time-critical the customer's own need is. */
  urgency: number;
  /** 0..1: risk that the mention becomes public shaming that hurts the brand. */
  pilloryRisk: number;
  /** What the author wants. */
  intent: Intent;
  /** How hard the reproach is; `none` when it is not a complaint. */
  severity: Severity;
  /** Whether the mention is a complaint (its probability above the decision threshold). */
  isComplaint: boolean;
  /** Calibrated probability (0..1) that the mention is a complaint. */
  complaintProbability: number;
  /** Whether the spam detector fired; the scorer keeps spam at P4 whatever the policy says. */
  isSpam: boolean;
  /** Estimated reach (people). A fair policy ignores it. */
  reach: number;
  /** Sentiment score, -1 (very negative) .. 1 (very positive). */
  sentimentScore: number;
  /** The customer tried other channels first (kanaalsturing). */
  channelFailure: boolean;
  /** Earlier contacts by the same author (from `ScoreOptions.priorContacts`); 0 or absent for a first contact. */
  priorContacts?: number;
  /** Language for the decision's `reason`. */
  locale?: 'en' | 'nl';
  /** The mention addresses the brand (tags its handle, replies to it, or the platform says so). */
  addressed?: boolean;
}

/**
 * What a priority policy decides.
 *
 * @example
 * ```ts
 * import type { PolicyDecision } from 'webcare';
 *
 * const d: PolicyDecision = { priority: 'P2', reason: 'a complaint with a legal threat' };
 * ```
 */
export interface PolicyDecision {
  /** The priority, `P1` (most pressing) to `P4`. */
  priority: Priority;
  /** Why, in a short sentence (in `input.locale` when the policy supports it), for `reasons`. */
  reason: string;
  /** The combined score (0..1) behind the priority, when the policy has one. */
  score?: number;
  /** What the built-in policies render `reason` from, so it can be shown in another locale. */
  detail?: string;
}

/**
 * A priority policy: turns the scores into P1-P4. Hosts may pass their own object.
 *
 * @example
 * ```ts
 * import { createScorer, type PriorityPolicy } from 'webcare';
 *
 * const urgentOnly: PriorityPolicy = {
 *   name: 'urgent-only',
 *   decide: (i) => ({ priority: i.isSpam ? 'P4' : i.urgency >= 0.5 ? 'P1' : 'P3', reason: 'urgency decides' }),
 * };
 * createScorer({ policy: urgentOnly });
 * ```
 */
export interface PriorityPolicy {
  /** Name of the policy; a host policy's reason code is `policy-` plus this name in kebab case. */
  name: string;
  /** Decide the priority (and a short reason) from the scores of one mention. */
  decide(input: PolicyInput): PolicyDecision;
}

/**
 * Minutes within which to respond, per priority.
 *
 * @example
 * ```ts
 * import type { Sla } from 'webcare';
 *
 * const sla: Sla = { P1: 10, P2: 30, P3: 120, P4: 720 };
 * ```
 */
export type Sla = Record<Priority, number>;

/**
 * The default SLA: P1 15 min, P2 an hour, P3 four hours, P4 a day.
 *
 * @example
 * ```ts
 * import { DEFAULT_SLA } from 'webcare';
 * DEFAULT_SLA.P1; // 15
 * ```
 */
export const DEFAULT_SLA: Readonly<Sla> = Object.freeze({ P1: 15, P2: 60, P3: 240, P4: 1440 });

/**
 * Which team handles which kind of mention. Keys are categories or intents.
 *
 * @example
 * ```ts
 * import type { Routing } from 'webcare';
 *
 * const routing: Routing = { billing: 'finance', disruption: 'noc', suggestion: 'product' };
 * ```
 */
export type Routing = Partial<Record<Category | Intent, string>>;

/**
 * Extra words for the sentiment lexicon: word → valence (-5..5), per language.
 *
 * @example
 * ```ts
 * import type { ExtraWords } from 'webcare';
 *
 * const extraWords: ExtraWords = { nl: { flubberig: -3 }, en: { snappy: 2 } };
 * ```
 */
export type ExtraWords = Partial<Record<'nl' | 'en', Record<string, number>>>;

/**
 * Configuration of {@link createScorer}.
 *
 * @example
 * ```ts
 * import { createScorer, type ScorerConfig } from 'webcare';
 *
 * const config: ScorerConfig = {
 *   brand: { names: ['KPN'], handles: ['kpn'] },
 *   policy: 'fair',
 *   sla: { P1: 10 },
 *   locale: 'nl',
 *   platforms: { mastodon: { followerReach: 0.3 } },
 * };
 * createScorer(config);
 * ```
 */
export interface ScorerConfig {
  /** The brand to watch: its names, handles and aliases. */
  brand?: BrandConfig;
  /** Category/intent → team. Defaults route suggestions/product to `product`, outages to `operations`, billing to `finance`. */
  routing?: Routing;
  /** `'default'` (urgency and pillory risk), `'fair'` (urgency and severity only) or your own. */
  policy?: 'default' | 'fair' | PriorityPolicy;
  /** Minutes to respond per priority; merged over {@link DEFAULT_SLA}. */
  sla?: Partial<Sla>;
  /** Words to add to (or override in) the sentiment lexicon. */
  extraWords?: ExtraWords;
  /** Language of the messages in `reasons`. */
  locale?: 'en' | 'nl';
  /** The current time in epoch ms, for ages of posts. Defaults to `Date.now()` per call. */
  now?: () => number;
  /**
   * Platform base rates for the reach estimate, merged over the default table (`PLATFORMS`):
   * `{ mastodon: { followerReach: 0.3 }, threads: { halfLifeHours: 2 } }`.
   */
  platforms?: PlatformOverrides;
}

/**
 * A validated configuration with every default filled in.
 *
 * @example
 * ```ts
 * import { resolveConfig, type ResolvedConfig } from 'webcare';
 *
 * const resolved: ResolvedConfig = resolveConfig({ sla: { P1: 10 } });
 * resolved.sla.P2; // 60
 * ```
 */
export interface ResolvedConfig {
  /** Brand names, aliases and handles, lower-cased. */
  brandTerms: Set<string>;
  /** Brand handles, lower-cased and without `@`. */
  brandHandles: Set<string>;
  /** {@link DEFAULT_ROUTING} with the configured routing merged over it. */
  routing: Routing;
  /** The priority policy: `'default'`, `'fair'` or a host's own (checked to have `decide`). */
  policy: 'default' | 'fair' | PriorityPolicy;
  /** Minutes to respond per priority: {@link DEFAULT_SLA} with the configured values merged over it. */
  sla: Sla;
  /** Validated extra lexicon words per language, the words lower-cased. */
  extraWords: ExtraWords;
  /** Language of the messages in `reasons` (default `'en'`). */
  locale: 'en' | 'nl';
  /** The clock in epoch ms (default `Date.now`). */
  now: () => number;
  /** Platform table (defaults merged with the overrides), keyed by `mention.source`; `default` for others. */
  platforms: Readonly<Record<string, Readonly<PlatformRates>>>;
}

/**
 * Default routing, after article 003: product feedback to product, outages to operations.
 *
 * @example
 * ```ts
 * import { DEFAULT_ROUTING } from 'webcare';
 * DEFAULT_ROUTING.billing; // 'finance'
 * ```
 */
export const DEFAULT_ROUTING: Readonly<Routing> = Object.freeze({
  disruption: 'operations',
  delivery: 'logistics',
  billing: 'finance',
  product: 'product',
  suggestion: 'product',
  customer_service: 'webcare',
  booking: 'sales-support',
  privacy: 'security',
  other: 'webcare',
});

const CONFIG_KEYS: readonly (keyof ScorerConfig)[] = [
  'brand',
  'routing',
  'policy',
  'sla',
  'extraWords',
  'locale',
  'now',
  'platforms',
];
const BRAND_KEYS: readonly (keyof BrandConfig)[] = ['names', 'handles', 'aliases'];

/** Edit distance, for "did you mean" (short keys only). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length] as number;
}

/** Refuse keys a configuration object does not have: a misspelt option would be silently ignored. */
function knownKeys(obj: object, known: readonly string[], prefix: string): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const lower = key.toLowerCase();
    const near = key.length <= 40 ? known.find((k) => distance(lower, k.toLowerCase()) <= 2) : undefined;
    const field = `${prefix}${key.slice(0, 40)}`;
    const hint = near === undefined ? '' : ` (did you mean ${prefix}${near}?)`;
    const options = known.join(', ');
    throw new WebcareError(
      'INVALID_CONFIG',
      `Invalid config: unknown option ${field}${hint}; the options are ${options}`,
      {
        field,
        expected: `one of ${options}`,
        received: 'an unknown option',
      },
    );
  }
}

function stringList(v: unknown, field: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.trim() === '')) {
    throw invalidConfig(field, 'an array of non-empty strings', v);
  }
  return v as string[];
}

/**
 * Validate a scorer configuration and fill in defaults. Throws `WebcareError` with code
 * `INVALID_CONFIG` naming the field; a key the configuration does not have (`brnd`, `brand.name`)
 * is refused too, with the option it was probably meant to be.
 *
 * @example
 * ```ts
 * import { resolveConfig } from 'webcare';
 * resolveConfig({ brand: { names: ['KPN'] }, sla: { P1: 10 } }).sla.P1; // 10
 * ```
 */
export function resolveConfig(config: ScorerConfig = {}): ResolvedConfig {
  // Arrays are objects too: [] as the configuration, or brand: ['KPN'], would read as empty.
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw invalidConfig('config', 'an object', config);
  }
  knownKeys(config, CONFIG_KEYS, '');
  const brand = config.brand ?? {};
  if (typeof brand !== 'object' || brand === null || Array.isArray(brand))
    throw invalidConfig('brand', 'an object', brand);
  knownKeys(brand, BRAND_KEYS, 'brand.');
  const names = stringList(brand.names, 'brand.names');
  const handles = stringList(brand.handles, 'brand.handles').map((h) => h.replace(/^@/, '').toLowerCase());
  const aliases = stringList(brand.aliases, 'brand.aliases');
  const brandTerms = new Set([...names, ...aliases].map((n) => n.toLowerCase()));
  for (const h of handles) brandTerms.add(h);

  const routing: Routing = { ...DEFAULT_ROUTING };
  if (config.routing !== undefined) {
    if (!isPlainObject(config.routing)) {
      throw invalidConfig('routing', 'an object of category or intent to team name', config.routing);
    }
    for (const [k, v] of Object.entries(config.routing)) {
      // A misspelt key would otherwise route nothing, silently.
      if (!ROUTING_KEYS.has(k))
        throw invalidConfig(`routing.${k}`, `a category or intent (${[...ROUTING_KEYS].join(', ')})`, k);
      if (typeof v !== 'string' || v === '') throw invalidConfig(`routing.${k}`, 'a team name', v);
      routing[k as keyof Routing] = v;
    }
  }

  const policy = config.policy ?? 'default';
  if (policy !== 'default' && policy !== 'fair') {
    if (typeof policy !== 'object' || policy === null || typeof policy.decide !== 'function') {
      throw invalidConfig('policy', "'default', 'fair' or an object with a name and a decide(input) method", policy);
    }
    // The name becomes the reason code (`policy-<name>`): checked here, not at the first mention.
    if (typeof policy.name !== 'string' || policy.name.trim() === '') {
      throw invalidConfig('policy.name', 'a non-empty string', policy.name);
    }
  }

  const sla: Sla = { ...DEFAULT_SLA };
  if (config.sla !== undefined) {
    if (!isPlainObject(config.sla)) throw invalidConfig('sla', 'an object of priority to minutes', config.sla);
    for (const [k, v] of Object.entries(config.sla)) {
      if (!Object.hasOwn(DEFAULT_SLA, k)) throw invalidConfig(`sla.${k}`, 'one of P1, P2, P3, P4', k);
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
        throw invalidConfig(`sla.${k}`, 'a positive number of minutes', v);
      }
      sla[k as Priority] = v;
    }
  }

  const extraWords: ExtraWords = {};
  if (config.extraWords !== undefined) {
    if (!isPlainObject(config.extraWords)) {
      throw invalidConfig('extraWords', "an object with 'nl' and/or 'en' word lists", config.extraWords);
    }
    for (const [lang, words] of Object.entries(config.extraWords)) {
      if (lang !== 'nl' && lang !== 'en') throw invalidConfig(`extraWords.${lang}`, "'nl' or 'en'", lang);
      if (!isPlainObject(words)) {
        throw invalidConfig(`extraWords.${lang}`, 'an object of word to valence', words);
      }
      // No prototype: a word such as "__proto__" is stored as a word, not as the prototype.
      const out: Record<string, number> = Object.create(null);
      for (const [w, val] of Object.entries(words)) {
        if (typeof val !== 'number' || !Number.isFinite(val) || val < -5 || val > 5) {
          throw invalidConfig(`extraWords.${lang}.${w}`, 'a number from -5 to 5', val);
        }
        out[w.toLowerCase()] = val;
      }
      extraWords[lang] = out;
    }
  }

  const locale = config.locale ?? 'en';
  if (locale !== 'en' && locale !== 'nl') throw invalidConfig('locale', "'en' or 'nl'", locale);
  const now = config.now ?? Date.now;
  if (typeof now !== 'function') throw invalidConfig('now', 'a function returning epoch ms', now);

  const platforms = resolvePlatforms(config.platforms);

  return { brandTerms, brandHandles: new Set(handles), routing, policy, sla, extraWords, locale, now, platforms };
}
