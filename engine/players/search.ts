/**
 * Finding a player at the registration desk: the TD types part of a name, maybe misspelt,
 * maybe without Danish letters, and picks from a short list.
 *
 * Tiers, best first:
 * - exact: the whole query equals the name (or nickname) after normalizeName;
 * - prefix: every query word starts a different word of the name or nickname, compared
 *   canonically or with transliterations folded ("sø kj", "kjae", "soeren" find
 *   "Søren Kjærgaard");
 * - fuzzy: as prefix, but some query words are within a few edits (optimal string alignment)
 *   of a name word or of its beginning: 1 edit for words of 4–6 letters, 2 for 7 or more,
 *   none for shorter words, where one edit turns most names into other names ("Bo"/"Ib").
 * Within a tier the score rewards covering more of the name; ties are broken by normalized
 * name and then id, so the list is the same on every device and every run.
 */
import { osaDistance } from './distance.ts';
import { compoundTokens, looseKey, normalizeName } from './normalize.ts';
import type { Player } from './types.ts';

export type SearchMatch = 'exact' | 'prefix' | 'fuzzy';
export interface SearchHit {
  player: Player;
  score: number;
  match: SearchMatch;
}
export interface SearchOptions {
  limit?: number;
}

export const SEARCH_DEFAULT_LIMIT = 20;
export const SEARCH_MAX_LIMIT = 100;
/** Words beyond this in a query are ignored: names have few words, and matching is per word. */
export const SEARCH_MAX_QUERY_WORDS = 6;

/** Edits a query word of this length may be away from a name word. */
export function fuzzyBudget(length: number): number {
  if (length >= 7) return 2;
  if (length >= 4) return 1;
  return 0;
}

interface Word {
  readonly canon: string;
  readonly loose: string;
}
interface Indexed {
  readonly key: string;
  readonly nickKey: string | null;
  readonly words: readonly Word[];
  readonly nameWordCount: number;
}

const DIGRAPH = /aa|ae|oe|ue/;
const word = (canon: string): Word => ({ canon, loose: DIGRAPH.test(canon) ? looseKey(canon) : canon });

function tokensOf(text: string): string[] {
  const key = normalizeName(text);
  return key === '' ? [] : key.split(' ');
}

// Players are immutable, so a record's keys can be computed once and kept as long as the
// record object lives; searching the same map again skips all Unicode normalization.
const cache = new WeakMap<Player, Indexed>();

function indexOf(p: Player): Indexed {
  const hit = cache.get(p);
  if (hit !== undefined) return hit;
  const nameWords = tokensOf(p.name);
  const nickWords = p.nickname === null ? [] : tokensOf(p.nickname);
  // Name words first, so word 0 is the first name; then nickname and compound words.
  const all =
    p.nickname === null
      ? [...nameWords, ...compoundTokens(p.name)]
      : [...nameWords, ...nickWords, ...compoundTokens(p.name), ...compoundTokens(p.nickname)];
  const words: Word[] = [];
  for (let i = 0; i < all.length; i++) if (all.indexOf(all[i]!) === i) words.push(word(all[i]!));
  const indexed: Indexed = {
    key: nameWords.join(' '),
    nickKey: nickWords.length === 0 ? null : nickWords.join(' '),
    words,
    nameWordCount: nameWords.length,
  };
  cache.set(p, indexed);
  return indexed;
}

const NO_MATCH = -1;

/** 0 for a prefix match, the edit count for a fuzzy one, NO_MATCH otherwise. */
function wordCost(q: Word, w: Word): number {
  if (w.canon.startsWith(q.canon) || w.loose.startsWith(q.loose)) return 0;
  const budget = fuzzyBudget(q.canon.length);
  if (budget === 0) return NO_MATCH;
  let best = budget + 1;
  for (const [a, b] of [
    [q.canon, w.canon],
    [q.loose, w.loose],
  ] as const) {
    best = Math.min(best, osaDistance(a, b, budget));
    // Still typing: compare with the start of a longer name word ("kjearg" ~ "kjaerg…").
    if (b.length > a.length) best = Math.min(best, osaDistance(a, b.slice(0, a.length), budget));
    if (best === 1) break;
  }
  return best <= budget ? best : NO_MATCH;
}

interface Assignment {
  readonly edits: number;
  readonly covered: number; // letters of the matched name words
  readonly firstNameFirst: boolean;
}

/**
 * Per-search memo of query word × name word costs. Names repeat their words endlessly
 * (Jensen, Nielsen, Søren, Mette…), so 10,000 players hold a few thousand distinct words and
 * each pair is measured once per search.
 */
type CostMemo = readonly Map<string, number>[];

function costsFor(query: readonly Word[], memo: CostMemo, ix: Indexed): number[][] | null {
  const rows: number[][] = [];
  for (let qi = 0; qi < query.length; qi++) {
    const seen = memo[qi]!;
    const row: number[] = [];
    let any = false;
    for (const w of ix.words) {
      let c = seen.get(w.canon);
      if (c === undefined) {
        c = wordCost(query[qi]!, w);
        seen.set(w.canon, c);
      }
      row.push(c);
      if (c !== NO_MATCH) any = true;
    }
    // Most players fail on the first query word: stop before measuring the others.
    if (!any) return null;
    rows.push(row);
  }
  return rows;
}

