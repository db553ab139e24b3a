/**
 * The workerd config the box generates: the very bundle the cloud deploys (dist/worker), with
 * box bindings — runtime "box", the loopback storage binding to libSQL, and the web app's
 * files from disk. Durable Object local storage only carries alarms; data lives in libSQL.
 */

export interface WorkerdConfigInput {
  readonly bundlePath: string;
  readonly assetsDir: string;
  readonly assetsWorkerPath: string;
  readonly cacheWorkerPath: string;
  readonly doStorageDir: string;
  readonly listenAddress: string;
  readonly storagePort: number;
  readonly storageToken: string;
  /** The box's token signing keys (FELT_JWT_KEYS format), kept in its data folder. */
  readonly jwtKeys: string;
  /** Operator key for support accounts, when the operator set one. */
  readonly adminKey?: string | undefined;
  /** Random per run: the box's process calls its own Worker's box-only routes with it. */
  readonly localKey: string;
  readonly compatibilityDate: string;
  readonly compatibilityFlags: readonly string[];
}

/** Cap'n Proto text literal. */
function str(value: string): string {
  return JSON.stringify(value);
}

export function renderWorkerdConfig(c: WorkerdConfigInput): string {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "felt", worker = .feltWorker),
    (name = "box-storage", external = (address = ${str(`127.0.0.1:${c.storagePort}`)}, http = ())),
    (name = "assets", worker = .assetsWorker),
    (name = "null-cache", worker = .cacheWorker),
    (name = "assets-disk", disk = (path = ${str(c.assetsDir)}, writable = false)),
    (name = "do-storage", disk = (path = ${str(c.doStorageDir)}, writable = true)),
  ],
  sockets = [
    (name = "http", address = ${str(c.listenAddress)}, http = (), service = "felt"),
  ],
);

const feltWorker :Workerd.Worker = (
  modules = [ (name = "index.js", esModule = embed ${str(c.bundlePath)}) ],
  compatibilityDate = ${str(c.compatibilityDate)},
  compatibilityFlags = [${c.compatibilityFlags.map(str).join(', ')}],
  bindings = [
    (name = "FELT_RUNTIME", text = "box"),
    (name = "BOX_STORAGE", service = "box-storage"),
    (name = "BOX_STORAGE_TOKEN", text = ${str(c.storageToken)}),
    (name = "ASSETS", service = "assets"),
    (name = "TOURNAMENT", durableObjectNamespace = "TournamentDO"),
    (name = "VENUE", durableObjectNamespace = "VenueDO"),
    (name = "DIRECTORY", durableObjectNamespace = "DirectoryDO"),
    (name = "DISPLAYS", durableObjectNamespace = "DisplaysDO"),
    (name = "CASH", durableObjectNamespace = "CashDO"),
    (name = "FELT_JWT_KEYS", text = ${str(c.jwtKeys)}),
    (name = "FELT_BOX_LOCAL_KEY", text = ${str(c.localKey)}),${c.adminKey ? `\n    (name = "FELT_ADMIN_KEY", text = ${str(c.adminKey)}),` : ''}
  ],
  durableObjectNamespaces = [
    (className = "TournamentDO", uniqueKey = "felt-tournament-do", enableSql = true),
    (className = "VenueDO", uniqueKey = "felt-venue-do", enableSql = true),
    (className = "DirectoryDO", uniqueKey = "felt-directory-do", enableSql = true),
    (className = "DisplaysDO", uniqueKey = "felt-displays-do", enableSql = true),
    (className = "CashDO", uniqueKey = "felt-cash-do", enableSql = true),
  ],
  durableObjectStorage = (localDisk = "do-storage"),
  cacheApiOutbound = "null-cache",
);

const cacheWorker :Workerd.Worker = (
  modules = [ (name = "cache.js", esModule = embed ${str(c.cacheWorkerPath)}) ],
  compatibilityDate = ${str(c.compatibilityDate)},
);

const assetsWorker :Workerd.Worker = (
  modules = [ (name = "assets.js", esModule = embed ${str(c.assetsWorkerPath)}) ],
  compatibilityDate = ${str(c.compatibilityDate)},
  bindings = [ (name = "DISK", service = "assets-disk") ],
);
`;
}
