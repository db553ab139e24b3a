/**
 * The demo club, seeded on first start: created through the public API, so seeding exercises
 * the same path a new club takes. Idempotent: an existing demo venue is left alone.
 */
export interface DemoSeed {
  readonly venueId: string;
  readonly tournamentId: string;
  readonly created: boolean;
}

export const DEMO_VENUE = { id: 'demo', name: 'Demo Poker Club', currency: 'DKK' } as const;
export const DEMO_TOURNAMENT_NAME = 'Friday Night Deepstack';

async function ok(res: Response, what: string): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${what} failed: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

export async function seedDemo(baseUrl: string): Promise<DemoSeed> {
  const existing = await fetch(`${baseUrl}/api/v1/venues/${DEMO_VENUE.id}/tournaments`);
  if (existing.ok) {
    const { tournaments } = (await existing.json()) as { tournaments: { id: string; name: string }[] };
    const t = tournaments[0];
    if (t) return { venueId: DEMO_VENUE.id, tournamentId: t.id, created: false };
  } else if (existing.status !== 404) {
    throw new Error(`checking the demo club failed: ${existing.status}`);
  }
  const json = { 'content-type': 'application/json' };
  if (existing.status === 404) {
    await ok(
      await fetch(`${baseUrl}/api/v1/venues`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify(DEMO_VENUE),
      }),
      'creating the demo club',
    );
  }
  const created = await ok(
    await fetch(`${baseUrl}/api/v1/venues/${DEMO_VENUE.id}/tournaments`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ name: DEMO_TOURNAMENT_NAME, templateId: 'daily-200-dkk' }),
    }),
    'creating the demo tournament',
  );
  const tournamentId = (created.tournament as { id: string }).id;
  const command = async (commandId: string, type: string, payload: Record<string, unknown> = {}) =>
    ok(
      await fetch(`${baseUrl}/api/v1/tournaments/${tournamentId}/commands`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ commandId, type, payload }),
      }),
      `demo ${type}`,
    );
  await command('demo-open', 'OpenRegistration');
  for (const [i, name] of DEMO_PLAYERS.entries()) {
    await command(`demo-register-${i}`, 'Register', { playerId: `demo-${i}`, name });
  }
  await command('demo-draw', 'DrawSeats');
  await command('demo-start', 'StartTournament');
  return { venueId: DEMO_VENUE.id, tournamentId, created: true };
}

/** Twenty demo players: two full tables of ten. */
export const DEMO_PLAYERS = [
  'Anna Holm',
  'Bo Jensen',
  'Camilla Nørgaard',
  'Dennis Lund',
  'Emil Sørensen',
  'Freja Dahl',
  'Gustav Berg',
  'Hanne Kjær',
  'Ida Winther',
  'Jonas Krogh',
  'Karina Vestergaard',
  'Lars Eriksen',
  'Mette Bach',
  'Niels Friis',
  'Olivia Mørk',
  'Peter Skov',
  'Rikke Thomsen',
  'Søren Ahlgren',
  'Tobias Juhl',
  'Ulla Bruun',
];
