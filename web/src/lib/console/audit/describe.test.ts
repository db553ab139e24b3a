import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../api.ts';
import { type AuditNames, describeAudit, isSupportRead, shortId, whenText } from './describe.ts';
import { AUDIT_MAX, filtered, mayHaveMore, nextLimit } from './feed.ts';

const OWNER = 'u-owner-0000-0000-0000-000000000001';
const BO = 'u-bo-0000-0000-0000-000000000002';
const TOURNAMENT = 'ab12cd34ef56ab12cd34ef56';

const names: AuditNames = {
  staff: (id) => ({ [OWNER]: 'Demo Owner', [BO]: 'Bo Jensen' })[id] ?? null,
  tournament: (id) => ({ [TOURNAMENT]: 'Friday Night Deepstack' })[id] ?? null,
};
const nobody: AuditNames = { staff: () => null, tournament: () => null };

const entry = (e: Partial<AuditEntry> & Pick<AuditEntry, 'action'>): AuditEntry => ({
  at: Date.UTC(2025, 4, 12, 19, 4),
  actorId: OWNER,
  actorRole: 'owner',
  target: null,
  details: null,
  ...e,
});
const support = (target: string, details: Record<string, unknown> | null = null) =>
  entry({ action: 'support.read', actorId: 'sup_0123456789ab', actorRole: 'support', target, details });
const say = (e: AuditEntry, n: AuditNames = names) => describeAudit(e, n).sentence;

