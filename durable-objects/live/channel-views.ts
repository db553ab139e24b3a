/**
 * Keeps each channel's followers' view current without a request per event: a frame carries
 * the change of the view as a JSON Patch (RFC 6902) from the view the follower holds. Before,
 * every follower re-read the view over HTTP after each event: 300 followers × 800 events was
 * 240,000 requests, more than twice the free tier's daily quota (bench: free_tier_share_pct).
 *
 * Views are named by an id; a follower applies a patch only to the view it names (`base`) and
 * re-reads the view otherwise. The last view of each channel lives in memory only: after the
 * Durable Object wakes up, the first update of a channel is a whole view.
 */
import jsonPatch, { type Operation } from 'fast-json-patch';

export type ViewUpdate =
  | { readonly id: string; readonly full: object }
  | { readonly id: string; readonly base: string; readonly patch: readonly Operation[] };

interface ChannelView {
  readonly id: string;
  /** What the view reflects: the seq and the clock's position (level, running or not). */
  readonly at: string;
  readonly view: object;
}

/** Keyed by channel ('staff', 'public'): each channel has its own view of the tournament. */
export class ChannelViews<Channel extends string = string> {
  readonly #byRole = new Map<Channel, ChannelView>();
  /** Ids are unique per wake-up, so a follower never applies a patch to another life's view. */
  readonly #life = crypto.randomUUID().slice(0, 8);
  #count = 0;

  #id(): string {
    this.#count += 1;
    return `${this.#life}.${this.#count}`;
  }

  /**
   * The view a follower starts from (hello): the channel's latest when it reflects `at` (the
   * same seq and clock position), so the patches the other followers get apply to it too.
   * A latest view the clock has moved past (a cue that never fired) is replaced.
   */
  current(role: Channel, at: string, make: () => object): { id: string; view: object } {
    const latest = this.#byRole.get(role);
    if (latest && latest.at === at) return latest;
    const fresh = { id: this.#id(), at, view: make() };
    this.#byRole.set(role, fresh);
    return fresh;
  }

  /** The channel's new view at `at`, as a patch from its last one when there is one. */
  next(role: Channel, at: string, make: () => object): ViewUpdate {
    const previous = this.#byRole.get(role);
    const view = make();
    const id = this.#id();
    this.#byRole.set(role, { id, at, view });
    if (!previous) return { id, full: view };
    return { id, base: previous.id, patch: jsonPatch.compare(previous.view, view) };
  }

  /** The latest view of a channel as a whole (a follower that fell behind and caught up). */
  whole(role: Channel, at: string, make: () => object): ViewUpdate {
    const { id, view } = this.current(role, at, make);
    return { id, full: view };
  }
}

/**
 * A follower's side: the view after an update, or null when the update does not apply to the
 * view it holds (it should then re-read the view). Never mutates `held`.
 */
export function applyViewUpdate<V extends object>(
  held: { id: string; view: V } | null,
  update: ViewUpdate,
): { id: string; view: V } | null {
  if ('full' in update) return { id: update.id, view: update.full as V };
  if (!held || held.id !== update.base) return null;
  const view = jsonPatch.applyPatch(
    jsonPatch.deepClone(held.view) as V,
    update.patch as Operation[],
    false,
    true,
  ).newDocument;
  return { id: update.id, view };
}