/** The one-word query, most searches at the desk: the cheapest, then shortest, name word. */
function assignOne(row: readonly number[], ix: Indexed): Assignment | null {
  let pick = -1;
  for (let wi = 0; wi < row.length; wi++) {
    const c = row[wi]!;
    if (c === NO_MATCH) continue;
    const better =
      pick === -1 ||
      c < row[pick]! ||
      (c === row[pick]! && ix.words[wi]!.canon.length < ix.words[pick]!.canon.length);
    if (better) pick = wi;
  }
  if (pick === -1) return null;
  return {
    edits: row[pick]!,
    covered: ix.words[pick]!.canon.length,
    firstNameFirst: pick === 0 && ix.nameWordCount > 0,
  };
}

/**
 * Gives each query word a different name word, fewest edits overall, then fewest letters
 * left untyped. Queries have at most SEARCH_MAX_QUERY_WORDS words and names a handful, so
 * plain backtracking is enough.
 */
function assign(costs: readonly (readonly number[])[], ix: Indexed): Assignment | null {
  if (costs.length === 1) return assignOne(costs[0]!, ix);
  const used = new Array<boolean>(ix.words.length).fill(false);
  const path: number[] = [];
  let best: Assignment | null = null;
  const walk = (qi: number, edits: number, covered: number): void => {
    if (best !== null && edits > best.edits) return;
    if (qi === costs.length) {
      if (best === null || edits < best.edits || (edits === best.edits && covered < best.covered)) {
        best = { edits, covered, firstNameFirst: path[0] === 0 && ix.nameWordCount > 0 };
      }
      return;
    }
    const row = costs[qi]!;
    for (let wi = 0; wi < row.length; wi++) {
      const c = row[wi]!;
      if (c === NO_MATCH || used[wi]) continue;
      used[wi] = true;
      path[qi] = wi;
      walk(qi + 1, edits + c, covered + ix.words[wi]!.canon.length);
      used[wi] = false;
    }
  };
  walk(0, 0, 0);
  return best;
}

function rank(
  query: readonly Word[],
  queryKey: string,
  memo: CostMemo,
  ix: Indexed,
): { score: number; match: SearchMatch } | null {
  if (queryKey === ix.key) return { score: 1000, match: 'exact' };
  if (queryKey === ix.nickKey) return { score: 950, match: 'exact' };
  const costs = costsFor(query, memo, ix);
  const a = costs === null ? null : assign(costs, ix);
  if (a === null) return null;
  const typed = query.reduce((n, q) => n + q.canon.length, 0);
  // Share of the matched words the query spells out: "soren kj" beats "s k" for Søren.
  const coverage = Math.round((100 * Math.min(typed, a.covered)) / Math.max(1, a.covered));
  const bonus = a.firstNameFirst ? 5 : 0;
  if (a.edits === 0) return { score: 500 + coverage + bonus, match: 'prefix' };
  return { score: Math.max(1, 300 - 60 * a.edits + coverage + bonus), match: 'fuzzy' };
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return SEARCH_DEFAULT_LIMIT;
  return Math.min(SEARCH_MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

function compareHits(a: SearchHit & { key: string }, b: SearchHit & { key: string }): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.player.id < b.player.id ? -1 : a.player.id > b.player.id ? 1 : 0;
}

export function searchPlayers(players: Iterable<Player>, query: string, opts?: SearchOptions): SearchHit[] {
  const queryWords = tokensOf(query).slice(0, SEARCH_MAX_QUERY_WORDS);
  if (queryWords.length === 0) return [];
  const queryKey = normalizeName(query);
  const q = queryWords.map(word);
  const memo: CostMemo = q.map(() => new Map<string, number>());
  const hits: (SearchHit & { key: string })[] = [];
  for (const player of players) {
    if (player.mergedInto !== null) continue;
    const ix = indexOf(player);
    const r = rank(q, queryKey, memo, ix);
    if (r !== null) hits.push({ player, score: r.score, match: r.match, key: ix.key });
  }
  hits.sort(compareHits);
  return hits.slice(0, clampLimit(opts?.limit)).map(({ player, score, match }) => ({ player, score, match }));
}

/**
 * The record whose name is the same as `name` after normalizeName (the TD3 importer matches
 * players this way). Several records with the same name: the oldest, then the smallest id,
 * so an import run twice links to the same person.
 */
export function findByName(players: Iterable<Player>, name: string): Player | undefined {
  const key = normalizeName(name);
  if (key === '') return undefined;
  let best: Player | undefined;
  for (const p of players) {
    if (p.mergedInto !== null || indexOf(p).key !== key) continue;
    if (
      best === undefined ||
      p.createdAt < best.createdAt ||
      (p.createdAt === best.createdAt && p.id < best.id)
    ) {
      best = p;
    }
  }
  return best;
}
