/**
 * A TD3 file → the Felt commands that rebuild it, plus a report comparing TD3's figures with
 * Felt's. The commands are checked by running them through the tournament's own decider while
 * they are built (`decide` + `evolve`), so what is returned replays as is.
 *
 * Choices where TD3 and Felt differ (each also surfaces in the report as a cause):
 * - TD3 lists a buy-in after a bust-out as a "rebuy"; in Felt that is a re-entry (a new entry,
 *   charged the buy-in profile). A TD3 rebuy while the previous buy-in is still alive is a Felt
 *   rebuy on that entry.
 * - Windows are loosened to fit TD3's history: late registration / rebuys / the add-on stay open
 *   until the last level (on Felt's clock, started at TD3's StartTime) at which TD3 recorded one.
 *   TD3's clock may have been paused; Felt's import does not replay pauses.
 * - The payout table is TD3's own (its percentages, or its fixed amounts as shares), then
 *   `EditPayouts` sets TD3's stored amounts. If TD3's prizes exceed its pot the excess is
 *   imported as added money; if they fall short, the rest is kept by the house
 *   (`payout.unawarded`, a line of its own in the standings), never given to 1st.
 * - Busts at the same instant are one hand, entered with equal stacks so they share places,
 *   as TD3 derives them.
 * - Seating at save time (tables, seats, locks, buttons) is rebuilt with seating commands for
 *   the players still in (./seating.ts); a finished tournament has nobody to seat.
 * - Players keep the venue's id when `matchPlayer` knows their name, else `td3-<TD3 UUID>`;
 *   the report lists both so the venue can create the new ones.
 */
import { initialClock } from '../clock/anchors.ts';
import { computeClock } from '../clock/compute.ts';
import { startClock } from '../clock/transitions.ts';
import type { Ctx } from '../core/ctx.ts';
import { DomainError, isDomainError } from '../core/errors.ts';
import { seededRandom } from '../core/random.ts';
import type { EntryProfile, Minor } from '../money/types.ts';
import type { Chip, Structure, StructureLevel } from '../structure/types.ts';
import { decide } from '../tournament/decide.ts';
import { evolve } from '../tournament/evolve.ts';
import { mapGet } from '../tournament/pmap.ts';
import { prizePool } from '../tournament/results.ts';
import { initialState } from '../tournament/state.ts';
import type {
  PayoutConfig,
  RulesInput,
  SeatingCommandBody,
  TournamentCommand,
  TournamentCommandBody,
  TournamentConfig,
  TournamentState,
} from '../tournament/types.ts';
import { parseTd3, Td3ParseError } from './parse.ts';
import { Td3Prices } from './prices.ts';
import { readTd3 } from './read.ts';
import {
  compareFigures,
  feltFigures,
  type Td3ImportReport,
  type Td3PlayerId,
  type Td3SeatingSummary,
  type Td3Suggestion,
  td3Figures,
} from './report.ts';
import { seatingPlan } from './seating.ts';
import type { Td3AddOn, Td3Entry, Td3Player, Td3Prize, Td3Profile, Td3Tournament } from './types.ts';

export type {
  Td3Difference,
  Td3Figures,
  Td3ImportReport,
  Td3PlayerId,
  Td3PlayerIds,
  Td3SeatingSummary,
  Td3Suggestion,
} from './report.ts';

export interface Td3ImportOptions {
  readonly tournamentId?: string;
  /** 'structure': only the blind structure and entry profiles (a template). */
  readonly mode?: 'tournament' | 'structure';
  /** Fallback time when TD3 recorded none (ms). */
  readonly now?: number;
  /**
   * The venue's existing player id for a TD3 player's name (backed by the venue's player
   * database), or undefined for a player the venue has to create.
   */
  readonly matchPlayer?: (name: string) => string | undefined;
  /**
   * The venue's players whose names are close to a TD3 name (not equal: those are
   * `matchPlayer`'s), best first; offered in the report for the TD to confirm.
   */
  readonly suggestPlayers?: (name: string) => readonly Td3PlayerId[];
  /**
   * Matches the TD confirmed: a new player's id (`td3-<TD3 UUID>`, as the report gave it) to
   * the venue player's id it is. A key naming no player of the file is refused.
   */
  readonly confirmedMatches?: ReadonlyMap<string, string>;
}

