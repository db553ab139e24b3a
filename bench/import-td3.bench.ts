/**
 * Issue 5: `import.td3_parse_mb_s`, how fast the safe .tdt parser reads the 30 real TD3 files
 * in ../shared/fixtures/td3 (bytes → text → value tree). Skipped when the folder is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTd3 } from '../engine/td3/parse.ts';
import { readTd3 } from '../engine/td3/read.ts';
import type { Figure } from './lib/figure.ts';
import { median, round, timeRuns } from './lib/measure.ts';

const RUNS = 9;

export async function run(): Promise<Figure[]> {
  const dir = fileURLToPath(new URL('../../shared/fixtures/td3/', import.meta.url));
  if (!existsSync(dir)) {
    console.warn(`import-td3: fixtures not found at ${dir}; import.td3_parse_mb_s skipped`);
    return [];
  }
  const files = readdirSync(dir)
    .filter((n) => n.endsWith('.tdt'))
    .map((n) => readFileSync(join(dir, n)));
  const bytes = files.reduce((s, f) => s + f.length, 0);
  const parseMs = await timeRuns(
    RUNS,
    () => {
      for (const f of files) parseTd3(f);
    },
    2,
  );
  const trees = files.map((f) => parseTd3(f));
  const readMs = median(
    await timeRuns(
      RUNS,
      () => {
        for (const t of trees) readTd3(t);
      },
      2,
    ),
  );
  const mbPerS = bytes / 1e6 / (median(parseMs) / 1000);
  return [
    {
      name: 'import.td3_parse_mb_s',
      value: round(mbPerS, 1),
      unit: 'MB/s',
      note: `${files.length} files, ${round(bytes / 1e6, 2)} MB; median of ${RUNS} runs (min ${round(bytes / 1e6 / (Math.max(...parseMs) / 1000), 1)}, max ${round(bytes / 1e6 / (Math.min(...parseMs) / 1000), 1)} MB/s); readTd3 of all files ${round(readMs, 1)} ms`,
    },
  ];
}