describe('audit entries in words', () => {
  it('given Felt account links, then the player record and never the account', () => {
    const P = 'p_0123456789abcdef';
    expect(say(entry({ action: 'players.link-code', target: P, details: { expiresAt: 1 } }))).toBe(
      'Demo Owner made a Felt link code for player p_012345…',
    );
    const byPlayer = { actorId: 'fid_0123456789abcdef', actorRole: 'player', target: P } as const;
    expect(say(entry({ action: 'players.linked', ...byPlayer }))).toBe(
      'A player linked player p_012345… to their Felt account',
    );
    const line = describeAudit(
      entry({ action: 'players.anonymised', ...byPlayer, details: { reason: 'deleted' } }),
      names,
    );
    expect(line.sentence).toBe('A player deleted their Felt account: player p_012345… was anonymised');
    expect(line.details).toEqual([]);
  });

  it('given a support read of a tournament as it was, then Felt support, its id, the name and the seq', () => {
    const line = describeAudit(support('tournaments.read', { tournamentId: TOURNAMENT, seq: 40 }), names);
    expect(line.sentence).toBe('Felt support read “Friday Night Deepstack” (as it was at seq 40)');
    expect(line.who).toBe('Felt support');
    expect(line.whoId).toBe('sup_0123456789ab');
    expect(line.support).toBe(true);
    expect(line.details).toEqual([]);
  });

  it('given a tournament the page does not know, then its id, shortened', () => {
    expect(say(support('tournaments.read', { tournamentId: TOURNAMENT, seq: 40 }), nobody)).toBe(
      'Felt support read tournament ab12cd34… (as it was at seq 40)',
    );
  });

  it('given other support reads, then what was looked at', () => {
    expect(say(support('tournaments.read', { tournamentId: TOURNAMENT, from: 1, to: 12 }))).toBe(
      'Felt support read “Friday Night Deepstack” (what changed from seq 1 to 12)',
    );
    expect(say(support('tournaments.read'))).toBe('Felt support read tournament data');
    expect(say(support('tournaments.export', { tournamentId: TOURNAMENT }))).toBe(
      'Felt support exported “Friday Night Deepstack” (its whole history)',
    );
    expect(say(support('audit.read'))).toBe('Felt support read this audit log');
    expect(say(support('audit.read', { tournamentId: TOURNAMENT, read: 'conflicts' }))).toBe(
      'Felt support read the sync conflict reports of “Friday Night Deepstack”',
    );
    expect(say(support('tournaments.inspect', { tournamentId: TOURNAMENT }))).toBe(
      'Felt support inspected “Friday Night Deepstack” (its stored state, sockets and sync)',
    );
    expect(say(support('tournaments.read', { tournamentId: TOURNAMENT, after: 0 }))).toBe(
      'Felt support searched the event log of “Friday Night Deepstack”',
    );
    const at = Date.UTC(2025, 4, 12, 19, 0);
    const search = describeAudit(
      support('tournaments.read', {
        tournamentId: TOURNAMENT,
        after: 10,
        type: 'PlayersBusted',
        actor: BO,
        from: at,
      }),
      names,
    );
    expect(search.sentence).toBe(
      `Felt support searched the event log of “Friday Night Deepstack” (events of type PlayersBusted, by Bo Jensen, from ${whenText(at)}, after seq 10)`,
    );
    expect(search.details).toEqual([]);
    expect(say(support('players.contact'))).toBe('Felt support read players’ contact details');
    expect(say(support('something.new', { x: 1 }))).toBe('Felt support read something.new');
    expect(describeAudit(support('something.new', { x: 1 }), names).details).toEqual(['x: 1']);
  });

  it('given staff changes, then the people by name and the role in words', () => {
    expect(say(entry({ action: 'staff.invited', target: BO, details: { role: 'floor' } }))).toBe(
      'Demo Owner invited Bo Jensen as floor',
    );
    expect(say(entry({ action: 'staff.updated', target: BO, details: { role: 'td' } }))).toBe(
      'Demo Owner made Bo Jensen tournament director',
    );
    expect(say(entry({ action: 'staff.updated', target: BO, details: { role: 'td', name: 'Bo J' } }))).toBe(
      'Demo Owner made Bo Jensen tournament director and renamed them “Bo J”',
    );
    expect(say(entry({ action: 'staff.removed', target: BO }))).toBe(
      'Demo Owner removed Bo Jensen from the staff',
    );
    expect(say(entry({ action: 'staff.joined', actorId: BO, actorRole: 'floor', target: BO }))).toBe(
      'Bo Jensen joined the staff',
    );
    expect(say(entry({ action: 'staff.revoked', actorId: BO, target: BO }))).toBe(
      'Bo Jensen signed out everywhere',
    );
    expect(say(entry({ action: 'staff.pin-set', target: BO }))).toBe('Demo Owner set Bo Jensen’s PIN');
    expect(
      say(entry({ action: 'staff.locked', actorId: BO, target: BO, details: { kind: 'pin', failures: 5 } })),
    ).toBe('Bo Jensen was locked out of signing in by PIN after 5 wrong tries');
  });

  it('given someone the staff list does not have, then their id as who', () => {
    const line = describeAudit(entry({ action: 'staff.joined', actorId: 'u-gone', target: 'u-gone' }), names);
    expect(line.who).toBe('u-gone');
    expect(line.whoId).toBeNull();
    expect(line.support).toBe(false);
  });

  it('given boxes and the handover, then the box by name and the cloud promoted', () => {
    expect(say(entry({ action: 'box.pairing-code', details: { boxName: 'Back room' } }))).toBe(
      'Demo Owner made a pairing code for the box “Back room”',
    );
    expect(say(entry({ action: 'box.paired', target: 'box_1', details: { name: 'Back room' } }))).toBe(
      'Demo Owner paired the box “Back room”',
    );
    expect(
      say(
        entry({
          action: 'tournament.handover',
          target: TOURNAMENT,
          details: { from: 'box_0123456789abcdef', to: 'cloud' },
        }),
      ),
    ).toBe('Demo Owner promoted the cloud for “Friday Night Deepstack” (it was on box box_0123…)');
    expect(
      say(
        entry({ action: 'tournament.handover', target: TOURNAMENT, details: { from: 'cloud', to: 'box_1' } }),
      ),
    ).toBe('Demo Owner handed “Friday Night Deepstack” to box box_1');
  });

  it('given settings, tournaments and templates, then what changed and the details kept', () => {
    const settings = describeAudit(
      entry({ action: 'venue.settings', details: { name: 'Demo Club', publish: { names: 'initials' } } }),
      names,
    );
    expect(settings.sentence).toBe('Demo Owner changed the name, what is published');
    expect(settings.details).toEqual(['name: Demo Club', 'publish: names=initials']);
    expect(
      say(entry({ action: 'tournament.created', target: 'other', details: { name: 'Sunday Cup' } })),
    ).toBe('Demo Owner created “Sunday Cup”');
    expect(say(entry({ action: 'template.saved', target: 'tpl_1', details: { name: 'Deep' } }))).toBe(
      'Demo Owner saved the template “Deep”',
    );
  });

  it('given an action it has no words for, then the action itself and every detail', () => {
    const line = describeAudit(
      entry({ action: 'box.exploded', target: 'box_1', details: { why: 'heat' } }),
      names,
    );
    expect(line.sentence).toBe('Demo Owner box.exploded box_1');
    expect(line.details).toEqual(['why: heat']);
  });

  it('shortens long ids only and tells support entries apart', () => {
    expect(shortId('box_1')).toBe('box_1');
    expect(shortId(TOURNAMENT)).toBe('ab12cd34…');
    expect(isSupportRead(support('audit.read'))).toBe(true);
    expect(isSupportRead(entry({ action: 'staff.joined' }))).toBe(false);
    expect(whenText(Date.UTC(2025, 4, 12, 19, 4), 'en-GB')).toMatch(/2025/);
  });
});

describe('the audit page’s reads and filter', () => {
  it('raises the limit a hundred at a time up to the route’s 500', () => {
    expect(nextLimit(100)).toBe(200);
    expect(nextLimit(450)).toBe(AUDIT_MAX);
    expect(nextLimit(AUDIT_MAX)).toBe(AUDIT_MAX);
    expect(mayHaveMore(100, 100)).toBe(true);
    expect(mayHaveMore(37, 100)).toBe(false);
    expect(mayHaveMore(500, 500)).toBe(false);
  });

  it('keeps only support entries when asked, in order', () => {
    const all = [support('audit.read'), entry({ action: 'staff.joined' }), support('staff.read')];
    expect(filtered(all, 'support').map((e) => e.target)).toEqual(['audit.read', 'staff.read']);
    expect(filtered(all, 'all')).toHaveLength(3);
  });
});
