/**
 * webcare: reputation monitoring for Dutch and English brand mentions.
 *
 * @example
 * ```ts
 * import { scoreMention } from 'webcare';
 * const a = scoreMention('Al 3 dagen storing en niemand neemt op. Nooit meer @KPN!');
 * console.log(a.priority, a.pilloryRisk, a.reasons[0]);
 * ```
 * @module
 */
export { createScorer, safeScoreMention, scoreMention } from './score.js';
export type { Scorer } from './score.js';
export { normalizeMention, parseMentionLine, safeNormalizeMention, MAX_COUNT } from './mention.js';
export type { NormalizeOptions, SafeResult } from './mention.js';
export { WebcareError, describeValue } from './errors.js';
export type { WebcareErrorCode, WebcareErrorOptions } from './errors.js';
export { DEFAULT_ROUTING, DEFAULT_SLA, resolveConfig } from './config.js';
export type {
  BrandConfig,
  ExtraWords,
  PolicyDecision,
  PolicyInput,
  PriorityPolicy,
  ResolvedConfig,
  Routing,
  ScorerConfig,
  Sla,
} from './config.js';
export { analyzeText, MAX_ANALYSED_CHARS } from './text/index.js';
export type { TextAnalysis, Token, TokenKind } from './text/index.js';
export { extractIdentifiers } from './classify/identifiers.js';
export { redact, REDACTABLE_TYPES } from './redact.js';
export type { RedactOptions } from './redact.js';
export { defaultPolicy, fairPolicy } from './escalate/priority.js';
export { CATEGORIES, SEVERITY_LEVELS } from './types.js';
export type { Source, SourceError, SourceEvent, SourceMention, StreamOptions } from './source.js';
export type { StateStore } from './monitor/store.js';

// -- classify exports (issue 3) --
// -- end classify exports --

// -- escalate exports (issue 4) --
export type { ScoreOptions } from './score.js';
export { DEFAULT_PLATFORM, PLATFORMS, resolvePlatforms } from './escalate/platforms.js';
export type { PlatformOverrides, PlatformRates } from './escalate/platforms.js';
export { MAX_PROJECTION } from './escalate/reach.js';
export type { ReachResult } from './escalate/reach.js';
export { PILLORY_WEIGHTS } from './escalate/pillory.js';
export { URGENCY_WEIGHTS } from './escalate/urgency.js';
export { FAIR_SEVERITY, PRIORITY_THRESHOLDS } from './escalate/priority.js';
export { CUE, CUE_HANDLES, CUE_HASHTAGS, CUE_LISTS } from './escalate/cues.js';
export type { CueKind } from './escalate/cues.js';
export { ESCALATION_MESSAGES, explain, localizeMessage, localizeReasons, reasonMessage } from './explain.js';
export type { ExplainOptions, Locale, MessageTemplate } from './explain.js';
// -- end escalate exports --

// -- monitor exports (issue 5) --
export { createMonitor, Monitor } from './monitor/monitor.js';
export type { MonitorStats } from './monitor/monitor.js';
export { MemoryStore } from './monitor/memory-store.js';
export type { MemoryStoreOptions } from './monitor/memory-store.js';
export { textFingerprint } from './monitor/dedup.js';
export type { DropReason } from './monitor/dedup.js';
export type { Incident, IncidentOptions } from './monitor/incidents.js';
export type { BackoffOptions } from './monitor/backoff.js';
export type { TextRedactor } from './monitor/redact.js';
export type {
  DedupOptions,
  DropEvent,
  MentionMeta,
  MonitorError,
  MonitorErrorPhase,
  MonitorEvents,
  MonitorOptions,
  MonitorScorer,
  RateLimit,
  ScoreHints,
} from './monitor/options.js';
// -- end monitor exports --

// -- batch exports (issue 7) --
export { scoreBatch } from './batch/score-batch.js';
export type {
  BatchError,
  BatchInput,
  BatchProgress,
  BatchResult,
  BatchRun,
  BatchScorer,
  ScoreBatchOptions,
} from './batch/score-batch.js';
export { isJsonlRecord, readJsonl } from './batch/read-jsonl.js';
export type { JsonlInput, JsonlRecord, ReadJsonlOptions } from './batch/read-jsonl.js';
export { createSummarizer, incidentsOf, summarize } from './batch/summarize.js';
export type {
  SummarizeOptions,
  Summarizer,
  SummaryGroupBy,
  SummaryIncident,
  SummaryRow,
} from './batch/summarize.js';
export type { PeriodUnit } from './batch/periods.js';
export { chart } from './batch/chart.js';
export type { ChartMetric, ChartOptions } from './batch/chart.js';
// -- end batch exports --
export type {
  Assessment,
  Author,
  Category,
  ChannelFailure,
  ComplaintResult,
  Identifier,
  IdentifierType,
  Intent,
  Language,
  Media,
  Mention,
  MentionInput,
  Metrics,
  Priority,
  ReachEstimate,
  Reason,
  ReasonTarget,
  ReplyAdvice,
  SentimentLabel,
  SentimentResult,
  Severity,
  SourceName,
} from './types.js';
