/**
 * The console's screens page as one runes class: the venue's displays and slides, and every
 * change staff make to them, each followed by a toast with its undo (the previous name,
 * assignment, announcement or slide put back). Removing a screen has no undo: the screen goes
 * back to pairing with a new identity, so it is a held button instead (so is deleting a slide,
 * whose picture goes with it). Undoing a slide's edit puts back its words, not a replaced picture.
 */
import { newCommandId } from '../../api.ts';
import { errorText } from '../../errors.ts';
import type { StaffSession } from '../../session.svelte.ts';
import {
  type Display,
  type DisplayAssignment,
  type DisplaysApi,
  displaysApi,
  type NewSlide,
  type Slide,
  slidesOf,
} from '../api.ts';

export interface DeskToast {
  readonly id: number;
  readonly text: string;
  readonly kind: 'done' | 'error';
  readonly undo: (() => Promise<unknown>) | null;
}

const TOAST_MS = 8000;

export class DisplaysDesk {
  readonly api: DisplaysApi;
  readonly venueId: string;
  displays = $state.raw<Display[]>([]);
  slides = $state.raw<Slide[]>([]);
  toasts = $state<DeskToast[]>([]);
  busy = $state(false);
  #count = 0;

  constructor(session: StaffSession, displays: Display[], slides: Slide[]) {
    this.api = displaysApi(session);
    this.venueId = session.venueId;
    this.displays = displays;
    this.slides = slides;
  }

  #toast(text: string, kind: DeskToast['kind'], undo: DeskToast['undo'] = null): void {
    const id = ++this.#count;
    this.toasts = [...this.toasts, { id, text, kind, undo }];
    setTimeout(() => this.dismiss(id), kind === 'error' ? TOAST_MS * 2 : TOAST_MS);
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  /** Runs a change; refusals become an error toast in the server's words, nothing changed. */
  async #act(text: string, change: () => Promise<unknown>, undo: DeskToast['undo'] = null): Promise<boolean> {
    this.busy = true;
    try {
      await change();
      await this.reload();
      this.#toast(text, 'done', undo);
      return true;
    } catch (e) {
      this.#toast(errorText(e), 'error');
      return false;
    } finally {
      this.busy = false;
    }
  }

  async reload(): Promise<void> {
    this.displays = await this.api.list();
  }

  async undo(t: DeskToast): Promise<void> {
    this.dismiss(t.id);
    if (t.undo) await this.#act(`Undone: ${t.text}`, t.undo);
  }

  add(code: string, name: string, assignment?: DisplayAssignment): Promise<boolean> {
    return this.#act(`Added ${name}`, () => this.api.add(code, name, assignment));
  }

  rename(d: Display, name: string): Promise<boolean> {
    return this.#act(
      `Renamed ${d.name} to ${name}`,
      () => this.api.update(d.id, { name }),
      () => this.api.update(d.id, { name: d.name }),
    );
  }

  assign(d: Display, assignment: DisplayAssignment): Promise<boolean> {
    return this.#act(
      `${d.name} now shows ${assignment.views.join(', ')}`,
      () => this.api.update(d.id, { assignment }),
      () => this.api.update(d.id, { assignment: d.assignment }),
    );
  }

  remove(d: Display): Promise<boolean> {
    return this.#act(`Removed ${d.name}`, () => this.api.remove(d.id));
  }

  /** To one screen, or to all (`d` null). The undo puts back what each screen had. */
  announce(d: Display | null, text: string | null, seconds: number | null): Promise<boolean> {
    const targets = d ? [d] : this.displays;
    const label =
      text === null
        ? `Cleared the announcement on ${d?.name ?? 'every screen'}`
        : `Announced on ${d?.name ?? 'every screen'}: ${text}`;
    return this.#act(
      label,
      () => this.api.announce(text, d ? [d.id] : null, seconds),
      async () => {
        for (const t of targets) {
          const a = t.announcement;
          const left = a?.until == null ? null : Math.round((a.until - Date.now()) / 1000);
          if (a && (left === null || left >= 5)) await this.api.announce(a.text, [t.id], left);
          else await this.api.announce(null, [t.id], null);
        }
      },
    );
  }

  saveSlide(id: string | null, slide: NewSlide): Promise<boolean> {
    const slideId = id ?? newCommandId().slice(4, 24);
    const before = this.slides.find((s) => s.id === slideId) ?? null;
    return this.#act(
      before ? `Saved slide ${slide.title}` : `Added slide ${slide.title}`,
      async () => {
        await this.api.putSlide(slideId, slide);
        this.slides = await this.#slides();
      },
      async () => {
        if (before)
          await this.api.putSlide(slideId, { title: before.title, text: before.text, order: before.order });
        else await this.api.deleteSlide(slideId);
        this.slides = await this.#slides();
      },
    );
  }

  deleteSlide(s: Slide): Promise<boolean> {
    return this.#act(`Deleted slide ${s.title}`, async () => {
      await this.api.deleteSlide(s.id);
      this.slides = await this.#slides();
    });
  }

  #slides(): Promise<Slide[]> {
    return slidesOf(this.venueId);
  }
}
