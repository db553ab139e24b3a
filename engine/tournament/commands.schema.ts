/**
 * zod schemas for every command, so the HTTP edge can reject a malformed body with a 400
 * before the decider sees it. The decider still checks every rule (a well-formed command can
 * break one); these schemas check shape only.
 */
import { z } from 'zod';
import type { TournamentCommand } from './types.ts';

const id = z.string().min(1).max(200);
const whole = z.number().int().nonnegative();
const positive = z.number().int().positive();
const amount = whole;

const playLevel = z.object({
  kind: z.literal('level'),
  smallBlind: whole,
  bigBlind: whole,
  ante: whole,
  bigBlindAnte: whole,
  durationMs: positive,
  game: z.string().optional(),
});
const breakLevel = z.object({
  kind: z.literal('break'),
  durationMs: positive,
  colorUp: z.array(positive).optional(),
  label: z.string().optional(),
});
const level = z.discriminatedUnion('kind', [playLevel, breakLevel]);

export const structureSchema = z.object({
  name: z.string(),
  game: z.string(),
  levels: z.array(level).min(1),
  chipSet: z.object({
    chips: z.array(z.object({ value: positive, color: z.string(), name: z.string().optional() })),
  }),
  startingStack: positive,
  lateRegUntilLevel: positive.nullable(),
  rebuyUntilLevel: positive.nullable(),
  addOnAtLevel: positive.nullable(),
});

const profile = (kind: 'buyin' | 'rebuy' | 'addon') =>
  z.object({
    id: z.string(),
    name: z.string(),
    kind: z.literal(kind),
    price: amount,
    fee: amount,
    chips: whole,
    bounty: amount,
  });

const rules = z
  .object({
    reentry: z.boolean(),
    maxEntriesPerPlayer: positive,
    maxRebuysPerEntry: whole.nullable(),
    rebuyMaxChips: whole.nullable(),
    capacity: positive.nullable(),
    waitingList: z.boolean(),
    bountyMode: z.enum(['none', 'fixed', 'progressive']),
    finalTableSize: positive,
  })
  .partial();

const configFields = {
  name: z.string().min(1).max(200),
  structure: structureSchema,
  currency: z.string().regex(/^[A-Z]{3}$/),
  buyIn: profile('buyin'),
  rebuy: profile('rebuy').nullable(),
  addOn: profile('addon').nullable(),
  profiles: z.array(z.union([profile('buyin'), profile('rebuy'), profile('addon')])).max(50),
  rules,
  addedMoney: amount,
  fixedRake: amount,
  guarantee: amount,
  payout: z
    .object({
      roundTo: positive,
      percentages: z.array(whole).nullable(),
      unawarded: z.enum(['house', 'carried']),
    })
    .partial(),
  satellite: z
    .object({ seatValue: positive, remainder: z.enum(['bubble', 'seat-winners']).default('bubble') })
    .nullable(),
  shootout: z.object({ advancePerTable: z.number().int() }).nullable(),
};

const cmd = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ commandId: id, type: z.literal(type), ...shape });

const seatingConfig = z
  .object({
    balanceTolerance: whole,
    relaxedTolerance: z.object({ whileTablesAbove: whole, tolerance: whole }),
    autoApplyMoves: z.boolean(),
    finalTableRedraw: z.boolean(),
    handForHandRanking: z.enum(['tie', 'starting-stack']),
    autoHandForHandAtBubble: z.boolean(),
    defaultSeatsPerTable: positive,
  })
  .partial();

