/**
 * One tournament's console: the staff follower (its view is what every tab shows), the
 * commands a TD sends, and the undo toasts that follow each one. Pages get it from the
 * tournament layout's context (./context.ts) and derive what they show from its view.
 */
import type { CommandAnswer, TournamentView } from '../api.ts';
import type { CommandBody, CommandType } from '../commands.ts';
import { errorText } from '../errors.ts';
import { LiveTournament } from '../live.svelte.ts';
import { commandPermission } from '../permissions.ts';
import type { StaffSession } from '../session.svelte.ts';

export interface Toast {
  readonly id: number;
  readonly text: string;
  readonly kind: 'done' | 'undone' | 'queued' | 'error';
  /** The command a tap on "Undo" takes back (an Undo's own id: tapping it redoes). */
  readonly commandId: string | null;
}

/** How long an action's toast (and its undo button) stays up. */
export const TOAST_MS = 10_000;
/** How long a command waits for its events to reach this console's view before answering. */
const CONFIRM_MS = 5_000;

type Entry = TournamentView['standings']['entries'][number];

export class TournamentConsole {
  readonly venueId: string;
  readonly id: string;
  readonly session: StaffSession;
  readonly live: LiveTournament;
  /** Commands sent and not yet confirmed. */
  pending = $state(0);
  toasts = $state<Toast[]>([]);
  #nextToast = 1;

  view = $derived.by(() => this.live.view);
  standings = $derived(this.view?.standings ?? null);
  clock = $derived(this.standings?.clock ?? null);
  seating = $derived(this.view?.seating ?? null);
  structure = $derived(this.view?.structure ?? null);
  config = $derived(this.view?.config ?? null);
  currency = $derived(this.standings?.currency ?? 'DKK');
  status = $derived(this.standings?.status ?? null);
  busy = $derived(this.pending > 0);
  entries = $derived(this.standings?.entries ?? []);
  entryById = $derived(new Map(this.entries.map((e) => [e.entryId, e])));
  /** "T2 · 7" by entry id, from the seating. */
  seatOf = $derived.by(() => {
    const at = new Map<string, { table: number; tableId: string; seat: number }>();
    for (const t of this.seating?.tables ?? []) {
      for (const s of t.seatMap)
        if (s.entryId) at.set(s.entryId, { table: t.number, tableId: t.id, seat: s.seat });
    }
    return at;
  });

  constructor(session: StaffSession, id: string) {
    this.venueId = session.venueId;
    this.id = id;
    this.session = session;
    this.live = new LiveTournament({
      venueId: session.venueId,
      id,
      channel: 'staff',
      token: session.token,
      onSignedOut: () => session.signOut('You were signed out: sign in again'),
    });
  }

  can(permission: Parameters<StaffSession['can']>[0]): boolean {
    return this.session.can(permission);
  }

  /** Whether this role may send the command (the server's matrix; it refuses the rest anyway). */
  canRun(type: CommandType): boolean {
    return this.session.can(commandPermission(type));
  }

  entryName(entryId: string | null | undefined): string {
    if (!entryId) return '—';
    const e = this.entryById.get(entryId);
    return e ? e.name : entryId;
  }

  entry(entryId: string): Entry | undefined {
    return this.entryById.get(entryId);
  }

  /**
   * Sends one command; on success waits until its events are in this console's view (so the
   * screen shows what the server decided), then offers an undo. Refusals become an error toast
   * with the server's own message. Answers the command's answer, or null when refused.
   */
  async run<T extends CommandType>(
    type: T,
    payload: CommandBody<T>,
    label: string | ((answer: CommandAnswer) => string),
  ): Promise<(CommandAnswer & { commandId: string }) | null> {
    this.pending++;
    try {
      const answer = await this.session.api.command(this.id, type, payload);
      const text = typeof label === 'string' ? label : label(answer);
      if (answer.queued) {
        this.toast(`${text} — sent to the box that runs this tournament`, 'queued', null);
        return answer;
      }
      await this.#confirmed(answer.seq);
      const kind = type === 'Undo' ? 'undone' : 'done';
      this.toast(text, kind, answer.events.length > 0 ? answer.commandId : null);
      return answer;
    } catch (e) {
      this.toast(errorText(e), 'error', null);
      return null;
    } finally {
      this.pending--;
    }
  }

  /** Takes a command back (a compensating event); undoing an Undo redoes. */
  undo(commandId: string, label: string): Promise<unknown> {
    return this.run('Undo', { targetCommandId: commandId }, label);
  }

  toast(text: string, kind: Toast['kind'], commandId: string | null): void {
    const t: Toast = { id: this.#nextToast++, text, kind, commandId };
    this.toasts = [...this.toasts.slice(-2), t];
    setTimeout(() => this.dismiss(t.id), kind === 'error' ? TOAST_MS * 2 : TOAST_MS);
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  /** Resolves once the live view holds `seq` (or after CONFIRM_MS: the answer is durable anyway). */
  #confirmed(seq: number): Promise<void> {
    if (this.live.seq >= seq) return Promise.resolve();
    return new Promise((resolve) => {
      const stop = $effect.root(() => {
        $effect(() => {
          if (this.live.seq >= seq && this.live.view !== null) done();
        });
      });
      const timer = setTimeout(() => done(), CONFIRM_MS);
      function done(): void {
        clearTimeout(timer);
        queueMicrotask(stop);
        resolve();
      }
    });
  }
}
