/**
 * One Durable Object per tournament: the single writer of its event log, the home of its
 * live followers. This class is a thin adapter: storage goes through the port, socket state
 * through durable-objects/live, and (from the service issue on) decisions through the engine.
 */
import { DurableObject } from 'cloudflare:workers';
import type { Actor } from '../../engine/core/ctx.ts';
import {
  isLargeField,
  myEntry,
  searchEntries,
  standingsPage,
  summarisedView,
  tablesPage,
} from '../../engine/publish/paging.ts';
import { PUBLISH_ALL, type Publication, publicEventBody, publicView } from '../../engine/publish/publish.ts';
import type { HistoryEvent } from '../../engine/tournament/history.ts';
import { clockAt } from '../../engine/tournament/standings.ts';
import type { TournamentCommand } from '../../engine/tournament/types.ts';
import { flushUsageFrom } from '../../workers/api/stubs.ts';
import type { Env } from '../../workers/env.ts';
import { Histogram, type HistogramSnapshot } from '../../workers/ops/prometheus.ts';
import { ChannelViews, type ViewUpdate } from '../live/channel-views.ts';
import {
  acceptSocket,
  type SocketRole,
  type SocketState,
  send,
  setSocketState,
  socketState,
  sockets,
} from '../live/connections.ts';
import { type Cue, clientMessageSchema, MAX_EVENTS_PER_FRAME, type ServerMessage } from '../live/protocol.ts';
import { type BodyFilter, eventsFrame } from '../live/wire.ts';
import { storageFor } from '../storage/for-env.ts';
import { namespacedStorage } from '../storage/namespaced.ts';
import type { MigrationStatus, StoragePort, StoredEvent } from '../storage/port.ts';
import { countedStorage } from '../usage/counted.ts';
import { meter } from '../usage/meter.ts';
import { tally, venueOfObject } from '../usage/venue-usage.ts';
import { type ClockSource, clockSource } from './clock-source.ts';
import { type EventFilter, type FilteredPage, filteredPage } from './event-filter.ts';
import { type CommandAnswer, type TimedCommand, TournamentHost } from './host.ts';
import { type Inspection, inspection, type LastPush } from './inspection.ts';
import { TournamentLog } from './log.ts';
import {
  closedProblem,
  outcomeOf,
  type PreRegistrationRequest,
  PreRegistrations,
  refusalScope,
  requestIdReused,
} from './pre-registration.ts';
import { stateHash } from './state-hash.ts';
import { statesAt } from './time-travel.ts';
import { tournamentView } from './view.ts';

/** The live channels, each with its own frames and view. */
const CHANNELS: readonly SocketRole[] = ['staff', 'public'];

/** A follower more than this many events behind gets a fresh view instead of the events. */
const MAX_CATCH_UP_EVENTS = 5000;

const DO_SCOPE = (id: DurableObjectId) => `do:${id.toString()}`;

