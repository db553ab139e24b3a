/**
 * Prometheus text exposition (format 0.0.4) for the box's /metrics, and the latency histogram
 * the tournament objects keep. Written here rather than taken from prom-client: that library
 * is built on Node's process and timers and does not run in workerd, and the format is small.
 */

/** Command latency buckets, in seconds: the box's goal is a 3 ms p50 (docs/BENCHMARKS.md). */
export const LATENCY_BUCKETS = [0.001, 0.002, 0.003, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] as const;

export interface HistogramSnapshot {
  readonly buckets: readonly number[];
  /** Per bucket (not cumulative), plus one for above the last. */
  readonly counts: readonly number[];
  readonly sum: number;
  readonly count: number;
}

export class Histogram {
  readonly #buckets: readonly number[];
  readonly #counts: number[];
  #sum = 0;
  #count = 0;
  constructor(buckets: readonly number[] = LATENCY_BUCKETS) {
    this.#buckets = buckets;
    this.#counts = new Array(buckets.length + 1).fill(0);
  }
  observe(seconds: number): void {
    let i = this.#buckets.findIndex((b) => seconds <= b);
    if (i === -1) i = this.#buckets.length;
    this.#counts[i] = (this.#counts[i] ?? 0) + 1;
    this.#sum += seconds;
    this.#count++;
  }
  snapshot(): HistogramSnapshot {
    return { buckets: this.#buckets, counts: [...this.#counts], sum: this.#sum, count: this.#count };
  }
}

/** Several objects' histograms as one (same buckets). */
export function mergeHistograms(all: readonly HistogramSnapshot[]): HistogramSnapshot {
  const buckets = all[0]?.buckets ?? LATENCY_BUCKETS;
  const counts = new Array(buckets.length + 1).fill(0) as number[];
  let sum = 0;
  let count = 0;
  for (const h of all) {
    h.counts.forEach((n, i) => {
      counts[i] = (counts[i] ?? 0) + n;
    });
    sum += h.sum;
    count += h.count;
  }
  return { buckets, counts, sum, count };
}

type Labels = Readonly<Record<string, string>>;

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(
    ([k, v]) => `${k}="${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`,
  );
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

const num = (n: number) => (Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN');

export class Exposition {
  readonly #lines: string[] = [];

  gauge(name: string, help: string, samples: readonly { labels?: Labels; value: number }[]): this {
    this.#lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const s of samples) this.#lines.push(`${name}${labelText(s.labels ?? {})} ${num(s.value)}`);
    return this;
  }

  histogram(name: string, help: string, h: HistogramSnapshot): this {
    this.#lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
    let cumulative = 0;
    h.buckets.forEach((b, i) => {
      cumulative += h.counts[i] ?? 0;
      this.#lines.push(`${name}_bucket{le="${b}"} ${cumulative}`);
    });
    this.#lines.push(
      `${name}_bucket{le="+Inf"} ${h.count}`,
      `${name}_sum ${h.sum}`,
      `${name}_count ${h.count}`,
    );
    return this;
  }

  text(): string {
    return `${this.#lines.join('\n')}\n`;
  }
}
