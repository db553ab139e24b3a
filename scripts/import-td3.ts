/**
 * `npm run import:td3 -- FILE [--json]`: imports a TD3 (.tdt) file without writing anything and
 * prints the import report (TD3's figures beside Felt's, each difference with its cause).
 * Exit codes: 0 imported (even with differences), 1 unexplained differences, 2 bad arguments,
 * unreadable path or a file TD3 did not write.
 */
import { readFileSync, statSync } from 'node:fs';
import { fmt, importTd3 } from '../engine/td3/import.ts';
import { Td3ParseError } from '../engine/td3/parse.ts';
import {
  type Td3Difference,
  type Td3Figures,
  type Td3ImportReport,
  UNEXPLAINED,
} from '../engine/td3/report.ts';

const USAGE = 'Usage: npm run import:td3 -- FILE.tdt [--json]';
const MAX_BYTES = 8 * 1024 * 1024;

export interface CliResult {
  readonly code: number;
  readonly out: string;
}

export function runCli(args: readonly string[]): CliResult {
  const json = args.includes('--json');
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--json');
  const files = args.filter((a) => !a.startsWith('--'));
  if (unknown.length > 0) return { code: 2, out: `Unknown option ${unknown.join(', ')}\n${USAGE}` };
  const [file] = files;
  if (file === undefined || files.length > 1) return { code: 2, out: USAGE };
  let bytes: Uint8Array;
  try {
    if (statSync(file).size > MAX_BYTES) return { code: 2, out: `${file} is larger than 8 MB` };
    bytes = readFileSync(file);
  } catch (error) {
    return { code: 2, out: `Cannot read ${file}: ${(error as Error).message}` };
  }
  const result = importTd3(bytes);
  if (result instanceof Td3ParseError) {
    return { code: 2, out: `${file} is not a readable TD3 file: ${result.code}: ${result.message}` };
  }
  const { report } = result;
  const unexplained = report.differences.some((d) => d.cause === UNEXPLAINED);
  if (json)
    return {
      code: unexplained ? 1 : 0,
      out: JSON.stringify({ report, commands: result.commands.length }, null, 2),
    };
  const lines = [`${file}: ${result.commands.length} commands`];
  const row = (label: string, f: (x: Td3Figures) => string) =>
    lines.push(
      `  ${label.padEnd(10)} TD3 ${f(report.file).padStart(10)}   Felt ${f(report.felt).padStart(10)}`,
    );
  row('entrants', (x) => String(x.entrants));
  row('buy-ins', (x) => String(x.buyins));
  row('rebuys', (x) => String(x.rebuys));
  row('add-ons', (x) => String(x.addOns));
  row('paid in', (x) => fmt(x.paidIn));
  row('pot', (x) => fmt(x.pot));
  for (const p of report.file.prizes) {
    const felt = report.felt.prizes.find((q) => q.place === p.place);
    lines.push(
      `  prize ${p.place}    TD3 ${fmt(p.amount)} ${p.recipients.join(', ') || '-'}   Felt ${fmt(felt?.amount ?? 0)} ${felt?.recipients.join(', ') || '-'}`,
    );
  }
  // Felt's own computation of a prize that the import then set to TD3's amount is detail for
  // --json, not a difference a TD has to look at.
  const shown = report.differences.filter((d) => !settledComputation(d, report));
  lines.push(shown.length === 0 ? '  no differences' : '  differences:');
  for (const d of shown)
    lines.push(`  - ${d.field}: TD3 ${value(d, d.td3)} / Felt ${value(d, d.felt)}: ${d.cause}`);
  for (const n of report.notImported) lines.push(`  not imported: ${n}`);
  return { code: unexplained ? 1 : 0, out: lines.join('\n') };
}

/** Money fields in the report's units (12.50), not raw minor units; counts and names as they are. */
function value(d: Td3Difference, v: Td3Difference['td3']): string {
  if (v === null) return '-';
  const money = d.field === 'paidIn' || d.field === 'pot' || /^prize \d+ (amount|computed)$/.test(d.field);
  return money && typeof v === 'number' ? fmt(v) : String(v);
}

function settledComputation(d: Td3Difference, report: Td3ImportReport): boolean {
  const m = /^prize (\d+) computed$/.exec(d.field);
  if (m === null || d.cause === UNEXPLAINED) return false;
  const place = Number(m[1]);
  const td3 = report.file.prizes.find((p) => p.place === place)?.amount;
  return td3 !== undefined && report.felt.prizes.find((p) => p.place === place)?.amount === td3;
}

if (import.meta.main) {
  const { code, out } = runCli(process.argv.slice(2));
  (code === 2 ? console.error : console.log)(out);
  process.exitCode = code;
}
