/**
 * A venue's records in memory, loaded once from the storage port's meta rows and written
 * back through atomic batches. Every scope carries the venue id: on the box all venues share
 * one libSQL file.
 */
import type { Player } from '../../engine/players/types.ts';
import type { StoragePort, WriteOp } from '../storage/port.ts';
import type { MultiDayEvent } from './events.ts';
import type { LeagueRecord, RecordedResult } from './leagues.ts';
import type {
  AuditEntry,
  BoxRecord,
  PairingCode,
  StaffRecord,
  TournamentListing,
  VenueSettings,
} from './model.ts';
import type { VenueTemplate } from './templates.ts';

const scopes = (venueId: string) => ({
  settings: `v:${venueId}`,
  staff: `v:${venueId}:staff`,
  players: `v:${venueId}:players`,
  templates: `v:${venueId}:templates`,
  tournaments: `v:${venueId}:tournaments`,
  boxes: `v:${venueId}:boxes`,
  pairingCodes: `v:${venueId}:pairing`,
  audit: `v:${venueId}:audit`,
  events: `v:${venueId}:events`,
  leagues: `v:${venueId}:leagues`,
  leagueResults: `v:${venueId}:league-results`,
});

type Collection =
  | 'staff'
  | 'players'
  | 'templates'
  | 'tournaments'
  | 'boxes'
  | 'pairingCodes'
  | 'events'
  | 'leagues'
  | 'leagueResults';

export class VenueStore {
  readonly venueId: string;
  readonly #port: StoragePort;
  readonly #scopes: ReturnType<typeof scopes>;
  settings: VenueSettings | null = null;
  readonly staff = new Map<string, StaffRecord>();
  readonly players = new Map<string, Player>();
  readonly templates = new Map<string, VenueTemplate>();
  readonly tournaments = new Map<string, TournamentListing>();
  readonly boxes = new Map<string, BoxRecord>();
  readonly pairingCodes = new Map<string, PairingCode>();
  /** Multi-day events (events.ts). */
  readonly events = new Map<string, MultiDayEvent>();
  readonly leagues = new Map<string, LeagueRecord>();
  /** Finished tournaments' results as leagues count them, by tournament id (./leagues.ts). */
  readonly leagueResults = new Map<string, RecordedResult>();
  #auditCounter = 0;

  private constructor(port: StoragePort, venueId: string) {
    this.#port = port;
    this.venueId = venueId;
    this.#scopes = scopes(venueId);
  }

  static async load(port: StoragePort, venueId: string): Promise<VenueStore> {
    const store = new VenueStore(port, venueId);
    const s = store.#scopes;
    const [
      settings,
      staff,
      players,
      templates,
      tournaments,
      boxes,
      pairingCodes,
      events,
      leagues,
      leagueResults,
    ] = await Promise.all([
      port.getMeta(s.settings, 'settings'),
      port.listMeta(s.staff),
      port.listMeta(s.players),
      port.listMeta(s.templates),
      port.listMeta(s.tournaments),
      port.listMeta(s.boxes),
      port.listMeta(s.pairingCodes),
      port.listMeta(s.events),
      port.listMeta(s.leagues),
      port.listMeta(s.leagueResults),
    ]);
    for (const row of leagues) store.leagues.set(row.key, JSON.parse(row.value) as LeagueRecord);
    for (const row of leagueResults)
      store.leagueResults.set(row.key, JSON.parse(row.value) as RecordedResult);
    store.settings = settings ? (JSON.parse(settings) as VenueSettings) : null;
    for (const row of staff) store.staff.set(row.key, JSON.parse(row.value) as StaffRecord);
    for (const row of players) store.players.set(row.key, JSON.parse(row.value) as Player);
    for (const row of templates) store.templates.set(row.key, JSON.parse(row.value) as VenueTemplate);
    for (const row of tournaments) store.tournaments.set(row.key, JSON.parse(row.value) as TournamentListing);
    for (const row of boxes) store.boxes.set(row.key, JSON.parse(row.value) as BoxRecord);
    for (const row of pairingCodes) store.pairingCodes.set(row.key, JSON.parse(row.value) as PairingCode);
    for (const row of events) store.events.set(row.key, JSON.parse(row.value) as MultiDayEvent);
    return store;
  }

