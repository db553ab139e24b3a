/** The owner's Usage page in figures: each quota as a share of the day's free allowance. */
import type { VenueUsage } from '../../api.ts';

type Day = VenueUsage['days'][number];
type Counted = Exclude<keyof Day, 'day'>;

export const QUOTAS: readonly { key: Counted; label: string; why: string }[] = [
  { key: 'workerRequests', label: 'Requests', why: 'every page, phone and TV request to the venue' },
  {
    key: 'doRequests',
    label: 'Durable Object requests',
    why: 'work done for those requests, alarms, live messages',
  },
  { key: 'rowsWritten', label: 'Rows written', why: 'every action stored, with its answer and snapshots' },
];

export interface QuotaLine {
  readonly key: Counted;
  readonly label: string;
  readonly why: string;
  readonly used: number;
  readonly limit: number;
  /** 0–100, rounded to one decimal; may pass 100. */
  readonly percent: number;
  readonly level: 'ok' | 'warn' | 'over';
}

export function quotaLines(day: Day | undefined, limits: VenueUsage['limits']): QuotaLine[] {
  return QUOTAS.map(({ key, label, why }) => {
    const used = Math.round(day?.[key] ?? 0);
    const limit = limits[key];
    const percent = Math.round((used / limit) * 1000) / 10;
    return {
      key,
      label,
      why,
      used,
      limit,
      percent,
      level: percent >= 100 ? 'over' : percent >= 80 ? 'warn' : 'ok',
    };
  });
}
