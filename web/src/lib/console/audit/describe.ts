/**
 * An audit entry in words for the venue's owner: who ("Demo Owner", "Felt support"), what
 * ("invited Bo Jensen as floor", "read “Friday Night” (as it was at seq 40)") and the details
 * the sentence does not already say. Actions written by durable-objects/venue/venue-do.ts; an
 * action without words here shows as itself.
 */
import type { AuditEntry } from '../../api.ts';

/** Names the page knows (the staff list, the tournament list); null when it does not. */
export interface AuditNames {
  staff(id: string): string | null;
  tournament(id: string): string | null;
}

export interface AuditLine {
  /** "Demo Owner", "Felt support", or the id of someone the staff list does not have. */
  readonly who: string;
  /** The support account's id, shown beside "Felt support". */
  readonly whoId: string | null;
  /** What was done, going on from `who`: "invited Bo Jensen as floor". */
  readonly what: string;
  /** `who what`, one sentence. */
  readonly sentence: string;
  /** The details the sentence does not say, as "key: value". */
  readonly details: readonly string[];
  readonly support: boolean;
}

export function isSupportRead(e: Pick<AuditEntry, 'action' | 'actorRole'>): boolean {
  return e.actorRole === 'support' || e.action.startsWith('support.');
}

const ROLE_WORDS: Record<string, string> = {
  owner: 'owner',
  td: 'tournament director',
  floor: 'floor',
  dealer: 'dealer',
  viewer: 'viewer',
  support: 'support',
};
const role = (r: unknown) => (typeof r === 'string' ? (ROLE_WORDS[r] ?? r) : 'staff');

/** The first characters of a long id, enough to tell ids apart on screen. */
export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** What a support read of `permission` looked at, going on from "Felt support …". */
function supportRead(
  permission: string | null,
  d: Readonly<Record<string, unknown>>,
  tournament: string | null,
  person: (id: string) => string,
) {
  const used = ['tournamentId'];
  const seq = num(d.seq);
  const from = num(d.from);
  const to = num(d.to);
  let what: string;
  switch (permission) {
    case 'tournaments.read':
      if (tournament === null) {
        what = 'read tournament data';
      } else if (num(d.after) !== null) {
        // The event log searched (from/to are times there, not seqs).
        const filters = [
          str(d.type) && `of type ${String(d.type).split(',').join(' or ')}`,
          str(d.actor) && `by ${person(String(d.actor))}`,
          from !== null && `from ${whenText(from)}`,
          to !== null && `to ${whenText(to)}`,
          num(d.after) !== 0 && `after seq ${d.after}`,
        ].filter((x): x is string => typeof x === 'string');
        what = `searched the event log of ${tournament}${filters.length > 0 ? ` (events ${filters.join(', ')})` : ''}`;
        used.push('after', 'type', 'actor', 'from', 'to');
      } else if (seq !== null) {
        what = `read ${tournament} (as it was at seq ${seq})`;
        used.push('seq');
      } else if (from !== null && to !== null) {
        what = `read ${tournament} (what changed from seq ${from} to ${to})`;
        used.push('from', 'to');
      } else {
        what = `read ${tournament}`;
      }
      break;
    case 'tournaments.export':
      what = tournament === null ? 'exported a tournament' : `exported ${tournament} (its whole history)`;
      break;
    case 'tournaments.inspect':
      what =
        tournament === null
          ? 'inspected a tournament’s object'
          : `inspected ${tournament} (its stored state, sockets and sync)`;
      break;
    case 'audit.read':
      if (str(d.read) === 'conflicts') {
        what = `read the sync conflict reports of ${tournament ?? 'a tournament'}`;
        used.push('read');
      } else {
        what = 'read this audit log';
      }
      break;
    case 'staff.read':
      what = 'read the staff list';
      break;
    case 'players.read':
      what = 'read the player database';
      break;
    case 'players.contact':
      what = 'read players’ contact details';
      break;
    case 'venue.read':
      what = 'read the venue’s details';
      break;
    case 'templates.read':
      what = 'read the templates';
      break;
    case 'live.staff':
      what = tournament === null ? 'followed a tournament live' : `followed ${tournament} live`;
      break;
    default:
      what = `read ${permission ?? 'venue data'}`;
  }
  return { what, used };
}

const SETTING_WORDS: Record<string, string> = {
  name: 'name',
  currency: 'currency',
  locale: 'language',
  timeZone: 'time zone',
  allowedOrigins: 'allowed sites',
  publish: 'what is published',
};

