/**
 * A safe reader for The Tournament Director 3 save files (.tdt).
 *
 * A .tdt file is a JavaScript-like literal: `{ V: "3.7.2", T: new Tournament({...}) }` with
 * object and array literals, `new X({...})` and `new LO.X(...)` constructor calls,
 * `Map.from([...])`, double-quoted strings with `\"`, `\\` and `\n` escapes and integers
 * (survey of the 30 fixtures in ../shared/fixtures/td3, see that folder's README.md). We never
 * evaluate it: this is a tokenizer plus a recursive-descent parser that builds plain data.
 * It also accepts what a hand-edited or other-version file might plausibly hold (single
 * quotes, every JS string escape, decimals, exponents, hex, comments, trailing commas,
 * `undefined`, `NaN`, `Infinity`), and nothing that could run code.
 *
 * Safety: object literals become null-prototype objects, so `__proto__`, `constructor` or
 * `prototype` keys are plain data; every resource is bounded (input size, nesting depth,
 * string length, node count) so truncated, corrupt or hostile input fails with a
 * `Td3ParseError` naming the problem and the position, in time linear in the input.
 */
import { assertNever, DomainError } from '../core/errors.ts';

/** A constructor call kept as data: `new LO.PropSet({...})` → `{ $ctor: 'LO.PropSet', args: [{...}] }`. */
export class Td3Call {
  readonly $ctor: string;
  readonly args: readonly Td3Value[];

  constructor(name: string, args: readonly Td3Value[]) {
    this.$ctor = name;
    this.args = args;
  }
}

/** An object literal. Null prototype: every key, even `__proto__`, is an own data property. */
export type Td3Object = { readonly [key: string]: Td3Value };

export type Td3Value =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly Td3Value[]
  | Td3Object
  | Td3Call;

export interface Td3ParseLimits {
  /** Largest input accepted, in bytes for byte input and UTF-16 units for text. */
  readonly maxInputSize: number;
  /** Deepest nesting of objects, arrays and calls. */
  readonly maxDepth: number;
  /** Longest string literal, in characters after unescaping. */
  readonly maxStringLength: number;
  /** Most values (every literal, object, array and call counts one). */
  readonly maxNodes: number;
}

/**
 * The real files are ~50–220 kB with nesting depth under 20 and about 250k values; the defaults
 * leave two orders of magnitude of headroom while keeping a hostile file's cost bounded.
 */
export const DEFAULT_TD3_LIMITS: Td3ParseLimits = {
  maxInputSize: 20 * 1024 * 1024,
  maxDepth: 200,
  maxStringLength: 1024 * 1024,
  maxNodes: 10_000_000,
};

export type Td3ParseErrorCode =
  | 'INPUT_TOO_LARGE'
  | 'UNEXPECTED_CHARACTER'
  | 'UNEXPECTED_TOKEN'
  | 'UNEXPECTED_END'
  | 'UNTERMINATED_STRING'
  | 'UNTERMINATED_COMMENT'
  | 'BAD_ESCAPE'
  | 'BAD_NUMBER'
  | 'UNKNOWN_IDENTIFIER'
  | 'TOO_DEEP'
  | 'STRING_TOO_LONG'
  | 'TOO_MANY_NODES'
  | 'TRAILING_CONTENT'
  | 'NOT_A_TOURNAMENT'
  /** Players without a UUID (or sharing one): importing them would merge different people. */
  | 'PLAYERS_WITHOUT_IDS';

/**
 * Why a .tdt file could not be read, and where. A DomainError so the API edge answers 4xx.
 * `details` holds `offset` (0-based, UTF-16 units), `line` and `column` (1-based) when the
 * problem has a position.
 */
