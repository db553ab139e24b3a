import type { CurrencyCode, Minor } from './types.ts';
import { DEFAULT_CURRENCY } from './types.ts';

/**
 * Currency helpers. Amounts live as integer minor units; how many digits a currency has
 * comes from Intl (ICU's ISO 4217 data) rather than a hand-kept table, so "JPY" has 0,
 * "DKK" 2 and "KWD" 3 without us maintaining the list.
 */

const DEFAULT_LOCALE = 'da-DK';

// Building an Intl.NumberFormat is far slower than using one; a cache keeps
// formatting a payout table of 1,500 lines cheap. Caching is not I/O, the engine stays pure.
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: CurrencyCode, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let found = formatters.get(key);
  if (found === undefined) {
    found = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, found);
  }
  return found;
}

let known: ReadonlySet<string> | undefined;

/** True for an upper-case ISO 4217 code that this runtime's Intl knows ("DKK", "EUR"). */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  known ??= new Set(Intl.supportedValuesOf('currency'));
  return known.has(code);
}

/** Digits after the decimal point: 2 for DKK/EUR, 0 for JPY/ISK, 3 for KWD. */
export function minorDigits(currency: CurrencyCode = DEFAULT_CURRENCY): number {
  return formatter(currency, 'en').resolvedOptions().maximumFractionDigits ?? 2;
}

/** 123.45 DKK → 12345 øre. Rounds half away from zero so float noise (0.1 + 0.2) cannot drop an øre. */
export function toMinor(major: number, currency: CurrencyCode = DEFAULT_CURRENCY): Minor {
  const scaled = major * 10 ** minorDigits(currency);
  const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled));
  return rounded === 0 ? 0 : rounded;
}

/** 12345 øre → 123.45 (major units, for display and input fields only). */
export function fromMinor(amount: Minor, currency: CurrencyCode = DEFAULT_CURRENCY): number {
  return amount / 10 ** minorDigits(currency);
}

/** "1.234,50 kr." for 123450 øre in da-DK; any locale/currency Intl knows. */
export function formatMoney(
  amount: Minor,
  currency: CurrencyCode = DEFAULT_CURRENCY,
  locale: string = DEFAULT_LOCALE,
): string {
  return formatter(currency, locale).format(fromMinor(amount, currency));
}
