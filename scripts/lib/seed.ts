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
/** The demo club's owner. Demo only: a real club signs up with its own. */
export const DEMO_OWNER = {
  name: 'Demo Owner',
  email: 'owner@demo.felt',
  password: 'felt-demo-password',
  pin: '5827',
} as const;

async function ok(res: Response, what: string): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${what} failed: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** The demo owner's token at `baseUrl`, signing up the demo club first when it is not there. */
export async function demoToken(baseUrl: string): Promise<{ token: string; created: boolean }> {
  const page = await fetch(`${baseUrl}/api/v1/public/venues/${DEMO_VENUE.id}`);
  if (page.status === 404) {
    const body = await ok(
      await fetch(`${baseUrl}/api/v1/signup`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({
          venue: { id: DEMO_VENUE.id, name: DEMO_VENUE.name, currency: DEMO_VENUE.currency },
          owner: DEMO_OWNER,
        }),
      }),
      'creating the demo club',
    );
    return { token: body.token as string, created: true };
  }
  if (!page.ok) throw new Error(`checking the demo club failed: ${page.status}`);
  const body = await ok(
    await fetch(`${baseUrl}/api/v1/venues/${DEMO_VENUE.id}/auth/password`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ email: DEMO_OWNER.email, password: DEMO_OWNER.password }),
    }),
    'signing in to the demo club',
  );
  return { token: body.token as string, created: false };
}

export async function seedDemo(baseUrl: string): Promise<DemoSeed> {
  const { token } = await demoToken(baseUrl);
  const base = `${baseUrl}/api/v1/venues/${DEMO_VENUE.id}`;
  const headers = { ...JSON_HEADERS, authorization: `Bearer ${token}` };
  const { tournaments } = (await ok(
    await fetch(`${base}/tournaments`, { headers }),
    'listing tournaments',
  )) as {
    tournaments: { id: string }[];
  };
  const existing = tournaments.at(-1);
  if (existing) return { venueId: DEMO_VENUE.id, tournamentId: existing.id, created: false };
  const created = await ok(
    await fetch(`${base}/tournaments`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: DEMO_TOURNAMENT_NAME, templateId: 'daily-200-dkk' }),
    }),
    'creating the demo tournament',
  );
  const tournamentId = (created.tournament as { id: string }).id;
  const command = async (commandId: string, type: string, payload: Record<string, unknown> = {}) =>
    ok(
      await fetch(`${base}/tournaments/${tournamentId}/commands`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ commandId, type, payload }),
      }),
      `demo ${type}`,
    );
  await command('demo-open', 'OpenRegistration');
  for (const [i, name] of DEMO_PLAYERS.entries()) {
    const player = await ok(
      await fetch(`${base}/players`, { method: 'POST', headers, body: JSON.stringify({ name }) }),
      'adding a demo player',
    );
    await command(`demo-register-${i}`, 'Register', { playerId: (player.player as { id: string }).id, name });
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
