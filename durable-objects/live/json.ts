/** JSON values: what crosses Durable Object RPC and the wire (`unknown` would not serialize). */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };
