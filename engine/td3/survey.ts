/**
 * Prints what TD3 stored in each fixture, so a person can check the import's figures:
 *   npx node engine/td3/survey.ts [folder]
 * (default folder: ../shared/fixtures/td3 beside the repository).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTd3 } from './parse.ts';
import { readTd3 } from './read.ts';
import type { Td3Tournament } from './types.ts';

const major = (minor: number): string => (minor / 100).toFixed(2);

export function describeTd3(file: string, t: Td3Tournament): string {
  const names = new Map(t.players.map((p) => [p.id, p.name]));
  const s = t.totals;
  const lines = [
    `${file}  (TD3 ${t.version}) "${t.title}"`,
    `  entrants ${s.entrants}  buy-ins ${s.buyins}  rebuys ${s.rebuys}  add-ons ${s.addOns}` +
      `  paid in ${major(s.paidIn)}  rake ${major(s.rake)}  fixed rake ${major(s.fixedRake)}` +
      `  pot ${major(s.pot)}  prizes ${major(s.prizesTotal)}`,
    ...t.prizes.map(
      (p) =>
        `  prize ${p.description}: rank ${p.recipient} ${p.amountType === 'percent' ? `${p.percent}%` : major(p.fixedAmount)}` +
        ` → ${major(p.amount)} (remainder ${major(p.sharedRemainder)}, adjustment ${major(p.adjustment)})` +
        ` to ${p.awardedTo.map((id) => names.get(id) ?? `?${id}`).join(', ') || '—'}`,
    ),
    `  places: ${[...t.players]
      .filter((p) => p.place !== null)
      .sort((a, b) => (a.place ?? 0) - (b.place ?? 0))
      .map((p) => `${p.place}. ${p.name}${p.hits ? ` (${p.hits} KO)` : ''}`)
      .join(', ')}`,
  ];
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? fileURLToPath(new URL('../../../shared/fixtures/td3/', import.meta.url));
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith('.tdt'))
    .sort()) {
    const t = readTd3(parseTd3(readFileSync(join(dir, f))));
    console.log(t instanceof Error ? `${f}: ${t.code} ${t.message}` : describeTd3(f, t));
  }
}