export class TournamentDO extends DurableObject<Env> {
  readonly #storage: StoragePort;
  #log: TournamentLog | null = null;
  /**
   * The engine, loaded once per wake-up. The promise is kept: on the box a load awaits the
   * network, and two first requests must share one host (a second load finishing later would
   * replace a host that has since taken a command).
   */
  #host: Promise<TournamentHost> | null = null;
  #remembered = false;
  /** Command latency since this object woke (for the box's /metrics; a restart starts over). */
  readonly #latency = new Histogram();
  /** Clock position the cues were last armed for (a cache; null after a restart). */
  #armedClock: string | null = null;
  /** Sockets with a catch-up in progress (transient: a restart ends every catch-up). */
  readonly #catchingUp = new Set<WebSocket>();
  #migrations: MigrationStatus | null = null;
  /** What the venue publishes (pushed by the venue; PUBLISH_ALL until it says otherwise). */
  #publication: Publication = PUBLISH_ALL;
  /** Set when a box runs this tournament and this object is the cloud's copy of it. */
  #home: { home: string; epoch: number; previous?: string } | null = null;
  /** Each channel's latest view, so frames carry patches instead of followers re-reading it. */
  readonly #views = new ChannelViews<SocketRole>();
  /** The last whole published view (a cache for the paging routes and the summary). */
  #published: { at: string; publication: Publication; view: Record<string, unknown> } | null = null;
  /** Real time, or a compressed one in the free-tier benchmark (clock-source.ts). */
  readonly #clock: ClockSource;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#clock = clockSource(env.FELT_SIMULATED_CLOCK);
    meter.enableFrom(env);
    // Keyed by this object's name ("venue/id"), not the bare id: see storage/namespaced.ts.
    tally.enableFrom(env);
    this.#storage = countedStorage(namespacedStorage(storageFor(env, ctx.storage), this.#name), () =>
      venueOfObject(this.#name),
    );
    // Answered by the runtime without waking the object: keeps idle followers free.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
    ctx.blockConcurrencyWhile(async () => {
      this.#migrations = await this.#storage.migrate();
      // Everything this object remembers about itself, in one read (it is on every wake-up).
      const own = new Map((await this.#storage.listMeta(DO_SCOPE(ctx.id))).map((m) => [m.key, m.value]));
      const tournamentId = own.get('tournamentId');
      const publication = own.get('publication');
      if (publication) this.#publication = JSON.parse(publication) as Publication;
      const home = own.get('home');
      if (home) this.#home = JSON.parse(home) as { home: string; epoch: number };
      if (tournamentId) {
        this.#log = new TournamentLog(this.#storage, tournamentId);
        this.#remembered = true;
      }
    });
  }

  /**
   * Records which tournament this object serves, once it has one, so an alarm after a
   * restart knows whose cues to fire.
   */
  async #remember(tournamentId: string): Promise<void> {
    if (this.#remembered) return;
    await this.#storage.batch([
      {
        op: 'meta',
        scope: DO_SCOPE(this.ctx.id),
        key: 'tournamentId',
        value: tournamentId,
        updatedAt: this.#clock.now(),
      },
    ]);
    this.#remembered = true;
  }

  /** Binds this object to its tournament id on first contact (ids are names: idFromName). */
  async #logFor(tournamentId: string): Promise<TournamentLog> {
    if (this.#log) {
      if (this.#log.tournamentId !== tournamentId) {
        throw new Error(`Durable Object bound to ${this.#log.tournamentId}, asked for ${tournamentId}`);
      }
      return this.#log;
    }
    // Nothing is written until the tournament is created: a request for an unknown id must
    // leave no trace (see #remember).
    this.#log = new TournamentLog(this.#storage, tournamentId);
    return this.#log;
  }

  migrations(): MigrationStatus | null {
    return this.#migrations;
  }

  /** The engine for this tournament, loaded (snapshot + tail) on first use after a cold start. */
  async #hostFor(tournamentId: string): Promise<TournamentHost> {
    const log = await this.#logFor(tournamentId);
    this.#host ??= TournamentHost.load(log).catch((e: unknown) => {
      this.#host = null;
      throw e;
    });
    return this.#host;
  }

  /**
   * Decides one command, appends its events durably, then fans them out to followers and
   * re-arms the clock cues. A repeated commandId returns the first answer and appends nothing.
   */
  async command(tournamentId: string, command: TournamentCommand, actor: Actor): Promise<CommandAnswer> {
    if (this.#home && this.#home.home !== 'cloud' && this.env.FELT_RUNTIME === 'cloud') {
      // One writer per tournament: the box that runs it decides (DESIGN.md). The cloud holds
      // the command (a player's online registration, a TD off-site) until the box pulls it.
      await this.#logFor(tournamentId);
      const scope = `queue:${tournamentId}`;
      if ((await this.#storage.getMeta(scope, command.commandId)) === null) {
        const queuedAt = this.#clock.now();
        await this.#storage.batch([
          {
            op: 'meta',
            scope,
            key: command.commandId,
            value: JSON.stringify({ command, actor, queuedAt }),
            updatedAt: queuedAt,
          },
        ]);
      }
      return {
        ok: true,
        seq: (await this.#hostFor(tournamentId)).seq,
        events: [],
        repeated: false,
        queued: true,
      };
    }
    const host = await this.#hostFor(tournamentId);
    // Checked here rather than by a separate call from the route: one round trip per command.
    if (host.seq === 0 && command.type !== 'CreateTournament') {
      const message = `No tournament ${tournamentId}`;
      return { ok: false, error: { code: 'TOURNAMENT_NOT_FOUND', message, details: null } };
    }
    const started = Date.now();
    const answer = await host.command(command, actor, this.#clock.now());
    // Decided and durable (workerd's clock moves across the storage I/O in between).
    this.#latency.observe((Date.now() - started) / 1000);
    if (answer.ok && !answer.repeated && answer.events.length > 0) {
      await this.#remember(tournamentId);
      await this.#fanOut(host, answer.events, answer.seq);
      await this.#armClockCues(tournamentId, host);
    }
    this.#flushUsage();
    return answer;
  }

  /** Adds this isolate's usage counts to the venues' rows, once a minute (venue-usage.ts). */
  #flushUsage(): void {
    if (tally.on) this.ctx.waitUntil(flushUsageFrom(this.env, Date.now()));
  }

  /**
   * Takes events pushed by the tournament's home box (its outbox). The first push records the
   * home and epoch; a push from another home, or from an older epoch, is refused and kept as a
   * conflict report, never merged. Answers JSON text (a ReplicaAnswer, or a refusal).
   */
  async acceptReplica(
    tournamentId: string,
    home: string,
    epoch: number,
    eventsJson: string,
    head: number | null = null,
  ): Promise<string> {
    const host = await this.#hostFor(tournamentId);
    const scope = DO_SCOPE(this.ctx.id);
    const now = this.#clock.now();
    const current = await this.#storage.getMeta(scope, 'home');
    const claim = current ? (JSON.parse(current) as { home: string; epoch: number }) : null;
    const pushed = JSON.parse(eventsJson) as Omit<StoredEvent, 'tournamentId'>[];
    if (claim && (claim.home !== home || epoch < claim.epoch)) {
      // Kept for a person to read (owner, support): a fenced home's events are never merged.
      await this.#report(tournamentId, {
        at: now,
        from: home,
        epoch,
        home: claim.home,
        currentEpoch: claim.epoch,
        seqs: pushed.map((e) => e.seq),
        eventIds: pushed.map((e) => e.eventId),
      });
      return JSON.stringify({ refused: 'FENCED', home: claim.home, epoch: claim.epoch, lastSeq: host.seq });
    }
    if (!claim) {
      if (host.seq !== 0) {
        await this.#report(tournamentId, {
          at: now,
          from: home,
          epoch,
          home: 'cloud',
          currentEpoch: 0,
          seqs: pushed.map((e) => e.seq),
        });
        return JSON.stringify({ refused: 'NOT_HOME', home: 'cloud', epoch: 0, lastSeq: host.seq });
      }
      await this.#setHome({ home, epoch });
    }
    const answer = await host.applyReplicated(pushed, now);
    // What the box last sent and still had to send, for the support console.
    const lastPush: LastPush = { at: now, head, appended: answer.appended };
    await this.#storage.batch([
      { op: 'meta', scope, key: 'lastPush', value: JSON.stringify(lastPush), updatedAt: now },
    ]);
    if (answer.appended > 0) {
      await this.#remember(tournamentId);
      await this.#fanOut(host, answer.events, answer.lastSeq);
      await this.#armClockCues(tournamentId, host);
    }
    const { events: _e, ...rest } = answer;
    // How many commands the cloud holds for the box: it pulls them only when told (or rarely).
    const held = (await this.#storage.listMeta(`queue:${tournamentId}`)).length;
    return JSON.stringify({ ...rest, held });
  }

  /**
   * Makes the cloud the home of a box-run tournament (the box was lost mid-event): bumps the
   * epoch, so anything the old home sends later is refused and reported, never merged.
   */
  async promoteCloud(tournamentId: string): Promise<string> {
    await this.#hostFor(tournamentId);
    if (!this.#home || this.#home.home === 'cloud') {
      return JSON.stringify({
        refused: 'NOT_BOX_RUN',
        message: `Tournament ${tournamentId} is already decided here`,
      });
    }
    const next = { home: 'cloud', epoch: this.#home.epoch + 1, previous: this.#home.home };
    await this.#setHome(next);
    return JSON.stringify(next);
  }

  /** Records which home decides this tournament, and under which epoch. */
  async #setHome(next: { home: string; epoch: number; previous?: string }): Promise<void> {
    await this.#storage.batch([
      {
        op: 'meta',
        scope: DO_SCOPE(this.ctx.id),
        key: 'home',
        value: JSON.stringify(next),
        updatedAt: this.#clock.now(),
      },
    ]);
    this.#home = next;
  }

  /** Live followers connected now (for the box's status: its LAN clients). */
  /** What the box's /metrics reports of this tournament: followers, seq, command latency. */
  async metrics(tournamentId: string): Promise<{
    staff: number;
    public: number;
    lastSeq: number;
    commands: HistogramSnapshot;
  }> {
    const log = await this.#logFor(tournamentId);
    return {
      staff: sockets(this.ctx, 'staff').length,
      public: sockets(this.ctx, 'public').length,
      lastSeq: await log.lastSeq(),
      commands: this.#latency.snapshot(),
    };
  }

  async followerCount(tournamentId: string): Promise<{ staff: number; public: number }> {
    await this.#logFor(tournamentId);
    return { staff: sockets(this.ctx, 'staff').length, public: sockets(this.ctx, 'public').length };
  }

  /** Which box runs this tournament (null: decided here). */
  async homeOf(tournamentId: string): Promise<string | null> {
    await this.#logFor(tournamentId);
    return this.#home && this.#home.home !== 'cloud' ? this.#home.home : null;
  }

  /** Commands held for the home box, oldest first (JSON: [{ command, actor, queuedAt }]). */
  async queuedCommands(tournamentId: string): Promise<string> {
    await this.#logFor(tournamentId);
    const rows = await this.#storage.listMeta(`queue:${tournamentId}`);
    const items = rows.map((r) => JSON.parse(r.value) as { queuedAt: number });
    items.sort((a, b) => a.queuedAt - b.queuedAt);
    return JSON.stringify(items);
  }

  /**
   * The box ran these (or refused them): the cloud stops holding them. The refusals it names
   * are kept (an online registrant's confirmation page shows why).
   */
  async ackQueued(
    tournamentId: string,
    commandIds: readonly string[],
    refusals: Readonly<Record<string, { code: string; message: string }>> = {},
  ): Promise<number> {
    await this.#logFor(tournamentId);
    const now = this.#clock.now();
    const scope = `queue:${tournamentId}`;
    if (commandIds.length > 0) {
      await this.#storage.batch([
        ...Object.entries(refusals).map(([key, refusal]) => ({
          op: 'meta' as const,
          scope: refusalScope(tournamentId),
          key,
          value: JSON.stringify({ code: refusal.code, message: refusal.message }),
          updatedAt: now,
        })),
        ...commandIds.map((key) => ({ op: 'meta' as const, scope, key, value: null, updatedAt: now })),
      ]);
    }
    return commandIds.length;
  }

  /**
   * An online pre-registration (pre-registration.ts): recorded durably, then a Register sent
   * to the tournament's home (decided here, or held for its box). A repeated request id
   * answers the first registration. Answers JSON: `{ ok, repeated, outcome, … }` or a refusal.
   */
  async preRegister(tournamentId: string, request: PreRegistrationRequest): Promise<string> {
    const host = await this.#hostFor(tournamentId);
    if (host.seq === 0) return noTournamentJson(tournamentId);
    const regs = new PreRegistrations(this.#storage, tournamentId);
    const closed = closedProblem(host.state);
    // A retry of a request already taken answers what it got, even after registration closed.
    if (closed && (await regs.get(request.requestId)) === null)
      return JSON.stringify({ ok: false, status: 409, ...closed });
    const answer = await regs.take(request, this.#clock.now(), async (commandId) => {
      const sent = await this.command(
        tournamentId,
        { type: 'Register', commandId, playerId: request.playerId, name: request.name },
        { id: 'online', role: 'system', name: 'Online registration' },
      );
      return sent.ok ? null : { code: sent.error.code, message: sent.error.message };
    });
    if (!answer.ok) return JSON.stringify(answer);
    const { record } = answer;
    return JSON.stringify({
      ok: true,
      repeated: answer.repeated,
      requestId: record.requestId,
      playerId: record.playerId,
      name: record.name,
      queued: this.#home !== null && this.#home.home !== 'cloud',
      outcome: outcomeOf(record, host.state),
    });
  }

  /**
   * Before the venue makes a player record for an online registrant: the earlier answer to
   * the same request id, or why a new one would be refused (closed, too many), or `fresh`.
   */
  async preRegisterCheck(
    tournamentId: string,
    requestId: string,
    name: string,
    client: string,
  ): Promise<string> {
    const host = await this.#hostFor(tournamentId);
    if (host.seq === 0) return noTournamentJson(tournamentId);
    const regs = new PreRegistrations(this.#storage, tournamentId);
    const record = await regs.get(requestId);
    if (record && record.name !== name) return JSON.stringify(requestIdReused);
    if (record)
      return JSON.stringify({
        ok: true,
        repeated: true,
        requestId,
        playerId: record.playerId,
        name: record.name,
        outcome: outcomeOf(record, host.state),
      });
    const closed = closedProblem(host.state);
    if (closed) return JSON.stringify({ ok: false, status: 409, ...closed });
    const { problem } = await regs.rate(client, this.#clock.now());
    return JSON.stringify(problem ?? { ok: true, fresh: true });
  }

  /** An online registration's outcome now (its confirmation page); null when there is none. */
  async preRegistration(tournamentId: string, requestId: string): Promise<string | null> {
    const host = await this.#hostFor(tournamentId);
    if (host.seq === 0) return null;
    const record = await new PreRegistrations(this.#storage, tournamentId).get(requestId);
    if (!record) return null;
    return JSON.stringify({
      requestId: record.requestId,
      name: record.name,
      at: record.at,
      outcome: outcomeOf(record, host.state),
    });
  }

  /**
   * Hands a cloud-run tournament to a box before the event (the owner's claim): the epoch goes
   * up and from then on the cloud holds commands for the box and takes its pushes only.
   */
  async claimFor(tournamentId: string, boxId: string): Promise<string> {
    await this.#hostFor(tournamentId);
    if (this.#home && this.#home.home !== 'cloud') {
      return JSON.stringify({
        refused: 'ALREADY_ON_A_BOX',
        message: `Tournament ${tournamentId} is run by ${this.#home.home}`,
      });
    }
    const next = { home: boxId, epoch: (this.#home?.epoch ?? 0) + 1, previous: 'cloud' };
    await this.#setHome(next);
    return JSON.stringify(next);
  }

  /** Events after a seq with the current epoch, for the box taking the tournament over. */
  async replicaPage(tournamentId: string, afterSeq: number, limit: number): Promise<string> {
    const host = await this.#hostFor(tournamentId);
    const events = (await host.log.read(afterSeq, limit)).map(({ tournamentId: _t, ...e }) => e);
    return JSON.stringify({ epoch: this.#home?.epoch ?? 0, seq: host.seq, events });
  }

  /**
   * On the box: takes over a tournament the owner claimed for it, with the cloud's events as
   * they are; afterwards the box decides it and pushes under `epoch`.
   */
  async adopt(tournamentId: string, epoch: number, eventsJson: string): Promise<string> {
    const host = await this.#hostFor(tournamentId);
    const answer = await host.applyReplicated(
      JSON.parse(eventsJson) as Omit<StoredEvent, 'tournamentId'>[],
      this.#clock.now(),
    );
    if (answer.appended > 0) {
      await this.#remember(tournamentId);
      await this.#fanOut(host, answer.events, answer.lastSeq);
      await this.#armClockCues(tournamentId, host);
    }
    const { events: _e, ...rest } = answer;
    return JSON.stringify({ ...rest, epoch });
  }

  /** Batches refused from a fenced home, oldest first (for the owner and support staff). */
  async conflicts(tournamentId: string): Promise<string> {
    await this.#logFor(tournamentId);
    const rows = (await this.#storage.listMeta(`conflicts:${tournamentId}`)).map(
      (r) => [Number((JSON.parse(r.value) as { at: number }).at), r.value] as const,
    );
    return `[${rows
      .sort((a, b) => a[0] - b[0])
      .map(([, value]) => value)
      .join(',')}]`;
  }

  /**
   * Keeps a refused batch for a person to read. A fenced box retries the same batch on every
   * sync: one report per batch (home, epoch and seqs), not one per retry.
   */
  async #report(tournamentId: string, report: Record<string, unknown>): Promise<void> {
    const at = Number(report.at);
    const seqs = (report.seqs as number[] | undefined) ?? [];
    const scope = `conflicts:${tournamentId}`;
    const key = `${String(report.from)}:${String(report.epoch)}:${seqs[0] ?? 0}-${seqs.at(-1) ?? 0}`;
    if ((await this.#storage.getMeta(scope, key)) !== null) return;
    await this.#storage.batch([{ op: 'meta', scope, key, value: JSON.stringify(report), updatedAt: at }]);
  }

  /** Imports a history (e.g. a TD3 file) into this new tournament, atomically. */
  async importHistory(
    tournamentId: string,
    commands: readonly TimedCommand[],
    actor: Actor,
  ): Promise<CommandAnswer> {
    const host = await this.#hostFor(tournamentId);
    const answer = await host.importHistory(commands, actor, this.#clock.now());
    if (answer.ok) {
      await this.#remember(tournamentId);
      await this.#fanOut(host, [], answer.seq);
      await this.#armClockCues(tournamentId, host);
    }
    return answer;
  }

  /**
   * Imports an exported history (JSON text of HistoryEvent[]) into this new tournament,
   * atomically, when it replays to `expectedHash` (tournament-export.ts checks the file).
   */
  async importEvents(
    tournamentId: string,
    historyJson: string,
    expectedHash: string,
  ): Promise<CommandAnswer> {
    const host = await this.#hostFor(tournamentId);
    const events = JSON.parse(historyJson) as HistoryEvent[];
    const answer = await host.importEvents(events, expectedHash, this.#clock.now());
    if (answer.ok) {
      await this.#remember(tournamentId);
      await this.#fanOut(host, [], answer.seq);
      await this.#armClockCues(tournamentId, host);
    }
    return answer;
  }

  /** What an export starts with: the seq it covers, the config and state hash at that seq. */
  async exportHead(tournamentId: string): Promise<{ seq: number; stateHash: string; config: string } | null> {
    const host = await this.#hostFor(tournamentId);
    // The state is a value: taken here, a command appended meanwhile does not change it.
    const { state, seq } = host;
    if (seq === 0) return null;
    return { seq, stateHash: await stateHash(state), config: JSON.stringify(state.config) };
  }

  /**
   * The staff view as it was right after each of `seqs` (time travel, read-only: the clock as
   * it stood at that event), as JSON text keyed by seq. Seqs must be 1 … lastSeq.
   */
  async viewsAt(tournamentId: string, seqs: readonly number[]): Promise<string> {
    const states = await statesAt(await this.#logFor(tournamentId), seqs);
    const views = [...states].map(([seq, { state, at }]) => [seq, tournamentView(state, seq, at)]);
    return JSON.stringify(Object.fromEntries(views));
  }

  /** The state as the API shows it (JSON text: standings, clock at now, seating). */
  async view(tournamentId: string): Promise<string> {
    const host = await this.#hostFor(tournamentId);
    return JSON.stringify(tournamentView(host.state, host.seq, this.#clock.now()));
  }

  /** The view as the public may see it (the venue's publishing settings applied); null before creation. */
  async publicView(tournamentId: string): Promise<string | null> {
    const host = await this.#hostFor(tournamentId);
    if (host.seq === 0) return null;
    return JSON.stringify(this.#viewFor('public', host));
  }

  /**
   * The public view with two facts of the state it leaves out, for the venue's public page
   * (workers/api/public-summary.ts): whether the TD closed registration, and when it finished.
   */
  async publicCard(tournamentId: string): Promise<string | null> {
    const host = await this.#hostFor(tournamentId);
    if (host.seq === 0) return null;
    return JSON.stringify({
      ...this.#viewFor('public', host),
      registrationClosed: host.state.registrationClosed,
      finishedAt: host.state.finishedAt,
    });
  }

  /** What a view reflects: the seq and where the clock is (its level changes without events). */
  #viewAt(host: TournamentHost): string {
    return `${host.seq}|${clockPosition(clockAt(host.state, this.#clock.now()))}`;
  }

  /**
   * The channel's view: the staff's whole; the public's as published, summarised when the
   * field is large (engine/publish/paging.ts: the rest is read in pages by the routes below).
   */
  #viewFor(role: SocketRole, host: TournamentHost) {
    if (role === 'staff') return tournamentView(host.state, host.seq, this.#clock.now());
    return summarisedView(this.#publishedWhole(host));
  }

  /** The whole published view, kept while it reflects the same seq and clock (pages read it). */
  #publishedWhole(host: TournamentHost): Record<string, unknown> {
    const at = this.#viewAt(host);
    if (this.#published?.at === at && this.#published.publication === this.#publication)
      return this.#published.view;
    const view = publicView(tournamentView(host.state, host.seq, this.#clock.now()), this.#publication);
    this.#published = { at, publication: this.#publication, view };
    return view;
  }

  /** The published view for the paging routes; null before the tournament is created. */
  async #publishedFor(tournamentId: string): Promise<Record<string, unknown> | null> {
    const host = await this.#hostFor(tournamentId);
    return host.seq === 0 ? null : this.#publishedWhole(host);
  }

  /** Entries whose published name contains `query` (a few): "find my seat" on a large field. */
  async publicSearch(tournamentId: string, query: string): Promise<string | null> {
    const view = await this.#publishedFor(tournamentId);
    return view && JSON.stringify({ entries: searchEntries(view, query) });
  }

  /** One entry as published, with its seat (`entry: null` when there is no such entry). */
  async publicEntry(tournamentId: string, entryId: string): Promise<string | null> {
    const view = await this.#publishedFor(tournamentId);
    return view && JSON.stringify({ entry: myEntry(view, entryId) });
  }

  /** A page of the published standings. */
  async publicStandings(tournamentId: string, offset: number, limit: number): Promise<string | null> {
    const view = await this.#publishedFor(tournamentId);
    if (!view) return null;
    const { items, ...page } = standingsPage(view, offset, limit);
    return JSON.stringify({ ...page, entries: items });
  }

  /** A page of tables with their players (or one table by number); `tables: null` when seating is not published. */
  async publicTables(
    tournamentId: string,
    query: { offset: number; limit: number; number?: number | undefined },
  ): Promise<string | null> {
    const view = await this.#publishedFor(tournamentId);
    if (!view) return null;
    const tables = tablesPage(view, query);
    return JSON.stringify(tables && { total: tables.total, offset: tables.offset, tables: tables.items });
  }

  #filterFor(role: SocketRole): BodyFilter | undefined {
    if (role === 'staff') return undefined;
    const pub = this.#publication;
    return (type, body) => publicEventBody(type, body, pub);
  }

  /** Stores what the venue publishes (JSON of a Publication); followers see it from the next frame. */
  async setPublishing(tournamentId: string, publication: string): Promise<void> {
    await this.#logFor(tournamentId);
    const parsed = JSON.parse(publication) as Publication;
    await this.#storage.batch([
      {
        op: 'meta',
        scope: DO_SCOPE(this.ctx.id),
        key: 'publication',
        value: JSON.stringify(parsed),
        updatedAt: this.#clock.now(),
      },
    ]);
    this.#publication = parsed;
  }

  /** Closes a staff member's live sockets (their sessions were revoked); answers how many. */
  async closeSocketsOf(tournamentId: string, userId: string): Promise<number> {
    await this.#logFor(tournamentId);
    let closed = 0;
    for (const ws of sockets(this.ctx, 'staff')) {
      if (socketState(ws)?.userId !== userId) continue;
      try {
        ws.close(4001, 'signed out');
      } catch {
        // already closing
      }
      closed++;
    }
    return closed;
  }

  /** The tournament's status for the venue's list ('registering', 'running', …); null before creation. */
  async status(tournamentId: string): Promise<string | null> {
    const host = await this.#hostFor(tournamentId);
    return host.seq === 0 ? null : host.state.status;
  }

  /**
   * Cues derived from the clock: the end of the current level and its last minute. Most
   * commands do not move the clock: the last armed position is remembered so they cost no
   * storage calls (after a restart it is re-armed once).
   */
  async #armClockCues(tournamentId: string, host: TournamentHost): Promise<boolean> {
    const now = this.#clock.now();
    const clock = clockAt(host.state, now);
    const position = clockPosition(clock);
    if (position === this.#armedClock) return false;
    this.#armedClock = position;
    const scope = `cues:${tournamentId}`;
    const existing = (await this.#storage.listMeta(scope)).filter((m) => m.key.startsWith('clock:'));
    const wanted = new Map<string, Cue>();
    if (clock && clock.status === 'running' && clock.levelEndsAt !== null) {
      const kind =
        clock.nextLevel?.kind === 'break' ? 'break-starts' : clock.isBreak ? 'break-ends' : 'level-change';
      const end: Cue = {
        id: `clock:${clock.levelIndex}:end:${clock.levelEndsAt}`,
        at: clock.levelEndsAt,
        kind,
        data: { levelIndex: clock.levelIndex + 1 },
      };
      wanted.set(end.id, end);
      if (clock.levelEndsAt - 60_000 > now) {
        const last: Cue = {
          id: `clock:${clock.levelIndex}:last-minute:${clock.levelEndsAt}`,
          at: clock.levelEndsAt - 60_000,
          kind: 'last-minute',
          data: { levelIndex: clock.levelIndex },
        };
        wanted.set(last.id, last);
      }
    }
    const ops = [
      ...existing
        .filter((m) => !wanted.has(m.key))
        .map((m) => ({ op: 'meta' as const, scope, key: m.key, value: null, updatedAt: now })),
      ...[...wanted.values()]
        .filter((c) => !existing.some((m) => m.key === c.id))
        .map((c) => ({ op: 'meta' as const, scope, key: c.id, value: JSON.stringify(c), updatedAt: now })),
    ];
    if (ops.length > 0) await this.#storage.batch(ops);
    await this.#armAlarm(tournamentId);
    return true;
  }

  /** Events as stored: bodies stay JSON text across RPC and the edge splices them into its reply. */
  async readEvents(
    tournamentId: string,
    afterSeq: number,
    limit: number,
  ): Promise<{ seq: number; events: StoredEvent[] }> {
    const log = await this.#logFor(tournamentId);
    const events = await log.read(afterSeq, limit);
    return { seq: await log.lastSeq(), events };
  }

  /** The log filtered by type, actor and time (event-filter.ts), for the support console. */
  async findEvents(
    tournamentId: string,
    afterSeq: number,
    limit: number,
    filter: EventFilter,
  ): Promise<FilteredPage & { seq: number }> {
    const log = await this.#logFor(tournamentId);
    const page = await filteredPage((a, l) => log.read(a, l), afterSeq, limit, filter);
    return { ...page, seq: await log.lastSeq() };
  }

  /** The object's insides beside its state (inspection.ts). Reads only. */
  async inspect(tournamentId: string): Promise<Inspection> {
    const host = await this.#hostFor(tournamentId);
    const own = new Map((await this.#storage.listMeta(DO_SCOPE(this.ctx.id))).map((m) => [m.key, m.value]));
    const [snapshot, size, cues, lastCueFired, held, conflicts, alarmAt] = await Promise.all([
      this.#storage.loadSnapshot(tournamentId),
      this.#storage.sizeOf(tournamentId),
      this.#pendingCues(tournamentId),
      this.lastCueFired(tournamentId),
      this.#storage.listMeta(`queue:${tournamentId}`),
      this.#storage.listMeta(`conflicts:${tournamentId}`),
      this.ctx.storage.getAlarm(),
    ]);
    const onBox = this.env.FELT_RUNTIME === 'box';
    const lastPush = own.get('lastPush');
    return inspection({
      tournamentId,
      runtime: onBox ? 'box' : 'cloud',
      lastSeq: host.seq,
      status: host.seq === 0 ? null : host.state.status,
      home: this.#home,
      snapshot,
      size,
      databaseBytes: onBox ? null : this.ctx.storage.sql.databaseSize,
      sockets: Object.fromEntries(CHANNELS.map((role) => [role, sockets(this.ctx, role).length])),
      // Real time, as the runtime holds it (the clock may be simulated in benchmarks).
      alarmAt,
      cues: cues.map((c) => ({ id: c.id, kind: c.kind, at: c.at })),
      lastCueFired,
      heldForBox: held.length,
      conflicts: conflicts.length,
      lastPush: lastPush ? (JSON.parse(lastPush) as LastPush) : null,
    });
  }

  async lastSeq(tournamentId: string): Promise<number> {
    return (await this.#logFor(tournamentId)).lastSeq();
  }

  /**
   * Sends new events to every follower. Followers that were up to date get one frame built
   * once for all of them; only followers that are behind read the log.
   */
  async #fanOut(host: TournamentHost, events: readonly StoredEvent[], upToSeq: number): Promise<void> {
    // Only followers that lack these events (one that connected since has them from its hello;
    // one mid catch-up gets them from that loop, in order).
    const behind: [WebSocket, SocketState][] = [];
    const roles = new Set<SocketRole>();
    for (const ws of sockets(this.ctx)) {
      const state = socketState(ws);
      if (!state || this.#catchingUp.has(ws) || state.lastSeq >= upToSeq) continue;
      behind.push([ws, state]);
      roles.add(state.role);
    }
    if (behind.length === 0) return;
    const fromSeq = events.length > 0 ? events[0]!.seq - 1 : -1;
    // One frame per channel, built once for every follower of that channel, carrying the
    // change of the channel's view. Made before any catch-up reads the log, so every follower
    // of a channel is sent the same view.
    const frames = new Map<SocketRole, { frame: string; view: ViewUpdate }>();
    for (const role of CHANNELS) {
      if (!roles.has(role)) continue;
      const view = this.#views.next(role, this.#viewAt(host), () => this.#viewFor(role, host));
      frames.set(role, { frame: eventsFrame(events, upToSeq, this.#filterFor(role), view), view });
    }
    let awaited = false;
    for (const [ws, seen] of behind) {
      // Read again once a catch-up has awaited: another path may have brought this one up to date.
      const state = awaited ? socketState(ws) : seen;
      if (!state || this.#catchingUp.has(ws) || state.lastSeq >= upToSeq) continue;
      const made = frames.get(state.role);
      if (state.lastSeq === fromSeq && events.length > 0) {
        if (send(ws, made?.frame)) setSocketState(ws, { ...state, lastSeq: upToSeq });
      } else if (made && state.lastSeq > fromSeq && fromSeq >= 0) {
        // Joined midway (its hello brought it part of these events): only the rest. If the
        // view it holds is not the patch's base, it asks for the whole view (channel-views.ts).
        const rest = events.filter((e) => e.seq > state.lastSeq);
        if (send(ws, eventsFrame(rest, upToSeq, this.#filterFor(state.role), made.view)))
          setSocketState(ws, { ...state, lastSeq: upToSeq });
      } else {
        awaited = true;
        await this.#catchUp(ws, host.log, upToSeq);
        this.#sendWholeView(ws, host);
      }
    }
  }

  /** The channel's latest view as a whole: after a catch-up, or when a follower asks. */
  #sendWholeView(ws: WebSocket, host: TournamentHost): void {
    const role = socketState(ws)?.role ?? 'public';
    const view = this.#views.whole(role, this.#viewAt(host), () => this.#viewFor(role, host));
    send(ws, { type: 'view', view } satisfies ServerMessage);
  }

  /**
   * Sends a follower that is behind everything up to the end of the log, in frames. One
   * catch-up per socket at a time: a second caller leaves it to the running one, which reads
   * until the log is exhausted, so no event is sent twice or out of order.
   */
  async #catchUp(ws: WebSocket, log: TournamentLog, upToSeq: number): Promise<void> {
    if (this.#catchingUp.has(ws)) return;
    this.#catchingUp.add(ws);
    try {
      let state = socketState(ws);
      while (state && state.lastSeq < Math.max(upToSeq, await log.lastSeq())) {
        const batch = await log.read(state.lastSeq, MAX_EVENTS_PER_FRAME);
        if (batch.length === 0) break;
        const seq = batch[batch.length - 1]!.seq;
        if (!send(ws, eventsFrame(batch, seq, this.#filterFor(state.role)))) return;
        state = { ...state, lastSeq: seq };
        setSocketState(ws, state);
      }
    } finally {
      this.#catchingUp.delete(ws);
    }
  }

  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const tournamentId = url.searchParams.get('tournamentId');
    if (!tournamentId)
      return Response.json(
        { error: { code: 'BAD_REQUEST', message: 'tournamentId missing' } },
        { status: 400 },
      );
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
      return Response.json(
        { error: { code: 'UPGRADE_REQUIRED', message: 'expected a WebSocket upgrade' } },
        { status: 426 },
      );
    }
    const after = Number(url.searchParams.get('after') ?? '0');
    const host = await this.#hostFor(tournamentId);
    // Checked here, not by a call before the upgrade: one billed request per connect.
    if (host.seq === 0) {
      return Response.json(
        { error: { code: 'TOURNAMENT_NOT_FOUND', message: `No tournament ${tournamentId}`, details: null } },
        { status: 404 },
      );
    }
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    const role = url.searchParams.get('role') === 'staff' ? 'staff' : 'public';
    const userId = url.searchParams.get('userId');
    acceptSocket(this.ctx, server, {
      role,
      lastSeq: 0,
      connectedAt: this.#clock.now(),
      ...(userId && { userId }),
    });
    await this.#hello(server, host, Number.isFinite(after) ? after : 0);
    // A browser that offered subprotocols (the staff token rides in one) needs one chosen.
    const protocol = url.searchParams.get('protocol');
    const headers = protocol ? { 'Sec-WebSocket-Protocol': protocol } : undefined;
    return new Response(null, { status: 101, webSocket: client, ...(headers && { headers }) });
  }

  /**
   * `hello` with the view, seq and server time, then what the follower missed after `after`.
   * A follower too far behind (or ahead: another epoch) gets a fresh view instead of the gap.
   */
  async #hello(ws: WebSocket, host: TournamentHost, after: number): Promise<void> {
    const seq = host.seq;
    const state = socketState(ws);
    const role = state?.role ?? 'public';
    // A new public follower of a large field starts from the view, not the whole history
    // (5,000 registrations are megabytes of events a phone has no use for).
    const fresh = role === 'public' && after === 0 && isLargeField(this.#publishedWhole(host));
    const resync = after > seq || seq - after > MAX_CATCH_UP_EVENTS || fresh;
    const now = this.#clock.now();
    if (state) setSocketState(ws, { ...state, lastSeq: resync ? seq : Math.max(0, after) });
    // The channel's latest view when it is at this seq: the next patch applies to it too.
    const { id, view } = this.#views.current(role, this.#viewAt(host), () => this.#viewFor(role, host));
    send(ws, {
      type: 'hello',
      tournamentId: host.log.tournamentId,
      seq,
      serverTime: now,
      resync,
      view,
      viewId: id,
    } satisfies ServerMessage);
    await this.#catchUp(ws, host.log, seq);
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    await meter.time('tournament', this.#name, 'websocket-message', () => this.#onMessage(ws, message));
    // Billed at 20 messages to a request.
    tally.add(venueOfObject(this.#name), { websocketMessages: 1, doRequests: 1 / 20 });
    this.#flushUsage();
  }

  async #onMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof message === 'string' ? message : new TextDecoder().decode(message));
    } catch {
      send(ws, {
        type: 'error',
        error: { code: 'BAD_MESSAGE', message: 'message is not JSON' },
      } satisfies ServerMessage);
      return;
    }
    const msg = clientMessageSchema.safeParse(parsed);
    if (!msg.success) {
      send(ws, {
        type: 'error',
        error: {
          code: 'BAD_MESSAGE',
          message: `unknown or malformed message: ${msg.error.issues[0]?.message ?? ''}`,
        },
      } satisfies ServerMessage);
      return;
    }
    switch (msg.data.type) {
      case 'time':
        send(ws, {
          type: 'time',
          serverTime: this.#clock.now(),
          clientTime: msg.data.clientTime ?? null,
        } satisfies ServerMessage);
        return;
      case 'resume': {
        if (!this.#log) return;
        await this.#hello(ws, await this.#hostFor(this.#log.tournamentId), msg.data.afterSeq);
        return;
      }
      case 'view': {
        if (!this.#log) return;
        this.#sendWholeView(ws, await this.#hostFor(this.#log.tournamentId));
        return;
      }
    }
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    await meter.time('tournament', this.#name, 'websocket-close', async () => {
      try {
        ws.close(code, reason);
      } catch {
        // already closed
      }
    });
  }

  /** This object's name ("venue/id"), as the meter and the stubs know it. */
  get #name(): string {
    return this.ctx.id.name ?? this.ctx.id.toString();
  }

  /** Schedules a cue (level change, break, last minute…) fired by the alarm. */
  async scheduleCue(tournamentId: string, cue: Cue): Promise<void> {
    await this.#logFor(tournamentId);
    await this.#remember(tournamentId);
    await this.#storage.batch([
      {
        op: 'meta',
        scope: `cues:${tournamentId}`,
        key: cue.id,
        value: JSON.stringify(cue),
        updatedAt: this.#clock.now(),
      },
    ]);
    await this.#armAlarm(tournamentId);
  }

  async #armAlarm(tournamentId: string): Promise<void> {
    const cues = await this.#pendingCues(tournamentId);
    const next = cues.reduce((min, c) => Math.min(min, c.at), Number.POSITIVE_INFINITY);
    if (Number.isFinite(next)) await this.ctx.storage.setAlarm(this.#clock.toReal(next));
    else await this.ctx.storage.deleteAlarm();
    // Counted as a row written: the alarm is kept in the object's own storage.
    meter.rows(1);
  }

  async #pendingCues(tournamentId: string): Promise<Cue[]> {
    return (await this.#storage.listMeta(`cues:${tournamentId}`)).map((m) => JSON.parse(m.value) as Cue);
  }

  /**
   * Fires due cues. Alarms are delivered at least once: a cue is deleted in the same step it
   * is sent, so a repeated delivery finds nothing left to send.
   */
  override async alarm(): Promise<void> {
    await meter.time('tournament', this.#name, 'alarm', () => this.#fireCues());
    tally.add(venueOfObject(this.#name), { alarms: 1, doRequests: 1 });
    this.#flushUsage();
  }

  async #fireCues(): Promise<void> {
    if (!this.#log) return;
    const tournamentId = this.#log.tournamentId;
    const now = this.#clock.now();
    const due = (await this.#pendingCues(tournamentId)).filter((c) => c.at <= now);
    if (due.length > 0) {
      await this.#storage.batch([
        ...due.map((c) => ({
          op: 'meta' as const,
          scope: `cues:${tournamentId}`,
          key: c.id,
          value: null,
          updatedAt: now,
        })),
        {
          op: 'meta',
          scope: tournamentId,
          key: 'lastCueFired',
          value: JSON.stringify(due.at(-1)),
          updatedAt: now,
        },
      ]);
      const host = await this.#hostFor(tournamentId);
      for (const role of CHANNELS) {
        const followers = sockets(this.ctx, role);
        if (followers.length === 0) continue;
        // The level changed: the cue carries the view's change, once per channel.
        const view = this.#views.next(role, this.#viewAt(host), () => this.#viewFor(role, host));
        const frames = due.map((cue, i) =>
          JSON.stringify({
            type: 'cue',
            cue,
            serverTime: now,
            ...(i === due.length - 1 && { view }),
          } satisfies ServerMessage),
        );
        for (const ws of followers) for (const frame of frames) send(ws, frame);
      }
      // The next level's cues: the clock moves on without a command (it is derived, not ticked).
      if (await this.#armClockCues(tournamentId, host)) return;
    }
    await this.#armAlarm(tournamentId);
  }

  /** Kinds of the cues waiting to fire (for tests and the support console). */
  async pendingCueKinds(tournamentId: string): Promise<string[]> {
    await this.#logFor(tournamentId);
    return (await this.#pendingCues(tournamentId)).map((c) => c.kind);
  }

  async lastCueFired(tournamentId: string): Promise<{ id: string; kind: string; at: number } | null> {
    const v = await this.#storage.getMeta(tournamentId, 'lastCueFired');
    if (!v) return null;
    const cue = JSON.parse(v) as Cue;
    return { id: cue.id, kind: cue.kind, at: cue.at };
  }
}

/** Where the clock stands: its status, level and the level's end (null when there is no clock). */
/** A pre-registration answer for a tournament this object has never held. */
function noTournamentJson(tournamentId: string): string {
  return JSON.stringify({
    ok: false,
    status: 404,
    code: 'TOURNAMENT_NOT_FOUND',
    message: `No tournament ${tournamentId}`,
  });
}

function clockPosition(clock: ReturnType<typeof clockAt>): string {
  return clock ? `${clock.status}:${clock.levelIndex}:${clock.levelEndsAt}` : 'none';
}
