/**
 * PII masking for what a monitor emits when `redactPII` is on. The scorer already found the
 * identifiers (e-mail, phone, order, IBAN, postcode...) in the text; every occurrence of each is
 * replaced by a `[type]` placeholder, the identifier values themselves are masked, and the raw
 * platform payload (which holds the same text) is dropped.
 * @module
 */
import type { Assessment, Identifier, Mention } from '../types.js';

/** A host's own text redactor (e.g. `redact` from webcare once available, or a DLP service). */
export type TextRedactor = (text: string) => string;

function maskIdentifiers(text: string, identifiers: readonly Identifier[]): string {
  // Longest values first, so a phone number inside a longer IBAN-like run is not half-masked.
  const values = [...identifiers].sort((a, b) => b.value.length - a.value.length);
  let out = text;
  for (const id of values) {
    if (id.value === '') continue;
    out = out.split(id.value).join(`[${id.type}]`);
  }
  return out;
}

/**
 * A copy of a mention with the given identifiers (and whatever `redactor` finds) masked in its
 * text, and without the raw payload.
 *
 * @example
 * ```ts
 * redactMention({ text: 'mail jan@example.nl' }, extractIdentifiers('mail jan@example.nl')).text; // 'mail [email]'
 * ```
 */
export function redactMention(m: Mention, identifiers: readonly Identifier[], redactor?: TextRedactor): Mention {
  const masked = maskIdentifiers(m.text, identifiers);
  const out = { ...m, text: redactor !== undefined ? redactor(masked) : masked };
  delete out.raw;
  return out;
}

/**
 * A copy of an assessment with personal data masked in the mention text, the identifier values
 * and the reasons' messages, and without the raw payload.
 *
 * @example
 * ```ts
 * const safe = redactAssessment(scoreMention('mail me: jan@example.nl'));
 * safe.mention.text; // 'mail me: [email]'
 * ```
 */
export function redactAssessment(a: Assessment, redactor?: TextRedactor): Assessment {
  const mask = (s: string) => {
    const masked = maskIdentifiers(s, a.identifiers);
    return redactor !== undefined ? redactor(masked) : masked;
  };
  return {
    ...a,
    mention: redactMention(a.mention, a.identifiers, redactor),
    identifiers: a.identifiers.map((id) => ({ ...id, value: `[${id.type}]` })),
    reasons: a.reasons.map((r) => ({ ...r, message: mask(r.message) })),
  };
}
