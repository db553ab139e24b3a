/**
 * Crash test (issue #8, "Durability"): a TD keeps sending commands to the box while the box is
 * killed with SIGKILL at random moments — the whole box (its process and workerd together), or
 * only workerd — then restarted. Every command the box acknowledged must be in the log after
 * the restart, none twice, none half-applied (a command's events are all there or none).
 * FELT_CRASH_KILLS sets the number of kills (npm test: 10; `npm run test:long`: 100).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/free-port.ts';
import { sessionFor, signUpVenue } from '../contract/session.ts';
import { type BoxProcess, startBoxProcess } from './helpers/box-process.ts';
import { httpTarget } from './helpers/node-target.ts';

const KILLS = Number(process.env.FELT_CRASH_KILLS ?? '10');
const dir = mkdtempSync(join(tmpdir(), 'felt-crash-'));
let box: BoxProcess | null = null;

afterAll(() => {
  if (box?.child.pid && box.child.exitCode === null) killGroup(box.child.pid);
  rmSync(dir, { recursive: true, force: true });
});

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The workerd process the box started (its child). */
function workerdPid(boxPid: number): number | null {
  try {
    const out = execFileSync('pgrep', ['-P', String(boxPid), 'workerd'], { encoding: 'utf8' }).trim();
    return out ? Number(out.split('\n')[0]) : null;
  } catch {
    return null;
  }
}

/** A small deterministic generator: the same kill moments on every run (FC-style fixed seed). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('killing the box', () => {
  it(`keeps every acknowledged command across ${KILLS} kill -9s, none doubled or half-applied`, async () => {
    const port = await freePort();
    const dataDir = join(dir, 'box');
    box = await startBoxProcess(dataDir, port, { detached: true });
    const target = httpTarget('box', 'box', () => `http://127.0.0.1:${port}`);
    const owner = await signUpVenue(target, { prefix: 'crash' });
    const id = await owner.newTournament('Crash Cup');
    expect((await owner.command(id, 'OpenRegistration')).status).toBe(201);
    const s = sessionFor(target, owner.venueId, owner.token, owner.userId);
    // The cash room beside the tournament: every other command joins a player to its list.
    const cash = (type: string, payload: Record<string, unknown>, commandId: string) =>
      s.post(`${s.base}/cash/commands`, { commandId, type, payload });
    expect((await cash('CreateGame', { gameId: 'nlh', name: 'NLH 5/10' }, 'cash-game')).status).toBe(201);
    const acknowledgedCash = new Set<string>();
    const acknowledged = new Set<string>();
    const rnd = random(20261123);
    let n = 0;
    let whole = 0;
    let workerdOnly = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const current = box;
      // The TD's tablet: one command after another, as fast as the box answers.
      let stop = false;
      const driver = (async () => {
        while (!stop) {
          const commandId = `crash-${n}`;
          const playerId = `p-${n++}`;
          try {
            if (n % 2 === 0) {
              const res = await cash(
                'JoinWaitlist',
                { gameId: 'nlh', playerId, name: `Cash ${playerId}` },
                commandId,
              );
              if (res.status === 201 || res.status === 200) acknowledgedCash.add(playerId);
              continue;
            }
            const res = await s.command(id, 'Register', { playerId, name: `Player ${playerId}` }, commandId);
            if (res.status === 201 || res.status === 200) acknowledged.add(commandId);
          } catch {
            // the box is down: that command was never acknowledged
            await new Promise((r) => setTimeout(r, 20));
          }
        }
      })();
      await new Promise((r) => setTimeout(r, 50 + Math.floor(rnd() * 400)));
      const pid = current.child.pid ?? 0;
      const w = workerdPid(pid);
      if (rnd() < 0.5 || w === null) {
        killGroup(pid);
        whole++;
      } else {
        // Only workerd dies: the box notices, stops the rest, and exits.
        process.kill(w, 'SIGKILL');
        workerdOnly++;
      }
      await new Promise<void>((r) => {
        if (current.child.exitCode !== null || current.child.signalCode !== null) r();
        else current.child.once('exit', () => r());
      });
      killGroup(pid);
      stop = true;
      await driver;
      box = await startBoxProcess(dataDir, port, { detached: true });
    }

    // After the last restart: every acknowledged command is there exactly once.
    const events: { seq: number; type: string; event: { commandId: string } }[] = [];
    for (let after = 0; ; ) {
      const page = (await (
        await s.fetch(`${s.base}/tournaments/${id}/events?after=${after}&limit=1000`)
      ).json()) as {
        events: { seq: number; type: string; event: { commandId: string } }[];
      };
      events.push(...page.events);
      if (page.events.length < 1000) break;
      after = page.events.at(-1)!.seq;
    }
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const registered = events.filter((e) => e.type === 'EntryRegistered').map((e) => e.event.commandId);
    expect(new Set(registered).size, 'no command applied twice').toBe(registered.length);
    const inLog = new Set(registered);
    const lost = [...acknowledged].filter((c) => !inLog.has(c));
    expect(lost, 'acknowledged commands lost').toEqual([]);
    // A Register is one event: a command in the log is wholly there.
    const byCommand = new Map<string, number>();
    for (const e of events) byCommand.set(e.event.commandId, (byCommand.get(e.event.commandId) ?? 0) + 1);
    for (const c of registered) expect(byCommand.get(c), c).toBe(1);
    const view = (await (await s.fetch(`${s.base}/tournaments/${id}`)).json()) as {
      standings: { entrants: number };
    };
    expect(view.standings.entrants).toBe(registered.length);
    // The cash list: every acknowledged join is on it, and nobody twice.
    const room = (await (await s.fetch(`${s.base}/cash`)).json()) as {
      games: { id: string; waitlist: { playerId: string }[] }[];
    };
    const listed = room.games.find((g) => g.id === 'nlh')!.waitlist.map((w) => w.playerId);
    expect(new Set(listed).size, 'no join applied twice').toBe(listed.length);
    const lostCash = [...acknowledgedCash].filter((p) => !listed.includes(p));
    expect(lostCash, 'acknowledged cash joins lost').toEqual([]);
    console.log(
      `crash test: ${KILLS} kills (${whole} whole box, ${workerdOnly} workerd only), ${n} commands sent, ` +
        `${acknowledged.size} + ${acknowledgedCash.size} cash acknowledged, ${registered.length} + ${listed.length} stored, 0 lost`,
    );
  }, 600_000);
});
