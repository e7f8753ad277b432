/**
 * `String.prototype.charCodeAt`, called directly. Scoring reads strings of several
 * representations (one-byte, two-byte, sliced, cons: whatever the host and JSON.parse made), so a
 * `s.charCodeAt(k)` method load in a hot loop turns megamorphic in V8 and costs ~3x the read
 * itself; a call of the builtin through a constant is inlined instead.
 * @module
 */
const charCodeAt = String.prototype.charCodeAt;

/**
 * The UTF-16 code unit of `s` at `k` (`NaN` past the end), as `s.charCodeAt(k)`.
 *
 * @example
 * ```ts
 * codeAt('ab', 1); // 98
 * ```
 */
export const codeAt = (s: string, k: number): number => charCodeAt.call(s, k);