/** The entry's action in words, and the detail keys those words already say. */
function words(
  e: AuditEntry,
  d: Readonly<Record<string, unknown>>,
  names: AuditNames,
): { what: string; used: readonly string[] } {
  const person = (id: string | null) => (id === null ? 'someone' : (names.staff(id) ?? shortId(id)));
  const tournamentOf = (id: string | null, fallbackName?: unknown) => {
    if (id === null) return null;
    const name = names.tournament(id) ?? str(fallbackName);
    return name === null ? `tournament ${shortId(id)}` : `“${name}”`;
  };
  const self = e.target === null || e.target === e.actorId;
  switch (e.action) {
    case 'support.read':
      return supportRead(e.target, d, tournamentOf(str(d.tournamentId)), (id) => person(id));
    case 'venue.created':
      return { what: 'created the venue', used: [] };
    case 'venue.settings': {
      const keys = Object.keys(d).map((k) => SETTING_WORDS[k] ?? k);
      return { what: keys.length > 0 ? `changed the ${keys.join(', ')}` : 'changed the settings', used: [] };
    }
    case 'staff.locked': {
      const kind = d.kind === 'pin' ? 'PIN' : 'password';
      const failures = num(d.failures);
      const after = failures === null ? '' : ` after ${failures} wrong tries`;
      return { what: `was locked out of signing in by ${kind}${after}`, used: ['kind', 'failures'] };
    }
    case 'staff.invited':
      return { what: `invited ${person(e.target)} as ${role(d.role)}`, used: ['role'] };
    case 'staff.joined':
      return { what: 'joined the staff', used: [] };
    case 'staff.updated': {
      const parts: string[] = [];
      if (d.role !== undefined) parts.push(`made ${person(e.target)} ${role(d.role)}`);
      if (str(d.name) !== null)
        parts.push(`renamed ${parts.length > 0 ? 'them' : person(e.target)} “${d.name}”`);
      return {
        what: parts.length > 0 ? parts.join(' and ') : `changed ${person(e.target)}`,
        used: ['role', 'name'],
      };
    }
    case 'staff.removed':
      return { what: `removed ${person(e.target)} from the staff`, used: [] };
    case 'staff.revoked':
      return { what: self ? 'signed out everywhere' : `signed ${person(e.target)} out everywhere`, used: [] };
    case 'staff.unlocked':
      return { what: `unlocked ${person(e.target)}’s sign-in`, used: ['password', 'pin'] };
    case 'staff.pin-set':
      return { what: self ? 'set their PIN' : `set ${person(e.target)}’s PIN`, used: [] };
    case 'players.merged':
      return {
        what: `merged player ${shortId(str(d.dropped) ?? '?')} into ${shortId(e.target ?? '?')}`,
        used: ['dropped'],
      };
    // Links to players' Felt accounts (docs/PLAYERS.md); the account itself is never named.
    case 'players.link-code':
      return { what: `made a Felt link code for player ${shortId(e.target ?? '?')}`, used: ['expiresAt'] };
    case 'players.link-code-revoked':
      return { what: `revoked the Felt link code of player ${shortId(e.target ?? '?')}`, used: [] };
    case 'players.linked':
      return { what: `linked player ${shortId(e.target ?? '?')} to their Felt account`, used: [] };
    case 'players.unlinked':
      return { what: `unlinked player ${shortId(e.target ?? '?')} from a Felt account`, used: [] };
    case 'players.anonymised':
      return {
        what: `deleted their Felt account: player ${shortId(e.target ?? '?')} was anonymised`,
        used: ['reason'],
      };
    case 'box.pairing-code':
      return {
        what: str(d.boxName) ? `made a pairing code for the box “${d.boxName}”` : 'made a box pairing code',
        used: ['boxName'],
      };
    case 'box.paired':
      return { what: str(d.name) ? `paired the box “${d.name}”` : 'paired a box', used: ['name'] };
    case 'box.revoked':
      return { what: `revoked box ${shortId(e.target ?? '?')}`, used: [] };
    case 'tournament.handover': {
      const t = tournamentOf(e.target) ?? 'a tournament';
      const from = str(d.from);
      const to = str(d.to);
      if (to === 'cloud' || to === null) {
        const was = from !== null && from !== 'cloud' ? ` (it was on box ${shortId(from)})` : '';
        return { what: `promoted the cloud for ${t}${was}`, used: ['from', 'to'] };
      }
      return { what: `handed ${t} to box ${shortId(to)}`, used: ['from', 'to'] };
    }
    case 'tournament.created':
      return { what: `created ${tournamentOf(e.target, d.name) ?? 'a tournament'}`, used: ['name'] };
    case 'template.saved':
      return { what: str(d.name) ? `saved the template “${d.name}”` : 'saved a template', used: ['name'] };
    case 'template.deleted':
      return { what: `deleted template ${shortId(e.target ?? '?')}`, used: [] };
    default:
      return { what: e.target === null ? e.action : `${e.action} ${shortId(e.target)}`, used: [] };
  }
}

/** A detail's value on one line ("names=initials, chips=false" for an object). */
function valueText(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.length === 0 ? '(none)' : v.map(valueText).join(', ');
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}=${typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x)}`)
      .join(', ');
  }
  return String(v);
}

export function describeAudit(e: AuditEntry, names: AuditNames): AuditLine {
  const support = isSupportRead(e);
  const known = support ? null : names.staff(e.actorId);
  // Support by its account id; someone the staff list does not know (removed) by theirs.
  // A player acting from their Felt account: the venue knows no name or email for it.
  const who = support ? 'Felt support' : e.actorRole === 'player' ? 'A player' : (known ?? e.actorId);
  const whoId = support ? e.actorId : null;
  const d = e.details ?? {};
  const { what, used } = words(e, d, names);
  const details = Object.entries(d)
    .filter(([k]) => !used.includes(k))
    .map(([k, v]) => `${k}: ${valueText(v)}`);
  return { who, whoId, what, sentence: `${who} ${what}`, details, support };
}

/** When, in the browser's own locale and time zone: "12 May 2025, 21:04". */
export function whenText(at: number, locale?: string): string {
  return new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });
}
