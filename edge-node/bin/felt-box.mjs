#!/usr/bin/env node
// felt-box: runs edge-node/cli.ts with the project's pinned Node (≥ 22, which strips TypeScript
// types natively), whatever `node` is first on PATH.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pinned = join(root, 'node_modules', 'node', 'bin', 'node');
const nodeBin = existsSync(pinned) ? pinned : process.execPath;
const child = spawn(nodeBin, [join(root, 'edge-node', 'cli.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
