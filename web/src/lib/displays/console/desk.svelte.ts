/**
 * The console's screens page as one runes class: the venue's displays and slides, and every
 * change staff make to them, each followed by a toast with its undo (the previous name,
 * assignment, announcement or slide put back). Removing a screen has no undo: the screen goes
 * back to pairing with a new identity, so it is a held button instead (so is deleting a slide,
 * whose picture goes with it). Undoing a slide's edit puts back its words, not a replaced picture.
 */
import { newCommandId } from '../../api.ts';
import { ChangeToasts } from '../../console/change-toasts.svelte.ts';
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

export class DisplaysDesk {
  readonly api: DisplaysApi;
  readonly venueId: string;
  displays = $state.raw<Display[]>([]);
  slides = $state.raw<Slide[]>([]);
  /** Each change's toast and undo; the list of screens read again after it. */
  readonly changes = new ChangeToasts(() => this.reload());

  constructor(session: StaffSession, displays: Display[], slides: Slide[]) {
    this.api = displaysApi(session);
    this.venueId = session.venueId;
    this.displays = displays;
    this.slides = slides;
  }

  get busy(): boolean {
    return this.changes.busy;
  }

  /** Runs a change; refusals become an error toast in the server's words, nothing changed. */
  #act(
    text: string,
    change: () => Promise<unknown>,
    undo: (() => Promise<unknown>) | null = null,
  ): Promise<boolean> {
    return this.changes.act(text, change, undo);
  }

  async reload(): Promise<void> {
    this.displays = await this.api.list();
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
