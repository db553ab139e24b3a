import { StorageError } from './errors.ts';
import type { NewEvent, WriteOp } from './port.ts';

/**
 * Checks an append against the log's current last seq. Shared by both adapters so they
 * reject exactly the same batches with exactly the same errors.
 */
export function checkAppend(
  tournamentId: string,
  currentLastSeq: number,
  expectedLastSeq: number,
  events: readonly NewEvent[],
): void {
  if (currentLastSeq !== expectedLastSeq) {
    throw new StorageError(
      'SEQ_CONFLICT',
      `Tournament ${tournamentId}: expected last seq ${expectedLastSeq}, log is at ${currentLastSeq}`,
      { tournamentId, expectedLastSeq, currentLastSeq },
    );
  }
  events.forEach((e, i) => {
    if (e.seq !== expectedLastSeq + 1 + i) {
      throw new StorageError(
        'SEQ_CONFLICT',
        `Tournament ${tournamentId}: event ${i} has seq ${e.seq}, expected ${expectedLastSeq + 1 + i}`,
        { tournamentId, seq: e.seq },
      );
    }
  });
  const ids = new Set(events.map((e) => e.eventId));
  if (ids.size !== events.length) {
    throw new StorageError(
      'DUPLICATE_EVENT',
      `Tournament ${tournamentId}: repeated eventId within one append`,
    );
  }
}

/** Rejects structurally bad batches before touching the database. */
export function checkBatchShape(ops: readonly WriteOp[]): void {
  if (!Array.isArray(ops)) throw new StorageError('BAD_BATCH', 'batch must be an array of operations');
  for (const op of ops) {
    switch (op.op) {
      case 'append':
      case 'snapshot':
      case 'commandResult':
      case 'meta':
        break;
      default:
        throw new StorageError(
          'BAD_BATCH',
          `unknown batch operation ${JSON.stringify((op as { op?: unknown }).op)}`,
        );
    }
  }
}

/** Maps the schema's UNIQUE violations to the port's named errors (same in both adapters). */
export function translateConstraint(e: unknown, tournamentId: string): never {
  const msg = e instanceof Error ? e.message : String(e);
  if (/UNIQUE constraint failed: events\.tournament_id, events\.event_id/.test(msg)) {
    throw new StorageError(
      'DUPLICATE_EVENT',
      `Tournament ${tournamentId}: an eventId is already in the log`,
      {},
      e,
    );
  }
  if (/UNIQUE constraint failed: command_results\./.test(msg)) {
    throw new StorageError(
      'DUPLICATE_COMMAND',
      `Tournament ${tournamentId}: commandId already recorded`,
      {},
      e,
    );
  }
  if (/UNIQUE constraint failed: events\.tournament_id, events\.seq/.test(msg)) {
    throw new StorageError('SEQ_CONFLICT', `Tournament ${tournamentId}: seq already taken`, {}, e);
  }
  throw e;
}
