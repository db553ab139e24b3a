import { describe, it } from 'vitest';
import { defineApiContract } from '../contract/api.contract.ts';
import { defineAuthContract } from '../contract/auth.contract.ts';
import { definePublicPagesContract } from '../contract/public-pages.contract.ts';
import { playWholeTournament } from '../contract/tournament.e2e.ts';
import { selfTarget } from './self-target.ts';

// The API contract inside workerd, through the Worker's own fetch handler.
defineApiContract(() => selfTarget);
defineAuthContract(() => selfTarget);
definePublicPagesContract(() => selfTarget);

describe('a whole tournament inside workerd', () => {
  it('plays start to finish, the WebSocket follower agreeing at every step', async () => {
    await playWholeTournament(selfTarget);
  }, 300_000);
});
