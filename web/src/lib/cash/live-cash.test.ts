import { describe, expect, it } from 'vitest';
import { countdown } from './live-cash.svelte.ts';

describe('a call’s countdown', () => {
  it('counts down on the server’s clock and stops at zero', () => {
    expect(countdown(200_000, 100_000, 0)).toBe('1:40');
    // The phone's clock is 5 s behind the server's.
    expect(countdown(200_000, 100_000, 5_000)).toBe('1:35');
    expect(countdown(200_000, 300_000, 0)).toBe('0:00');
  });
});
