/**
 * Amounts as a TD types them (major units: "1500", "1.500,50", "1500.5") and as the engine
 * holds them (whole minor units: øre for DKK). The digits a currency has come from the engine
 * (Intl's ISO 4217 data), so JPY takes no decimals and KWD three.
 */
import { formatMoney, minorDigits } from '../../../engine/money/currency.ts';

export type Parsed =
  | { readonly ok: true; readonly minor: number }
  | { readonly ok: false; readonly message: string };

/** The largest amount a form takes (10 billion in major units): beyond that it is a typo. */
const MAX_MAJOR = 10_000_000_000;

function example(digits: number): string {
  return digits === 0 ? '1500' : `1500 or 1500,${'5'.padEnd(digits, '0')}`;
}

/**
 * Reads an amount in major units. Either "." or "," is the decimal separator; a separator
 * followed by exactly three digits is a thousands separator ("1.500" and "1,500" are both
 * fifteen hundred, as Danes and English speakers write it), unless the currency has three
 * decimals. Spaces are thousands separators too. Negative amounts, letters and more
 * decimals than the currency has are refused with a message naming the problem.
 */
export function parseAmount(text: string, currency: string, what = 'The amount'): Parsed {
  const digits = minorDigits(currency);
  // A currency word around the number ("kr. 1500", "1500 DKK", the Danish "1500,-") is fine.
  const code = /^[A-Z]{3}$/.test(currency) ? `|${currency}` : '';
  const t = text
    .replace(/\s+/g, '')
    .replace(new RegExp(`^(kr\\.?${code})`, 'i'), '')
    .replace(new RegExp(`(,-)?(kr\\.?${code})?$`, 'i'), '');
  if (t === '') return { ok: false, message: `${what} is empty: enter an amount like ${example(digits)}` };
  if (t.startsWith('-')) return { ok: false, message: `${what} cannot be negative (${text.trim()})` };
  if (!/^[0-9.,]+$/.test(t) || !/[0-9]/.test(t)) {
    return {
      ok: false,
      message: `${what} "${text.trim()}" is not a number: enter an amount like ${example(digits)}`,
    };
  }
  const parts = t.split(/[.,]/);
  const last = parts[parts.length - 1] as string;
  let whole: string[] = parts;
  let fraction = '';
  const groupedOnly =
    last.length === 3 && digits < 3 && (parts[0] as string).length <= 3 && parts.every((p) => p.length > 0);
  if (parts.length > 1 && !groupedOnly) {
    whole = parts.slice(0, -1);
    fraction = last;
  }
  const [head, ...groups] = whole;
  if (
    head === undefined ||
    head === '' ||
    (groups.length > 0 && head.length > 3) ||
    groups.some((g) => g.length !== 3)
  ) {
    return {
      ok: false,
      message: `${what} "${text.trim()}" is not a number: enter an amount like ${example(digits)}`,
    };
  }
  if (fraction.length > digits) {
    return {
      ok: false,
      message:
        digits === 0
          ? `${what} takes no decimals in ${currency} (${text.trim()})`
          : `${what} has more than ${digits} decimals (${text.trim()})`,
    };
  }
  const major = Number(head + groups.join(''));
  if (major > MAX_MAJOR) return { ok: false, message: `${what} is too large (${text.trim()})` };
  const minor = major * 10 ** digits + (fraction === '' ? 0 : Number(fraction.padEnd(digits, '0')));
  return { ok: true, minor };
}

/** An optional amount: empty means none (a computed payout place); otherwise as parseAmount. */
export function parseOptionalAmount(
  text: string,
  currency: string,
  what?: string,
): { readonly ok: true; readonly minor: number | null } | { readonly ok: false; readonly message: string } {
  return text.trim() === '' ? { ok: true, minor: null } : parseAmount(text, currency, what);
}

/** A minor amount as sign, whole major units and the minor rest (zero-padded to the currency's digits). */
function split(
  minor: number,
  currency: string,
): { sign: string; whole: number; rest: string; digits: number } {
  const digits = minorDigits(currency);
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 10 ** digits);
  return {
    sign: minor < 0 ? '-' : '',
    whole,
    rest: String(abs - whole * 10 ** digits).padStart(digits, '0'),
    digits,
  };
}

/** 150759 øre → "1507,59" (what a form field starts with; no grouping, the locale's decimal mark). */
export function majorText(minor: number, currency: string, locale = 'da-DK'): string {
  const { sign, whole, rest, digits } = split(minor, currency);
  if (digits === 0 || Number(rest) === 0) return `${sign}${whole}`;
  const mark =
    new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return `${sign}${whole}${mark}${rest}`;
}

/** 150759 øre → "1507.59", every decimal and a "." mark: amounts in files other programs read. */
export function decimalText(minor: number, currency: string): string {
  const { sign, whole, rest, digits } = split(minor, currency);
  return digits === 0 ? `${sign}${whole}` : `${sign}${whole}.${rest}`;
}

/** Exact money, every minor unit shown ("1.507,59 kr."): payouts and deals are paid to the øre. */
export function exactMoney(minor: number, currency: string, locale = 'da-DK'): string {
  return formatMoney(minor, currency, locale);
}

/** Money without ",00" when whole ("200 kr.", "12,50 kr."): prices, where øre are rare. */
export function shortMoney(minor: number, currency: string, locale = 'da-DK'): string {
  const digits = minorDigits(currency);
  if (minor % 10 ** digits !== 0) return exactMoney(minor, currency, locale);
  return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(
    minor / 10 ** digits,
  );
}
