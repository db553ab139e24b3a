/** Figures as support staff read them. */

export function bytesText(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(2)} MB`;
}

/** "3 min ago", "in 12 s", or the date and time when far off. */
export function whenText(at: number, now: number): string {
  const d = at - now;
  const abs = Math.abs(d);
  const say = (n: number, unit: string) => (d < 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`);
  if (abs < 60_000) return say(Math.round(abs / 1000), 's');
  if (abs < 3_600_000) return say(Math.round(abs / 60_000), 'min');
  if (abs < 86_400_000) return say(Math.round(abs / 3_600_000), 'h');
  return new Date(at).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });
}
