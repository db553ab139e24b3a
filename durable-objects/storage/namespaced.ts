/**
 * A storage port whose keys live under one namespace. On the box every Durable Object shares
 * one libSQL file, so a tournament's rows are keyed by its object (venue and id together), not
 * by the bare tournament id that two venues could both use; in the cloud each object has its
 * own SQLite anyway and the prefix costs nothing. Callers keep using their own ids.
 */
import type { StoragePort, StoredEvent, WriteOp } from './port.ts';

export function namespacedStorage(port: StoragePort, namespace: string): StoragePort {
  const key = (id: string) => `${namespace}|${id}`;
  const unkey = (e: StoredEvent, id: string): StoredEvent => ({ ...e, tournamentId: id });
  const op = (o: WriteOp): WriteOp => {
    switch (o.op) {
      case 'append':
      case 'snapshot':
      case 'commandResult':
        return { ...o, tournamentId: key(o.tournamentId) };
      case 'meta':
        return { ...o, scope: key(o.scope) };
      default:
        // Not a known op: the port itself refuses it (BAD_BATCH), as it would unwrapped.
        return o;
    }
  };
  return {
    kind: port.kind,
    migrate: () => port.migrate(),
    batch: (ops) => port.batch(ops.map(op)),
    lastSeq: (id) => port.lastSeq(key(id)),
    readEvents: async (id, after, limit) =>
      (await port.readEvents(key(id), after, limit)).map((e) => unkey(e, id)),
    loadSnapshot: (id) => port.loadSnapshot(key(id)),
    getCommandResult: (id, commandId) => port.getCommandResult(key(id), commandId),
    getMeta: (scope, k) => port.getMeta(key(scope), k),
    listMeta: (scope) => port.listMeta(key(scope)),
    sizeOf: (id) => port.sizeOf(key(id)),
  };
}