export interface TimedCommand {
  readonly command: TournamentCommand;
  /** When it happened in TD3 (ms), monotonically non-decreasing. */
  readonly at: number;
}

/**
 * Everything CreateTournament takes from a TD3 file. A venue template keeps at least the
 * structure and profiles; it also needs `rules.bountyMode` whenever the buy-in has a bounty
 * part (TD3's `BountyChipCost`), or CreateTournament refuses the bounty.
 */
export interface Td3Template {
  readonly name: string;
  readonly structure: Structure;
  readonly buyIn: EntryProfile;
  readonly rebuy: EntryProfile | null;
  readonly addOn: EntryProfile | null;
  /** Other prices: TD3's other profiles (template), or the prices the night's records paid. */
  readonly profiles?: readonly EntryProfile[];
  readonly rules: RulesInput;
  /** TD3's `HouseContribution` and `GuaranteedPot`. */
  readonly addedMoney: Minor;
  /** TD3's fixed house rake (`FixedRake`), taken from the entries before the pot. */
  readonly fixedRake: Minor;
  readonly guarantee: Minor;
  /** TD3's rounding; its payout percentages in a full import (a template keeps Felt's table by field size). */
  readonly payout: Partial<PayoutConfig>;
}

export interface Td3ImportResult {
  readonly commands: readonly TimedCommand[];
  readonly template?: Td3Template;
  readonly report: Td3ImportReport;
  /** The state after the commands (what the report's Felt figures are read from). */
  readonly state: TournamentState;
}

export const IMPORT_ACTOR = Object.freeze({ id: 'td3-import', role: 'td' as const });

type Body = TournamentCommandBody | SeatingCommandBody;

/** A Felt profile from TD3's: the fee includes the rake; the bounty chip is part of the fee. */
export function profileOf(p: Td3Profile | undefined, kind: EntryProfile['kind'], fallbackChips: number) {
  const fee = p?.fee ?? 0;
  const rake = Math.min(fee, p?.rake ?? 0);
  const bounty = Math.min(fee - rake, p?.bountyChipCost ?? 0);
  return {
    id: kind,
    name: p?.name || (kind === 'buyin' ? 'Buy-in' : kind === 'rebuy' ? 'Rebuy' : 'Add-on'),
    kind,
    price: fee - rake - bounty,
    fee: rake,
    chips: Math.max(kind === 'buyin' ? 1 : 0, Math.round(p?.chips ?? fallbackChips)),
    bounty,
  } satisfies EntryProfile;
}

/**
 * The buy-in as most players paid it (their first entries), not TD3's default profile: clubs
 * switch profiles per night (fixtures: "500 re-entry x2"), and 3.0 files record no rake on
 * entries although the profile has one, so the pot follows the records.
 */
function buyInProfile(t: Td3Tournament): EntryProfile {
  const base = profileOf(defaultProfile(t.financials.buyins), 'buyin', 1);
  const counts = new Map<string, { n: number; e: Td3Tournament['players'][number]['entries'][number] }>();
  for (const p of t.players) {
    const e = p.entries[0];
    if (e === undefined) continue;
    const key = `${e.amount}/${e.rake}/${e.chips}/${e.profileName}`;
    const c = counts.get(key);
    counts.set(key, { n: (c?.n ?? 0) + 1, e });
  }
  const top = [...counts.values()].sort((a, b) => b.n - a.n)[0]?.e;
  if (top === undefined) return base;
  const fee = Math.min(top.amount, top.rake);
  const bounty = Math.min(top.amount - fee, base.bounty);
  return {
    ...base,
    name: top.profileName ?? base.name,
    price: top.amount - fee - bounty,
    fee,
    bounty,
    chips: Math.max(1, Math.round(top.chips || base.chips)),
  };
}

/** Felt's kind for a TD3 entry record: a buy-in (first, or after a bust-out) or a rebuy. */
export function recordKind(p: Td3Player, index: number): 'buyin' | 'rebuy' {
  const prev = p.entries[index - 1];
  return prev !== undefined && prev.bustOut === null ? 'rebuy' : 'buyin';
}

function defaultProfile(c: Td3Tournament['financials']['buyins']): Td3Profile | undefined {
  return c.profiles[c.defaultIndex] ?? c.profiles[0];
}

