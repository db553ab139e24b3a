/**
 * Where the test suite finds the real TD3 files: ../shared/fixtures/td3 beside the repository
 * (never copied into it). Tests skip with a note when the folder is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = fileURLToPath(new URL('../../../shared/fixtures/td3/', import.meta.url));
export const HAVE_FIXTURES = existsSync(FIXTURE_DIR);

export function fixtureNames(): string[] {
  if (!HAVE_FIXTURES) {
    console.warn(`TD3 fixtures not found at ${FIXTURE_DIR}: fixture tests are skipped`);
    return [];
  }
  return readdirSync(FIXTURE_DIR)
    .filter((n) => n.endsWith('.tdt'))
    .sort();
}

export function fixtureBytes(name: string): Uint8Array {
  return readFileSync(`${FIXTURE_DIR}${name}`);
}

export function testdata(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./testdata/${name}`, import.meta.url)), 'utf8');
}
