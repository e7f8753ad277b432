/**
 * What every classification and escalation stage reads: the mention, its text analysis, the
 * resolved config, and the list of reasons the stage appends to. Stages are pure functions of
 * this context plus the results of earlier stages.
 * @module
 */
import type { ResolvedConfig } from './config.js';
import type { CueHits } from './escalate/cues.js';
import type { TextAnalysis } from './text/index.js';
import type { Entry } from './text/lexicon.js';
import type {
  ChannelFailure,
  ComplaintResult,
  Identifier,
  Intent,
  Mention,
  ReachEstimate,
  Reason,
  SentimentResult,
} from './types.js';

/** The shared state of one scoring run. */
export interface ScoreContext {
  mention: Mention;
  analysis: TextAnalysis;
  /** Each token's lexicon entry (src/text/lexicon.ts), looked up once for every stage. */
  entries: (Entry | undefined)[];
  /** The lexicon version `entries` were looked up at (a model decoded since adds words). */
  entriesVersion: number;
  config: ResolvedConfig;
  /** Stages push their contributions here, in order. */
  reasons: Reason[];
  /** Epoch ms at which the mention is scored. */
  now: number;
  /** Language of the messages in `reasons` (config `locale`, overridden per call). */
  locale: 'en' | 'nl';
  /** Earlier contacts by the same author (from the monitor's `ScoreOptions`), 0 when unknown. */
  priorContacts: number;
}

/** The classification results that escalation stages read. */
export interface Classified {
  sentiment: SentimentResult;
  complaint: ComplaintResult;
  intent: Intent;
  isSpam: boolean;
  spamScore: number;
  channelFailure: ChannelFailure;
  identifiers: Identifier[];
  reach: ReachEstimate;
  /**
   * The severity regression value (about 1..4, before it is cut into levels and whether or not
   * the mention is a complaint): a continuous severity for ranking.
   */
  severityValue: number;
  /** Escalation cues found in the text (one pass, see escalate/cues.ts). */
  cues: CueHits;
  /** Engagement per hour so far (reposts, quotes, replies), 0 when unknown. */
  velocity: number;
  /** The mention addresses the brand (see escalate/advice.ts `addressesBrand`). */
  addressed: boolean;
}
