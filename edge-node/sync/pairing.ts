/**
 * The box's pairing with a cloud venue: `felt-box pair --cloud URL --code CODE` exchanges a
 * one-time code for a credential scoped to that venue, kept in the data folder (mode 600).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const pairingSchema = z.object({
  cloudUrl: z.string().url(),
  venueId: z.string().min(1),
  boxId: z.string().min(1),
  credential: z.string().min(1),
  name: z.string(),
  pairedAt: z.number(),
});
export type Pairing = z.infer<typeof pairingSchema>;

export class PairingError extends Error {}

const file = (dataDir: string) => join(dataDir, 'pairing.json');

export function readPairing(dataDir: string): Pairing | null {
  if (!existsSync(file(dataDir))) return null;
  const parsed = pairingSchema.safeParse(JSON.parse(readFileSync(file(dataDir), 'utf8')));
  if (!parsed.success) throw new PairingError(`${file(dataDir)} is damaged: pair the box again`);
  return parsed.data;
}

/** Pairs with the cloud and stores the credential; answers the pairing. */
export async function pairBox(options: {
  cloudUrl: string;
  code: string;
  dataDir: string;
}): Promise<Pairing> {
  const cloudUrl = options.cloudUrl.replace(/\/+$/, '');
  let res: Response;
  try {
    res = await fetch(`${cloudUrl}/sync/v1/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: options.code }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (e) {
    throw new PairingError(`cannot reach ${cloudUrl}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const body = (await res.json().catch(() => ({}))) as {
    venueId?: string;
    boxId?: string;
    credential?: string;
    name?: string;
    error?: { message: string };
  };
  if (res.status !== 201) throw new PairingError(body.error?.message ?? `the cloud answered ${res.status}`);
  const pairing = pairingSchema.parse({ ...body, cloudUrl, pairedAt: Date.now() });
  writeFileSync(file(options.dataDir), `${JSON.stringify(pairing, null, 2)}\n`, { mode: 0o600 });
  return pairing;
}
