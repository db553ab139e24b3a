import { describe, expect, it } from 'vitest';
import { VenueError } from '../venue/answer.ts';
import {
  announcement,
  checkAssignment,
  decodeImage,
  liveAnnouncement,
  MAX_IMAGE_BYTES,
  slidesInOrder,
} from './registry.ts';

const PNG = btoa(String.fromCharCode(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0));
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(VenueError);
    return (e as VenueError).code;
  }
  return null;
};

describe('what a screen may be assigned', () => {
  it('needs a tournament for tournament views, not for the slides alone', () => {
    expect(checkAssignment({ tournamentId: null, views: ['slides'], everyS: 20 }).views).toEqual(['slides']);
    expect(code(() => checkAssignment({ tournamentId: null, views: ['clock', 'slides'], everyS: 20 }))).toBe(
      'TOURNAMENT_REQUIRED',
    );
    expect(code(() => checkAssignment({ tournamentId: 't1', views: [], everyS: 20 }))).toBe('NO_VIEWS');
  });

  it('drops a view named twice, keeping the order given', () => {
    expect(
      checkAssignment({ tournamentId: 't1', views: ['seating', 'clock', 'seating'], everyS: 20 }).views,
    ).toEqual(['seating', 'clock']);
  });
});

describe('announcements', () => {
  it('show until their end, or until cleared when they have none', () => {
    const a = announcement('Break', 60, 1000);
    expect(a).toEqual({ text: 'Break', at: 1000, until: 61_000 });
    expect(liveAnnouncement(a, 60_999)).toBe(a);
    expect(liveAnnouncement(a, 61_000)).toBeNull();
    expect(liveAnnouncement(announcement('Stays', null, 0), 1e12)?.text).toBe('Stays');
  });
});

describe('slide pictures', () => {
  it('are what their type says, not empty, not too big', () => {
    expect(decodeImage('image/png', PNG).length).toBe(10);
    expect(code(() => decodeImage('image/jpeg', PNG))).toBe('BAD_IMAGE');
    expect(code(() => decodeImage('image/png', '%%%'))).toBe('BAD_IMAGE');
    expect(code(() => decodeImage('image/png', ''))).toBe('BAD_IMAGE');
    const big = btoa(String.fromCharCode(0x89, 0x50, 0x4e, 0x47) + 'x'.repeat(MAX_IMAGE_BYTES));
    expect(code(() => decodeImage('image/png', big))).toBe('IMAGE_TOO_LARGE');
  });

  it('slides show in their order, ties by id', () => {
    const s = (id: string, order: number) => ({ id, title: id, text: '', image: null, order, updatedAt: 0 });
    expect(slidesInOrder([s('b', 1), s('c', 0), s('a', 1)]).map((x) => x.id)).toEqual(['c', 'a', 'b']);
  });
});
