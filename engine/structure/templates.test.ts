import { describe, expect, it } from 'vitest';
import { chipsInPlayAt } from './chips.ts';
import { playLevelCount } from './levels.ts';
import { getTemplate, TEMPLATES } from './templates.ts';
import { structureProblems } from './validate.ts';

describe('built-in templates', () => {
  it('includes the six templates the issue asks for', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(
      expect.arrayContaining(['hyper', 'turbo', 'regular', 'deep-stack', 'daily-200-dkk', 'freezeout-bba']),
    );
    expect(new Set(TEMPLATES.map((t) => t.id)).size).toBe(TEMPLATES.length);
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s validates with no problems at all', (_, t) => {
    expect(structureProblems(t.structure)).toEqual([]);
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))(
    '%s has breaks, a colour-up and 20+ play levels',
    (_, t) => {
      const s = t.structure;
      expect(s.levels.some((l) => l.kind === 'break')).toBe(true);
      expect(s.levels.some((l) => l.kind === 'break' && (l.colorUp?.length ?? 0) > 0)).toBe(true);
      expect(playLevelCount(s)).toBeGreaterThanOrEqual(20);
      expect(chipsInPlayAt(s, s.levels.length).length).toBeLessThan(s.chipSet.chips.length);
    },
  );

  it('given the 200 DKK daily, then it costs 180 + 20 DKK in øre and has rebuys and an add-on', () => {
    const t = getTemplate('daily-200-dkk');
    expect(t?.entry).toEqual({ buyIn: 18_000, fee: 2_000, bounty: 0 });
    expect(t?.structure.rebuyUntilLevel).toBe(6);
    expect(t?.structure.addOnAtLevel).toBe(6);
  });

  it('given the BBA freezeout, then every play level has a big-blind ante equal to the big blind', () => {
    const s = getTemplate('freezeout-bba')?.structure;
    for (const l of s?.levels ?? []) {
      if (l.kind === 'level') {
        expect(l.bigBlindAnte).toBe(l.bigBlind);
        expect(l.ante).toBe(0);
      }
    }
    expect(s?.rebuyUntilLevel).toBe(null);
  });

  it('given the hyper and the deep stack, then the hyper has shorter levels and a shallower start', () => {
    const hyper = getTemplate('hyper')?.structure;
    const deep = getTemplate('deep-stack')?.structure;
    const first = (x: typeof hyper) => x?.levels.find((l) => l.kind === 'level');
    const depth = (x: typeof hyper) =>
      (x?.startingStack ?? 0) / ((first(x) as { bigBlind: number }).bigBlind ?? 1);
    expect(first(hyper)?.durationMs).toBeLessThan(first(deep)?.durationMs ?? 0);
    expect(depth(hyper)).toBeLessThan(depth(deep));
  });

  it('templates are frozen so no caller can change a shared template', () => {
    const t = getTemplate('turbo');
    expect(Object.isFrozen(t?.structure.levels)).toBe(true);
    expect(getTemplate('nope')).toBeUndefined();
  });
});
