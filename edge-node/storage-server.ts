/**
 * The loopback binding the box serves to workerd: runs storage-port calls on the libSQL
 * adapter. Listens on 127.0.0.1 only, and every call must carry the per-run random token,
 * so no other local process can write the venue's data.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isStorageError } from '../durable-objects/storage/errors.ts';
import type { StoragePort } from '../durable-objects/storage/port.ts';
import {
  STORAGE_RPC_PATH,
  STORAGE_TOKEN_HEADER,
  type StorageRpc,
} from '../durable-objects/storage/remote.ts';

const MAX_BODY = 32 * 1024 * 1024;

export interface StorageServer {
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

export async function dispatch(storage: StoragePort, rpc: StorageRpc): Promise<unknown> {
  switch (rpc.method) {
    case 'migrate':
      return storage.migrate();
    case 'batch':
      return storage.batch(...rpc.args);
    case 'lastSeq':
      return storage.lastSeq(...rpc.args);
    case 'readEvents':
      return storage.readEvents(...rpc.args);
    case 'loadSnapshot':
      return storage.loadSnapshot(...rpc.args);
    case 'getCommandResult':
      return storage.getCommandResult(...rpc.args);
    case 'getMeta':
      return storage.getMeta(...rpc.args);
    case 'listMeta':
      return storage.listMeta(...rpc.args);
    case 'sizeOf':
      return storage.sizeOf(...rpc.args);
    default: {
      const unknown: never = rpc;
      throw Object.assign(
        new Error(`unknown storage method ${JSON.stringify((unknown as StorageRpc).method)}`),
        {
          code: 'BAD_BATCH',
        },
      );
    }
  }
}

export interface StorageServerOptions {
  /** The box's sync status, served at GET /status to the box's own Worker (same token). */
  readonly status?: () => unknown;
}

export function startStorageServer(
  storage: StoragePort,
  token: string,
  options: StorageServerOptions = {},
): Promise<StorageServer> {
  const server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/status' && options.status) {
      if (req.headers[STORAGE_TOKEN_HEADER] !== token) {
        reply(403, { ok: false, error: { code: 'FORBIDDEN', message: 'bad storage token' } });
        return;
      }
      reply(200, options.status());
      return;
    }
    if (req.method !== 'POST' || req.url !== STORAGE_RPC_PATH) {
      reply(404, { ok: false, error: { code: 'NOT_FOUND', message: 'unknown path' } });
      return;
    }
    if (req.headers[STORAGE_TOKEN_HEADER] !== token) {
      reply(403, { ok: false, error: { code: 'FORBIDDEN', message: 'bad storage token' } });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reply(413, { ok: false, error: { code: 'BAD_BATCH', message: 'storage call too large' } });
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', async () => {
      if (res.headersSent) return;
      let rpc: StorageRpc;
      try {
        rpc = JSON.parse(Buffer.concat(chunks).toString('utf8')) as StorageRpc;
      } catch {
        reply(400, { ok: false, error: { code: 'BAD_BATCH', message: 'storage call is not JSON' } });
        return;
      }
      try {
        const result = await dispatch(storage, rpc);
        reply(200, { ok: true, result: result ?? null });
      } catch (e) {
        if (isStorageError(e)) {
          reply(409, { ok: false, error: { code: e.code, message: e.message, details: e.details } });
        } else {
          const code = (e as { code?: string }).code ?? 'STORAGE_FAILED';
          reply(500, { ok: false, error: { code, message: e instanceof Error ? e.message : String(e) } });
        }
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        server,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}
