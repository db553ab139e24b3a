/**
 * The venue's player database: one record per person who plays at the venue, kept across
 * tournaments. Contact data and staff notes never leave staff views; public views go through
 * privacy.ts.
 */

/** What a public view (TV, phone of a stranger) may show of a player's name. */
export type NameDisplay = 'full' | 'first-name-initial' | 'initials' | 'hidden';

export const NAME_DISPLAYS: readonly NameDisplay[] = ['full', 'first-name-initial', 'initials', 'hidden'];

export interface Player {
  readonly id: string;
  /** As the TD typed it: "Søren Kjærgaard". */
  readonly name: string;
  /** Shown on the TV when the player wants ("Big Søren"). */
  readonly nickname: string | null;
  /** Contact data: never in any public view. */
  readonly email: string | null;
  readonly phone: string | null;
  /** Staff-only. */
  readonly notes: string | null;
  /** null = follow the venue's default. */
  readonly display: NameDisplay | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Ids of players merged into this one; their history is this player's history. */
  readonly mergedFrom: readonly string[];
  /** Set on a player that was merged into another; such a player is hidden from search. */
  readonly mergedInto: string | null;
  /** Tournaments played: one row per tournament (entries, best place, prize), newest last. */
  readonly history: readonly PlayerHistoryRow[];
}

export interface PlayerHistoryRow {
  readonly tournamentId: string;
  readonly entryIds: readonly string[];
  /** Best finishing place over the player's entries; null while playing or unknown. */
  readonly place: number | null;
  /** Total prize in minor units (øre for DKK). */
  readonly prize: number;
  /** When the player first entered this tournament (ms). */
  readonly at: number;
}

export type PlayerPatch = Partial<
  Pick<Player, 'name' | 'nickname' | 'email' | 'phone' | 'notes' | 'display'>
>;
