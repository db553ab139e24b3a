/**
 * What changed between two views of a tournament (time travel: the state at seq 40 beside the
 * state at seq 60), as JSON Pointer paths with the value before and after. Lists of records
 * with ids (entries, tables, seats) are compared by id, not by position, so one entry busting
 * reads as that entry's change rather than every later row shifting.
 */
import jsonPatch from 'fast-json-patch';

export interface ViewChange {
  /** JSON Pointer into the view, ids in place of list positions: `/standings/entries/e7/chips`. */
  readonly path: string;
  /** Absent before (an entry that did not exist yet) is null. */
  readonly from: unknown;
  /** Absent after is null. */
  readonly to: unknown;
}

/** A list's own key where its records have a better one than their ids: seats by number. */
const KEY_OF_LIST: Readonly<Record<string, string>> = { seatMap: 'seat' };
const ID_FIELDS = ['entryId', 'id'] as const;

/**
 * Lists whose items all carry a distinct id become objects keyed by it, at every depth. The
 * key is the list's, not its contents' (a seat map is by seat whether or not a seat is empty),
 * so the same list is keyed the same way in both views.
 */
export function keyedById(value: unknown, listName = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => keyedById(v));
    const fields = KEY_OF_LIST[listName] ? [KEY_OF_LIST[listName]] : ID_FIELDS;
    for (const field of fields) {
      const ids = value.map((v) =>
        typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[field] : undefined,
      );
      if (
        ids.length > 0 &&
        ids.every((id) => typeof id === 'string' || typeof id === 'number') &&
        new Set(ids).size === ids.length
      ) {
        return Object.fromEntries(ids.map((id, i) => [String(id), items[i]]));
      }
    }
    return items;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keyedById(v, k)]));
  }
  return value;
}

/** The changes from `before` to `after` (each a view as the API serves it). */
export function viewDiff(before: unknown, after: unknown): ViewChange[] {
  const a = keyedById(before) as object;
  const b = keyedById(after) as object;
  return jsonPatch.compare(a, b).map((op) => ({
    path: op.path,
    from: op.op === 'add' ? null : (jsonPatch.getValueByPointer(a, op.path) ?? null),
    to: op.op === 'remove' ? null : ((op as { value?: unknown }).value ?? null),
  }));
}
