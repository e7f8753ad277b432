/**
 * What every classification and escalation stage reads: the mention, its text analysis, the
 * resolved config, and the list of reasons the stage appends to. Stages are pure functions of
 * this context plus the results of earlier stages.
 * @module
 */
import type { ResolvedConfig } from './config.js';
import type { TextAnalysis } from './text/index.js';
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
  config: ResolvedConfig;
  /** Stages push their contributions here, in order. */
  reasons: Reason[];
  /** Epoch ms at which the mention is scored. */
  now: number;
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
}