/** TD3's levels and chips as a Felt structure (windows filled in by the importer). */
export function structureOf(t: Td3Tournament, startingStack: number): Structure {
  const levels: StructureLevel[] = [];
  for (const l of t.levels) {
    const durationMs = Math.max(60_000, Math.round(l.durationMs));
    if (l.type === 'break') {
      levels.push({ kind: 'break', durationMs, ...(l.notes ? { label: l.notes } : {}) });
    } else {
      levels.push({
        kind: 'level',
        smallBlind: Math.max(0, Math.round(l.smallBlind)),
        bigBlind: Math.max(1, Math.round(l.bigBlind)),
        ante: Math.max(0, Math.round(l.ante)),
        bigBlindAnte: 0,
        durationMs,
        ...(l.gameName ? { game: l.gameName } : {}),
      });
    }
  }
  const seen = new Set<number>();
  const chips: Chip[] = [];
  const used = t.chips.some((c) => c.inUse) ? t.chips.filter((c) => c.inUse) : t.chips;
  for (const c of [...used].sort((a, b) => a.value - b.value)) {
    const value = Math.round(c.value);
    if (value < 1 || seen.has(value)) continue;
    seen.add(value);
    chips.push({ value, color: c.color || 'white', ...(c.label ? { name: c.label } : {}) });
  }
  if (chips.length === 0) chips.push({ value: 1, color: 'white' });
  const firstGame = t.levels.find((l) => l.type === 'round');
  return {
    name: t.title || 'TD3 import',
    game: firstGame?.type === 'round' && firstGame.gameName ? firstGame.gameName : "No Limit Hold'em",
    levels,
    chipSet: { chips },
    startingStack: Math.max(1, startingStack),
    lateRegUntilLevel: null,
    rebuyUntilLevel: null,
    addOnAtLevel: null,
  };
}

function playLevels(s: Structure): number {
  return s.levels.filter((l) => l.kind === 'level').length;
}

/** Felt's play level at `at` on a clock started at `start` and never paused. */
function levelAt(s: Structure, start: number, at: number): { level: number; isBreak: boolean } {
  const anchors = startClock(initialClock(), s, start);
  if (isDomainError(anchors)) return { level: 1, isBreak: false };
  const view = computeClock(anchors, s, Math.max(at, start));
  return { level: Math.max(1, view.playLevelNumber), isBreak: view.isBreak };
}

/** One thing that happened in TD3, in time order. */
type Action =
  | { kind: 'entry'; at: number; player: Td3Player; index: number }
  | { kind: 'addon'; at: number; player: Td3Player; index: number }
  | { kind: 'bust'; at: number; player: Td3Player; index: number };

const ORDER: Record<Action['kind'], number> = { entry: 0, addon: 1, bust: 2 };

/**
 * Each player's history in TD3's own order: entries as listed, each add-on on the one entry
 * alive at its time (TD3 leaves a buy-in followed by a rebuy without a bust-out, so several
 * entries can look alive), busts after what they end. TD3's times are kept; only a record
 * stamped before the one it follows is moved up to it, and a re-entry at the very instant of
 * the bust it follows goes 1 ms after it (at equal times entries sort before busts).
 */
function timeline(t: Td3Tournament): Action[] {
  const actions: Action[] = [];
  for (const p of t.players) {
    const own: Action[] = [];
    const addOnsOf = new Map<number, number[]>();
    p.addOns.forEach((a, j) => {
      let owner = 0;
      p.entries.forEach((e, i) => {
        if (e.time <= a.time) owner = i;
      });
      addOnsOf.set(owner, [...(addOnsOf.get(owner) ?? []), j]);
    });
    p.entries.forEach((e, i) => {
      own.push({ kind: 'entry', at: e.time, player: p, index: i });
      for (const j of addOnsOf.get(i) ?? []) {
        own.push({
          kind: 'addon',
          at: (p.addOns[j] as Td3Player['addOns'][number]).time,
          player: p,
          index: j,
        });
      }
      if (e.bustOut !== null) own.push({ kind: 'bust', at: e.bustOut.time, player: p, index: i });
    });
    let prev: Action | null = null;
    for (const a of own) {
      let at = a.at;
      if (prev !== null) {
        if (at < prev.at) at = prev.at;
        if (at === prev.at && ORDER[a.kind] < ORDER[prev.kind]) at = prev.at + 1;
      }
      const placed: Action = { ...a, at };
      actions.push(placed);
      prev = placed;
    }
  }
  const seq = new Map(actions.map((a, i) => [a, i]));
  return actions.sort(
    (x, y) => x.at - y.at || ORDER[x.kind] - ORDER[y.kind] || (seq.get(x) ?? 0) - (seq.get(y) ?? 0),
  );
}

