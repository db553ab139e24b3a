/**
 * Which chips are on the table at a given level. Colour-ups at breaks remove the small
 * denominations for the rest of the tournament, so an amount is only postable later if it is
 * a multiple of the smallest chip still in play.
 */
import type { Chip, ChipSet, Structure } from './types.ts';

/**
 * The common casino denominations and colours (25 green, 100 black, 500 purple, 1,000 yellow,
 * 5,000 orange, 25,000 grey), as on the "25 chip and up" set in Pokerchipforum's standard
 * blind structures (https://www.pokerchipforum.com/threads/standard-blinds-structures-and-starting-stacks.6649/)
 * and the colours the WSOP uses at the Rio.
 */
export const STANDARD_CHIP_SET: ChipSet = Object.freeze({
  chips: Object.freeze([
    { value: 25, color: 'green', name: 'green 25s' },
    { value: 100, color: 'black', name: 'black 100s' },
    { value: 500, color: 'purple', name: 'purple 500s' },
    { value: 1000, color: 'yellow', name: 'yellow 1,000s' },
    { value: 5000, color: 'orange', name: 'orange 5,000s' },
    { value: 25000, color: 'grey', name: 'grey 25,000s' },
  ] satisfies Chip[]),
});

/** Chip values of a set, ascending, without duplicates. */
export function chipValues(chipSet: ChipSet): number[] {
  return [...new Set(chipSet.chips.map((c) => c.value))].sort((a, b) => a - b);
}

/**
 * Chip values still in play while level `levelIndex` is played: the chip set minus every
 * colour-up done at a break before that index (a break's own colour-up takes effect after it).
 */
export function chipsInPlayAt(s: Structure, levelIndex: number): number[] {
  const removed = new Set<number>();
  const end = Math.min(levelIndex, s.levels.length);
  for (let i = 0; i < end; i++) {
    const level = s.levels[i];
    if (level?.kind === 'break') for (const v of level.colorUp ?? []) removed.add(v);
  }
  return chipValues(s.chipSet).filter((v) => !removed.has(v));
}

/** Smallest chip in play at a level, or null when every chip has been coloured up. */
export function smallestChipAt(s: Structure, levelIndex: number): number | null {
  return chipsInPlayAt(s, levelIndex)[0] ?? null;
}

/** An amount can be posted exactly when it is a whole number of the smallest chip in play. */
export function isPostable(amount: number, smallestChip: number): boolean {
  return Number.isInteger(amount) && amount >= 0 && amount % smallestChip === 0;
}

/** "1,000" — chip amounts in messages, grouped the same way on every runtime. */
export function formatChips(amount: number): string {
  return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
