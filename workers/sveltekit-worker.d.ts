// The SvelteKit app compiled by adapter-cloudflare (web/wrangler.toml `main`), built before the Worker.
declare module '*/dist/web/_worker.js' {
  const worker: { fetch(request: Request, env: unknown, ctx: ExecutionContext): Promise<Response> };
  export default worker;
}