/** Basis points per paid place from TD3's prizes (percent, or fixed amounts as shares). */
export function payoutShares(prizes: readonly Td3Prize[]): number[] | null {
  const weights = prizes.map((p) => (p.amountType === 'percent' ? p.percent : p.fixedAmount || p.amount));
  const total = weights.reduce((a, b) => a + b, 0);
  if (prizes.length === 0 || total <= 0) return null;
  const bp = weights.map((w) => Math.floor((w * 10000) / total));
  for (let i = 1; i < bp.length; i++) bp[i] = Math.min(bp[i] as number, bp[i - 1] as number);
  bp[0] = (bp[0] as number) + (10000 - bp.reduce((a, b) => a + b, 0));
  return bp;
}

/** TD3's money prizes in rank order, when they are one per rank from 1st (every fixture). */
export function moneyPrizes(t: Td3Tournament): Td3Prize[] {
  return t.prizes
    .filter((p) => p.nonMonetary === null && p.type === 0)
    .sort((a, b) => a.recipient - b.recipient);
}

export function importTd3(
  text: string | Uint8Array,
  options: Td3ImportOptions = {},
): Td3ImportResult | Td3ParseError {
  let tree: ReturnType<typeof parseTd3>;
  try {
    tree = parseTd3(text);
  } catch (error) {
    if (error instanceof Td3ParseError) return error;
    throw error;
  }
  const t = readTd3(tree);
  if (t instanceof Td3ParseError) return t;
  return importTournament(t, options);
}

