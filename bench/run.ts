/**
 * `npm run bench`: runs every `bench/*.bench.ts` (or those named on the command line),
 * prints one JSON line per figure and rewrites docs/BENCHMARKS.md.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRun, Figure } from './lib/figure.ts';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const figures: Figure[] = [];
for (const file of files) {
  const mod = (await import(join(here, file))) as { run: BenchRun };
  for (const figure of await mod.run()) {
    figures.push(figure);
    process.stdout.write(
      `${JSON.stringify({ name: figure.name, value: figure.value, unit: figure.unit })}\n`,
    );
  }
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const date = new Date().toISOString().slice(0, 10);
const docPath = join(here, '..', 'docs', 'BENCHMARKS.md');

// Keep figures from benches not run this time (a partial run must not erase them).
const previous = new Map<string, string>();
try {
  for (const line of readFileSync(docPath, 'utf8').split('\n')) {
    const m = /^\| `([^`]+)` \|/.exec(line);
    if (m?.[1]) previous.set(m[1], line);
  }
} catch {
  // first run
}
const rows = new Map(previous);
for (const f of figures) {
  rows.set(
    f.name,
    `| \`${f.name}\` | ${f.value} ${f.unit} | ${f.goal ?? '—'} | ${f.note ?? ''} | ${machine} | ${date} |`,
  );
}
const body = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (medians over repeated runs; these machines are noisy).',
  'Each figure is named as in the issue that asks for it.',
  '',
  '| figure | value | goal | note | machine | date |',
  '|---|---|---|---|---|---|',
  ...[...rows.keys()].sort().map((k) => rows.get(k) as string),
  '',
].join('\n');
writeFileSync(docPath, body);
