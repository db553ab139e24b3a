/**
 * TD3's formula language, as used for league points ("Points for Playing"): a tokenizer, a
 * recursive-descent parser and a sandboxed evaluator. Never eval: the formula is data, it can
 * only read the variables it is given and call the functions listed here, and both parsing and
 * evaluation are bounded (text length, nesting depth, evaluation steps).
 *
 * The language (TD3 help page "Points for Playing Formula", saved in the public repository
 * hkhard/tdwpimport; and the formulas in the 30 fixtures):
 * - numbers, "strings" (only as names and labels), variables, function calls `f(a, b)`;
 * - operators `+ - * / %`, comparisons `= == is != <> < > <= >=`, boolean `and && or || not !`
 *   (true is 1, false 0);
 * - names of variables and functions are case-insensitive (fixtures write `Round`, `round`,
 *   `IF`, `if`, `numberofHits` for the help page's `numberOfHits`, `totalBuyInsAmount` for
 *   `totalBuyinsAmount`);
 * - statements separated by new lines or `;`; `assign("name", value)` creates or sets a
 *   variable and yields the value.
 *
 * The result: the value of the variable `points` if the formula assigned it, otherwise the
 * value of the last statement. The fixture formulas rely on this: they open with
 * `assign("points", 1)` as the default for players outside the scoring ranks and end with
 * `IF(…, assign("points", …))` whose own value is 0 when no branch applies.
 */
import { assertNever, DomainError } from '../core/errors.ts';

export type Td3FormulaErrorCode =
  | 'FORMULA_SYNTAX'
  | 'FORMULA_TOO_LONG'
  | 'FORMULA_TOO_DEEP'
  | 'FORMULA_TOO_MANY_STEPS'
  | 'FORMULA_UNKNOWN_VARIABLE'
  | 'FORMULA_UNKNOWN_FUNCTION'
  | 'FORMULA_ARGUMENTS'
  | 'FORMULA_TYPE'
  | 'FORMULA_NOT_A_NUMBER';

/** Why a formula could not be read or evaluated. `details.offset` is where, when known. */
export class Td3FormulaError extends DomainError {
  override readonly code: Td3FormulaErrorCode;

  constructor(code: Td3FormulaErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.name = 'Td3FormulaError';
    this.code = code;
  }
}

export interface Td3FormulaLimits {
  readonly maxLength: number;
  readonly maxDepth: number;
  /** Evaluation steps (one per expression node evaluated) for one evaluation. */
  readonly maxSteps: number;
}

/** The fixtures' longest formula is ~800 characters, 8 levels deep, ~150 steps. */
export const DEFAULT_FORMULA_LIMITS: Td3FormulaLimits = {
  maxLength: 20_000,
  maxDepth: 100,
  maxSteps: 100_000,
};

/**
 * TD3's variable aliases (help page: "(aliases: numberofplayers, n)" and so on), lower case.
 * Each group is one variable; a formula may use any of its names.
 */
const ALIAS_GROUPS: readonly (readonly string[])[] = [
  ['buyins', 'numberofplayers', 'n'],
  ['inthemoneyrank', 'mr'],
  ['numberofleaguemembers', 'nm'],
  ['playersleft', 'players'],
  ['pot', 'prizepool', 'pp'],
  ['tablesleft', 'tables'],
  ['totaladdons', 'totalnumberofaddons', 'tna'],
  ['totalrebuys', 'totalnumberofrebuys', 'tnr'],
  ['addoncost', 'ac'],
  ['addonrake', 'ar'],
  ['bountychipcost', 'bcc'],
  ['bountymoneykept', 'bmk'],
  ['bountywinnings', 'bw'],
  ['buyincost', 'bc'],
  ['buyinrake', 'br'],
  ['inthemoney', 'm', 'placed'],
  ['numberofaddons', 'addons', 'na'],
  ['numberofbountieskept', 'nbk'],
  ['numberofbountieswon', 'nb'],
  ['numberofbountychips', 'nbc'],
  ['numberofhits', 'nh'],
  ['numberofrebuys', 'rebuys', 'nr'],
  ['prizewinnings', 'pw'],
  ['rank', 'r'],
  ['rebuycost', 'rc'],
  ['rebuyrake', 'rr'],
  ['roundout', 'ro'],
  ['take', 't'],
  ['totalcost', 'tc'],
  ['totalrake', 'tr'],
  ['totalwinnings', 'tw'],
];

