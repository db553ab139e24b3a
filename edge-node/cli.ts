/**
 * `felt-box` / `npm run box`: the venue box command line.
 *   felt-box serve [--data-dir DIR] [--host ADDR] [--port N]
 * Flags fall back to FELT_BOX_DATA, FELT_BOX_HOST, FELT_BOX_PORT.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_BOX_HOST, DEFAULT_BOX_PORT, startBox } from './box.ts';
import { PortInUseError } from './port-check.ts';

class UsageError extends Error {}

const USAGE = `usage: felt-box serve [--data-dir DIR] [--host ADDR] [--port N]
  --data-dir  where the box keeps its database (env FELT_BOX_DATA, default ./.felt/box)
  --host      address to listen on (env FELT_BOX_HOST, default ${DEFAULT_BOX_HOST}: the whole LAN)
  --port      port to listen on (env FELT_BOX_PORT, default ${DEFAULT_BOX_PORT})`;

export interface ServeFlags {
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
}

export function parseServeFlags(argv: readonly string[], env: NodeJS.ProcessEnv): ServeFlags {
  let values: { 'data-dir'?: string; host?: string; port?: string; help?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        'data-dir': { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
  }
  if (values.help) throw new UsageError(USAGE);
  const portText = values.port ?? env.FELT_BOX_PORT ?? String(DEFAULT_BOX_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    throw new UsageError(`--port must be a whole number from 1 to 65535, got "${portText}"`);
  }
  const host = values.host ?? env.FELT_BOX_HOST ?? DEFAULT_BOX_HOST;
  if (!/^[0-9a-zA-Z.:[\]-]+$/.test(host)) throw new UsageError(`--host is not an address: "${host}"`);
  const dataDir = values['data-dir'] ?? env.FELT_BOX_DATA ?? '.felt/box';
  if (dataDir.trim() === '') throw new UsageError('--data-dir must not be empty');
  return { dataDir, host, port };
}

async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  if (command !== 'serve') {
    process.stderr.write(`felt-box: unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  let flags: ServeFlags;
  try {
    flags = parseServeFlags(rest, process.env);
  } catch (e) {
    process.stderr.write(`felt-box: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  let box: Awaited<ReturnType<typeof startBox>>;
  try {
    box = await startBox(flags);
  } catch (e) {
    if (e instanceof PortInUseError) {
      process.stderr.write(`felt-box: ${e.message}\n`);
      return 3;
    }
    throw e;
  }
  process.stdout.write(
    `\nFelt box is running: ${box.url} (listening on ${flags.host}:${flags.port}, data in ${box.dataDir})\nPress Ctrl-C to stop.\n`,
  );
  let stopping = false;
  const shutdown = async (signal: string) => {
    stopping = true;
    process.stdout.write(`\nfelt-box: ${signal}, stopping…\n`);
    await box.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  const code = await box.exited;
  // A stop we asked for: shutdown() finishes and exits 0.
  if (stopping) return new Promise<number>(() => {});
  process.stderr.write(`felt-box: workerd exited unexpectedly (${code}); stopping\n`);
  await box.stop();
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== 0) process.exit(code);
    },
    (e: unknown) => {
      process.stderr.write(`felt-box: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