export function importTournament(t: Td3Tournament, options: Td3ImportOptions = {}): Td3ImportResult {
  const tournamentId = options.tournamentId ?? `td3-${t.id || 'import'}`;
  const notImported: string[] = [];
  const adjustments: { field: string; amount: number; cause: string }[] = [];
  const f = t.financials;
  const buyIn = buyInProfile(t);
  const rebuyTd3 = defaultProfile(f.rebuys);
  const addOnTd3 = defaultProfile(f.addOns);
  const structure0 = structureOf(t, buyIn.chips);

  const actions = timeline(t);
  const anyTime = actions.find((a) => a.at > 0)?.at ?? t.startTime ?? options.now ?? 0;
  const createdAt = Math.min(anyTime, t.startTime ?? anyTime) - 60_000;
  const firstBust = actions.find((a) => a.kind === 'bust')?.at ?? null;
  const started = t.startTime !== null || firstBust !== null || t.clockRunning || t.currentLevel > 0;
  const start = !started
    ? null
    : (t.startTime ?? Math.max(createdAt, (firstBust ?? actions[actions.length - 1]?.at ?? createdAt) - 1));

  // Which Felt command each TD3 record becomes, and the windows that must stay open for it.
  let lateReg = 0;
  let rebuyLevel = 0;
  let addOnLevel = 0;
  let feltRebuys = 0;
  let maxEntries = 1;
  for (const p of t.players) maxEntries = Math.max(maxEntries, p.entries.length);
  for (const a of actions) {
    if (start === null || a.at <= start) continue;
    const { level, isBreak } = levelAt(structure0, start, a.at);
    if (a.kind === 'entry') {
      const prev = a.player.entries[a.index - 1];
      if (prev !== undefined && prev.bustOut === null) {
        feltRebuys++;
        rebuyLevel = Math.max(rebuyLevel, level + (isBreak ? 1 : 0));
      } else {
        lateReg = Math.max(lateReg, level + (isBreak ? 1 : 0));
      }
    } else if (a.kind === 'addon') {
      addOnLevel = Math.max(addOnLevel, level);
    }
  }
  const hasAddOns = t.players.some((p) => p.addOns.length > 0);
  const levelsCount = playLevels(structure0);
  const cap = (n: number) => Math.min(Math.max(1, n), levelsCount);
  const history = {
    structure: {
      ...structure0,
      lateRegUntilLevel: lateReg > 0 ? cap(lateReg) : null,
      rebuyUntilLevel: feltRebuys > 0 ? cap(rebuyLevel) : null,
      addOnAtLevel: hasAddOns ? cap(addOnLevel) : null,
    },
    rebuy: feltRebuys > 0 ? profileOf(rebuyTd3, 'rebuy', buyIn.chips) : null,
    addOn: hasAddOns ? profileOf(addOnTd3, 'addon', 0) : null,
  };
  const { structure, rebuy, addOn } =
    mode(options) === 'structure' ? configuredWindows(t, history.structure, cap) : history;
  // Other prices: in a template TD3's other configured profiles; in a full import the prices
  // the night's records were bought at (each command names its own).
  const prices = new Td3Prices({ buyIn, rebuy, addOn });
  if (mode(options) === 'structure') {
    for (const [kind, c] of [
      ['buyin', f.buyins],
      ['rebuy', f.rebuys],
      ['addon', f.addOns],
    ] as const) {
      for (const p of c.profiles) {
        const felt = profileOf(p, kind, kind === 'addon' ? 0 : buyIn.chips);
        prices.priceOf(kind, {
          amount: felt.price + felt.fee + felt.bounty,
          rake: felt.fee,
          chips: felt.chips,
          profileName: felt.name,
        });
      }
    }
  } else {
    for (const p of t.players) {
      p.entries.forEach((e, i) => {
        prices.priceOf(recordKind(p, i), e);
      });
      const first = p.addOns[0];
      if (first !== undefined) prices.priceOf('addon', first);
    }
  }
  const others = prices.others();
  const prizes = moneyPrizes(t);
  const shares = payoutShares(prizes);
  const roundTo = Math.max(1, t.prizeSettings.roundToNearest);

  const template: Td3Template = {
    name: t.title || 'TD3 import',
    structure,
    buyIn,
    rebuy,
    addOn,
    ...(others.length === 0 ? {} : { profiles: others }),
    rules: {
      reentry: maxEntries > 1,
      maxEntriesPerPlayer: maxEntries,
      maxRebuysPerEntry: null,
      rebuyMaxChips: null,
      capacity: null,
      bountyMode: buyIn.bounty > 0 ? 'fixed' : 'none',
    },
    addedMoney: f.houseContribution,
    fixedRake: t.totals.fixedRake,
    guarantee: f.guaranteedPot,
    payout: {
      roundTo,
      percentages: mode(options) === 'structure' ? null : shares,
      // TD3 pays only its prizes; what they leave of the pot is not given to 1st.
      ...(mode(options) === 'structure' ? {} : { unawarded: 'house' as const }),
    },
  };
  const create: Body = { type: 'CreateTournament', ...template };

  // Build and apply together: later commands need entry ids the decider hands out.
  let state = initialState(tournamentId);
  const commands: TimedCommand[] = [];
  const rejected: { type: string; code: string; message: string }[] = [];
  let lastAt = createdAt;
  const apply = (body: Body, at: number): boolean => {
    const when = Math.max(lastAt, Number.isFinite(at) ? at : lastAt);
    lastAt = when;
    const commandId = `${tournamentId}:td3:${commands.length + 1}`;
    const command = { ...body, commandId } as TournamentCommand;
    const ctx: Ctx = { now: when, actor: IMPORT_ACTOR, random: seededRandom(commandId) };
    const out = decide(state, command, ctx);
    if (out instanceof DomainError) {
      rejected.push({ type: command.type, code: out.code, message: out.message });
      return false;
    }
    for (const e of out) state = evolve(state, e);
    commands.push({ command, at: when });
    return true;
  };

  apply(create, createdAt);
  if (mode(options) === 'structure') {
    const report = {
      file: td3Figures(t),
      felt: feltFigures(state, new Map()),
      differences: [],
      notImported: ['players, entries, busts, prizes and seating (structure-only import)'],
      players: { matched: [], created: [], suggested: [] },
    } satisfies Td3ImportReport;
    return { commands, template, report, state };
  }

  apply({ type: 'OpenRegistration' }, createdAt);
  const {
    playerIds,
    matched,
    created,
    suggested,
    notes: playerNotes,
  } = playerIdsFor(t, tournamentId, options);
  notImported.push(...playerNotes);
  /** The Felt entry currently alive for each TD3 player id. */
  const entryOf = new Map<string, string>();
  const lastEntryId = (): string | null => {
    const n = state.entryCount;
    return n > 0 ? `e${n}` : null;
  };
  /** The player's entry in play, or null (recorded as a refused command, never a blank id). */
  const aliveEntry = (a: Action, type: string): string | null => {
    const id = entryOf.get(a.player.id);
    if (id !== undefined) return id;
    rejected.push({
      type,
      code: 'NO_ENTRY_IN_PLAY',
      message: `${a.player.name} has no entry in play at ${new Date(a.at).toISOString()} (an earlier record of theirs was refused)`,
    });
    return null;
  };
  let startedFelt = false;
  const ensureStarted = (at: number) => {
    if (startedFelt || start === null) return;
    if (at > start || at === Number.POSITIVE_INFINITY) {
      startedFelt = apply({ type: 'StartTournament' }, start);
    }
  };

  for (let i = 0; i < actions.length; i++) {
    const a = actions[i] as Action;
    ensureStarted(a.at);
    const pid = playerIds.get(a.player.id) as string;
    if (a.kind === 'entry') {
      const prev = a.player.entries[a.index - 1];
      if (prev === undefined) {
        const price = prices.idFor('buyin', a.player.entries[a.index] as Td3Entry);
        if (apply({ type: 'Register', playerId: pid, name: a.player.name, ...price }, a.at)) {
          entryOf.set(a.player.id, lastEntryId() as string);
        }
      } else if (prev.bustOut !== null) {
        const price = prices.idFor('buyin', a.player.entries[a.index] as Td3Entry);
        if (apply({ type: 'Reenter', playerId: pid, ...price }, a.at))
          entryOf.set(a.player.id, lastEntryId() as string);
      } else {
        const entryId = aliveEntry(a, 'Rebuy');
        const price = prices.idFor('rebuy', a.player.entries[a.index] as Td3Entry);
        if (entryId !== null) apply({ type: 'Rebuy', entryId, ...price }, a.at);
      }
    } else if (a.kind === 'addon') {
      if ((a.player.addOns.filter((_, j) => j < a.index).length ?? 0) > 0) {
        notImported.push(`a second add-on of ${a.player.name} (Felt allows one add-on per entry)`);
        continue;
      }
      const entryId = aliveEntry(a, 'AddOn');
      const price = prices.idFor('addon', a.player.addOns[a.index] as Td3AddOn);
      if (entryId !== null) apply({ type: 'AddOn', entryId, ...price }, a.at);
    } else {
      // Everyone TD3 recorded at this same instant went out in one hand.
      const group: Action[] = [a];
      while (true) {
        const next = actions[i + 1];
        if (next === undefined || next.kind !== 'bust' || next.at !== a.at) break;
        group.push(next);
        i++;
      }
      const busted = new Set(group.map((g) => g.player.id));
      const hitmen = new Set(
        group
          .flatMap((g) => g.player.entries[g.index]?.bustOut?.hitmanIds ?? [])
          .filter((h) => !busted.has(h)),
      );
      const [hitman] = [...hitmen];
      const hitmanEntry = hitman === undefined ? undefined : entryOf.get(hitman);
      if (hitmen.size > 1) {
        notImported.push(
          `split knockout at ${new Date(a.at).toISOString()}: ${hitmen.size} hitmen, credited to the first only`,
        );
      }
      const busts = group.flatMap((g) => {
        const entryId = aliveEntry(g, 'BustPlayers');
        return entryId === null ? [] : [{ entryId, ...(group.length > 1 ? { chipsAtStartOfHand: 1 } : {}) }];
      });
      if (busts.length === 0) continue;
      const ok = apply(
        {
          type: 'BustPlayers',
          busts,
          ...(hitmanEntry === undefined ? {} : { hitmanEntryId: hitmanEntry }),
        },
        a.at,
      );
      if (ok) for (const g of group) entryOf.delete(g.player.id);
    }
  }
  ensureStarted(Number.POSITIVE_INFINITY);

  // Payouts: TD3's stored amounts, where Felt's own computation differs.
  const endAt = Math.max(lastAt, t.endTime ?? lastAt);
  let computed: Minor[] | undefined;
  if (prizes.length > 0 && state.entrants >= prizes.length) {
    const td3Amounts = prizes.map((p) => p.amount);
    const td3Total = td3Amounts.reduce((x, y) => x + y, 0);
    const pool = state.config === null ? 0 : poolOf(state);
    computed = feltFigures(state, new Map()).prizes.map((p) => p.amount);
    const own = computed;
    const same = td3Amounts.every((amount, k) => own[k] === amount);
    if (!same && td3Total > 0) {
      if (td3Total > pool) {
        const excess = td3Total - pool;
        const config = state.config as TournamentConfig;
        if (apply({ type: 'SetAddedMoney', amount: config.addedMoney + excess }, endAt)) {
          adjustments.push({
            field: 'pot',
            amount: excess,
            cause: prizes.every((p) => p.amountType === 'fixed')
              ? `TD3's fixed prizes, set by the TD, add up to ${fmt(td3Total)}, ${fmt(excess)} more than the pot: imported as added money`
              : `TD3's prizes add up to ${fmt(td3Total)}, ${fmt(excess)} more than the pot (TD3 rounding mode ${t.prizeSettings.roundPrizes} rounds each prize to the nearest ${fmt(t.prizeSettings.roundToNearest)}${prizes.some((p) => p.amountType === 'fixed') ? ', and some prizes are fixed by the TD' : ''}): imported as added money`,
          });
        }
      }
      // Money TD3's prizes leave unpaid stays unpaid (kept by the house, payout.unawarded).
      apply({ type: 'EditPayouts', manual: [...td3Amounts] }, endAt);
    }
  }
  if (startedFelt && state.playersLeft === 1 && t.players.every((p) => p.entries.length > 0)) {
    const winners = t.players.filter((p) => !p.busted);
    if (winners.length === 1) apply({ type: 'FinishTournament' }, endAt);
  }

  const seating = importSeating(t, state, entryOf, (body) => apply(body, endAt), notImported);
  if (t.players.some((p) => p.cashAdjustment !== 0)) notImported.push("players' cash adjustments");
  if (f.pointsFormula !== null)
    notImported.push('league points (computed by pointsForTournament, not stored)');

  const names = new Map([...matched, ...created].map((p) => [p.playerId, p.name]));
  const report = compareFigures(t, state, names, {
    adjustments,
    rejected,
    notImported,
    players: { matched, created, suggested },
    seating,
    priceOf: (kind, paid) => prices.priceOf(kind, paid),
    ...(computed === undefined ? {} : { computed }),
  });
  return { commands, template, report, state };
}