const ALIASES: ReadonlyMap<string, readonly string[]> = new Map(
  ALIAS_GROUPS.flatMap((group) => group.map((name) => [name, group] as const)),
);

// --- syntax tree ---

type Expr =
  | { readonly type: 'num'; readonly value: number }
  | { readonly type: 'str'; readonly value: string }
  | { readonly type: 'var'; readonly name: string; readonly at: number }
  | { readonly type: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly at: number }
  | { readonly type: 'unary'; readonly op: '-' | '+' | '!'; readonly arg: Expr }
  | {
      readonly type: 'binary';
      readonly op: BinaryOp;
      readonly left: Expr;
      readonly right: Expr;
      readonly at: number;
    }
  | { readonly type: 'seq'; readonly items: readonly Expr[] };

type BinaryOp = '+' | '-' | '*' | '/' | '%' | '=' | '!=' | '<' | '>' | '<=' | '>=' | 'and' | 'or';

/** A parsed formula, reusable for many evaluations (one per player). */
export interface Td3Formula {
  readonly text: string;
  readonly body: Expr;
}

// --- tokenizer ---

type Tok =
  | { readonly kind: 'num'; readonly value: number; readonly at: number }
  | { readonly kind: 'str'; readonly value: string; readonly at: number }
  | { readonly kind: 'name'; readonly value: string; readonly at: number }
  | { readonly kind: 'op'; readonly value: string; readonly at: number }
  | { readonly kind: 'end'; readonly value: ''; readonly at: number };

const TWO_CHAR_OPS = ['==', '!=', '<>', '<=', '>=', '&&', '||'];
const ONE_CHAR_OPS = '+-*/%=<>!(),;\n';

function syntax(message: string, at: number): Td3FormulaError {
  return new Td3FormulaError('FORMULA_SYNTAX', `${message} (at character ${at + 1})`, { offset: at });
}

function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if ((c >= '0' && c <= '9') || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
      const src = m?.[0] ?? c;
      toks.push({ kind: 'num', value: Number(src), at: start });
      i += src.length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /[A-Za-z0-9_]/.test(text[j] as string)) j++;
      toks.push({ kind: 'name', value: text.slice(i, j), at: start });
      i = j;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        value += text[j];
        j++;
      }
      if (j >= text.length) throw syntax('Text in quotes is never closed', start);
      toks.push({ kind: 'str', value, at: start });
      i = j + 1;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (TWO_CHAR_OPS.includes(two)) {
      toks.push({ kind: 'op', value: two, at: start });
      i += 2;
      continue;
    }
    if (ONE_CHAR_OPS.includes(c)) {
      toks.push({ kind: 'op', value: c, at: start });
      i++;
      continue;
    }
    throw syntax(`Unexpected character ${JSON.stringify(c)}`, start);
  }
  toks.push({ kind: 'end', value: '', at: text.length });
  return toks;
}

// --- parser ---

class FormulaParser {
  private readonly toks: Tok[];
  private readonly maxDepth: number;
  private i = 0;
  private depth = 0;
  /** Inside parentheses a new line is just space; at the top it ends a statement. */
  private parens = 0;

  constructor(toks: Tok[], maxDepth: number) {
    this.toks = toks;
    this.maxDepth = maxDepth;
  }

