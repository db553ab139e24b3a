/**
 * A tournament's whole history as one JSON file (docs/EXPORT.md), and that file imported into
 * a venue as a new tournament. The import replays the events through the engine and must reach
 * the state the export hashed; a file that does not is refused whole, with nothing written.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { answerError } from '../../durable-objects/tournament/host.ts';
import type { TournamentConfig } from '../../engine/tournament/types.ts';
import type { Env } from '../env.ts';
import { unwrap } from '../http/answers.ts';
import { authenticated, callerOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { fileLimit } from '../http/file-limit.ts';
import { BEARER, ERRORS, json, router } from '../http/openapi.ts';
import { parseWith } from '../http/validate.ts';
import { AnyObject, TournamentParams, VenueParams } from './schemas.ts';
import { newTournamentId, tournamentStub, venueStub } from './stubs.ts';

export const EXPORT_FORMAT = 'felt-tournament';
export const EXPORT_VERSION = 1;

/** 10,000 events export to ~4 MB; 32 MB leaves room for a long festival day. */
export const EXPORT_MAX_BYTES = 32 * 1024 * 1024;

/** Events read per storage call while exporting (the log can hold 100,000). */
const PAGE = 5000;

const ExportEvent = z
  .object({
    seq: z.number().int().min(1),
    type: z.string().min(1).max(60),
    at: z.number().int().min(0),
    actor: z.string().max(200),
    body: z.record(z.string(), z.unknown()),
  })
  .strict();

/** The file after its format and version were checked (version 1). */
const ExportFile = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.number().int(),
  source: z.object({ venueId: z.string(), tournamentId: z.string(), runtime: z.string() }).partial(),
  name: z.string().max(200),
  seq: z.number().int().min(1),
  stateHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" and 64 hex digits'),
  config: z.record(z.string(), z.unknown()).nullable(),
  events: z.array(ExportEvent).min(1),
});

const exportRoute = createRoute({
  method: 'get',
  path: '/venues/{venueId}/tournaments/{id}/export',
  tags: ['tournaments'],
  summary: "The tournament's whole history as one JSON file (docs/EXPORT.md): config, events, state hash",
  description: 'Owner, TD and support staff (a support export is written to the venue’s audit log).',
  security: BEARER,
  middleware: authenticated,
  request: { params: TournamentParams },
  responses: { 200: json(AnyObject, 'The export file'), ...ERRORS },
});

const limit = fileLimit(EXPORT_MAX_BYTES, 'The export file');

const importRoute = createRoute({
  method: 'post',
  path: '/venues/{venueId}/imports/tournament',
  tags: ['imports'],
  summary: 'Import an export file as a new tournament that replays to the same state (hash-equal)',
  description:
    'The body is the file GET …/export produced (at most 32 MB). A wrong format or version, a broken seq, an event the engine refuses or a state that does not hash as the file says is refused whole.',
  security: BEARER,
  middleware: [authenticated, limit],
  request: { params: VenueParams },
  responses: { 201: json(AnyObject, 'Imported'), ...ERRORS },
});

export const tournamentExport = router();

tournamentExport.openapi(exportRoute, async (c) => {
  const { venueId, id } = c.req.valid('param');
  unwrap(
    await venueStub(c.env, venueId).authorize(venueId, callerOf(c), 'tournaments.export', {
      tournamentId: id,
    }),
  );
  const text = await exportText(c.env, venueId, id);
  return c.body(text, 200, {
    'content-type': 'application/json',
    'content-disposition': `attachment; filename="tournament-${id}.felt.json"`,
  }) as never;
});

tournamentExport.openapi(importRoute, async (c) => {
  const { venueId } = c.req.valid('param');
  const caller = callerOf(c);
  const venue = venueStub(c.env, venueId);
  unwrap(await venue.authorize(venueId, caller, 'tournaments.import'));
  const file = parseExport(await c.req.text());
  const id = newTournamentId();
  const stub = tournamentStub(c.env, venueId, id);
  const history = file.events.map((e) => ({ seq: e.seq, event: e.body }));
  const answer = await stub.importEvents(id, JSON.stringify(history), file.stateHash);
  if (!answer.ok) throw answerError(answer);
  // Only now does anything outside the (otherwise empty) object change.
  await stub.setPublishing(id, JSON.stringify(unwrap(await venue.publishing(venueId))));
  unwrap(await venue.adoptPlayers(venueId, caller, playersOf(file.events)));
  const name = (file.config as TournamentConfig | null)?.name ?? file.name;
  const now = Date.now();
  const status = (await stub.status(id)) ?? 'announced';
  unwrap(
    await venue.addTournament(venueId, caller, {
      id,
      name,
      templateId: null,
      status,
      createdAt: now,
      updatedAt: now,
    }),
  );
  return c.json(
    { tournament: { id, name, venueId, seq: answer.seq, status }, stateHash: file.stateHash },
    201,
  );
});

