/**
 * A persistent string-keyed map made of plain arrays, so the tournament state stays JSON and
 * an update copies a few short arrays instead of a whole object of 10,000 entries. That keeps
 * `evolve` O(1) per event.
 *
 * Shape: a fixed-depth trie (4 levels of 16 slots, 65,536 buckets) indexed by a hash of the
 * key; a bucket is an array of keys and values interleaved, sorted by key. Empty buckets and nodes are
 * null, so the same contents always have the same shape whatever the order of updates
 * (deep equality holds after undo/redo, and a bulk build equals one built key by key).
 *
 * Replay uses a transient form (see `transientMap`): a native Map behind the same functions,
 * updated in place, turned back into the persistent form once at the end. Nobody sees the
 * intermediate states of a replay, so mutating them is safe and saves most of its allocation.
 */

/** Keys and values interleaved ([k0, v0, k1, v1, …]), keys sorted: no pair objects to allocate. */
type Bucket<T> = readonly (string | T)[];
type Node = readonly (Node | Bucket<unknown> | null)[];

export interface PMap<T> {
  readonly size: number;
  /** Root node of the trie; opaque to callers. */
  readonly root: Node | null;
  /** Phantom marker for the value type (never set). */
  readonly _t?: T;
}

const BITS = 4;
const WIDTH = 1 << BITS;
const DEPTH = 4;
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
  if (map instanceof Map) return (map as Map<string, T>).get(key);
  const h = hash(key);
  let node: Node | Bucket<unknown> | null = map.root;
  for (let d = 0; d < DEPTH; d++) {
    if (node === null) return undefined;
    node = (node as Node)[(h >>> (d * BITS)) & MASK] ?? null;
  }
  if (node === null) return undefined;
  const b = node as Bucket<T>;
  for (let i = 0; i < b.length; i += 2) if (b[i] === key) return b[i + 1] as T;
  return undefined;
}

export function mapHas<T>(map: PMap<T>, key: string): boolean {
  return mapGet(map, key) !== undefined;
}

const newNode = (): (Node | Bucket<unknown> | null)[] =>
  new Array<Node | Bucket<unknown> | null>(WIDTH).fill(null);

/** Sets `key` to `value`; `undefined` deletes it. Copies one short array per level. */
export function mapSet<T>(map: PMap<T>, key: string, value: T | undefined): PMap<T> {
  if (map instanceof Map) {
    const m = map as Map<string, T>;
    if (value === undefined) m.delete(key);
    else m.set(key, value);
    return map;
  }
  const h = hash(key);
  const path: (Node | null)[] = new Array(DEPTH);
  let node: Node | Bucket<unknown> | null = map.root;
  for (let d = 0; d < DEPTH; d++) {
    path[d] = node as Node | null;
    node = node === null ? null : ((node as Node)[(h >>> (d * BITS)) & MASK] ?? null);
  }
  const bucket = (node ?? EMPTY) as Bucket<T>;
  let i = 0;
  while (i < bucket.length && (bucket[i] as string) < key) i += 2;
  const found = i < bucket.length && bucket[i] === key;
  let sizeDelta = 0;
  let child: Node | Bucket<unknown> | null;
  if (value === undefined) {
    if (!found) return map;
    sizeDelta = -1;
    child = bucket.length === 2 ? null : [...bucket.slice(0, i), ...bucket.slice(i + 2)];
  } else {
    const next = bucket.slice();
    if (found) next[i + 1] = value;
    else {
      next.splice(i, 0, key, value);
      sizeDelta = 1;
    }
    child = next;
  }
  for (let d = DEPTH - 1; d >= 0; d--) {
    const parent = path[d] as Node | null;
    const slot = (h >>> (d * BITS)) & MASK;
    if (child === null && (parent === null || parent.every((c, k) => k === slot || c === null))) continue;
    const copy = parent === null ? newNode() : parent.slice();
    copy[slot] = child;
    child = copy;
  }
  return { size: map.size + sizeDelta, root: child as Node | null };
}

const EMPTY: Bucket<never> = [];

/** Every [key, value] pair, in trie order (callers sort when order matters). */
function pairs<T>(map: PMap<T>): [string, T][] {
  if (map instanceof Map) return [...(map as Map<string, T>).entries()];
  const out: [string, T][] = [];
  const walk = (node: Node | Bucket<unknown> | null, depth: number): void => {
    if (node === null) return;
    if (depth === DEPTH) {
      const b = node as Bucket<T>;
      for (let i = 0; i < b.length; i += 2) out.push([b[i] as string, b[i + 1] as T]);
      return;
    }
    for (const child of node as Node) walk(child, depth + 1);
  };
  walk(map.root, 0);
  return out;
}

/** Every value (callers sort when order matters). */
export function mapValues<T>(map: PMap<T>): T[] {
  if (map instanceof Map) return [...(map as Map<string, T>).values()];
  return pairs(map).map((p) => p[1]);
}

/**
 * A mutable copy for replay: the same functions update it in place. Only for a fold whose
 * intermediate versions nobody reads; turn it back with `persistentMap`.
 */
export function transientMap<T>(map: PMap<T>): PMap<T> {
  return new Map(pairs(map)) as unknown as PMap<T>;
}

/** The persistent form of a (possibly transient) map, built in one pass. */
export function persistentMap<T>(map: PMap<T>): PMap<T> {
  if (!(map instanceof Map)) return map;
  const m = map as Map<string, T>;
  if (m.size === 0) return emptyMap();
  const root = newNode();
  const unsorted: (string | T)[][] = [];
  // forEach rather than `for (const [k, v] of m)`: no pair array per key (a replay's log
  // holds one key per command, ~100,000 at the engine bench's size).
  m.forEach((value, key) => {
    const h = hash(key);
    let node = root as (Node | Bucket<unknown> | null)[];
    for (let d = 0; d < DEPTH - 1; d++) {
      const slot = (h >>> (d * BITS)) & MASK;
      let next = node[slot] as (Node | Bucket<unknown> | null)[] | null;
      if (next === null) {
        next = newNode();
        node[slot] = next;
      }
      node = next;
    }
    const slot = (h >>> ((DEPTH - 1) * BITS)) & MASK;
    const bucket = node[slot] as (string | T)[] | null;
    if (bucket === null) node[slot] = [key, value];
    else {
      // Only buckets holding more than one key can be out of order.
      if (bucket.length === 2) unsorted.push(bucket);
      bucket.push(key, value);
    }
  });
  for (const b of unsorted) sortBucket(b);
  return { size: m.size, root };
}

/** Sorts an interleaved bucket by key (buckets hold a handful of keys: insertion sort). */
function sortBucket<T>(b: (string | T)[]): void {
  for (let i = 2; i < b.length; i += 2) {
    const key = b[i] as string;
    const value = b[i + 1] as T;
    let j = i - 2;
    while (j >= 0 && (b[j] as string) > key) {
      b[j + 2] = b[j] as string;
      b[j + 3] = b[j + 1] as T;
      j -= 2;
    }
    b[j + 2] = key;
    b[j + 3] = value;
  }
}