export const commandSchema = z.discriminatedUnion('type', [
  cmd('CreateTournament', {
    ...z.object(configFields).partial().shape,
    name: configFields.name,
    structure: configFields.structure,
    buyIn: configFields.buyIn,
  }),
  cmd('Configure', z.object(configFields).partial().shape),
  cmd('OpenRegistration', {}),
  cmd('CloseRegistration', {}),
  cmd('Register', { playerId: id, name: z.string().min(1).max(200), profileId: id.optional() }),
  cmd('Unregister', { entryId: id }),
  cmd('PromoteAlternate', { playerId: id.optional(), profileId: id.optional() }),
  cmd('Reenter', { playerId: id, profileId: id.optional() }),
  cmd('Rebuy', { entryId: id, chips: whole.optional(), profileId: id.optional() }),
  cmd('AddOn', { entryId: id, profileId: id.optional() }),
  cmd('StartTournament', {}),
  cmd('PauseClock', {}),
  cmd('ResumeClock', {}),
  cmd('AddTime', { ms: positive }),
  cmd('RemoveTime', { ms: positive }),
  cmd('GoToLevel', { levelIndex: whole }),
  cmd('RestartLevel', {}),
  cmd('EditFutureLevels', { levels: z.array(level).min(1) }),
  cmd('SetChipCount', { counts: z.array(z.object({ entryId: id, chips: whole })).min(1) }),
  cmd('BustPlayers', {
    busts: z.array(z.object({ entryId: id, chipsAtStartOfHand: positive.optional() })).min(1),
    hitmanEntryId: id.optional(),
    handKey: id.optional(),
  }),
  cmd('SetAddedMoney', { amount }),
  cmd('SetGuarantee', { amount }),
  cmd('EditPayouts', { manual: z.array(amount.nullable()) }),
  cmd('LockPayouts', { places: z.array(positive).min(1) }),
  cmd('MakeDeal', {
    kind: z.enum(['icm', 'chip-chop', 'even-chop', 'custom']),
    stacks: z.array(z.object({ entryId: id, chips: positive })).min(2),
    leaveToPlayFor: amount.optional(),
    custom: z.array(amount).optional(),
    roundTo: positive.optional(),
  }),
  cmd('FinishTournament', {}),
  cmd('CancelTournament', { reason: z.string().max(500).optional() }),
  cmd('Undo', { targetCommandId: id }),
  // Multi-day play (day-types.ts).
  cmd('BagChips', {
    counts: z
      .array(z.object({ entryId: id, chips: whole }))
      .max(10_000)
      .optional(),
    confirmMismatch: z.boolean().optional(),
  }),
  cmd('CarryEntries', {
    entries: z
      .array(z.object({ playerId: id, name: z.string().min(1).max(200), chips: positive, fromFlight: id }))
      .min(1)
      .max(10_000),
    pool: amount,
    flightEntries: positive.optional(),
  }),
  // Shootouts (shootout-types.ts).
  cmd('StartNextRound', {}),
  // Seating commands, forwarded to the seating sub-decider.
  cmd('AddTable', {
    tableId: id.optional(),
    name: z.string().optional(),
    seats: positive.optional(),
    number: z.number().optional(),
  }),
  cmd('RenameTable', { tableId: id, name: z.string().min(1) }),
  cmd('RemoveTable', { tableId: id }),
  cmd('SetSeatAvailable', { tableId: id, seat: positive, available: z.boolean() }),
  cmd('LockSeat', { entryId: id, tableId: id, seat: positive }),
  cmd('SeatEntry', { entryId: id, tableId: id, seat: positive }),
  cmd('UnlockSeat', { entryId: id }),
  cmd('SetButton', { tableId: id, seat: positive.nullable() }),
  cmd('SetBreakOrder', { tableIds: z.array(id) }),
  cmd('ConfigureSeating', { config: seatingConfig }),
  cmd('DrawSeats', { entryIds: z.array(id).optional() }),
  cmd('ApplyMove', { moveId: id }),
  cmd('ApplyAllMoves', {}),
  cmd('BreakTable', { tableId: id.optional() }),
  cmd('RedrawFinalTable', {}),
  cmd('StartHandForHand', {}),
  cmd('StopHandForHand', {}),
  cmd('ReportHandFinished', { tableId: id }),
]);

/** True when `value` has the shape of a command in its envelope (rules are the decider's job). */
export function isTournamentCommand(value: unknown): value is TournamentCommand {
  return commandSchema.safeParse(value).success;
}
