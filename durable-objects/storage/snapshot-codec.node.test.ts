import { describe, expect, it } from 'vitest';
import { packSnapshot, unpackSnapshot } from './snapshot-codec.ts';

describe('snapshot codec', () => {
  it('given snapshot text, when packed and unpacked, then it comes back exactly, smaller on the way', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      entryId: `e${i}`,
      name: `Spiller ${i} — Ærø "Ø"\n`,
      chips: i * 7,
    }));
    const json = `${JSON.stringify({ format: 2, state: { rows } })}\n["c1",0,1,0]`;
    const packed = await packSnapshot(json);
    expect(packed.startsWith('deflate-raw;base64,')).toBe(true);
    expect(packed.length).toBeLessThan(json.length / 4);
    // Nothing for a JSON envelope to escape.
    expect(JSON.stringify(packed).length).toBe(packed.length + 2);
    expect(await unpackSnapshot(packed)).toBe(json);
  });
  it('given a body that was never packed (older rows, the cloud), when unpacked, then it is returned as is', async () => {
    expect(await unpackSnapshot('{"format":2}\n[]')).toBe('{"format":2}\n[]');
  });
  it('given a damaged packed body, when unpacked, then it rejects (the host then replays the log)', async () => {
    await expect(unpackSnapshot('deflate-raw;base64,AAAA')).rejects.toThrow();
  });
});
