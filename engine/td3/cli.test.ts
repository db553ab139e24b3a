import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../scripts/import-td3.ts';

const mini = fileURLToPath(new URL('./testdata/mini.tdt', import.meta.url));
const rebuyAddOn = fileURLToPath(new URL('./testdata/rebuy-addon.tdt', import.meta.url));

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
  it('given mini.tdt, when run, then differences are in money units, not minor units', () => {
    const { out } = runCli([mini]);
    expect(out).toContain('- prize 1 computed: TD3 231.50 / Felt 447.00: unexplained');
    expect(out).toContain('paid in    TD3     481.50   Felt     481.50');
    expect(out).not.toMatch(/TD3 48150\b/);
  });
  it("given a prize Felt computes otherwise but imports at TD3's amount, when run, then no line for it", () => {
    const { out, code } = runCli([rebuyAddOn]);
    expect(code).toBe(0);
    expect(out).not.toMatch(/prize \d computed/);
    expect(out).toContain('no differences');
    // --json keeps the detail.
    const json = JSON.parse(runCli([rebuyAddOn, '--json']).out);
    expect(json.report.differences).toEqual([]);
  });
  it('given a file whose players have no UUID, when run, then refused with exit 2 naming the problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'td3-'));
    const file = join(dir, 'no-uuid.tdt');
    writeFileSync(
      file,
      readFileSync(mini, 'utf8')
        .replaceAll(/UUID: "p-[abc]"/g, 'UUID: ""')
        .replaceAll(/\["p-[abc]", new GamePlayer/g, '["", new GamePlayer'),
    );
    expect(runCli([file])).toMatchObject({
      code: 2,
      out: expect.stringMatching(/PLAYERS_WITHOUT_IDS: .*no UUID/),
    });
  });
});
