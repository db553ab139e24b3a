/**
 * A venue's screens (TVs, monitors, a Raspberry Pi on the wall), with no I/O: what a display
 * record holds, what staff may set on it, and what the screen itself is sent. A screen pairs
 * once with a short code; after that staff steer it from the console and it follows live.
 */
import { DEFAULT_EVERY_S, TOURNAMENT_VIEWS, type TvView } from '../../engine/publish/screens.ts';
import { VenueError } from '../venue/answer.ts';

/** What a screen shows: a tournament's views (or the venue's slides alone), in rotation. */
export interface DisplayAssignment {
  readonly tournamentId: string | null;
  readonly views: readonly TvView[];
  readonly everyS: number;
}

/** A message over whatever the screen shows, until `until` (null: until cleared). */
export interface Announcement {
  readonly text: string;
  readonly at: number;
  readonly until: number | null;
}

export interface DisplayRecord {
  readonly id: string;
  readonly name: string;
  /** SHA-256 of the screen's own key (a 256-bit random secret: no slow hash needed). */
  readonly keyHash: string;
  readonly assignment: DisplayAssignment;
  readonly announcement: Announcement | null;
  readonly pairedAt: number;
  readonly pairedBy: string;
  readonly lastSeenAt: number | null;
}

/** What staff see of a display: never its key. */
export interface DisplayView {
  readonly id: string;
  readonly name: string;
  readonly assignment: DisplayAssignment;
  readonly announcement: Announcement | null;
  readonly online: boolean;
  readonly pairedAt: number;
  readonly lastSeenAt: number | null;
}

/** What the screen is sent on connect and after every change (protocol of /displays/…/live). */
export type DisplayMessage =
  | {
      readonly type: 'display';
      readonly venueId: string;
      readonly display: Omit<DisplayView, 'online' | 'pairedAt' | 'lastSeenAt'>;
      readonly slides: readonly SlideView[];
      readonly serverTime: number;
    }
  | { readonly type: 'removed' }
  | { readonly type: 'pong'; readonly serverTime: number };

/** A venue's signage slide: a title, some text, an optional picture. */
export interface SlideRecord {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  /** The picture's type and a version that changes with it (the image URL carries it for caching). */
  readonly image: { readonly type: ImageType; readonly version: string; readonly bytes: number } | null;
  readonly order: number;
  readonly updatedAt: number;
}

export type SlideView = SlideRecord;

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
/** Pictures stay small: a TV shows them at screen size, and every screen downloads each. */
export const MAX_IMAGE_BYTES = 512 * 1024;
export const MAX_SLIDES = 30;
export const MAX_DISPLAYS = 100;
export const MAX_ANNOUNCEMENT_S = 24 * 3600;

export const DEFAULT_ASSIGNMENT: DisplayAssignment = {
  tournamentId: null,
  views: ['slides'],
  everyS: DEFAULT_EVERY_S,
};

/** Checks an assignment's sense (the schema has checked its shape): views need a tournament. */
export function checkAssignment(a: DisplayAssignment): DisplayAssignment {
  const views = [...new Set(a.views)];
  if (views.length === 0) throw new VenueError(422, 'NO_VIEWS', 'Choose at least one view for the screen');
  const needing = views.filter((v) => TOURNAMENT_VIEWS.includes(v));
  if (a.tournamentId === null && needing.length > 0) {
    throw new VenueError(
      422,
      'TOURNAMENT_REQUIRED',
      `The views ${needing.join(', ')} need a tournament: choose one, or show the slides only`,
    );
  }
  return { ...a, views };
}

export function displayView(d: DisplayRecord, online: boolean): DisplayView {
  return {
    id: d.id,
    name: d.name,
    assignment: d.assignment,
    announcement: d.announcement,
    online,
    pairedAt: d.pairedAt,
    lastSeenAt: d.lastSeenAt,
  };
}

/** An announcement still showing at `now` (a screen that reconnects gets only a live one). */
export function liveAnnouncement(a: Announcement | null, now: number): Announcement | null {
  return a && (a.until === null || a.until > now) ? a : null;
}

export function announcement(text: string, seconds: number | null, now: number): Announcement {
  return { text, at: now, until: seconds === null ? null : now + seconds * 1000 };
}

export function slidesInOrder(slides: Iterable<SlideRecord>): SlideRecord[] {
  return [...slides].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** Reads a picture sent as base64 and checks it is what it says (by its magic bytes). */
export function decodeImage(type: ImageType, base64: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  } catch {
    throw new VenueError(400, 'BAD_IMAGE', 'The picture is not valid base64');
  }
  if (bytes.length === 0) throw new VenueError(400, 'BAD_IMAGE', 'The picture is empty');
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new VenueError(413, 'IMAGE_TOO_LARGE', `The picture is over ${MAX_IMAGE_BYTES / 1024} KB`, {
      maxBytes: MAX_IMAGE_BYTES,
    });
  }
  if (!hasMagic(type, bytes)) {
    throw new VenueError(
      400,
      'BAD_IMAGE',
      `The picture is not a ${type.slice(6).toUpperCase().replace('WEBP', 'WebP')} file`,
    );
  }
  return bytes;
}

function hasMagic(type: ImageType, b: Uint8Array): boolean {
  const starts = (...sig: number[]) => sig.every((v, i) => b[i] === v);
  switch (type) {
    case 'image/png':
      return starts(0x89, 0x50, 0x4e, 0x47);
    case 'image/jpeg':
      return starts(0xff, 0xd8, 0xff);
    case 'image/gif':
      return starts(0x47, 0x49, 0x46, 0x38);
    case 'image/webp':
      return (
        starts(0x52, 0x49, 0x46, 0x46) && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50
      );
  }
}
