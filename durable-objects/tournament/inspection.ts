/**
 * What support staff (and the owner) see of a tournament's Durable Object beside its state:
 * where its log stands, its snapshot, what it stores, who is connected, what the alarm will
 * fire, and, for a box-run tournament, how far the cloud's copy is behind the box. Read-only:
 * gathering it writes nothing.
 */
import type { TournamentSize } from '../storage/port.ts';

/** The last batch a home box pushed here, as the box reported it. */
export interface LastPush {
  readonly at: number;
  /** The box's own last seq when it pushed (its outbox head). */
  readonly head: number | null;
  readonly appended: number;
}

export interface Inspection {
  readonly tournamentId: string;
  readonly runtime: 'cloud' | 'box';
  readonly lastSeq: number;
  readonly status: string | null;
  readonly home: { readonly home: string; readonly epoch: number; readonly previous?: string };
  readonly snapshot: {
    readonly seq: number;
    readonly savedAt: number;
    readonly bytes: number;
    /** Events a cold start replays after it. */
    readonly behind: number;
  } | null;
  readonly storage: TournamentSize & {
    /** The whole object's SQLite file in the cloud; null on the box (one shared libSQL file). */
    readonly databaseBytes: number | null;
  };
  readonly sockets: Readonly<Record<string, number>>;
  readonly alarm: { readonly at: number | null };
  readonly cues: readonly { readonly id: string; readonly kind: string; readonly at: number }[];
  readonly lastCueFired: { readonly id: string; readonly kind: string; readonly at: number } | null;
  /** Commands the cloud holds for the home box (sent from phones and the cloud console). */
  readonly heldForBox: number;
  readonly conflicts: number;
  /** Box-run only: the box's last push, and how many events it had not yet sent then. */
  readonly sync: { readonly lastPush: LastPush | null; readonly backlog: number | null } | null;
}

export interface InspectionParts {
  readonly tournamentId: string;
  readonly runtime: 'cloud' | 'box';
  readonly lastSeq: number;
  readonly status: string | null;
  readonly home: { home: string; epoch: number; previous?: string } | null;
  readonly snapshot: { seq: number; savedAt: number; body: string } | null;
  readonly size: TournamentSize;
  readonly databaseBytes: number | null;
  readonly sockets: Readonly<Record<string, number>>;
  readonly alarmAt: number | null;
  readonly cues: readonly { id: string; kind: string; at: number }[];
  readonly lastCueFired: { id: string; kind: string; at: number } | null;
  readonly heldForBox: number;
  readonly conflicts: number;
  readonly lastPush: LastPush | null;
}

export function inspection(p: InspectionParts): Inspection {
  const boxRun = p.home !== null && p.home.home !== 'cloud';
  return {
    tournamentId: p.tournamentId,
    runtime: p.runtime,
    lastSeq: p.lastSeq,
    status: p.status,
    // No recorded home: the object that answers decides it (the cloud, or the box itself).
    home: p.home ?? { home: p.runtime === 'box' ? 'this box' : 'cloud', epoch: 0 },
    snapshot: p.snapshot && {
      seq: p.snapshot.seq,
      savedAt: p.snapshot.savedAt,
      bytes: new TextEncoder().encode(p.snapshot.body).length,
      behind: p.lastSeq - p.snapshot.seq,
    },
    storage: { ...p.size, databaseBytes: p.databaseBytes },
    sockets: p.sockets,
    alarm: { at: p.alarmAt },
    cues: [...p.cues].sort((a, b) => a.at - b.at),
    lastCueFired: p.lastCueFired,
    heldForBox: p.heldForBox,
    conflicts: p.conflicts,
    sync: boxRun
      ? {
          lastPush: p.lastPush,
          backlog: p.lastPush?.head == null ? null : Math.max(0, p.lastPush.head - p.lastSeq),
        }
      : null,
  };
}
