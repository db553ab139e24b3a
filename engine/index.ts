// Public surface of the pure engine. Each module re-exports its own API here.
export * from './clock/index.ts';
export * from './core/index.ts';
export * from './icm/index.ts';
export * from './money/index.ts';
// The venue's player database (its Player is not the tournament's Player).
export * as venuePlayers from './players/index.ts';
export * from './publish/publish.ts';
export * from './seating/index.ts';
export * from './structure/index.ts';
export * from './td3/index.ts';
export * from './tournament/index.ts';