export class Td3ParseError extends DomainError {
  override readonly code: Td3ParseErrorCode;
  readonly offset: number | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(
    code: Td3ParseErrorCode,
    message: string,
    position?: { offset: number; line: number; column: number },
    details?: Record<string, unknown>,
  ) {
    const where =
      position === undefined
        ? ''
        : ` at line ${position.line}, column ${position.column} (offset ${position.offset})`;
    super(code, `${message}${where}`, { ...details, ...position });
    this.name = 'Td3ParseError';
    this.code = code;
    this.offset = position?.offset;
    this.line = position?.line;
    this.column = position?.column;
  }
}

export function isTd3Call(value: Td3Value): value is Td3Call {
  return value instanceof Td3Call;
}

export function isTd3Object(value: Td3Value): value is Td3Object {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Td3Call);
}

/**
 * Bytes → text. TD3 3.5+ writes UTF-8; older versions wrote Latin-1 (four fixtures hold
 * "J\xf6rgen" as a single byte), so invalid UTF-8 falls back to windows-1252, which every
 * byte sequence decodes under. A UTF-8 byte-order mark is dropped.
 */
export function decodeTd3Bytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * Parses a .tdt file into a value tree. Throws only `Td3ParseError`.
 * Byte input is decoded with `decodeTd3Bytes`; the size limit is checked before decoding.
 */
export function parseTd3(input: string | Uint8Array, limits: Partial<Td3ParseLimits> = {}): Td3Value {
  const lim: Td3ParseLimits = { ...DEFAULT_TD3_LIMITS, ...limits };
  if (input.length > lim.maxInputSize) {
    throw new Td3ParseError(
      'INPUT_TOO_LARGE',
      `File is ${input.length} ${typeof input === 'string' ? 'characters' : 'bytes'}, more than the ${lim.maxInputSize} allowed`,
      undefined,
      { size: input.length, limit: lim.maxInputSize },
    );
  }
  const text = typeof input === 'string' ? input : decodeTd3Bytes(input);
  return new Parser(text, lim).parseDocument();
}

// --- tokenizer ---------------------------------------------------------------------------

type TokenKind = 'punct' | 'string' | 'number' | 'ident' | 'end';

const CH_TAB = 9;
const CH_LF = 10;
const CH_VT = 11;
const CH_FF = 12;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_DQUOTE = 34;
const CH_DOLLAR = 36;
const CH_SQUOTE = 39;
const CH_STAR = 42;
const CH_PLUS = 43;
const CH_MINUS = 45;
const CH_DOT = 46;
const CH_SLASH = 47;
const CH_0 = 48;
const CH_9 = 57;
const CH_BACKSLASH = 92;
const CH_UNDERSCORE = 95;
const CH_NBSP = 0xa0;
const CH_LS = 0x2028;
const CH_PS = 0x2029;
const CH_BOM = 0xfeff;

const PUNCT = '{}[](),:.;';

/** A run of string characters that need no attention, for each quote style. */
const DQ_RUN = /[^"\\\r\n]*/y;
const SQ_RUN = /[^'\\\r\n]*/y;

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === CH_UNDERSCORE || c === CH_DOLLAR;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= CH_0 && c <= CH_9);
}

function isDigit(c: number): boolean {
  return c >= CH_0 && c <= CH_9;
}

