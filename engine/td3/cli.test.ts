import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../scripts/import-td3.ts';

const mini = fileURLToPath(new URL('./testdata/mini.tdt', import.meta.url));

describe('scripts/import-td3.ts', () => {
  it('given no file, when run, then usage and exit code 2', () => {
    expect(runCli([])).toMatchObject({ code: 2, out: expect.stringMatching(/Usage/) });
  });
  it('given an unknown option, when run, then exit code 2', () => {
    expect(runCli([mini, '--yaml']).code).toBe(2);
  });
  it('given a missing path, when run, then a clear error and exit code 2', () => {
    expect(runCli(['/nope/missing.tdt'])).toMatchObject({
      code: 2,
      out: expect.stringMatching(/Cannot read/),
    });
  });
  it('given a file that is not TD3, when run, then exit code 2', () => {
    expect(runCli([fileURLToPath(import.meta.url)])).toMatchObject({
      code: 2,
      out: expect.stringMatching(/not a readable TD3 file/),
    });
  });
  it('given mini.tdt with --json, when run, then the report is JSON (exit 1: it has an unexplained prize)', () => {
    const r = runCli([mini, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).report.file.entrants).toBe(3);
  });
});
