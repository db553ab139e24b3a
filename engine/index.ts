// Public surface of the pure engine. Each module re-exports its own API here.
export * from './core/index.ts';
export type * from './structure/types.ts';
