/**
 * The permission matrix: the one place that says which role may do what. Routes name a
 * permission; the Durable Objects and WebSocket upgrades check it through `can`. Roles follow
 * a club's hierarchy (owner > td > floor > dealer > viewer); `support` is Felt's own staff,
 * across venues, read-only and audited on every read.
 */
import type { TournamentCommand } from '../../engine/tournament/types.ts';

export const ROLES = ['owner', 'td', 'floor', 'dealer', 'viewer', 'support'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'venue.read',
  'venue.settings',
  'staff.read',
  'staff.manage',
  'players.read',
  'players.contact',
  'players.write',
  'players.merge',
  'templates.read',
  'templates.write',
  'tournaments.read',
  'tournaments.create',
  'tournaments.import',
  'tournaments.export',
  'tournaments.inspect',
  'run.entries',
  'run.busts',
  'run.seating',
  'run.hands',
  'run.clock',
  'run.money',
  'run.undo',
  'live.staff',
  'audit.read',
  'usage.read',
  'boxes.manage',
  'displays.manage',
  'cash.run',
  'leagues.read',
  'leagues.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;
const READS: readonly Permission[] = [
  'venue.read',
  'staff.read',
  'players.read',
  'players.contact',
  'templates.read',
  'tournaments.read',
  'tournaments.export',
  'tournaments.inspect',
  'live.staff',
  'audit.read',
  'usage.read',
  'leagues.read',
];

/** Why each row is what it is: see docs/API.md "Roles". */
export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  owner: new Set(ALL),
  // Runs the tournaments and the player database; not the club's settings or staff.
  td: new Set(
    ALL.filter(
      (p) =>
        p !== 'venue.settings' &&
        p !== 'staff.manage' &&
        p !== 'audit.read' &&
        p !== 'usage.read' &&
        p !== 'boxes.manage',
    ),
  ),
  // The floor registers players, takes rebuys, reports busts and moves players; the clock,
  // the money and undo stay with the TD.
  floor: new Set<Permission>([
    'venue.read',
    'players.read',
    'players.write',
    'templates.read',
    'tournaments.read',
    'run.entries',
    'run.busts',
    'run.seating',
    'run.hands',
    'live.staff',
    'cash.run',
    'leagues.read',
  ]),
  // A dealer reports busts and finished hands at their table (hand-for-hand), nothing else.
  dealer: new Set<Permission>([
    'venue.read',
    'tournaments.read',
    'run.busts',
    'run.hands',
    'live.staff',
    'leagues.read',
  ]),
  viewer: new Set<Permission>([
    'venue.read',
    'templates.read',
    'tournaments.read',
    'live.staff',
    'leagues.read',
  ]),
  support: new Set(READS),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** The permission a tournament command needs. Exhaustive: a new command must be placed here. */
export function commandPermission(type: TournamentCommand['type']): Permission {
  switch (type) {
    case 'Register':
    case 'Unregister':
    case 'PromoteAlternate':
    case 'Reenter':
    case 'Rebuy':
    case 'AddOn':
    case 'SetChipCount':
      return 'run.entries';
    case 'BustPlayers':
      return 'run.busts';
    case 'AddTable':
    case 'RenameTable':
    case 'RemoveTable':
    case 'SetSeatAvailable':
    case 'LockSeat':
    case 'UnlockSeat':
    case 'SetButton':
    case 'SetBreakOrder':
    case 'SeatEntry':
    case 'ConfigureSeating':
    case 'DrawSeats':
    case 'ApplyMove':
    case 'ApplyAllMoves':
    case 'BreakTable':
    case 'RedrawFinalTable':
    case 'StartHandForHand':
    case 'StopHandForHand':
    // A shootout's next round is a redraw of the tables' winners.
    case 'StartNextRound':
      return 'run.seating';
    case 'ReportHandFinished':
      return 'run.hands';
    case 'OpenRegistration':
    case 'CloseRegistration':
    case 'StartTournament':
    case 'PauseClock':
    case 'ResumeClock':
    case 'AddTime':
    case 'RemoveTime':
    case 'GoToLevel':
    case 'RestartLevel':
      return 'run.clock';
    case 'CreateTournament':
    case 'Configure':
    case 'EditFutureLevels':
    case 'SetAddedMoney':
    case 'SetGuarantee':
    case 'EditPayouts':
    case 'LockPayouts':
    case 'MakeDeal':
    case 'FinishTournament':
    case 'CancelTournament':
    // Ending a day and taking a field in close the books of a day, as finishing does.
    case 'BagChips':
    case 'CarryEntries':
      return 'run.money';
    case 'Undo':
      return 'run.undo';
    default:
      return unplaced(type);
  }
}

function unplaced(type: never): never {
  throw new Error(`command ${String(type)} has no permission in the matrix`);
}

/** The matrix as a Markdown table (docs and the closing note are generated from it). */
export function permissionMatrixMarkdown(): string {
  const head = `| permission | ${ROLES.join(' | ')} |\n|---|${ROLES.map(() => '---').join('|')}|`;
  const rows = PERMISSIONS.map(
    (p) => `| \`${p}\` | ${ROLES.map((r) => (can(r, p) ? '✓' : '')).join(' | ')} |`,
  );
  return [head, ...rows].join('\n');
}
