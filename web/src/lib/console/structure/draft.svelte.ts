/**
 * A structure being edited: a copy the TD changes freely (levels, breaks with colour-ups,
 * chips, windows), checked as they type by the engine's own rules, and sent as one command
 * (`Configure` before the start, `EditFutureLevels` while running). Levels already played,
 * and the one being played, stay as they are.
 */

import type {
  BreakLevel,
  PlayLevel,
  Structure,
  StructureLevel,
} from '../../../../../engine/structure/types.ts';
import { structureProblems } from '../../../../../engine/structure/validate.ts';

const MIN = 60_000;

/** The structure as a form edits it (the engine's types are read-only). */
export type EditableStructure = { -readonly [K in keyof Structure]: Structure[K] };

export class StructureDraft {
  structure = $state<EditableStructure>() as EditableStructure;
  /** Levels up to and including this index are fixed (-1 before the start). */
  readonly lockedThrough: number;
  problems = $derived(structureProblems(this.structure).map((p) => p.message));

  constructor(from: Structure, lockedThrough: number) {
    this.structure = structuredClone($state.snapshot(from) as Structure) as EditableStructure;
    this.lockedThrough = lockedThrough;
  }

  locked(index: number): boolean {
    return index <= this.lockedThrough;
  }

  /** A new play level after `index`: the next blinds up from the one before it (the TD adjusts). */
  addLevelAfter(index: number): void {
    const before = [...this.structure.levels.slice(0, index + 1)].reverse().find((l) => l.kind === 'level') as
      | PlayLevel
      | undefined;
    const bb = before ? before.bigBlind * 2 : 100;
    const level: PlayLevel = {
      kind: 'level',
      smallBlind: bb / 2,
      bigBlind: bb,
      ante: 0,
      bigBlindAnte: before && before.bigBlindAnte > 0 ? bb : 0,
      durationMs: before?.durationMs ?? 20 * MIN,
    };
    this.#insert(index + 1, level);
  }

  addBreakAfter(index: number): void {
    const level: BreakLevel = { kind: 'break', durationMs: 10 * MIN };
    this.#insert(index + 1, level);
  }

  remove(index: number): void {
    if (this.locked(index)) return;
    this.structure.levels = this.structure.levels.filter((_, i) => i !== index);
  }

  setMinutes(index: number, minutes: number): void {
    this.#update(index, (l) => ({ ...l, durationMs: Math.round(minutes * MIN) }));
  }

  setBlind(index: number, field: 'smallBlind' | 'bigBlind' | 'ante' | 'bigBlindAnte', value: number): void {
    this.#update(index, (l) => (l.kind === 'level' ? { ...l, [field]: value } : l));
  }

  setColorUp(index: number, values: readonly number[]): void {
    this.#update(index, (l) => (l.kind === 'break' ? { ...l, colorUp: values } : l));
  }

  #insert(at: number, level: StructureLevel): void {
    if (at <= this.lockedThrough) return;
    const levels = [...this.structure.levels];
    levels.splice(at, 0, level);
    this.structure.levels = levels;
  }

  #update(index: number, f: (l: StructureLevel) => StructureLevel): void {
    if (this.locked(index)) return;
    const level = this.structure.levels[index];
    if (level === undefined) return;
    this.structure.levels = this.structure.levels.map((l, i) => (i === index ? f(level) : l));
  }

  /** The plain structure to send (no reactive proxies). */
  snapshot(): Structure {
    return $state.snapshot(this.structure) as Structure;
  }
}

export const minutesOf = (ms: number): number => Math.round((ms / MIN) * 100) / 100;
