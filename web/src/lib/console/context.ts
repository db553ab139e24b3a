/** The tournament console, handed from the tournament layout to its pages. */
import { createContext } from 'svelte';
import type { TournamentConsole } from './console.svelte.ts';

export const [getConsole, setConsole] = createContext<TournamentConsole>();
