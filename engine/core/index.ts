export type { Actor, Ctx, Role } from './ctx.ts';
export { SYSTEM_ACTOR } from './ctx.ts';
export { assertNever, DomainError, isDomainError } from './errors.ts';
export type { Random } from './random.ts';
export { seededRandom } from './random.ts';
