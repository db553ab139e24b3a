import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publicName, publicNameFromText } from './privacy.ts';
import { NAME_DISPLAYS } from './types.ts';

const soren = { name: 'Søren Kjærgaard', nickname: 'Big Søren', display: null };

describe('publicName', () => {
  it.each([
    ['full', 'Big Søren'],
    ['first-name-initial', 'Søren K.'],
    ['initials', 'S. K.'],
    ['hidden', null],
  ] as const)('given the venue default %s and no choice by the player then it shows %j', (display, shown) => {
    expect(publicName(soren, display)).toBe(shown);
  });

  it('given the player chose a display when shown then their choice beats the venue default', () => {
    expect(publicName({ ...soren, display: 'hidden' }, 'full')).toBeNull();
    expect(publicName({ ...soren, display: 'full' }, 'hidden')).toBe('Big Søren');
  });

  it('given no nickname when shown in full then the name is shown', () => {
    expect(publicName({ ...soren, nickname: null }, 'full')).toBe('Søren Kjærgaard');
  });

  it('given middle names when shown as first name and initial then only the surname initial is shown', () => {
    expect(publicNameFromText('Anne-Marie Holm Østergaard', 'first-name-initial')).toBe('Anne-Marie Ø.');
    expect(publicNameFromText('Anne-Marie Holm Østergaard', 'initials')).toBe('A. H. Ø.');
  });

  it('given a one-word name when shown then the word itself or its initial is shown', () => {
    expect(publicNameFromText('Cher', 'first-name-initial')).toBe('Cher');
    expect(publicNameFromText('Cher', 'initials')).toBe('C.');
  });

  it('given lower-case and decomposed letters when shown as initials then the initial is a capital with its accent', () => {
    expect(publicNameFromText('søren a\u030Agård', 'first-name-initial')).toBe('søren A\u030A.');
  });

  it('given an unvalidated imported name with control or direction characters when shown then they are removed', () => {
    expect(publicNameFromText('  Søren\u202E \n Kjærgaard ', 'full')).toBe('Søren Kjærgaard');
  });

  it('given a blank name when shown then nothing is shown', () => {
    expect(publicNameFromText('   ', 'full')).toBeNull();
    expect(publicNameFromText('   ', 'initials')).toBeNull();
    expect(publicNameFromText('', 'first-name-initial')).toBeNull();
  });

  it('given any player and display when shown then contact data and notes never appear', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.option(fc.string()),
        fc.constantFrom(...NAME_DISPLAYS),
        (name, nickname, display) => {
          const p = {
            name,
            nickname,
            display: null,
            email: 'secret@example.dk',
            phone: '+45 12345678',
            notes: 'VIP',
          };
          const shown = publicName(p, display);
          expect(shown ?? '').not.toContain('secret@example.dk');
          expect(shown ?? '').not.toContain('12345678');
          if (display === 'hidden') expect(shown).toBeNull();
        },
      ),
    );
  });
});
