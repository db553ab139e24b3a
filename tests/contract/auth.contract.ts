/**
 * Venues, staff and sign-in, the same on every runtime: invites and roles, revocation at once,
 * lock-out after 10 failures (visible to the owner), PIN sign-in on the box only, the player
 * database, templates, and what the public channel shows.
 */
import { describe, expect, it } from 'vitest';
import { sessionFor, signUpVenue, TEST_PASSWORD, type VenueSession } from './session.ts';
import { type ApiTarget, CLOSING } from './target.ts';

async function json(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

function code(body: Record<string, unknown>): string {
  return (body.error as { code: string }).code;
}

function postJson(target: ApiTarget, path: string, body: unknown): Promise<Response> {
  return target.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Invites a staff member with `role` and accepts the invite; answers their session. */
async function addStaff(
  target: ApiTarget,
  owner: VenueSession,
  role: string,
  pin?: string,
): Promise<VenueSession> {
  const email = `${role}-${crypto.randomUUID().slice(0, 6)}@club.test`;
  const invited = await owner.post(`${owner.base}/staff/invites`, { name: `Sam ${role}`, email, role });
  expect(invited.status).toBe(201);
  const { inviteCode, user } = (await json(invited)) as {
    inviteCode: string;
    user: { id: string; status: string };
  };
  expect(user.status).toBe('invited');
  const accepted = await postJson(target, `${owner.base}/auth/accept-invite`, {
    email,
    code: inviteCode,
    password: TEST_PASSWORD,
    ...(pin && { pin }),
  });
  expect(accepted.status).toBe(200);
  const body = (await json(accepted)) as { token: string; user: { id: string; role: string } };
  expect(body.user.role).toBe(role);
  // An invite works once.
  const again = await postJson(target, `${owner.base}/auth/accept-invite`, {
    email,
    code: inviteCode,
    password: TEST_PASSWORD,
  });
  expect(again.status).toBe(401);
  return sessionFor(target, owner.venueId, body.token, body.user.id);
}

export function defineAuthContract(getTarget: () => ApiTarget): void {
  describe('venues, staff and sign-in', () => {
    it('signs in with a password; a wrong one is refused without saying which part was wrong', async () => {
      const target = getTarget();
      const owner = await signUpVenue(target);
      const email = `owner@${owner.venueId}.test`;
      const ok = await postJson(target, `${owner.base}/auth/password`, { email, password: TEST_PASSWORD });
      expect(ok.status).toBe(200);
      const token = ((await json(ok)) as { token: string }).token;
      expect(
        (await target.fetch(`${owner.base}/me`, { headers: { authorization: `Bearer ${token}` } })).status,
      ).toBe(200);
      const wrong = await postJson(target, `${owner.base}/auth/password`, {
        email,
        password: 'not the password!',
      });
      expect(wrong.status).toBe(401);
      const nobody = await postJson(target, `${owner.base}/auth/password`, {
        email: 'nobody@x.test',
        password: TEST_PASSWORD,
      });
      expect(nobody.status).toBe(401);
      expect(((await json(wrong)).error as { message: string }).message).toBe(
        ((await json(nobody)).error as { message: string }).message,
      );
    });

    it('enforces roles: a floor person registers players but cannot start the clock or manage staff', async () => {
      const target = getTarget();
      const owner = await signUpVenue(target);
      const floor = await addStaff(target, owner, 'floor');
      const dealer = await addStaff(target, owner, 'dealer');
      const id = await owner.newTournament();
      expect((await owner.command(id, 'OpenRegistration')).status).toBe(201);
      expect((await floor.command(id, 'Register', { playerId: 'p1', name: 'Anna Holm' })).status).toBe(201);
      const start = await floor.command(id, 'StartTournament');
      expect(start.status).toBe(403);
      expect(code(await json(start))).toBe('FORBIDDEN');
      expect((await dealer.command(id, 'Register', { playerId: 'p2', name: 'Bo' })).status).toBe(403);
      expect(
        (await floor.post(`${floor.base}/staff/invites`, { name: 'X', email: 'x@club.test', role: 'owner' }))
          .status,
      ).toBe(403);
      expect((await floor.fetch(`${floor.base}/audit`)).status).toBe(403);
      expect((await floor.post(floor.base, { name: 'Renamed' }, 'PATCH')).status).toBe(403);
      expect((await floor.fetch(`${floor.base}/tournaments/${id}`)).status).toBe(200);
      // Nothing the refused calls tried is in the log.
      const events = (await json(await owner.fetch(`${owner.base}/tournaments/${id}/events`))) as {
        events: { type: string }[];
      };
      expect(events.events.map((e) => e.type)).toEqual([
        'TournamentCreated',
        'RegistrationOpened',
        'EntryRegistered',
      ]);
    });

    it('revokes at once: removing a staff member or signing them out ends their tokens', async () => {
      const target = getTarget();
      const owner = await signUpVenue(target);
      const td = await addStaff(target, owner, 'td');
      const floor = await addStaff(target, owner, 'floor');
      expect((await td.fetch(`${td.base}/tournaments`)).status).toBe(200);
      const id = await owner.newTournament();
      const live = await td.staffSocket(id);
      expect((await live.next()).type).toBe('hello');
      expect((await owner.post(`${owner.base}/staff/${td.userId}/revoke`, {})).status).toBe(200);
      // Their open live socket is closed too, not only their next request refused.
      expect([4001, CLOSING]).toContain(await live.closed());
      const revoked = await td.fetch(`${td.base}/tournaments`);
      expect(revoked.status).toBe(401);
      expect(code(await json(revoked))).toBe('TOKEN_REVOKED');
      expect((await owner.fetch(`${owner.base}/staff/${floor.userId}`, { method: 'DELETE' })).status).toBe(
        200,
      );
      expect((await floor.fetch(`${floor.base}/tournaments`)).status).toBe(401);
      // Removed staff cannot sign in again.
      const staff = (await json(await owner.fetch(`${owner.base}/staff`))) as { staff: { id: string }[] };
      expect(staff.staff.map((s) => s.id)).not.toContain(floor.userId);
      // The last owner cannot be removed or demoted.
      const last = await owner.fetch(`${owner.base}/staff/${owner.userId}`, { method: 'DELETE' });
      expect(last.status).toBe(409);
      expect(code(await json(last))).toBe('LAST_OWNER');
      // A role change needs a new sign-in (the token carries the old role).
      const viewer = await addStaff(target, owner, 'viewer');
      expect((await owner.post(`${owner.base}/staff/${viewer.userId}`, { role: 'td' }, 'PATCH')).status).toBe(
        200,
      );
      expect((await viewer.fetch(`${viewer.base}/tournaments`)).status).toBe(401);
    });

    it('locks an account after 10 wrong passwords, shows the lock to the owner, and the owner lifts it', async () => {
      const target = getTarget();
      const owner = await signUpVenue(target);
      const floor = await addStaff(target, owner, 'floor');
      const staff = (await json(await owner.fetch(`${owner.base}/staff`))) as {
        staff: { id: string; email: string }[];
      };
      const email = staff.staff.find((s) => s.id === floor.userId)!.email;
      for (let i = 1; i <= 9; i++) {
        const res = await postJson(target, `${owner.base}/auth/password`, {
          email,
          password: `wrong password ${i}`,
        });
        expect(res.status, `attempt ${i}`).toBe(401);
      }
      const tenth = await postJson(target, `${owner.base}/auth/password`, {
        email,
        password: 'wrong password 10',
      });
      expect(tenth.status).toBe(423);
      expect(code(await json(tenth))).toBe('ACCOUNT_LOCKED');
      // Locked: even the right password is refused now.
      const right = await postJson(target, `${owner.base}/auth/password`, { email, password: TEST_PASSWORD });
      expect(right.status).toBe(423);
      const seen = (await json(await owner.fetch(`${owner.base}/staff`))) as {
        staff: { id: string; passwordLock: { locked: boolean; failures: number } }[];
      };
      const lock = seen.staff.find((s) => s.id === floor.userId)!.passwordLock;
      expect(lock.locked).toBe(true);
      expect(lock.failures).toBe(10);
      const audit = (await json(await owner.fetch(`${owner.base}/audit`))) as {
        entries: { action: string }[];
      };
      expect(audit.entries.map((e) => e.action)).toContain('staff.locked');
      expect((await owner.post(`${owner.base}/staff/${floor.userId}/unlock`, {})).status).toBe(200);
      expect(
        (await postJson(target, `${owner.base}/auth/password`, { email, password: TEST_PASSWORD })).status,
      ).toBe(200);
    });

    it('signs staff in with a PIN on the box only, with its own lock-out', async () => {
      const target = getTarget();
      const owner = await signUpVenue(target, { pin: '4826' });
      const dealer = await addStaff(target, owner, 'dealer', '7391');
      const roster = await target.fetch(`${owner.base}/auth/pin-roster`);
      const signIn = (pin: string) =>
        postJson(target, `${owner.base}/auth/pin`, { userId: dealer.userId, pin });
      if (target.runtime === 'cloud') {
        expect(roster.status).toBe(403);
        const refused = await signIn('7391');
        expect(refused.status).toBe(403);
        expect(code(await json(refused))).toBe('PIN_SIGN_IN_BOX_ONLY');
        return;
      }
      expect(roster.status).toBe(200);
      const names = ((await json(roster)) as { staff: { id: string; name: string }[] }).staff.map(
        (s) => s.id,
      );
      expect(names).toEqual(expect.arrayContaining([owner.userId, dealer.userId]));
      const ok = await signIn('7391');
      expect(ok.status).toBe(200);
      const token = ((await json(ok)) as { token: string }).token;
      const me = (await json(
        await target.fetch(`${owner.base}/me`, { headers: { authorization: `Bearer ${token}` } }),
      )) as {
        role: string;
      };
      expect(me.role).toBe('dealer');
      for (let i = 0; i < 9; i++) expect((await signIn('0000')).status).toBe(401);
      expect((await signIn('0000')).status).toBe(423);
      expect((await signIn('7391')).status).toBe(423);
      const staff = (await json(await owner.fetch(`${owner.base}/staff`))) as {
        staff: { id: string; pinLock: { locked: boolean } }[];
      };
      expect(staff.staff.find((s) => s.id === dealer.userId)!.pinLock.locked).toBe(true);
    });

    it('keeps a player database: add, search by prefix and by typo, merge duplicates keeping history', async () => {
      const target = getTarget();
      const owner = await signUpVenue(target);
      const add = async (name: string, email?: string) => {
        const res = await owner.post(`${owner.base}/players`, { name, ...(email && { email }) });
        expect(res.status).toBe(201);
        return ((await json(res)) as { player: { id: string } }).player.id;
      };
      const soren = await add('Søren Kjærgaard', 'soren@example.test');
      const dup = await add('Soren Kjaergaard');
      await add('Mette Frederiksen');
      const search = async (q: string) =>
        (
          (await json(await owner.fetch(`${owner.base}/players?q=${encodeURIComponent(q)}`))) as {
            players: { player: { id: string }; match: string }[];
          }
        ).players;
      expect((await search('sø kj')).map((r) => r.player.id)).toEqual(expect.arrayContaining([soren, dup]));
      expect((await search('Sroen')).map((r) => r.player.id)).toContain(soren);
      // A floor person sees players but not their contact data.
      const floor = await addStaff(target, owner, 'floor');
      const seen = (await json(await floor.fetch(`${floor.base}/players/${soren}`))) as {
        player: { email: string | null };
      };
      expect(seen.player.email).toBeNull();
      expect((await floor.post(`${floor.base}/players/${soren}/merge`, { duplicateId: dup })).status).toBe(
        403,
      );
      // The duplicate plays a tournament, then is merged: its history moves to the kept player.
      const id = await owner.newTournament();
      await owner.command(id, 'OpenRegistration');
      expect((await owner.command(id, 'Register', { playerId: dup, name: 'Soren Kjaergaard' })).status).toBe(
        201,
      );
      const merged = await owner.post(`${owner.base}/players/${soren}/merge`, { duplicateId: dup });
      expect(merged.status).toBe(200);
      const kept = (await json(merged)) as {
        player: { history: { tournamentId: string }[]; mergedFrom: string[] };
      };
      expect(kept.player.mergedFrom).toContain(dup);
      expect(kept.player.history.map((h) => h.tournamentId)).toContain(id);
      expect((await search('Soren')).map((r) => r.player.id)).not.toContain(dup);
      const viaOld = (await json(await owner.fetch(`${owner.base}/players/${dup}`))) as {
        player: { id: string };
      };
      expect(viaOld.player.id).toBe(soren);
    });

    it('saves a structure template and creates a tournament from it; the list shows status', async () => {
      const target = getTarget();
      const owner = await signUpVenue(target);
      const list = (await json(await owner.fetch(`${owner.base}/templates`))) as {
        templates: { id: string; source: string; structure: unknown; buyIn: unknown }[];
      };
      const builtin = list.templates.find((t) => t.id === 'turbo')!;
      expect(builtin.source).toBe('builtin');
      const saved = await owner.post(`${owner.base}/templates`, {
        name: 'Thursday Turbo',
        structure: builtin.structure,
        buyIn: builtin.buyIn,
      });
      expect(saved.status).toBe(201);
      const template = ((await json(saved)) as { template: { id: string } }).template;
      const broken = await owner.post(`${owner.base}/templates`, {
        name: 'Broken',
        structure: { ...(builtin.structure as object), levels: [] },
        buyIn: builtin.buyIn,
      });
      expect(broken.status).toBe(400);
      const id = await owner.newTournament('Thursday', template.id);
      await owner.command(id, 'OpenRegistration');
      for (const p of ['a', 'b']) await owner.command(id, 'Register', { playerId: p, name: `Player ${p}` });
      await owner.command(id, 'StartTournament');
      const tournaments = (await json(await owner.fetch(`${owner.base}/tournaments`))) as {
        tournaments: { id: string; status: string; templateId: string }[];
      };
      const row = tournaments.tournaments.find((t) => t.id === id)!;
      expect(row.templateId).toBe(template.id);
      expect(row.status).toBe('running');
    });

    it('publishes only what the venue shows: hidden names on the public channel, full names for staff', async () => {
      const target = getTarget();
      const owner = await signUpVenue(target);
      const id = await owner.newTournament();
      await owner.command(id, 'OpenRegistration');
      await owner.command(id, 'Register', { playerId: 'p-anna', name: 'Anna Holm' });
      const publicPath = `/api/v1/public/venues/${owner.venueId}/tournaments/${id}`;
      const before = (await json(await target.fetch(publicPath))) as {
        standings: { entries: { name: string; playerId: string }[] };
      };
      expect(before.standings.entries[0]?.name).toBe('Anna Holm');
      expect(before.standings.entries[0]?.playerId).toBe('');
      expect(
        (await owner.post(owner.base, { publish: { names: 'first-name-initial', chips: false } }, 'PATCH'))
          .status,
      ).toBe(200);
      const ws = await target.openSocket(`${publicPath}/live`);
      const hello = await ws.next();
      expect((hello.view as { standings: { entries: { name: string }[] } }).standings.entries[0]?.name).toBe(
        'Anna H.',
      );
      await ws.next(); // catch-up frame
      await owner.command(id, 'Register', { playerId: 'p-bo', name: 'Bo Jensen' });
      const frame = await ws.next();
      const event = (frame.events as { event: { name: string; playerId: string } }[])[0]!.event;
      expect(event.name).toBe('Bo J.');
      expect(event.playerId).toBe('');
      ws.close();
      const staffView = (await json(await owner.fetch(`${owner.base}/tournaments/${id}`))) as {
        standings: { entries: { name: string }[] };
      };
      expect(staffView.standings.entries.map((e) => e.name).sort()).toEqual(['Anna Holm', 'Bo Jensen']);
      // The staff channel needs a token.
      const anon = await target.fetch(`${owner.base}/tournaments/${id}/live`);
      expect(anon.status).toBe(401);
    });

    it('keeps venues apart: another venue’s owner reaches nothing of this venue', async () => {
      const target = getTarget();
      const a = await signUpVenue(target);
      const b = await signUpVenue(target);
      const id = await a.newTournament();
      // B's token on A's routes: refused; A's tournament id under B's venue: not found.
      expect((await b.fetch(`${a.base}/tournaments/${id}`)).status).toBe(403);
      expect((await b.command(id, 'OpenRegistration')).status).toBe(404);
      expect((await b.fetch(`${b.base}/tournaments/${id}`)).status).toBe(404);
      expect((await target.fetch(`/api/v1/public/venues/${b.venueId}/tournaments/${id}`)).status).toBe(404);
      const events = (await json(await a.fetch(`${a.base}/tournaments/${id}/events`))) as {
        events: unknown[];
      };
      expect(events.events).toHaveLength(1);
    });

    it('allows a browser on another origin only when the venue lists that origin (CORS)', async () => {
      const target = getTarget();
      const owner = await signUpVenue(target);
      const origin = 'https://club.example';
      const preflight = () =>
        target.fetch(`${owner.base}/tournaments`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'authorization',
          },
        });
      expect((await preflight()).headers.get('access-control-allow-origin')).toBeNull();
      const before = await owner.fetch(`${owner.base}/tournaments`, { headers: { origin } });
      expect(before.headers.get('access-control-allow-origin')).toBeNull();
      expect((await owner.post(owner.base, { allowedOrigins: [origin] }, 'PATCH')).status).toBe(200);
      expect((await preflight()).headers.get('access-control-allow-origin')).toBe(origin);
      const after = await owner.fetch(`${owner.base}/tournaments`, { headers: { origin } });
      expect(after.headers.get('access-control-allow-origin')).toBe(origin);
      const elsewhere = await owner.fetch(`${owner.base}/tournaments`, {
        headers: { origin: 'https://evil.example' },
      });
      expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
      expect((await owner.post(owner.base, { allowedOrigins: ['not an origin'] }, 'PATCH')).status).toBe(400);
    });

    it('serves an OpenAPI 3.1 document of the routes', async () => {
      const target = getTarget();
      const res = await target.fetch('/api/v1/openapi.json');
      expect(res.status).toBe(200);
      const doc = (await json(res)) as { openapi: string; paths: Record<string, unknown> };
      expect(doc.openapi).toBe('3.1.0');
      for (const path of [
        '/signup',
        '/venues/{venueId}/staff',
        '/venues/{venueId}/players',
        '/venues/{venueId}/tournaments/{id}/commands',
      ]) {
        expect(Object.keys(doc.paths)).toContain(path);
      }
    });
  });
}
