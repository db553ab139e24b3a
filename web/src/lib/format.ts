/** Display helpers for the clock, chips and money. */

export function clockText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, '0');
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

export function chips(n: number): string {
  return new Intl.NumberFormat('da-DK').format(n);
}

/** Money in minor units, in the tournament's currency (DKK by default). */
export function money(minor: number, currency = 'DKK', locale = 'da-DK'): string {
  const digits =
    new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
    2;
  return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(
    minor / 10 ** digits,
  );
}

export function blindsText(b: {
  smallBlind: number;
  bigBlind: number;
  ante: number;
  bigBlindAnte: number;
}): string {
  const ante =
    b.bigBlindAnte > 0 ? ` · BB ante ${chips(b.bigBlindAnte)}` : b.ante > 0 ? ` · ante ${chips(b.ante)}` : '';
  return `${chips(b.smallBlind)} / ${chips(b.bigBlind)}${ante}`;
}

/** A tournament's stored status as a TD says it. */
export function statusText(status: string): string {
  switch (status) {
    case 'announced':
      return 'Announced';
    case 'registration':
      return 'Registration open';
    case 'running':
      return 'Running';
    case 'finished':
      return 'Finished';
    case 'cancelled':
      return 'Cancelled';
    default:
      return status.replaceAll('-', ' ');
  }
}
