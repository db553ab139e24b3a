/** The request log's line (./request-log.ts), kept free of Worker imports so Node tests it. */
const VENUE = /^\/api\/v1\/(?:public\/)?venues\/([a-z0-9-]{1,40})(?:\/|$)/;
const TOURNAMENT = /\/tournaments\/([A-Za-z0-9_-]{1,64})(?:\/|$)/;

export interface RequestLogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly msg: 'request';
  readonly requestId: string;
  readonly runtime: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly ms: number;
  readonly venueId: string | null;
  readonly tournamentId: string | null;
}

export function requestLine(input: {
  requestId: string;
  runtime: string;
  method: string;
  path: string;
  status: number;
  ms: number;
}): RequestLogLine {
  return {
    level: input.status >= 500 ? 'error' : input.status >= 400 ? 'warn' : 'info',
    msg: 'request',
    ...input,
    venueId: VENUE.exec(input.path)?.[1] ?? null,
    tournamentId: TOURNAMENT.exec(input.path)?.[1] ?? null,
  };
}