function hexValue(c: number): number {
  if (c >= CH_0 && c <= CH_9) return c - CH_0;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

function describe(kind: TokenKind, text: string): string {
  switch (kind) {
    case 'end':
      return 'end of file';
    case 'punct':
      return `'${text}'`;
    case 'string':
      return 'a string';
    case 'number':
      return `number ${text}`;
    case 'ident':
      return `'${text}'`;
    default:
      return assertNever(kind, 'token kind');
  }
}

class Parser {
  private readonly src: string;
  private readonly lim: Td3ParseLimits;
  private pos = 0;
  private depth = 0;
  private nodes = 0;
  // The current token (one-token lookahead).
  private kind: TokenKind = 'end';
  /** Punctuation char, identifier name or number source. */
  private text = '';
  private stringValue = '';
  private numberValue = 0;
  private start = 0;

  constructor(src: string, lim: Td3ParseLimits) {
    this.src = src;
    this.lim = lim;
  }

  parseDocument(): Td3Value {
    if (this.src.charCodeAt(0) === CH_BOM) this.pos = 1;
    this.next();
    if (this.kind === 'end') this.fail('UNEXPECTED_END', 'The file is empty');
    const value = this.parseValue();
    // A trailing semicolon is harmless (the file may have been saved as a statement).
    if (this.isPunct(';')) this.next();
    if (this.currentKind() !== 'end') {
      this.fail('TRAILING_CONTENT', `Unexpected ${describe(this.kind, this.text)} after the end of the data`);
    }
    return value;
  }

  // --- errors ---

  private position(offset: number): { offset: number; line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    const end = Math.min(offset, this.src.length);
    for (let i = 0; i < end; i++) {
      const c = this.src.charCodeAt(i);
      if (c === CH_LF || (c === CH_CR && this.src.charCodeAt(i + 1) !== CH_LF)) {
        line++;
        lineStart = i + 1;
      }
    }
    return { offset, line, column: offset - lineStart + 1 };
  }

  private fail(code: Td3ParseErrorCode, message: string, at = this.start): never {
    throw new Td3ParseError(code, message, this.position(at));
  }

  private count(): void {
    if (++this.nodes > this.lim.maxNodes) {
      this.fail('TOO_MANY_NODES', `More than ${this.lim.maxNodes} values in the file`);
    }
  }

  // --- lexer ---

  private skipSpaceAndComments(): void {
    const s = this.src;
    const n = s.length;
    while (this.pos < n) {
      const c = s.charCodeAt(this.pos);
      if (
        c === CH_SPACE ||
        c === CH_LF ||
        c === CH_CR ||
        c === CH_TAB ||
        c === CH_VT ||
        c === CH_FF ||
        c === CH_NBSP ||
        c === CH_LS ||
        c === CH_PS ||
        c === CH_BOM
      ) {
        this.pos++;
      } else if (c === CH_SLASH && s.charCodeAt(this.pos + 1) === CH_SLASH) {
        this.pos += 2;
        while (this.pos < n) {
          const d = s.charCodeAt(this.pos);
          if (d === CH_LF || d === CH_CR || d === CH_LS || d === CH_PS) break;
          this.pos++;
        }
      } else if (c === CH_SLASH && s.charCodeAt(this.pos + 1) === CH_STAR) {
        const close = s.indexOf('*/', this.pos + 2);
        if (close < 0) this.fail('UNTERMINATED_COMMENT', 'Comment is never closed', this.pos);
        this.pos = close + 2;
      } else {
        return;
      }
    }
  }

  private next(): void {
    this.skipSpaceAndComments();
    const s = this.src;
    this.start = this.pos;
    if (this.pos >= s.length) {
      this.kind = 'end';
      this.text = '';
      return;
    }
    const c = s.charCodeAt(this.pos);
    if (c === CH_DQUOTE || c === CH_SQUOTE) {
      this.kind = 'string';
      this.stringValue = this.readString(c);
      return;
    }
    if (isDigit(c) || (c === CH_DOT && isDigit(s.charCodeAt(this.pos + 1)))) {
      this.kind = 'number';
      this.readNumber();
      return;
    }
    if (isIdentStart(c)) {
      let end = this.pos + 1;
      while (end < s.length && isIdentPart(s.charCodeAt(end))) end++;
      this.kind = 'ident';
      this.text = s.slice(this.pos, end);
      this.pos = end;
      return;
    }
    if (c === CH_MINUS || c === CH_PLUS) {
      this.kind = 'punct';
      this.text = c === CH_MINUS ? '-' : '+';
      this.pos++;
      return;
    }
    const ch = s[this.pos] as string;
    if (PUNCT.includes(ch)) {
      this.kind = 'punct';
      this.text = ch;
      this.pos++;
      return;
    }
    this.fail('UNEXPECTED_CHARACTER', `Unexpected character ${JSON.stringify(ch)}`);
  }

  private readString(quote: number): string {
    const s = this.src;
    const n = s.length;
    const max = this.lim.maxStringLength;
    let i = this.pos + 1;
    let out = '';
    let runStart = i;
    const tooLong = (): never =>
      this.fail('STRING_TOO_LONG', `String is longer than the ${max} characters allowed`);
    for (;;) {
      if (i >= n) this.fail('UNTERMINATED_STRING', 'String is never closed (the file may be truncated)');
      const c = s.charCodeAt(i);
      if (c === quote) {
        out += s.slice(runStart, i);
        if (out.length > max) tooLong();
        this.pos = i + 1;
        return out;
      }
      if (c === CH_LF || c === CH_CR) {
        this.fail('UNTERMINATED_STRING', 'String runs past the end of its line');
      }
      if (c !== CH_BACKSLASH) {
        // Skip the plain run natively: most strings have no escapes at all.
        const run = quote === CH_DQUOTE ? DQ_RUN : SQ_RUN;
        run.lastIndex = i;
        run.test(s);
        i = Math.max(run.lastIndex, i + 1);
        if (i - runStart + out.length > max) tooLong();
        continue;
      }
      out += s.slice(runStart, i);
      const [piece, width] = this.readEscape(i);
      out += piece;
      if (out.length > max) tooLong();
      i += width;
      runStart = i;
    }
  }

  /** The escape starting at `at` (a backslash): its value and its source width. */
  private readEscape(at: number): [string, number] {
    const s = this.src;
    if (at + 1 >= s.length)
      this.fail('UNTERMINATED_STRING', 'String is never closed (the file may be truncated)');
    const e = s.charCodeAt(at + 1);
    switch (e) {
      case 110: // n
        return ['\n', 2];
      case 114: // r
        return ['\r', 2];
      case 116: // t
        return ['\t', 2];
      case 98: // b
        return ['\b', 2];
      case 102: // f
        return ['\f', 2];
      case 118: // v
        return ['\v', 2];
      case 48: // \0, not followed by a digit (an octal escape is not supported)
        if (isDigit(s.charCodeAt(at + 2))) this.fail('BAD_ESCAPE', 'Octal escapes are not supported', at);
        return ['\0', 2];
      case CH_CR: // line continuation
        return ['', s.charCodeAt(at + 2) === CH_LF ? 3 : 2];
      case CH_LF:
      case CH_LS:
      case CH_PS:
        return ['', 2];
      case 120: {
        // \xHH
        const h1 = hexValue(s.charCodeAt(at + 2));
        const h2 = hexValue(s.charCodeAt(at + 3));
        if (h1 < 0 || h2 < 0) this.fail('BAD_ESCAPE', 'Bad \\x escape: expected two hex digits', at);
        return [String.fromCharCode(h1 * 16 + h2), 4];
      }
      case 117: {
        // \uHHHH or \u{H...}
        if (s.charCodeAt(at + 2) === 123) {
          let j = at + 3;
          let cp = 0;
          while (j < s.length && hexValue(s.charCodeAt(j)) >= 0 && j < at + 12) {
            cp = cp * 16 + hexValue(s.charCodeAt(j));
            j++;
          }
          if (j === at + 3 || s.charCodeAt(j) !== 125 || cp > 0x10ffff) {
            this.fail('BAD_ESCAPE', 'Bad \\u{...} escape', at);
          }
          return [String.fromCodePoint(cp), j + 1 - at];
        }
        let cp = 0;
        for (let k = 2; k < 6; k++) {
          const h = hexValue(s.charCodeAt(at + k));
          if (h < 0) this.fail('BAD_ESCAPE', 'Bad \\u escape: expected four hex digits', at);
          cp = cp * 16 + h;
        }
        return [String.fromCharCode(cp), 6];
      }
      default:
        if (isDigit(e)) this.fail('BAD_ESCAPE', 'Octal escapes are not supported', at);
        // \" \' \\ \/ and any other character stand for themselves, as in JavaScript.
        return [String.fromCharCode(e), 2];
    }
  }

  private readNumber(): void {
    const s = this.src;
    const begin = this.pos;
    let i = begin;
    const c0 = s.charCodeAt(i);
    const c1 = s.charCodeAt(i + 1) | 0x20;
    if (c0 === CH_0 && (c1 === 120 || c1 === 111 || c1 === 98)) {
      // 0x / 0o / 0b integer
      const radix = c1 === 120 ? 16 : c1 === 111 ? 8 : 2;
      i += 2;
      const digitsStart = i;
      while (i < s.length) {
        const h = hexValue(s.charCodeAt(i));
        if (h < 0 || h >= radix) break;
        i++;
      }
      if (i === digitsStart) this.fail('BAD_NUMBER', 'Number has no digits after its prefix');
      this.numberValue = Number.parseInt(s.slice(digitsStart, i), radix);
    } else {
      while (isDigit(s.charCodeAt(i))) i++;
      if (s.charCodeAt(i) === CH_DOT) {
        i++;
        while (isDigit(s.charCodeAt(i))) i++;
      }
      if ((s.charCodeAt(i) | 0x20) === 101) {
        i++;
        const sign = s.charCodeAt(i);
        if (sign === CH_PLUS || sign === CH_MINUS) i++;
        const expStart = i;
        while (isDigit(s.charCodeAt(i))) i++;
        if (i === expStart) this.fail('BAD_NUMBER', `Number ${s.slice(begin, i)} has no exponent digits`);
      }
      this.numberValue = Number(s.slice(begin, i));
    }
    if (isIdentPart(s.charCodeAt(i))) {
      this.fail('BAD_NUMBER', `Number ${JSON.stringify(s.slice(begin, i + 1))} runs into a name`);
    }
    this.text = s.slice(begin, i);
    this.pos = i;
  }

  // --- parser ---

  /** The current token's kind, read through a call so TypeScript does not keep a stale narrowing. */
  private currentKind(): TokenKind {
    return this.kind;
  }

  private currentText(): string {
    return this.text;
  }

  private isPunct(p: string): boolean {
    return this.kind === 'punct' && this.text === p;
  }

  private expectPunct(p: string, context: string): void {
    if (!this.isPunct(p)) this.unexpected(`Expected '${p}' ${context}`);
    this.next();
  }

  private unexpected(expected: string): never {
    if (this.kind === 'end')
      this.fail('UNEXPECTED_END', `${expected}, but the file ends (it may be truncated)`);
    this.fail('UNEXPECTED_TOKEN', `${expected}, found ${describe(this.kind, this.text)}`);
  }

  private enter(): void {
    if (++this.depth > this.lim.maxDepth) {
      this.fail('TOO_DEEP', `Nesting is deeper than the ${this.lim.maxDepth} levels allowed`);
    }
  }

  private parseValue(): Td3Value {
    this.count();
    switch (this.kind) {
      case 'string': {
        const v = this.stringValue;
        this.next();
        return v;
      }
      case 'number': {
        const v = this.numberValue;
        this.next();
        return v;
      }
      case 'ident':
        return this.parseIdentValue();
      case 'punct':
        return this.parsePunctValue();
      case 'end':
        return this.unexpected('Expected a value');
      default:
        return assertNever(this.kind, 'token kind');
    }
  }

  private parsePunctValue(): Td3Value {
    switch (this.text) {
      case '{':
        return this.parseObject();
      case '[':
        return this.parseArray();
      case '(': {
        this.enter();
        this.next();
        const v = this.parseValue();
        this.expectPunct(')', 'to close the parenthesis');
        this.depth--;
        return v;
      }
      case '-':
      case '+': {
        const negative = this.text === '-';
        this.next();
        let v: number;
        const word = this.currentKind() === 'ident' ? this.currentText() : '';
        if (this.currentKind() === 'number') v = this.numberValue;
        else if (word === 'Infinity' || word === 'NaN') {
          v = word === 'NaN' ? Number.NaN : Number.POSITIVE_INFINITY;
        } else return this.unexpected('Expected a number after the sign');
        this.next();
        return negative ? -v : v;
      }
      default:
        return this.unexpected('Expected a value');
    }
  }

  private parseIdentValue(): Td3Value {
    const name = this.text;
    switch (name) {
      case 'true':
        this.next();
        return true;
      case 'false':
        this.next();
        return false;
      case 'null':
        this.next();
        return null;
      case 'undefined':
        this.next();
        return undefined;
      case 'NaN':
        this.next();
        return Number.NaN;
      case 'Infinity':
        this.next();
        return Number.POSITIVE_INFINITY;
      case 'new': {
        this.next();
        if (this.kind !== 'ident') this.unexpected("Expected a constructor name after 'new'");
        const callee = this.parseDottedName();
        // `new X` without an argument list is valid JavaScript and means `new X()`.
        const args = this.isPunct('(') ? this.parseArgs(callee) : [];
        return new Td3Call(callee, args);
      }
      default: {
        const callee = this.parseDottedName();
        if (!this.isPunct('(')) {
          this.fail(
            'UNKNOWN_IDENTIFIER',
            `'${callee}' is not a value (only calls, literals, true, false, null)`,
          );
        }
        return new Td3Call(callee, this.parseArgs(callee));
      }
    }
  }

  /** `LO.PropSet`, `Map.from`, `DXImageTransform.Microsoft.DropShadow`. */
  private parseDottedName(): string {
    let name = this.text;
    const start = this.start;
    this.next();
    while (this.isPunct('.')) {
      this.next();
      if (this.kind !== 'ident') this.unexpected("Expected a name after '.'");
      name += `.${this.text}`;
      if (name.length > 1000) this.fail('UNEXPECTED_TOKEN', 'Constructor name is too long', start);
      this.next();
    }
    return name;
  }

  private parseArgs(callee: string): Td3Value[] {
    this.enter();
    this.next(); // (
    const args: Td3Value[] = [];
    while (!this.isPunct(')')) {
      args.push(this.parseValue());
      if (this.isPunct(',')) this.next();
      else if (!this.isPunct(')')) this.unexpected(`Expected ',' or ')' in the arguments of ${callee}`);
    }
    this.next();
    this.depth--;
    return args;
  }

  private parseArray(): Td3Value[] {
    this.enter();
    this.next(); // [
    const items: Td3Value[] = [];
    while (!this.isPunct(']')) {
      // Elisions (`[1,,2]`) are holes in JavaScript; TD3 never writes them.
      if (this.isPunct(',')) this.unexpected('Expected a value in the list');
      items.push(this.parseValue());
      if (this.isPunct(',')) this.next();
      else if (!this.isPunct(']')) this.unexpected("Expected ',' or ']' in a list");
    }
    this.next();
    this.depth--;
    return items;
  }

  private parseObject(): Td3Object {
    this.enter();
    this.next(); // {
    const obj: Record<string, Td3Value> = Object.create(null);
    while (!this.isPunct('}')) {
      let key: string;
      if (this.kind === 'ident' || this.kind === 'string') {
        key = this.kind === 'ident' ? this.text : this.stringValue;
      } else if (this.kind === 'number') {
        key = String(this.numberValue);
      } else {
        this.unexpected('Expected a property name');
      }
      this.next();
      this.expectPunct(':', `after the property name ${JSON.stringify(key)}`);
      // Plain assignment on a null-prototype object: `__proto__` is an ordinary own key.
      obj[key] = this.parseValue();
      if (this.isPunct(',')) this.next();
      else if (!this.isPunct('}')) this.unexpected("Expected ',' or '}' in an object");
    }
    this.next();
    this.depth--;
    return obj;
  }
}
