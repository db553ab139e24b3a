/** What a phone remembers of the list it joined: its public id and secret ticket, per venue. */
export interface CashTicket {
  readonly gameId: string;
  readonly playerId: string;
  readonly ticket: string;
  readonly name: string;
}

const KEY = (venueId: string) => `felt.cash.${venueId}`;

export function readTicket(venueId: string): CashTicket | null {
  try {
    const text = localStorage.getItem(KEY(venueId));
    return text ? (JSON.parse(text) as CashTicket) : null;
  } catch {
    return null;
  }
}

export function writeTicket(venueId: string, ticket: CashTicket | null): void {
  try {
    if (ticket === null) localStorage.removeItem(KEY(venueId));
    else localStorage.setItem(KEY(venueId), JSON.stringify(ticket));
  } catch {
    // Private mode: the phone forgets when the tab closes.
  }
}
