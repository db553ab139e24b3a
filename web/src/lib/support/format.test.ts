import { describe, expect, it } from 'vitest';
import { bytesText, whenText } from './format.ts';

describe('support figures', () => {
  it('reads sizes in B, KB and MB', () => {
    expect(bytesText(512)).toBe('512 B');
    expect(bytesText(2048)).toBe('2.0 KB');
    expect(bytesText(5.97 * 1024 * 1024)).toBe('5.97 MB');
  });
  it('reads times near now relatively, in the past and the future', () => {
    const now = 1_800_000_000_000;
    expect(whenText(now - 3 * 60_000, now)).toBe('3 min ago');
    expect(whenText(now + 12_000, now)).toBe('in 12 s');
    expect(whenText(now - 2 * 3_600_000, now)).toBe('2 h ago');
    expect(whenText(now - 3 * 86_400_000, now)).toMatch(/\d/);
  });
});
