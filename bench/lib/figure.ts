/** One measured figure, printed as a JSON line and written to docs/BENCHMARKS.md. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Human-readable goal from the issue, e.g. "≤ 300 ms"; omitted when the issue sets none. */
  readonly goal?: string;
  /** Extra context (peer figure, spread, sample count). */
  readonly note?: string;
}

/** A bench module: `bench/<area>.bench.ts` exporting `run`. */
export type BenchRun = () => Promise<readonly Figure[]>;
