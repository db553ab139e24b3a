import { describe, expect, it } from 'vitest';
import { pastedTarget } from './target.ts';

describe('what support staff paste', () => {
  it('goes straight to a tournament from a staff or public link, or "venue/id"', () => {
    const want = { kind: 'tournament', venueId: 'riverside', tournamentId: 'ab12cd' };
    expect(pastedTarget('https://felt.example/v/riverside/staff/t/ab12cd/seating')).toEqual(want);
    expect(pastedTarget('http://192.168.1.20:8787/v/riverside/t/ab12cd')).toEqual(want);
    expect(pastedTarget('/v/riverside/staff/t/ab12cd?tab=log')).toEqual(want);
    expect(pastedTarget(' riverside/ab12cd ')).toEqual(want);
  });

  it('goes to a venue from its page and reads a player code from /p/', () => {
    expect(pastedTarget('https://felt.example/v/riverside')).toEqual({ kind: 'venue', venueId: 'riverside' });
    expect(pastedTarget('https://felt.example/v/riverside/staff/people')).toEqual({
      kind: 'venue',
      venueId: 'riverside',
    });
    expect(pastedTarget('https://felt.example/p/K7Q2XD')).toEqual({ kind: 'code', code: 'K7Q2XD' });
  });

  it('leaves names, ids and codes to the search', () => {
    expect(pastedTarget('Riverside Card Room')).toBeNull();
    expect(pastedTarget('riverside')).toBeNull();
    expect(pastedTarget('https://elsewhere.example/about')).toBeNull();
    expect(pastedTarget('a/b/c')).toBeNull();
  });
});
