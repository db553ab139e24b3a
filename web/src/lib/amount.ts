/**
 * Money typed by a person, in the currency's major units ("200", "1.250,50", "1250.5"), to the
 * engine's integer minor units (øre, cents), and back for a form. A typo gets a message, never
 * a guess.
 */
export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

export type Parsed =
  | { readonly ok: true; readonly minor: number }
  | { readonly ok: false; readonly message: string };

export function parseAmount(text: string, currency: string): Parsed {
  const t = text.trim().replace(/\s/g, '');
  if (t === '') return { ok: false, message: 'Enter an amount' };
  // The last "," or "." followed by 1–2 digits is the decimal mark; other marks group thousands.
  const m = /^(\d{1,3}(?:[.,]\d{3})*|\d+)(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return { ok: false, message: `“${text}” is not an amount (e.g. 200 or 1.250,50)` };
  const whole = Number((m[1] ?? '').replace(/[.,]/g, ''));
  const digits = minorDigits(currency);
  const frac = m[2] ?? '';
  if (frac.length > digits) return { ok: false, message: `${currency} has ${digits} decimals at most` };
  const minor = whole * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return { ok: false, message: `“${text}” is too large` };
  return { ok: true, minor };
}

/** Minor units as the form shows them: "200" or "200,50" (no grouping, so it parses back). */
export function amountInput(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const whole = Math.floor(minor / 10 ** digits);
  const frac = minor % 10 ** digits;
  return frac === 0 ? String(whole) : `${whole},${String(frac).padStart(digits, '0')}`;
}
