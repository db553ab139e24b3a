import { describe, expect, it } from 'vitest';
import { Exposition, Histogram, mergeHistograms } from './prometheus.ts';

describe('Prometheus exposition', () => {
  it('given observations, then the histogram is cumulative per bucket with +Inf, sum and count', () => {
    const h = new Histogram([0.001, 0.01]);
    for (const s of [0.0005, 0.002, 0.003, 0.5]) h.observe(s);
    const text = new Exposition()
      .histogram('felt_command_duration_seconds', 'Command latency.', h.snapshot())
      .text();
    expect(text).toBe(
      [
        '# HELP felt_command_duration_seconds Command latency.',
        '# TYPE felt_command_duration_seconds histogram',
        'felt_command_duration_seconds_bucket{le="0.001"} 1',
        'felt_command_duration_seconds_bucket{le="0.01"} 3',
        'felt_command_duration_seconds_bucket{le="+Inf"} 4',
        'felt_command_duration_seconds_sum 0.5055',
        'felt_command_duration_seconds_count 4',
        '',
      ].join('\n'),
    );
  });

  it('given gauges with labels, then labels are quoted and escaped; NaN for an unknown value', () => {
    const text = new Exposition()
      .gauge('felt_sockets', 'Followers.', [
        { labels: { channel: 'public' }, value: 3 },
        { labels: { name: 'a "quoted"\nname' }, value: 1 },
      ])
      .gauge('felt_last_sync_age_seconds', 'Age.', [{ value: Number.NaN }])
      .text();
    expect(text).toContain('felt_sockets{channel="public"} 3\n');
    expect(text).toContain('felt_sockets{name="a \\"quoted\\"\\nname"} 1\n');
    expect(text).toContain('felt_last_sync_age_seconds NaN\n');
  });

  it('given histograms of several objects, then merged they count every observation', () => {
    const a = new Histogram();
    const b = new Histogram();
    a.observe(0.002);
    b.observe(0.002);
    b.observe(2);
    const m = mergeHistograms([a.snapshot(), b.snapshot()]);
    expect([m.count, m.counts.at(-1)]).toEqual([3, 1]);
    expect(m.sum).toBeCloseTo(2.004, 9);
  });
});
