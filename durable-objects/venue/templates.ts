/**
 * Structure templates: the engine's built-in ones plus each venue's own (saved by a TD or
 * imported from a TD3 file). A template is everything CreateTournament needs except the name
 * and currency, and is checked by the engine's own schema and structure rules when saved.
 */
import { DomainError } from '../../engine/core/errors.ts';
import type { EntryProfile } from '../../engine/money/types.ts';
import { TEMPLATES } from '../../engine/structure/templates.ts';
import type { Structure } from '../../engine/structure/types.ts';
import { validateStructure } from '../../engine/structure/validate.ts';
import { commandSchema } from '../../engine/tournament/commands.schema.ts';
import type { TournamentCommand } from '../../engine/tournament/types.ts';

export interface VenueTemplate {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly source: 'builtin' | 'custom' | 'td3';
  readonly structure: Structure;
  readonly buyIn: EntryProfile;
  readonly rebuy: EntryProfile | null;
  readonly addOn: EntryProfile | null;
  /**
   * The rest of CreateTournament's settings (rules such as bounty mode and re-entry, added
   * money, guarantee, payout rounding), as the engine's schema accepts them; absent = defaults.
   */
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly createdAt: number;
}

function profile(
  kind: EntryProfile['kind'],
  name: string,
  price: number,
  fee: number,
  chips: number,
  bounty: number,
) {
  return { id: kind, name, kind, price, fee, chips, bounty } as EntryProfile;
}

/** The engine's built-in templates in the venue's shape. */
export const BUILTIN_TEMPLATES: readonly VenueTemplate[] = TEMPLATES.map((t) => ({
  id: t.id,
  name: t.name,
  description: t.description,
  source: 'builtin',
  structure: t.structure,
  buyIn: profile('buyin', 'Buy-in', t.entry.buyIn, t.entry.fee, t.structure.startingStack, t.entry.bounty),
  rebuy:
    t.structure.rebuyUntilLevel === null
      ? null
      : profile('rebuy', 'Rebuy', t.entry.buyIn, 0, t.structure.startingStack, 0),
  addOn:
    t.structure.addOnAtLevel === null
      ? null
      : profile('addon', 'Add-on', t.entry.buyIn, 0, t.structure.startingStack, 0),
  createdAt: 0,
}));

/** The CreateTournament command for a new tournament from a template. */
export function createCommand(
  commandId: string,
  name: string,
  template: VenueTemplate,
  currency: string,
): TournamentCommand {
  return {
    ...template.settings,
    commandId,
    type: 'CreateTournament',
    name,
    currency,
    structure: template.structure,
    buyIn: template.buyIn,
    rebuy: template.rebuy,
    addOn: template.addOn,
  } as TournamentCommand;
}

/** Checks a template the way CreateTournament would: shape, then the structure's rules. */
export function checkTemplate(t: VenueTemplate): void {
  const parsed = commandSchema.safeParse(createCommand('check', t.name, t, 'DKK'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError(
      'TEMPLATE_INVALID',
      `Template is not valid: ${issue?.path.join('.')}: ${issue?.message}`,
      {
        issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message })),
      },
    );
  }
  const problem = validateStructure(t.structure);
  if (problem) throw problem;
}
