/**
 * "Nice" blind amounts. Printed structures use a small set of mantissas (25/50, 75/150,
 * 100/200, 150/300, 200/400, 250/500, 300/600, 400/800, 500/1,000, 600/1,200, 800/1,600,
 * 1,000/2,000 …), see the standard ladders on Pokerchipforum
 * (https://www.pokerchipforum.com/threads/standard-blinds-structures-and-starting-stacks.6649/)
 * and the WPT Tournament of Champions structure sheet (75/150 up to 50,000/100,000).
 * 7.5 appears in 75/150 and 750/1,500, 1.2 in 1,200/2,400.
 */
const MANTISSAS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 8] as const;

/** Nice values that are multiples of `chip`, ascending, from `chip` up to at least `upTo`. */
export function niceMultiples(chip: number, upTo: number): number[] {
  const out: number[] = [];
  const first = Math.floor(Math.log10(chip)) - 1;
  const last = Math.ceil(Math.log10(Math.max(upTo, chip))) + 1;
  for (let e = first; e <= last; e++) {
    for (const m of MANTISSAS) {
      const exact = m * 10 ** e;
      const v = Math.round(exact);
      if (v >= chip && Math.abs(v - exact) < 1e-6 && v % chip === 0) out.push(v);
    }
  }
  return out.sort((a, b) => a - b);
}

/**
 * The amount closest to `target` (in ratio) that is a multiple of `chip`, strictly above
 * `above`, preferring nice values. When the chip set has no nice multiple near the target
 * (an odd chip like 7), it falls back to the nearest plain multiple of the chip, so the
 * result is always postable.
 */
export function roundToNice(target: number, chip: number, above: number): number {
  const minimal = Math.max(chip * Math.round(target / chip), chip * (Math.floor(above / chip) + 1));
  let best: number | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const v of niceMultiples(chip, Math.max(target, minimal) * 2)) {
    if (v <= above) continue;
    const distance = Math.abs(Math.log(v / target));
    if (distance < bestDistance) {
      best = v;
      bestDistance = distance;
    }
  }
  if (best === null || Math.abs(Math.log(best / minimal)) > Math.log(1.5)) return minimal;
  return best;
}

/** The largest nice multiple of `chip` that is at most `target`, or `chip` itself. */
export function niceFloor(target: number, chip: number): number {
  let best = chip;
  for (const v of niceMultiples(chip, target)) if (v <= target) best = v;
  return best;
}
