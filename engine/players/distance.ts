/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition, each substring
 * edited once), the "restricted Damerau" distance of Boytsov 2011 / Navarro 2001 §2.
 *
 * Written here rather than imported: it is twenty lines; it runs on keys that normalize.ts
 * has already folded (diacritics, Nordic letters), which generic fuzzy libraries would redo
 * their own way; and the search ranking must be deterministic across runtimes, so no
 * dependency decides it. Only the diagonal band of width `max` is computed and the loop
 * stops as soon as a whole row exceeds `max` (row minima never decrease), so the cost is
 * O(n·max) rather than O(n·m).
 *
 * Returns the distance if it is ≤ max, otherwise max + 1.
 */
// Three DP rows reused across calls: search runs this hundreds of thousands of times, and the
// rows are fully reset before use, so no call can see another's values.
let scratch: Int32Array[] = [0, 1, 2].map(() => new Int32Array(64));

export function osaDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  const over = max + 1;
  if (Math.abs(n - m) > max) return over;
  if (n === 0 || m === 0) return Math.max(n, m);
  if (scratch[0]!.length < m + 2) scratch = [0, 1, 2].map(() => new Int32Array(2 * (m + 2)));
  let [prev2, prev, cur] = scratch as [Int32Array, Int32Array, Int32Array];
  prev2.fill(over, 0, m + 2);
  prev.fill(over, 0, m + 2);
  cur.fill(over, 0, m + 2);
  for (let j = 0; j <= Math.min(m, max); j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    cur[lo - 1] = lo === 1 ? i : over;
    cur[hi + 1] = over;
    const ai = a.charCodeAt(i - 1);
    let rowMin = cur[lo - 1]!;
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        v = Math.min(v, prev2[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return over;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[m]!, over);
}
