import { describe, expect, it } from 'vitest';
import { DomainError } from '../core/errors.ts';
import { newPlayerSchema, parseNewPlayer, parsePlayerPatch, playerPatchSchema } from './validate.ts';

function messageOf(result: unknown): string {
  expect(result).toBeInstanceOf(DomainError);
  expect((result as DomainError).code).toBe('PLAYER_INVALID');
  return (result as DomainError).message;
}

describe('newPlayerSchema', () => {
  it('given a full valid player when parsed then the text is tidied and blanks become null', () => {
    const r = parseNewPlayer({
      name: '  Søren   Kjærgaard ',
      nickname: '',
      email: ' soren@example.dk ',
      phone: '+45 12 34 56 78',
      notes: 'Likes seat 3.\nOwes nothing.',
      display: 'initials',
    });
    expect(r).toEqual({
      name: 'Søren Kjærgaard',
      nickname: null,
      email: 'soren@example.dk',
      phone: '+45 12 34 56 78',
      notes: 'Likes seat 3.\nOwes nothing.',
      display: 'initials',
    });
  });

  it('given a pasted name with a line break or tab when parsed then they become single spaces', () => {
    expect(parseNewPlayer({ name: 'Søren\n\tKjærgaard' })).toEqual({ name: 'Søren Kjærgaard' });
  });

  it('given only a name when parsed then it is accepted', () => {
    expect(parseNewPlayer({ name: 'Ib' })).toEqual({ name: 'Ib' });
  });

  it('given names in other scripts and with joiners inside when parsed then they are accepted', () => {
    expect(parseNewPlayer({ name: 'Анна Иванова' })).toMatchObject({ name: 'Анна Иванова' });
    expect(parseNewPlayer({ name: 'مریم\u200Cنژاد' })).toMatchObject({ name: 'مریم\u200Cنژاد' });
  });

  it.each([
    [{}, 'Name is required'],
    [{ name: '' }, 'Name is required'],
    [{ name: '   ' }, 'Name must contain a letter or digit'],
    [{ name: '\u200B\u200D\uFEFF' }, 'Name must contain a letter or digit'],
    [{ name: '\u202E\u2066' }, 'Name must contain a letter or digit'],
    [{ name: 'Søren\u202EnerøS' }, 'Name contains invisible text-direction override characters'],
    [{ name: 'Søren\u0007' }, 'Name contains invisible control characters'],
    [{ name: 'A', notes: 'ok\u0000' }, 'Notes contains invisible control characters'],
    [{ name: 'x'.repeat(121) }, 'Name is too long (at most 120 characters)'],
    [{ name: 42 }, 'Name is required'],
    [{ name: 'A', nickname: 'n'.repeat(61) }, 'Nickname is too long (at most 60 characters)'],
    [{ name: 'A', nickname: '\u200B' }, 'Nickname must contain a letter or digit'],
    [{ name: 'A', email: 'soren' }, 'does not look like an address'],
    [{ name: 'A', email: `${'a'.repeat(250)}@x.dk` }, 'Email is too long'],
    [{ name: 'A', phone: '12-34' }, 'Phone may contain only digits, spaces and a leading +'],
    [{ name: 'A', phone: '4'.repeat(41) }, 'Phone is too long (at most 40 characters)'],
    [{ name: 'A', notes: 'n'.repeat(2001) }, 'Notes is too long (at most 2000 characters)'],
    [
      { name: 'A', display: 'everything' },
      'Name display must be one of full, first-name-initial, initials, hidden',
    ],
    [{ name: 'A', role: 'admin' }, 'Unknown field: role'],
  ])('given %j when parsed then it is refused: %s', (input, message) => {
    expect(messageOf(parseNewPlayer(input))).toContain(message);
  });

  it('given a 120-letter name of Danish letters when parsed then it is accepted (letters, not bytes)', () => {
    expect(parseNewPlayer({ name: 'ø'.repeat(120) })).toMatchObject({ name: 'ø'.repeat(120) });
  });

  it('given several problems when parsed then every one is in the details', () => {
    const r = parseNewPlayer({ name: '', email: 'x', phone: 'abc' }) as DomainError;
    const issues = r.details?.issues as { path: string }[];
    expect(issues.map((i) => i.path).sort()).toEqual(['email', 'name', 'phone']);
  });
});

describe('prototype keys', () => {
  it('given JSON with an own __proto__ key when parsed then it is refused and nothing is polluted', () => {
    const input = JSON.parse('{"name":"Søren","__proto__":{"polluted":true,"isAdmin":true}}');
    expect(messageOf(parseNewPlayer(input))).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(messageOf(parsePlayerPatch(input))).toContain('__proto__');
  });

  it('given constructor or prototype keys when parsed then they are refused', () => {
    expect(messageOf(parseNewPlayer({ name: 'A', constructor: { prototype: { x: 1 } } }))).toContain(
      'constructor',
    );
    expect(messageOf(parsePlayerPatch({ prototype: {} }))).toContain('prototype');
  });

  it('given a valid input when parsed then the output is a plain fresh object', () => {
    const input = { name: 'Søren' };
    const out = newPlayerSchema.parse(input);
    expect(out).not.toBe(input);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});

describe('playerPatchSchema', () => {
  it('given one field when parsed then only that field is in the patch', () => {
    expect(parsePlayerPatch({ nickname: 'Big Søren' })).toEqual({ nickname: 'Big Søren' });
  });
  it('given null for an optional field when parsed then it clears it', () => {
    expect(parsePlayerPatch({ email: null, display: null })).toEqual({ email: null, display: null });
  });
  it('given an empty patch when parsed then it is refused', () => {
    expect(messageOf(parsePlayerPatch({}))).toBe('Nothing to change: give at least one field');
    expect(messageOf(parsePlayerPatch({ name: undefined }))).toBe(
      'Nothing to change: give at least one field',
    );
  });
  it('given a null name when parsed then it is refused (a name cannot be cleared)', () => {
    expect(parsePlayerPatch({ name: null })).toBeInstanceOf(DomainError);
  });
  it('given a blank name when parsed then it is refused', () => {
    expect(messageOf(parsePlayerPatch({ name: ' \u200B ' }))).toContain(
      'Name must contain a letter or digit',
    );
  });
  it('given the schema when used directly then it is a zod schema with safeParse', () => {
    expect(playerPatchSchema.safeParse({ notes: 'x' }).success).toBe(true);
  });
});
