/**
 * The tournament's log as commands: each command's events together, newest first, with who
 * and when, and whether it is undone now (an Undo reverts it, an Undo of that Undo redoes it).
 * History comes from the event log route, page by page; what happens now comes from the
 * console's live follower.
 */
import type { LogEvent } from '../../api.ts';
import type { TournamentConsole } from '../console.svelte.ts';

export interface LogCommand {
  readonly commandId: string;
  readonly seq: number;
  readonly at: number;
  readonly actor: string;
  readonly events: readonly LogEvent[];
  /** The command it undoes or redoes, when it is an Undo. */
  readonly undoes: string | null;
}

const PAGE = 200;

export class LogFeed {
  readonly #tc: TournamentConsole;
  /** Events read over HTTP, ascending by seq. */
  loaded = $state.raw<LogEvent[]>([]);
  loading = $state(false);
  error = $state<string | null>(null);

  events = $derived.by(() => {
    const top = this.loaded.at(-1)?.seq ?? 0;
    const live = (this.#tc.live.events as LogEvent[]).filter((e) => e.seq > top);
    return live.length === 0 ? this.loaded : [...this.loaded, ...live];
  });
  /** Older events exist before the first one read. */
  more = $derived((this.loaded[0]?.seq ?? 1) > 1);

  commands = $derived.by(() => {
    const by = new Map<string, LogEvent[]>();
    for (const e of this.events) {
      const id = String(e.event.commandId ?? `seq-${e.seq}`);
      const list = by.get(id);
      if (list) list.push(e);
      else by.set(id, [e]);
    }
    const out: LogCommand[] = [];
    for (const [commandId, events] of by) {
      const first = events[0] as LogEvent;
      const undo = events.find((e) => e.type === 'CommandUndone');
      out.push({
        commandId,
        seq: first.seq,
        at: first.at,
        actor: String(first.event.actor ?? ''),
        events,
        undoes: undo ? String(undo.event.target) : null,
      });
    }
    return out.sort((a, b) => b.seq - a.seq);
  });

  /** Commands whose effects are reverted now (undone and not redone). */
  undone = $derived.by(() => {
    const off = new Set<string>();
    for (const e of this.events) {
      if (e.type !== 'CommandUndone') continue;
      const base = String(e.event.base);
      if (e.event.effect === 'revert') off.add(base);
      else off.delete(base);
    }
    return off;
  });

  constructor(tc: TournamentConsole) {
    this.#tc = tc;
  }

  async loadLatest(): Promise<void> {
    const seq = this.#tc.live.seq || (this.#tc.view?.seq ?? 0);
    await this.#read(Math.max(0, seq - PAGE), (page) => page);
  }

  async loadEarlier(): Promise<void> {
    const first = this.loaded[0]?.seq ?? 1;
    const after = Math.max(0, first - 1 - PAGE);
    await this.#read(after, (page) => [...page.filter((e) => e.seq < first), ...this.loaded]);
  }

  async #read(after: number, merge: (page: LogEvent[]) => LogEvent[]): Promise<void> {
    this.loading = true;
    try {
      const page = await this.#tc.session.api.events(this.#tc.id, after, PAGE);
      this.loaded = merge(page.events);
      this.error = null;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.loading = false;
    }
  }
}