  /**
   * Writes the changes durably, then applies them to memory: a failed write leaves memory as
   * it was, so an answer never reports something that is not stored.
   */
  async write(
    now: number,
    changes: {
      settings?: VenueSettings;
      staff?: readonly StaffRecord[];
      players?: readonly Player[];
      templates?: readonly VenueTemplate[];
      deleteTemplates?: readonly string[];
      tournaments?: readonly TournamentListing[];
      boxes?: readonly BoxRecord[];
      pairingCodes?: readonly PairingCode[];
      deletePairingCodes?: readonly string[];
      events?: readonly MultiDayEvent[];
      leagues?: readonly LeagueRecord[];
      deleteLeagues?: readonly string[];
      leagueResults?: readonly RecordedResult[];
      deleteLeagueResults?: readonly string[];
      /** Replaces a whole collection (a box mirroring the cloud's records). */
      replace?: {
        readonly staff: readonly StaffRecord[];
        readonly players: readonly Player[];
        readonly templates: readonly VenueTemplate[];
      };
      audit?: readonly Omit<AuditEntry, 'at'>[];
      /** Rows of scopes a module keeps itself (player-links.ts), in the same atomic batch. */
      ops?: readonly WriteOp[];
    },
  ): Promise<void> {
    const s = this.#scopes;
    const ops: WriteOp[] = [];
    const put = (scope: string, key: string, value: unknown) =>
      ops.push({
        op: 'meta',
        scope,
        key,
        value: value === null ? null : JSON.stringify(value),
        updatedAt: now,
      });
    if (changes.settings) put(s.settings, 'settings', changes.settings);
    const collections: [Collection, readonly { id: string }[] | undefined][] = [
      ['staff', changes.staff],
      ['players', changes.players],
      ['templates', changes.templates],
      ['tournaments', changes.tournaments],
      ['boxes', changes.boxes],
      ['pairingCodes', changes.pairingCodes],
      ['events', changes.events],
      ['leagues', changes.leagues],
      ['leagueResults', changes.leagueResults],
    ];
    for (const [name, rows] of collections) for (const row of rows ?? []) put(s[name], row.id, row);
    for (const id of changes.deleteTemplates ?? []) put(s.templates, id, null);
    for (const id of changes.deletePairingCodes ?? []) put(s.pairingCodes, id, null);
    for (const id of changes.deleteLeagues ?? []) put(s.leagues, id, null);
    for (const id of changes.deleteLeagueResults ?? []) put(s.leagueResults, id, null);
    if (changes.replace) {
      const r = changes.replace;
      const gone = <T extends { id: string }>(now: ReadonlyMap<string, unknown>, next: readonly T[]) =>
        [...now.keys()].filter((k) => !next.some((n) => n.id === k));
      for (const id of gone(this.staff, r.staff)) put(s.staff, id, null);
      for (const id of gone(this.players, r.players)) put(s.players, id, null);
      for (const id of gone(this.templates, r.templates)) put(s.templates, id, null);
      for (const row of r.staff) put(s.staff, row.id, row);
      for (const row of r.players) put(s.players, row.id, row);
      for (const row of r.templates) put(s.templates, row.id, row);
    }
    for (const entry of changes.audit ?? []) {
      // Sortable keys: time, then a counter for entries in the same millisecond.
      const key = `${String(now).padStart(15, '0')}-${String(this.#auditCounter++ % 1e6).padStart(6, '0')}`;
      put(s.audit, key, { ...entry, at: now });
    }
    ops.push(...(changes.ops ?? []));
    if (ops.length === 0) return;
    await this.#port.batch(ops);
    if (changes.settings) this.settings = changes.settings;
    for (const r of changes.staff ?? []) this.staff.set(r.id, r);
    for (const r of changes.players ?? []) this.players.set(r.id, r);
    for (const r of changes.templates ?? []) this.templates.set(r.id, r);
    for (const id of changes.deleteTemplates ?? []) this.templates.delete(id);
    for (const r of changes.tournaments ?? []) this.tournaments.set(r.id, r);
    for (const r of changes.boxes ?? []) this.boxes.set(r.id, r);
    for (const r of changes.pairingCodes ?? []) this.pairingCodes.set(r.id, r);
    for (const id of changes.deletePairingCodes ?? []) this.pairingCodes.delete(id);
    for (const r of changes.events ?? []) this.events.set(r.id, r);
    for (const r of changes.leagues ?? []) this.leagues.set(r.id, r);
    for (const id of changes.deleteLeagues ?? []) this.leagues.delete(id);
    for (const r of changes.leagueResults ?? []) this.leagueResults.set(r.id, r);
    for (const id of changes.deleteLeagueResults ?? []) this.leagueResults.delete(id);
    if (changes.replace) {
      const fill = <T extends { id: string }>(map: Map<string, T>, rows: readonly T[]) => {
        map.clear();
        for (const row of rows) map.set(row.id, row);
      };
      fill(this.staff, changes.replace.staff);
      fill(this.players, changes.replace.players);
      fill(this.templates, changes.replace.templates);
    }
  }

  /** The newest audit entries first. */
  async audit(limit: number): Promise<AuditEntry[]> {
    const rows = await this.#port.listMeta(this.#scopes.audit);
    return rows
      .sort((a, b) => (a.key < b.key ? 1 : -1))
      .slice(0, limit)
      .map((r) => JSON.parse(r.value) as AuditEntry);
  }

  staffByEmail(email: string): StaffRecord | undefined {
    const wanted = email.toLowerCase();
    for (const s of this.staff.values()) if (s.email === wanted && s.status !== 'removed') return s;
    return undefined;
  }
}