function mode(o: Td3ImportOptions): 'tournament' | 'structure' {
  return o.mode ?? 'tournament';
}

function poolOf(state: TournamentState): Minor {
  return prizePool(state).total;
}

export function fmt(minor: Minor): string {
  return (minor / 100).toFixed(2);
}

/**
 * The Felt player id for each TD3 player with an entry: the venue's id when `matchPlayer`
 * knows the name, else `td3-<TD3 UUID>` — TD3's player UUID is stable across its tournaments,
 * so importing a second night from the same TD3 database gives the same new player the same
 * id. A venue id claimed by two TD3 players is used for the first only (one person cannot be
 * two players in one tournament); the second becomes a new player and the report says so.
 */
function playerIdsFor(
  t: Td3Tournament,
  tournamentId: string,
  options: Td3ImportOptions,
): {
  playerIds: Map<string, string>;
  matched: Td3PlayerId[];
  created: Td3PlayerId[];
  suggested: Td3Suggestion[];
  notes: string[];
} {
  const playerIds = new Map<string, string>();
  const matched: Td3PlayerId[] = [];
  const created: Td3PlayerId[] = [];
  const notes: string[] = [];
  const owner = new Map<string, string>();
  const fresh = new Set(t.players.map((p) => (p.id ? `td3-${p.id}` : '')));
  const confirmed = options.confirmedMatches ?? new Map<string, string>();
  for (const key of confirmed.keys()) {
    if (!t.players.some((p) => p.entries.length > 0 && `td3-${p.id}` === key)) {
      throw new DomainError('TD3_MATCH_UNKNOWN', `No player of this file has the id ${key}`, {
        playerId: key,
      });
    }
  }
  t.players.forEach((p, i) => {
    if (p.entries.length === 0) return;
    // A venue id equal to another TD3 player's fresh id would merge two people; equal to this
    // player's own (an earlier import of the same player) it is the same person.
    const own = p.id ? `td3-${p.id}` : null;
    const venueId = (own === null ? undefined : confirmed.get(own)) ?? options.matchPlayer?.(p.name);
    if (
      venueId !== undefined &&
      venueId !== '' &&
      !owner.has(venueId) &&
      (!fresh.has(venueId) || venueId === own)
    ) {
      owner.set(venueId, p.name);
      playerIds.set(p.id, venueId);
      matched.push({ name: p.name, playerId: venueId });
      return;
    }
    if (venueId !== undefined && owner.has(venueId)) {
      notes.push(
        `${p.name} matched the venue's player ${venueId}, already used for ${owner.get(venueId)}: imported as a new player`,
      );
    }
    let playerId = p.id ? `td3-${p.id}` : `td3-${tournamentId}-p${i + 1}`;
    if (owner.has(playerId)) playerId = `td3-${tournamentId}-p${i + 1}`;
    owner.set(playerId, p.name);
    playerIds.set(p.id, playerId);
    created.push({ name: p.name, playerId });
  });
  // Offered after every player is placed, so no candidate is a venue player already taken.
  const taken = new Set(matched.map((m) => m.playerId));
  const suggested: Td3Suggestion[] = [];
  for (const c of created) {
    const candidates = (options.suggestPlayers?.(c.name) ?? []).filter((v) => !taken.has(v.playerId));
    if (candidates.length > 0) suggested.push({ name: c.name, playerId: c.playerId, candidates });
  }
  return { playerIds, matched, created, suggested, notes };
}

