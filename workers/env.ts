import type { CashDO } from '../durable-objects/cash/cash-do.ts';
import type { DirectoryDO } from '../durable-objects/directory/directory-do.ts';
import type { DisplaysDO } from '../durable-objects/displays/displays-do.ts';
import type { TournamentDO } from '../durable-objects/tournament/tournament-do.ts';
import type { VenueDO } from '../durable-objects/venue/venue-do.ts';

/** Bindings of the one Worker, in the cloud (wrangler.toml) and on the box (generated config). */
export interface Env {
  readonly TOURNAMENT: DurableObjectNamespace<TournamentDO>;
  readonly VENUE: DurableObjectNamespace<VenueDO>;
  readonly DIRECTORY: DurableObjectNamespace<DirectoryDO>;
  readonly DISPLAYS: DurableObjectNamespace<DisplaysDO>;
  /** A venue's cash games: tables, lists, calls (one object per venue). */
  readonly CASH: DurableObjectNamespace<CashDO>;
  /** Token signing keys, a secret: "kid:base64url-secret …", the first signs (workers/auth/keys.ts). */
  readonly FELT_JWT_KEYS?: string;
  /** Operator key allowing support accounts to be created (a secret; absent = disabled). */
  readonly FELT_ADMIN_KEY?: string;
  /** Box only: the key the box's own process uses for its local endpoints (mirroring). */
  readonly FELT_BOX_LOCAL_KEY?: string;
  /** Static files of the web app (SvelteKit's client build). */
  readonly ASSETS: Fetcher;
  readonly FELT_RUNTIME: 'cloud' | 'box';
  /** Benchmarks only: "origin:speed" runs tournaments' time faster (tournament/clock-source.ts). */
  readonly FELT_SIMULATED_CLOCK?: string;
  /** Benchmarks only: "1" counts billable usage (durable-objects/usage/meter.ts). */
  readonly FELT_METER?: string;
  /** Box only: the loopback binding to the box's libSQL storage server. */
  readonly BOX_STORAGE?: Fetcher;
  readonly BOX_STORAGE_TOKEN?: string;
}
