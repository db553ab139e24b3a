// `env` from cloudflare:test has the Worker's bindings.
import type { Env as FeltEnv } from '../../workers/env.ts';

declare global {
  namespace Cloudflare {
    interface Env extends FeltEnv {}
  }
}