/**
 * Seats the players still in where TD3 had them at save time (see ./seating.ts). A finished
 * tournament has nobody to seat.
 */
function importSeating(
  t: Td3Tournament,
  state: TournamentState,
  entryOf: ReadonlyMap<string, string>,
  apply: (body: Body) => boolean,
  notImported: string[],
): Td3SeatingSummary {
  if (state.status === 'finished' || state.status === 'cancelled') {
    return { status: 'finished', tables: [], seated: 0, unseated: [] };
  }
  if (t.tables.length === 0) return { status: 'none', tables: [], seated: 0, unseated: [] };
  const alive = new Map<string, string>();
  for (const [td3Id, entryId] of entryOf) {
    if (mapGet(state.entries, entryId)?.status === 'active') alive.set(td3Id, entryId);
  }
  const names = new Map(t.players.map((p) => [p.id, p.name]));
  const plan = seatingPlan(t, alive, (id) => names.get(id) ?? id);
  let seated = plan.seated;
  for (const body of plan.commands) {
    if (!apply(body) && body.type === 'SeatEntry') seated--;
  }
  notImported.push(...plan.notes.map((n) => `seating: ${n}`));
  return {
    status: 'imported',
    tables: plan.tables.map((m) => ({ td3Name: m.td3Name, tableId: m.tableId })),
    seated,
    unseated: plan.unseated,
  };
}

