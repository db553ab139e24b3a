// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Platform {
      /** Bindings of the Worker; FELT_API is the API in-process (workers/index.ts). */
      env?: { FELT_API?: { fetch(request: Request): Promise<Response> } };
    }
  }
}

export {};