  private peek(): Tok {
    // Skip new lines inside parentheses.
    while (this.parens > 0 && this.isOpAt(this.i, '\n')) this.i++;
    return this.toks[this.i] as Tok;
  }

  private isOpAt(i: number, op: string): boolean {
    const t = this.toks[i];
    return t !== undefined && t.kind === 'op' && t.value === op;
  }

  private isOp(op: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.value === op;
  }

  private isWord(word: string): boolean {
    const t = this.peek();
    return t.kind === 'name' && t.value.toLowerCase() === word;
  }

  private take(): Tok {
    const t = this.peek();
    this.i++;
    return t;
  }

  private expect(op: string, what: string): void {
    if (!this.isOp(op)) throw this.unexpected(what);
    this.take();
  }

  private unexpected(what: string): Td3FormulaError {
    const t = this.peek();
    const found =
      t.kind === 'end'
        ? 'the end of the formula'
        : t.kind === 'op' && t.value === '\n'
          ? 'a new line'
          : JSON.stringify(t.kind === 'num' ? String(t.value) : t.value);
    return syntax(`Expected ${what}, found ${found}`, t.at);
  }

  private enter(at: number): void {
    if (++this.depth > this.maxDepth) {
      throw new Td3FormulaError('FORMULA_TOO_DEEP', `Formula nests deeper than ${this.maxDepth} levels`, {
        offset: at,
      });
    }
  }

  parseProgram(): Expr {
    const items: Expr[] = [];
    for (;;) {
      while (this.isOp('\n') || this.isOp(';')) this.take();
      if (this.peek().kind === 'end') break;
      items.push(this.parseExpr());
      if (!(this.isOp('\n') || this.isOp(';') || this.peek().kind === 'end')) {
        throw this.unexpected('an operator or the end of the statement');
      }
    }
    if (items.length === 0) throw syntax('The formula is empty', 0);
    return items.length === 1 ? (items[0] as Expr) : { type: 'seq', items };
  }

  private parseExpr(): Expr {
    const at = this.peek().at;
    this.enter(at);
    const e = this.parseOr();
    this.depth--;
    return e;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isOp('||') || this.isWord('or')) {
      const at = this.take().at;
      left = { type: 'binary', op: 'or', left, right: this.parseAnd(), at };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseComparison();
    while (this.isOp('&&') || this.isWord('and')) {
      const at = this.take().at;
      left = { type: 'binary', op: 'and', left, right: this.parseComparison(), at };
    }
    return left;
  }

  private comparisonOp(): BinaryOp | null {
    const t = this.peek();
    if (t.kind === 'name' && t.value.toLowerCase() === 'is') return '=';
    if (t.kind !== 'op') return null;
    switch (t.value) {
      case '=':
      case '==':
        return '=';
      case '!=':
      case '<>':
        return '!=';
      case '<':
      case '>':
      case '<=':
      case '>=':
        return t.value;
      default:
        return null;
    }
  }

