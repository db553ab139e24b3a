/**
 * Storage failures the callers act on. `code` survives the box's loopback transport (the
 * storage server sends it back and the client rebuilds the same class).
 */
export type StorageErrorCode =
  | 'SEQ_CONFLICT' // the log moved on: expectedLastSeq is stale, or seqs are not contiguous
  | 'DUPLICATE_EVENT' // an eventId already in the log
  | 'DUPLICATE_COMMAND' // a commandId already has a recorded result
  | 'BAD_BATCH' // malformed operations
  | 'STORAGE_UNAVAILABLE'; // the database could not be reached

export class StorageError extends Error {
  readonly code: StorageErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: StorageErrorCode, message: string, details?: Record<string, unknown>, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'StorageError';
    this.code = code;
    this.details = details;
  }
}

export function isStorageError(e: unknown): e is StorageError {
  return e instanceof StorageError;
}
