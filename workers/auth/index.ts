export * from './errors.ts';
export * from './keys.ts';
export * from './lockout.ts';
export * from './rate-limit.ts';
export * from './secret-hash.ts';
export * from './tokens.ts';