  private parseComparison(): Expr {
    let left = this.parseAdditive();
    for (let op = this.comparisonOp(); op !== null; op = this.comparisonOp()) {
      const at = this.take().at;
      left = { type: 'binary', op, left, right: this.parseAdditive(), at };
    }
    return left;
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const t = this.take();
      left = { type: 'binary', op: t.value as '+' | '-', left, right: this.parseMultiplicative(), at: t.at };
    }
    return left;
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const t = this.take();
      left = { type: 'binary', op: t.value as '*' | '/' | '%', left, right: this.parseUnary(), at: t.at };
    }
    return left;
  }

  private parseUnary(): Expr {
    if (this.isOp('-') || this.isOp('+') || this.isOp('!') || this.isWord('not')) {
      const t = this.take();
      const op = t.value === '-' ? '-' : t.value === '+' ? '+' : '!';
      this.enter(t.at);
      const arg = this.parseUnary();
      this.depth--;
      return { type: 'unary', op, arg };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'num':
        this.take();
        return { type: 'num', value: t.value };
      case 'str':
        this.take();
        return { type: 'str', value: t.value };
      case 'name': {
        this.take();
        const lower = t.value.toLowerCase();
        if (lower === 'true') return { type: 'num', value: 1 };
        if (lower === 'false') return { type: 'num', value: 0 };
        if (this.isOp('(')) return { type: 'call', name: lower, args: this.parseArgs(), at: t.at };
        return { type: 'var', name: lower, at: t.at };
      }
      case 'op':
        if (t.value === '(') return this.parseGroup();
        throw this.unexpected('a number, a name or "("');
      case 'end':
        throw this.unexpected('a value');
      default:
        return assertNever(t, 'formula token');
    }
  }

  /** `( a )` or, as in TD3's help, `(assign("a", 6); assign("b", 3); a * b)`. */
  private parseGroup(): Expr {
    this.take();
    this.parens++;
    const items: Expr[] = [this.parseExpr()];
    while (this.isOp(';')) {
      this.take();
      if (this.isOp(')')) break;
      items.push(this.parseExpr());
    }
    this.expect(')', '")"');
    this.parens--;
    return items.length === 1 ? (items[0] as Expr) : { type: 'seq', items };
  }

  private parseArgs(): Expr[] {
    this.take();
    this.parens++;
    const args: Expr[] = [];
    if (!this.isOp(')')) {
      for (;;) {
        args.push(this.parseExpr());
        if (!this.isOp(',')) break;
        this.take();
      }
    }
    this.expect(')', '"," or ")"');
    this.parens--;
    return args;
  }
}

/** Parses a formula once; evaluate it per player with `evaluateFormula`. */
export function parseFormula(text: string, limits: Partial<Td3FormulaLimits> = {}): Td3Formula {
  const lim = { ...DEFAULT_FORMULA_LIMITS, ...limits };
  if (text.length > lim.maxLength) {
    throw new Td3FormulaError(
      'FORMULA_TOO_LONG',
      `Formula is ${text.length} characters, more than the ${lim.maxLength} allowed`,
    );
  }
  return { text, body: new FormulaParser(tokenize(text), lim.maxDepth).parseProgram() };
}

// --- evaluator ---

type Value = number | string;

/** Variables given to a formula; names are matched without regard to case or TD3 alias. */
export type Td3FormulaVars = Readonly<Record<string, number>>;

class Evaluator {
  private readonly given: Map<string, number>;
  readonly assigned = new Map<string, Value>();
  private steps = 0;
  private readonly maxSteps: number;

  constructor(vars: Td3FormulaVars, maxSteps: number) {
    this.given = new Map(Object.keys(vars).map((k) => [k.toLowerCase(), vars[k] as number]));
    this.maxSteps = maxSteps;
  }

  private lookup(name: string, at: number): Value {
    const own = this.assigned.get(name);
    if (own !== undefined) return own;
    const direct = this.given.get(name);
    if (direct !== undefined) return direct;
    for (const alias of ALIASES.get(name) ?? []) {
      const v = this.given.get(alias);
      if (v !== undefined) return v;
    }
    throw new Td3FormulaError('FORMULA_UNKNOWN_VARIABLE', `Unknown variable "${name}" in the formula`, {
      variable: name,
      offset: at,
    });
  }

  num(e: Expr, what: string): number {
    const v = this.eval(e);
    if (typeof v !== 'number') {
      throw new Td3FormulaError('FORMULA_TYPE', `${what} needs a number, not the text "${v}"`);
    }
    return v;
  }

