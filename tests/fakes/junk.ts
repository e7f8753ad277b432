/**
 * Values a careless host, a platform payload or an attacker might put in any field: for
 * property tests of everything that reads untrusted input (config, mentions).
 */
import fc from 'fast-check';

/** Names every plain object inherits: a lookup keyed by them must not find anything. */
export const INHERITED_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'] as const;

/**
 * Any value: nothing, null, booleans, numbers (NaN and infinities included), strings, the
 * inherited names, short arrays, and objects whose keys are drawn from `keys` (plus arbitrary
 * strings and `__proto__`).
 */
export function junk(keys: readonly string[] = []): fc.Arbitrary<unknown> {
  const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...keys, '__proto__', 'default'));
  const leaf = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.double(), fc.constant(null));
  return fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer({ min: -10, max: 1e9 }),
    fc.string({ maxLength: 12 }),
    fc.constantFrom(...INHERITED_NAMES),
    fc.array(leaf, { maxLength: 3 }),
    fc.dictionary(key, fc.oneof(leaf, fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 })), { maxKeys: 4 }),
  );
}
