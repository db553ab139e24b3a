/**
 * Shape and content checks for player input from the TD's forms and the API. Messages are
 * for the TD ("Name is too long (at most 120 characters)"); `parseNewPlayer` and
 * `parsePlayerPatch` turn them into a DomainError with code PLAYER_INVALID.
 *
 * Objects are strict: an unknown key, including an own "__proto__" from JSON.parse, is
 * refused instead of copied, and the output is a fresh object built by zod, so nothing the
 * client sends can reach a prototype.
 */
import { z } from 'zod';
import { DomainError } from '../core/errors.ts';
import type { NameDisplay, PlayerPatch } from './types.ts';
import { NAME_DISPLAYS } from './types.ts';

/** Input to `createPlayer`; missing optional fields mean null. */
export interface NewPlayer {
  readonly name: string;
  readonly nickname?: string | null | undefined;
  readonly email?: string | null | undefined;
  readonly phone?: string | null | undefined;
  readonly notes?: string | null | undefined;
  readonly display?: NameDisplay | null | undefined;
}

export const NAME_MAX = 120;
export const NICKNAME_MAX = 60;
export const EMAIL_MAX = 254; // RFC 5321 §4.5.3.1.3 path limit, the usual practical cap
export const PHONE_MAX = 40;
export const NOTES_MAX = 2000;

// Text-direction overrides and isolates can make a name render as something else on the TV
// ("Trojan Source", CVE-2021-42574); real right-to-left names never need them.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
const VISIBLE = /[\p{L}\p{N}]/u;
const EDGE_BLANK = /^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu;
const CONTROL_SINGLE_LINE = /\p{Cc}/u;
// Notes may span lines; other control characters are still refused.
const CONTROL_MULTI_LINE = /[^\P{Cc}\n\r\t]/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;
const PHONE = /^\+?[0-9 ]+$/;

interface TextRule {
  readonly label: string;
  readonly max: number;
  readonly multiLine?: boolean;
  readonly needsVisible?: boolean;
  readonly extra?: (s: string) => string | null;
}

const codePoints = (s: string): number => [...s].length;

/** The first problem with a trimmed, non-empty value, or null. */
function textProblem(s: string, rule: TextRule): string | null {
  if ((rule.multiLine ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(s)) {
    return `${rule.label} contains invisible control characters`;
  }
  if (BIDI_CONTROL.test(s)) return `${rule.label} contains invisible text-direction override characters`;
  if (rule.needsVisible && !VISIBLE.test(s)) {
    return `${rule.label} must contain a letter or digit (it was only spaces or invisible characters)`;
  }
  if (codePoints(s) > rule.max) return `${rule.label} is too long (at most ${rule.max} characters)`;
  return rule.extra?.(s) ?? null;
}

/** Trims, and for one-line fields turns pasted tabs and line breaks into single spaces. */
function tidy(s: string, multiLine: boolean): string {
  const trimmed = s.replace(EDGE_BLANK, '');
  return multiLine ? trimmed : trimmed.replace(/\s+/gu, ' ');
}

/** A required single-line text (the name). */
function requiredText(rule: TextRule) {
  return z.string({ error: `${rule.label} is required` }).transform((raw, ctx) => {
    const s = tidy(raw, false);
    const problem =
      s === '' && raw === '' ? `${rule.label} is required` : textProblem(s, { ...rule, needsVisible: true });
    if (problem !== null) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return s;
  });
}

/** An optional text: null or blank clears it. */
function optionalText(rule: TextRule) {
  return z
    .union([z.string(), z.null()], { error: `${rule.label} must be text or null` })
    .transform((raw, ctx) => {
      if (raw === null) return null;
      const s = tidy(raw, rule.multiLine ?? false);
      // Blank is how a form says "none"; a value of only invisible characters is not blank.
      if (s === '' && raw.trim() === '') return null;
      const problem = textProblem(s, { ...rule, needsVisible: rule.needsVisible ?? true });
      if (problem !== null) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      return s === '' ? null : s;
    });
}

const nameSchema = requiredText({ label: 'Name', max: NAME_MAX });
const nicknameSchema = optionalText({ label: 'Nickname', max: NICKNAME_MAX });
const emailSchema = optionalText({
  label: 'Email',
  max: EMAIL_MAX,
  extra: (s) => (EMAIL.test(s) ? null : `Email "${s}" does not look like an address (name@example.com)`),
});
const phoneSchema = optionalText({
  label: 'Phone',
  max: PHONE_MAX,
  extra: (s) => (PHONE.test(s) ? null : 'Phone may contain only digits, spaces and a leading +'),
});
const notesSchema = optionalText({ label: 'Notes', max: NOTES_MAX, multiLine: true, needsVisible: false });
const displaySchema = z.enum(NAME_DISPLAYS as [NameDisplay, ...NameDisplay[]], {
  error: `Name display must be one of ${NAME_DISPLAYS.join(', ')}`,
});

const strictParams = {
  error: (issue: { code?: string; keys?: readonly string[] }) =>
    issue.code === 'unrecognized_keys' && issue.keys !== undefined
      ? `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`
      : undefined,
};

export const newPlayerSchema = z.strictObject(
  {
    name: nameSchema,
    nickname: nicknameSchema.optional(),
    email: emailSchema.optional(),
    phone: phoneSchema.optional(),
    notes: notesSchema.optional(),
    display: displaySchema.nullable().optional(),
  },
  strictParams,
);

export const playerPatchSchema = z
  .strictObject(
    {
      name: nameSchema.optional(),
      nickname: nicknameSchema.optional(),
      email: emailSchema.optional(),
      phone: phoneSchema.optional(),
      notes: notesSchema.optional(),
      display: displaySchema.nullable().optional(),
    },
    strictParams,
  )
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), {
    error: 'Nothing to change: give at least one field',
  });

function invalid(error: z.ZodError): DomainError {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  return new DomainError('PLAYER_INVALID', issues[0]?.message ?? 'Invalid player', { issues });
}

export function parseNewPlayer(input: unknown): NewPlayer | DomainError {
  const r = newPlayerSchema.safeParse(input);
  return r.success ? r.data : invalid(r.error);
}

export function parsePlayerPatch(input: unknown): PlayerPatch | DomainError {
  const r = playerPatchSchema.safeParse(input);
  return r.success ? r.data : invalid(r.error);
}