  eval(e: Expr): Value {
    if (++this.steps > this.maxSteps) {
      throw new Td3FormulaError(
        'FORMULA_TOO_MANY_STEPS',
        `Formula took more than ${this.maxSteps} steps to evaluate`,
      );
    }
    switch (e.type) {
      case 'num':
      case 'str':
        return e.value;
      case 'var':
        return this.lookup(e.name, e.at);
      case 'unary': {
        const v = this.num(e.arg, `"${e.op}"`);
        return e.op === '-' ? -v : e.op === '+' ? v : v === 0 ? 1 : 0;
      }
      case 'binary':
        return this.binary(e.op, e.left, e.right);
      case 'seq': {
        let last: Value = 0;
        for (const item of e.items) last = this.eval(item);
        return last;
      }
      case 'call':
        return this.call(e.name, e.args, e.at);
      default:
        return assertNever(e, 'formula node');
    }
  }

  private binary(op: BinaryOp, l: Expr, r: Expr): Value {
    // Short-circuit like TD3's JavaScript host, so `x > 0 and 1/x > 2` never divides by zero.
    if (op === 'and') return this.num(l, '"and"') !== 0 && this.num(r, '"and"') !== 0 ? 1 : 0;
    if (op === 'or') return this.num(l, '"or"') !== 0 || this.num(r, '"or"') !== 0 ? 1 : 0;
    if (op === '=' || op === '!=') {
      const a = this.eval(l);
      const b = this.eval(r);
      return (a === b) === (op === '=') ? 1 : 0;
    }
    const a = this.num(l, `"${op}"`);
    const b = this.num(r, `"${op}"`);
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return a / b;
      case '%':
        return a % b;
      case '<':
        return a < b ? 1 : 0;
      case '>':
        return a > b ? 1 : 0;
      case '<=':
        return a <= b ? 1 : 0;
      case '>=':
        return a >= b ? 1 : 0;
      default:
        return assertNever(op, 'formula operator');
    }
  }

  private call(name: string, args: readonly Expr[], at: number): Value {
    const arity = (min: number, max: number): void => {
      if (args.length < min || args.length > max) {
        const want =
          min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
        throw new Td3FormulaError('FORMULA_ARGUMENTS', `${name}() takes ${want} values, got ${args.length}`, {
          function: name,
          offset: at,
        });
      }
    };
    const n = (i: number): number => this.num(args[i] as Expr, `${name}()`);
    const all = (): number[] => args.map((_, i) => n(i));
    const math1 = (f: (x: number) => number): number => {
      arity(1, 1);
      return f(n(0));
    };
    switch (name) {
      case 'if': {
        // TD3's help gives if(condition, then, else); the fixtures also write if(c, then) → 0.
        arity(2, 3);
        if (n(0) !== 0) return this.eval(args[1] as Expr);
        return args[2] === undefined ? 0 : this.eval(args[2]);
      }
      case 'assign': {
        arity(2, 2);
        const target = this.eval(args[0] as Expr);
        if (typeof target !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(target)) {
          throw new Td3FormulaError('FORMULA_ARGUMENTS', 'assign() needs a variable name in quotes first', {
            offset: at,
          });
        }
        const v = this.eval(args[1] as Expr);
        this.assigned.set(target.toLowerCase(), v);
        return v;
      }
      case 'abs':
        return math1(Math.abs);
      case 'ceil':
        return math1(Math.ceil);
      case 'floor':
        return math1(Math.floor);
      case 'sqrt':
        return math1(Math.sqrt);
      case 'exp':
        return math1(Math.exp);
      case 'ln':
        return math1(Math.log);
      case 'log10':
        return math1(Math.log10);
      case 'sin':
        return math1(Math.sin);
      case 'cos':
        return math1(Math.cos);
      case 'tan':
        return math1(Math.tan);
      case 'asin':
        return math1(Math.asin);
      case 'acos':
        return math1(Math.acos);
      case 'atan':
        return math1(Math.atan);
      case 'triangle':
        return math1((x) => (x * (x + 1)) / 2);
      case 'log': {
        // Natural log; a second value is the base (TD3 help).
        arity(1, 2);
        return args.length === 2 ? Math.log(n(0)) / Math.log(n(1)) : Math.log(n(0));
      }
      case 'pow':
      case 'power':
        arity(2, 2);
        return n(0) ** n(1);
      case 'round': {
        // round(x) to an integer, round(x, d) to d decimals; halves up as in JavaScript.
        arity(1, 2);
        const f = 10 ** (args.length === 2 ? n(1) : 0);
        return Math.round(n(0) * f) / f;
      }
      case 'roundtonearest':
      case 'rounduptonearest':
      case 'rounddowntonearest': {
        arity(2, 2);
        const x = n(0);
        const step = n(1);
        if (step === 0) return x;
        const f =
          name === 'roundtonearest' ? Math.round : name === 'rounddowntonearest' ? Math.floor : Math.ceil;
        return f(x / step) * step;
      }
      case 'max':
        arity(1, Number.POSITIVE_INFINITY);
        return Math.max(...all());
      case 'min':
        arity(1, Number.POSITIVE_INFINITY);
        return Math.min(...all());
      case 'sum':
        return all().reduce((s, x) => s + x, 0);
      case 'product':
        return all().reduce((s, x) => s * x, 1);
      case 'average':
        arity(1, Number.POSITIVE_INFINITY);
        return all().reduce((s, x) => s + x, 0) / args.length;
      case 'count':
        return args.length;
      case 'oneof': {
        arity(1, Number.POSITIVE_INFINITY);
        const x = this.eval(args[0] as Expr);
        return args.slice(1).some((a) => this.eval(a) === x) ? 1 : 0;
      }
      case 'switch': {
        // switch(x, v1, r1, v2, r2, …, default?) → the r of the first v equal to x, else default or 0.
        arity(1, Number.POSITIVE_INFINITY);
        const x = this.eval(args[0] as Expr);
        let i = 1;
        for (; i + 1 < args.length; i += 2) {
          if (this.eval(args[i] as Expr) === x) return this.eval(args[i + 1] as Expr);
        }
        return i < args.length ? this.eval(args[i] as Expr) : 0;
      }
      case 'lswitch': {
        // lswitch(k, r1, r2, …, rLast) → r_k, or rLast when k is beyond the list.
        arity(2, Number.POSITIVE_INFINITY);
        const k = n(0);
        const pick = Number.isInteger(k) && k >= 1 && k < args.length ? k : args.length - 1;
        return this.eval(args[pick] as Expr);
      }
      default:
        throw new Td3FormulaError(
          'FORMULA_UNKNOWN_FUNCTION',
          name === 'random'
            ? 'random() is not supported: league points must come out the same every time'
            : `Unknown or unsupported function "${name}()" in the formula`,
          { function: name, offset: at },
        );
    }
  }
}

/**
 * Evaluates a parsed formula with the given variables. Result: the `points` variable if the
 * formula assigned it, else the last statement's value; it must be a finite number.
 */
export function evaluateFormula(
  formula: Td3Formula,
  vars: Td3FormulaVars,
  limits: Partial<Td3FormulaLimits> = {},
): number {
  const lim = { ...DEFAULT_FORMULA_LIMITS, ...limits };
  const ev = new Evaluator(vars, lim.maxSteps);
  const last = ev.eval(formula.body);
  const result = ev.assigned.get('points') ?? last;
  if (typeof result !== 'number' || !Number.isFinite(result)) {
    throw new Td3FormulaError(
      'FORMULA_NOT_A_NUMBER',
      `Formula gave ${typeof result === 'string' ? `the text "${result}"` : String(result)}, not a number of points`,
      { result: String(result) },
    );
  }
  return result;
}

/** Parses and evaluates in one go. Throws `Td3FormulaError`. */
export function evaluatePoints(
  formulaText: string,
  vars: Td3FormulaVars,
  limits: Partial<Td3FormulaLimits> = {},
): number {
  return evaluateFormula(parseFormula(formulaText, limits), vars, limits);
}
