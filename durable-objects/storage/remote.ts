/**
 * The box's side of the storage port inside workerd: each port call travels as JSON over the
 * loopback service binding `BOX_STORAGE` to the box process (edge-node/storage-server.ts),
 * which runs it on the libSQL adapter. This is transport only: the adapter is LibsqlStorage.
 */
import { StorageError, type StorageErrorCode } from './errors.ts';
import type {
  CommandResult,
  MigrationStatus,
  Snapshot,
  StoragePort,
  StoredEvent,
  TournamentSize,
  WriteOp,
} from './port.ts';

/** What crosses the binding. */
export type StorageRpc =
  | { readonly method: 'migrate'; readonly args: readonly [] }
  | { readonly method: 'batch'; readonly args: readonly [readonly WriteOp[]] }
  | { readonly method: 'lastSeq'; readonly args: readonly [string] }
  | { readonly method: 'readEvents'; readonly args: readonly [string, number, number] }
  | { readonly method: 'loadSnapshot'; readonly args: readonly [string] }
  | { readonly method: 'getCommandResult'; readonly args: readonly [string, string] }
  | { readonly method: 'getMeta'; readonly args: readonly [string, string] }
  | { readonly method: 'listMeta'; readonly args: readonly [string] }
  | { readonly method: 'sizeOf'; readonly args: readonly [string] };

export const STORAGE_RPC_PATH = '/storage/v1/rpc';
export const STORAGE_TOKEN_HEADER = 'x-felt-storage-token';

interface FetcherLike {
  fetch(input: string, init?: RequestInit): Promise<Response>;
}

export class RemoteStorage implements StoragePort {
  readonly kind = 'libsql' as const;
  readonly #fetcher: FetcherLike;
  readonly #token: string;

  constructor(fetcher: FetcherLike, token: string) {
    this.#fetcher = fetcher;
    this.#token = token;
  }

  async #call<T>(rpc: StorageRpc): Promise<T> {
    let res: Response;
    try {
      res = await this.#fetcher.fetch(`http://box-storage${STORAGE_RPC_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [STORAGE_TOKEN_HEADER]: this.#token },
        body: JSON.stringify(rpc),
      });
    } catch (e) {
      throw new StorageError('STORAGE_UNAVAILABLE', `box storage unreachable: ${String(e)}`, {}, e);
    }
    const payload = (await res.json()) as
      | { ok: true; result: T }
      | {
          ok: false;
          error: { code: StorageErrorCode | string; message: string; details?: Record<string, unknown> };
        };
    if (payload.ok) return payload.result;
    const code = payload.error.code as StorageErrorCode;
    if (
      ['SEQ_CONFLICT', 'DUPLICATE_EVENT', 'DUPLICATE_COMMAND', 'BAD_BATCH', 'STORAGE_UNAVAILABLE'].includes(
        code,
      )
    ) {
      throw new StorageError(code, payload.error.message, payload.error.details);
    }
    throw new Error(`box storage ${rpc.method} failed: ${payload.error.message}`);
  }

  migrate(): Promise<MigrationStatus> {
    return this.#call({ method: 'migrate', args: [] });
  }
  batch(ops: readonly WriteOp[]): Promise<void> {
    return this.#call({ method: 'batch', args: [ops] });
  }
  lastSeq(tournamentId: string): Promise<number> {
    return this.#call({ method: 'lastSeq', args: [tournamentId] });
  }
  readEvents(tournamentId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    return this.#call({ method: 'readEvents', args: [tournamentId, afterSeq, limit] });
  }
  loadSnapshot(tournamentId: string): Promise<Snapshot | null> {
    return this.#call({ method: 'loadSnapshot', args: [tournamentId] });
  }
  getCommandResult(tournamentId: string, commandId: string): Promise<CommandResult | null> {
    return this.#call({ method: 'getCommandResult', args: [tournamentId, commandId] });
  }
  getMeta(scope: string, key: string): Promise<string | null> {
    return this.#call({ method: 'getMeta', args: [scope, key] });
  }
  listMeta(scope: string): Promise<{ key: string; value: string }[]> {
    return this.#call({ method: 'listMeta', args: [scope] });
  }
  sizeOf(tournamentId: string): Promise<TournamentSize> {
    return this.#call({ method: 'sizeOf', args: [tournamentId] });
  }
}
