/**
 * POST /api/v1/venues/:venueId/imports/td3: the raw bytes of a TD3 .tdt file in.
 * `?dryRun=true` answers with the import report only; `?mode=structure` saves the file's
 * structure and entry profiles as a venue template; otherwise a new tournament is created
 * from the file's whole history (one atomic append) and listed in the venue.
 * Players are matched to the venue's by name; close names come back as suggestions, and
 * `?matches=td3-<uuid>=<playerId>,…` imports those the TD confirmed under the venue's ids.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { answerError } from '../../durable-objects/tournament/host.ts';
import { createPlayer } from '../../engine/players/players.ts';
import { findByName, searchPlayers } from '../../engine/players/search.ts';
import { importTd3 } from '../../engine/td3/import.ts';
import { parseTd3, Td3ParseError } from '../../engine/td3/parse.ts';
import { readTd3 } from '../../engine/td3/read.ts';
import { mapValues } from '../../engine/tournament/pmap.ts';
import { unwrap } from '../http/answers.ts';
import { authenticated, callerOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { fileLimit } from '../http/file-limit.ts';
import { BEARER, ERRORS, json, router } from '../http/openapi.ts';
import { recordTd3Results } from './leagues.ts';
import { AnyObject, VenueParams } from './schemas.ts';
import { newTournamentId, tournamentStub, venueStub } from './stubs.ts';

/** Real TD3 saves are 10–200 KB (../shared/fixtures/td3); 8 MB leaves room for long histories. */
export const TD3_MAX_BYTES = 8 * 1024 * 1024;

const limit = fileLimit(TD3_MAX_BYTES, 'The TD3 file');

const route = createRoute({
  method: 'post',
  path: '/venues/{venueId}/imports/td3',
  tags: ['imports'],
  summary: 'Import a TD3 (.tdt) file as a tournament, or its structure as a template',
  description: 'The body is the raw .tdt file (any content type), at most 8 MB.',
  security: BEARER,
  middleware: [authenticated, limit],
  request: {
    params: VenueParams,
    query: z.object({
      dryRun: z.enum(['true', 'false']).default('false'),
      mode: z.enum(['tournament', 'structure']).default('tournament'),
      matches: z
        .string()
        .max(20_000)
        .regex(/^[^=,]+=[^=,]+(,[^=,]+=[^=,]+)*$/, 'Expected td3-<uuid>=<playerId> pairs separated by commas')
        .optional()
        .openapi({
          description: 'Suggested matches the TD confirmed: new id = venue player id, comma-separated',
        }),
    }),
  },
  responses: { 200: json(AnyObject, 'Dry run: the report'), 201: json(AnyObject, 'Imported'), ...ERRORS },
});

export const importTd3Route = router().openapi(route, async (c) => {
  const { venueId } = c.req.valid('param');
  const { dryRun, mode, matches } = c.req.valid('query');
  const caller = callerOf(c);
  const venue = venueStub(c.env, venueId);
  unwrap(
    await venue.authorize(venueId, caller, mode === 'structure' ? 'templates.write' : 'tournaments.import'),
  );
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength === 0) throw new ApiError(400, 'EMPTY_BODY', 'Send the .tdt file as the request body');
  const tournamentId = newTournamentId();
  // Players are matched to the venue's database by name (diacritics and case folded); the
  // close ones (prefix or a few typos) are offered, and only the TD's word makes them one.
  const directory = mode === 'tournament' ? unwrap(await venue.playerDirectory(venueId, caller)) : [];
  const known = directory.map((p) => createPlayer(p.id, { name: p.name }, 0));
  const confirmedMatches =
    mode === 'tournament'
      ? confirmed(matches, new Set(directory.map((p) => p.id)))
      : new Map<string, string>();
  const result = importTd3(bytes, {
    tournamentId,
    mode,
    matchPlayer: (name) => findByName(known, name)?.id,
    suggestPlayers: (name) =>
      searchPlayers(known, name, { limit: 3 })
        .filter((h) => h.match !== 'exact')
        .map((h) => ({ name: h.player.name, playerId: h.player.id })),
    confirmedMatches,
  });
  if (result instanceof Td3ParseError) {
    throw new ApiError(400, result.code, result.message, {
      offset: result.offset,
      line: result.line,
      column: result.column,
    });
  }
  if (dryRun === 'true') return c.json({ report: result.report, commands: result.commands.length }, 200);
  if (mode === 'structure') {
    if (!result.template) throw new ApiError(422, 'TD3_NO_STRUCTURE', 'The file has no structure to import');
    const {
      name,
      structure,
      buyIn,
      rebuy,
      addOn,
      profiles,
      rules,
      addedMoney,
      fixedRake,
      guarantee,
      payout,
    } = result.template;
    const template = unwrap(
      await venue.saveTemplate(venueId, caller, {
        name,
        description: 'Imported from TD3',
        source: 'td3',
        structure,
        buyIn,
        rebuy,
        addOn,
        settings: JSON.parse(JSON.stringify({ profiles, rules, addedMoney, fixedRake, guarantee, payout })),
      } as never),
    );
    return c.json({ template, report: result.report } as never, 201);
  }
  const stub = tournamentStub(c.env, venueId, tournamentId);
  await stub.setPublishing(tournamentId, JSON.stringify(unwrap(await venue.publishing(venueId))));
  const answer = await stub.importHistory(tournamentId, result.commands, {
    id: caller.userId,
    role: caller.role,
  });
  if (!answer.ok) throw answerError(answer);
  unwrap(await venue.adoptPlayers(venueId, caller, result.report.players.created));
  // Each player's history gets the night, matched players' as much as the new ones'.
  const entries = mapValues(result.state.entries).map((e) => ({ playerId: e.playerId, entryId: e.entryId }));
  unwrap(await venue.notePlayerEntries(venueId, tournamentId, entries));
  const name = result.state.config?.name ?? 'Imported tournament';
  const now = Date.now();
  const status = (await stub.status(tournamentId)) ?? 'finished';
  unwrap(
    await venue.addTournament(venueId, caller, {
      id: tournamentId,
      name,
      templateId: null,
      status,
      createdAt: now,
      updatedAt: now,
    }),
  );
  // A finished night's league results come from the file itself (TD3's own figures), so
  // attaching it to a league counts it as TD3 scored it.
  if (status === 'finished') {
    const td3 = readTd3(parseTd3(bytes));
    const ids = [...result.report.players.matched, ...result.report.players.created];
    if (!(td3 instanceof Td3ParseError))
      await recordTd3Results(
        c.env,
        venueId,
        tournamentId,
        td3,
        new Map(ids.map((p) => [p.name, p.playerId])),
      );
  }
  return c.json(
    {
      tournament: { id: tournamentId, name, venueId, seq: answer.seq, status },
      report: result.report,
      commands: result.commands.length,
    },
    201,
  );
});

/** `?matches=` as a map, each venue player id checked to be one of the venue's own. */
function confirmed(matches: string | undefined, venuePlayers: ReadonlySet<string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of matches?.split(',') ?? []) {
    const [newId = '', playerId = ''] = pair.split('=');
    if (!venuePlayers.has(playerId)) {
      throw new ApiError(
        422,
        'PLAYER_NOT_FOUND',
        `The venue has no player ${playerId} to match ${newId} to`,
        {
          playerId,
        },
      );
    }
    map.set(newId, playerId);
  }
  return map;
}