/** The export file's text: events are spliced as stored, never re-serialized. */
async function exportText(env: Env, venueId: string, id: string): Promise<string> {
  const stub = tournamentStub(env, venueId, id);
  const head = await stub.exportHead(id);
  if (!head) throw new ApiError(404, 'TOURNAMENT_NOT_FOUND', `No tournament ${id} in ${venueId}`);
  const parts: string[] = [];
  // Up to the seq the hash was taken at: events appended meanwhile belong to a later export.
  for (let after = 0; after < head.seq; ) {
    const page = await stub.readEvents(id, after, Math.min(PAGE, head.seq - after));
    if (page.events.length === 0) break;
    for (const e of page.events) {
      const actor = (JSON.parse(e.body) as { actor?: unknown }).actor;
      parts.push(
        `{"seq":${e.seq},"type":${JSON.stringify(e.type)},"at":${e.at},"actor":${JSON.stringify(String(actor ?? ''))},"body":${e.body}}`,
      );
    }
    after = page.events[page.events.length - 1]!.seq;
  }
  const config = head.config;
  const name = (JSON.parse(config) as { name?: string } | null)?.name ?? id;
  const top = JSON.stringify({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: Date.now(),
    source: { venueId, tournamentId: id, runtime: env.FELT_RUNTIME },
    name,
    seq: head.seq,
    stateHash: head.stateHash,
  });
  return `${top.slice(0, -1)},"config":${config},"events":[\n${parts.join(',\n')}\n]}\n`;
}

type ExportFileT = z.infer<typeof ExportFile>;

/** The file checked as far as the edge can: JSON, format, version, shape, each event's record. */
export function parseExport(text: string): ExportFileT {
  if (text.length === 0) throw new ApiError(400, 'EMPTY_BODY', 'Send the export file as the request body');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'BAD_JSON', 'The file is not valid JSON');
  }
  const top = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (top.format !== EXPORT_FORMAT) {
    throw new ApiError(
      400,
      'EXPORT_FORMAT',
      `Not a Felt tournament export (format must be "${EXPORT_FORMAT}")`,
      {
        format: top.format ?? null,
      },
    );
  }
  if (top.version !== EXPORT_VERSION) {
    throw new ApiError(
      400,
      'EXPORT_VERSION',
      `The file is version ${String(top.version)}; this Felt reads version ${EXPORT_VERSION}`,
      { version: top.version ?? null, supported: [EXPORT_VERSION] },
    );
  }
  const file = parseWith(ExportFile, raw, 'file');
  for (const e of file.events) {
    // The record repeats what the event says about itself: a file where they differ was edited.
    const b = e.body;
    if (b.type !== e.type || b.at !== e.at || b.actor !== e.actor) {
      throw new ApiError(
        400,
        'EXPORT_EVENT_MISMATCH',
        `Event ${e.seq}: its type, at and actor must be those of its body`,
        { seq: e.seq },
      );
    }
  }
  if (file.events.length !== file.seq) {
    throw new ApiError(
      422,
      'HISTORY_SEQ',
      `The file says it holds ${file.seq} events but has ${file.events.length}`,
      { seq: file.seq, events: file.events.length },
    );
  }
  return file;
}

/** The players a history registers, once each, for the venue's player database. */
function playersOf(events: ExportFileT['events']): { playerId: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const e of events) {
    const { playerId, name } = e.body as { playerId?: unknown; name?: unknown };
    if ((e.type === 'EntryRegistered' || e.type === 'AlternateAdded') && typeof playerId === 'string') {
      if (!seen.has(playerId)) seen.set(playerId, typeof name === 'string' ? name : playerId);
    }
  }
  return [...seen].map(([playerId, name]) => ({ playerId, name }));
}
