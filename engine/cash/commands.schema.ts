/** zod schemas of the cash commands the floor sends: shape only (the decider checks the rules). */
import { z } from 'zod';
import type { CashCommand } from './types.ts';

const id = z.string().min(1).max(64);
const name = z.string().trim().min(1).max(60);

const schemas = [
  z.object({ type: z.literal('CreateGame'), gameId: id, name, callMinutes: z.number().int().optional() }),
  z.object({
    type: z.literal('OpenTable'),
    tableId: id,
    gameId: id,
    name,
    seats: z.number().int(),
    mustMove: z.boolean().optional(),
  }),
  z.object({ type: z.literal('CloseTable'), tableId: id }),
  z.object({ type: z.literal('SetSeatsTaken'), tableId: id, taken: z.number().int() }),
  z.object({
    type: z.literal('JoinWaitlist'),
    gameId: id,
    playerId: id,
    name,
    source: z.literal('floor').default('floor'),
  }),
  z.object({ type: z.literal('LeaveWaitlist'), gameId: id, playerId: id }),
  z.object({ type: z.literal('CallNext'), gameId: id }),
  z.object({ type: z.literal('SeatPlayer'), gameId: id, playerId: id, tableId: id }),
  z.object({ type: z.literal('PlayerLeftTable'), tableId: id, playerId: id }),
] as const;

/**
 * What the floor may send. ExpireCalls is the object's own (its alarm), and a phone's join
 * goes through the public route, so neither is here.
 */
export const floorCashCommandSchema = z.discriminatedUnion(
  'type',
  schemas.map((s) => s.strict()) as unknown as [(typeof schemas)[number], ...(typeof schemas)[number][]],
);

export type FloorCashCommand = Exclude<CashCommand, { type: 'ExpireCalls' }>;