/**
 * A template follows TD3's settings, not one night's records: rebuys until `Rebuys.LastRound`,
 * the add-on until `AddOns.LastRound`, late registration until `Buyins.LastRound` (TD3 rounds
 * count play levels, as Felt's levels do; 0 is TD3's "no limit": the last level, or for late
 * registration the night's own last entry, since every club file leaves it at 0).
 */
function configuredWindows(
  t: Td3Tournament,
  history: Structure,
  cap: (level: number) => number,
): { structure: Structure; rebuy: EntryProfile | null; addOn: EntryProfile | null } {
  const f = t.financials;
  const last = playLevels(history);
  const until = (c: Td3Tournament['financials']['rebuys']) => cap(c.lastRound > 0 ? c.lastRound : last);
  const rebuyOn = f.rebuys.allowed && f.rebuys.profiles.length > 0;
  const addOnOn = f.addOns.allowed && f.addOns.profiles.length > 0;
  const buyIn = f.buyins.lastRound > 0 ? cap(f.buyins.lastRound) : history.lateRegUntilLevel;
  return {
    structure: {
      ...history,
      lateRegUntilLevel: buyIn,
      rebuyUntilLevel: rebuyOn ? until(f.rebuys) : null,
      addOnAtLevel: addOnOn ? until(f.addOns) : null,
    },
    rebuy: rebuyOn ? profileOf(defaultProfile(f.rebuys), 'rebuy', history.startingStack) : null,
    addOn: addOnOn ? profileOf(defaultProfile(f.addOns), 'addon', 0) : null,
  };
}
