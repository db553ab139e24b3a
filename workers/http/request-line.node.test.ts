import { describe, expect, it } from 'vitest';
import { requestLine } from './request-line.ts';

describe('requestLine', () => {
  it('given a tournament path, then the line names its venue and tournament', () => {
    expect(
      requestLine({
        requestId: 'r1',
        runtime: 'box',
        method: 'POST',
        path: '/api/v1/venues/demo/tournaments/t_9/commands',
        status: 201,
        ms: 3,
      }),
    ).toEqual({
      level: 'info',
      msg: 'request',
      requestId: 'r1',
      runtime: 'box',
      method: 'POST',
      path: '/api/v1/venues/demo/tournaments/t_9/commands',
      status: 201,
      ms: 3,
      venueId: 'demo',
      tournamentId: 't_9',
    });
  });
  it('given a refusal or a failure, then the level says so; a path without a venue names none', () => {
    const base = { requestId: 'r', runtime: 'cloud', method: 'GET', ms: 1 };
    expect(requestLine({ ...base, path: '/api/v1/health', status: 404 })).toMatchObject({
      level: 'warn',
      venueId: null,
      tournamentId: null,
    });
    expect(requestLine({ ...base, path: '/api/v1/public/venues/demo', status: 500 })).toMatchObject({
      level: 'error',
      venueId: 'demo',
    });
  });
});
