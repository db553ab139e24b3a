/**
 * A persistent string-keyed map made of plain arrays, so the tournament state stays JSON and
 * an update copies a few short arrays instead of a whole object of 10,000 entries. That keeps
 * `evolve` O(1) per event and replaying 100,000 events fast.
 *
 * Shape: a fixed-depth trie (3 levels of 32 slots, 32,768 buckets) indexed by a hash of the
 * key; a bucket is an array of [key, value] pairs sorted by key. Empty buckets and nodes are
 * null, so the same contents always have the same shape (deep equality holds after a
 * delete-then-insert, which undo/redo relies on).
 */

type Bucket<T> = readonly (readonly [string, T])[];
type Node = readonly (Node | Bucket<unknown> | null)[];

export interface PMap<T> {
  readonly size: number;
  /** Root node of the trie; opaque to callers. */
  readonly root: Node | null;
  /** Phantom marker for the value type (never set). */
  readonly _t?: T;
}

const BITS = 5;
const WIDTH = 1 << BITS;
const DEPTH = 3;
const MASK = WIDTH - 1;

/** FNV-1a: small, fast and identical on every runtime. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function emptyMap<T>(): PMap<T> {
  return { size: 0, root: null };
}

export function mapGet<T>(map: PMap<T>, key: string): T | undefined {
  const h = hash(key);
  let node: Node | Bucket<unknown> | null = map.root;
  for (let d = 0; d < DEPTH; d++) {
    if (node === null) return undefined;
    node = (node as Node)[(h >>> (d * BITS)) & MASK] ?? null;
  }
  if (node === null) return undefined;
  for (const pair of node as Bucket<T>) if (pair[0] === key) return pair[1];
  return undefined;
}

export function mapHas<T>(map: PMap<T>, key: string): boolean {
  return mapGet(map, key) !== undefined;
}

function emptyNode(): (Node | Bucket<unknown> | null)[] {
  return new Array(WIDTH).fill(null);
}

/** Sets `key` to `value`; `undefined` deletes it. */
export function mapSet<T>(map: PMap<T>, key: string, value: T | undefined): PMap<T> {
  const h = hash(key);
  let sizeDelta = 0;
  const update = (node: Node | Bucket<unknown> | null, depth: number): Node | Bucket<unknown> | null => {
    if (depth === DEPTH) {
      const bucket = (node ?? []) as Bucket<T>;
      let i = 0;
      while (i < bucket.length && (bucket[i] as readonly [string, T])[0] < key) i++;
      const found = i < bucket.length && (bucket[i] as readonly [string, T])[0] === key;
      const next = bucket.slice();
      if (value === undefined) {
        if (!found) return node;
        next.splice(i, 1);
        sizeDelta = -1;
        return next.length === 0 ? null : next;
      }
      if (found) next[i] = [key, value];
      else {
        next.splice(i, 0, [key, value]);
        sizeDelta = 1;
      }
      return next;
    }
    const slot = (h >>> (depth * BITS)) & MASK;
    const current = node as Node | null;
    const child = current === null ? null : (current[slot] ?? null);
    const updated = update(child, depth + 1);
    if (updated === child) return node;
    const next = current === null ? emptyNode() : current.slice();
    next[slot] = updated;
    if (updated === null && next.every((c) => c === null)) return null;
    return next;
  };
  const root = update(map.root, 0) as Node | null;
  if (root === map.root) return map;
  return { size: map.size + sizeDelta, root };
}

/** Every value, in trie order (callers sort when order matters). */
export function mapValues<T>(map: PMap<T>): T[] {
  const out: T[] = [];
  const walk = (node: Node | Bucket<unknown> | null, depth: number): void => {
    if (node === null) return;
    if (depth === DEPTH) {
      for (const pair of node as Bucket<T>) out.push(pair[1]);
      return;
    }
    for (const child of node as Node) walk(child, depth + 1);
  };
  walk(map.root, 0);
  return out;
}
