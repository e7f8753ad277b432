/**
 * Lookups by keys that come from outside (a mention's source, a payload's media type, an HTML
 * entity name, a stored reason's code): only a table's own entries count, so a key such as
 * "constructor" or "__proto__" never finds what every object inherits.
 * @module
 */

/**
 * `table[key]` when the table itself holds `key`, else undefined.
 *
 * @example
 * ```ts
 * own({ photo: 'image' }, 'photo'); // 'image'
 * own({ photo: 'image' }, 'constructor'); // undefined
 * ```
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
