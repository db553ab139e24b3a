import { getTemplate } from '../../engine/structure/templates.ts';
import type { TournamentCommand } from '../../engine/tournament/types.ts';
import { ApiError } from '../http/errors.ts';

/** The CreateTournament command for a new tournament from a built-in structure template. */
export function createFromTemplate(
  commandId: string,
  name: string,
  templateId: string,
  currency: string,
): TournamentCommand {
  const template = getTemplate(templateId);
  if (!template) throw new ApiError(404, 'TEMPLATE_NOT_FOUND', `No structure template "${templateId}"`);
  const { structure, entry } = template;
  return {
    commandId,
    type: 'CreateTournament',
    name,
    structure,
    currency,
    buyIn: {
      id: 'buyin',
      name: 'Buy-in',
      kind: 'buyin',
      price: entry.buyIn,
      fee: entry.fee,
      chips: structure.startingStack,
      bounty: entry.bounty,
    },
    rebuy:
      structure.rebuyUntilLevel === null
        ? null
        : {
            id: 'rebuy',
            name: 'Rebuy',
            kind: 'rebuy',
            price: entry.buyIn,
            fee: 0,
            chips: structure.startingStack,
            bounty: 0,
          },
    addOn:
      structure.addOnAtLevel === null
        ? null
        : {
            id: 'addon',
            name: 'Add-on',
            kind: 'addon',
            price: entry.buyIn,
            fee: 0,
            chips: structure.startingStack,
            bounty: 0,
          },
  } as TournamentCommand;
}
