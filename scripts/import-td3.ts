/**
 * `npm run import:td3 -- FILE [--json]`: imports a TD3 (.tdt) file without writing anything and
 * prints the import report (TD3's figures beside Felt's, each difference with its cause).
 * Exit codes: 0 imported (even with differences), 1 unexplained differences, 2 bad arguments,
 * unreadable path or a file TD3 did not write.
 */
import { readFileSync, statSync } from 'node:fs';
import { fmt, importTd3 } from '../engine/td3/import.ts';
import { Td3ParseError } from '../engine/td3/parse.ts';
import { type Td3Figures, UNEXPLAINED } from '../engine/td3/report.ts';

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
  lines.push(report.differences.length === 0 ? '  no differences' : '  differences:');
  for (const d of report.differences) lines.push(`  - ${d.field}: TD3 ${d.td3} / Felt ${d.felt}: ${d.cause}`);
  for (const n of report.notImported) lines.push(`  not imported: ${n}`);
  return { code: unexplained ? 1 : 0, out: lines.join('\n') };
}

if (import.meta.main) {
  const { code, out } = runCli(process.argv.slice(2));
  (code === 2 ? console.error : console.log)(out);
  process.exitCode = code;
}
