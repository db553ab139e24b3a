/**
 * From the parsed value tree of a .tdt file to a typed `Td3Tournament` (see types.ts for what
 * each TD3 property means). Tolerant of what differs between TD3 versions (3.0 keeps a single
 * price in `GameFinancials`, 3.4 has `Limit1`/`Limit2` and no `ProfileName`, players are a
 * `new Map({...})` or a `new Map.from([[id, player], ...])`); strict about types, so a value of
 * the wrong kind is reported with its path instead of becoming a wrong figure.
 */
import type { Minor } from '../money/types.ts';
import { isTd3Call, isTd3Object, type Td3Object, Td3ParseError, type Td3Value } from './parse.ts';
import type {
  Td3AddOn,
  Td3BustOut,
  Td3BuyConfig,
  Td3Chip,
  Td3ChipSet,
  Td3Entry,
  Td3Financials,
  Td3FixedRake,
  Td3HistoryItem,
  Td3Level,
  Td3Player,
  Td3Prize,
  Td3Profile,
  Td3Seat,
  Td3Table,
  Td3Totals,
  Td3Tournament,
} from './types.ts';

/** Largest amount accepted, in major units: beyond it ×100 is no longer exact in a double. */
const MAX_AMOUNT = 1e13;

/**
 * Major units (TD3's float) → integer minor units, exactly: round to 2 decimals, then ×100.
 * Math.round(x × 100) is that, since every 2-decimal value is within 1e-6 of its double.
 */
export function toMinor(major: number): Minor {
  const cents = Math.round(Math.abs(major) * 100);
  return major < 0 ? -cents : cents;
}

/** A value with where it came from, so errors name the path ("T.Players[3].Buyins[0].Amount"). */
class Node {
  readonly value: Td3Value;
  readonly path: string;

  constructor(value: Td3Value, path: string) {
    this.value = value;
    this.path = path;
  }

  bad(expected: string): never {
    const v = this.value;
    const found =
      v === undefined
        ? 'nothing'
        : v === null
          ? 'null'
          : Array.isArray(v)
            ? 'a list'
            : isTd3Call(v)
              ? `new ${v.$ctor}(...)`
              : typeof v === 'object'
                ? 'an object'
                : `${typeof v} ${JSON.stringify(v).slice(0, 40)}`;
    throw new Td3ParseError(
      'NOT_A_TOURNAMENT',
      `${this.path} should be ${expected}, found ${found}`,
      undefined,
      {
        path: this.path,
      },
    );
  }

  get present(): boolean {
    return this.value !== undefined && this.value !== null;
  }

  /** The properties of `new X({...})` or of a plain `{...}`. */
  props(ctor?: string): Td3Object {
    const v = this.value;
    if (isTd3Call(v)) {
      if (ctor !== undefined && v.$ctor !== ctor) this.bad(`new ${ctor}(...)`);
      const a = v.args[0];
      if (a !== undefined && isTd3Object(a)) return a;
      if (a === undefined) return Object.create(null) as Td3Object;
      this.bad(`new ${v.$ctor}({...})`);
    }
    if (ctor === undefined && v !== undefined && isTd3Object(v)) return v;
    return this.bad(ctor === undefined ? 'an object' : `new ${ctor}({...})`);
  }

  field(key: string, ctor?: string): Node {
    const p = this.props(ctor);
    return new Node(Object.hasOwn(p, key) ? p[key] : undefined, `${this.path}.${key}`);
  }

  list(): Node[] {
    const v = this.value;
    if (!Array.isArray(v)) this.bad('a list');
    return (v as readonly Td3Value[]).map((item, i) => new Node(item, `${this.path}[${i}]`));
  }

  listOr(): Node[] {
    return this.present ? this.list() : [];
  }

  num(fallback?: number): number {
    const v = this.value;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (v === undefined && fallback !== undefined) return fallback;
    return this.bad('a number');
  }

  int(fallback?: number): number {
    const n = this.num(fallback);
    if (!Number.isInteger(n)) this.bad('a whole number');
    return n;
  }

  money(fallback?: number): Minor {
    const n = this.num(fallback);
    if (Math.abs(n) > MAX_AMOUNT) this.bad(`an amount below ${MAX_AMOUNT}`);
    return toMinor(n);
  }

  str(fallback?: string): string {
    const v = this.value;
    if (typeof v === 'string') return v;
    if ((v === undefined || v === null) && fallback !== undefined) return fallback;
    return this.bad('a string');
  }

  /** An id TD3 wrote as a string in 3.5+ and as a number in 3.4 (`ChipID: 1`). */
  key(): string {
    return typeof this.value === 'number' ? String(this.num()) : this.str();
  }

  strOrNull(): string | null {
    return this.present ? this.str() : null;
  }

  bool(fallback?: boolean): boolean {
    const v = this.value;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    if (v === undefined && fallback !== undefined) return fallback;
    return this.bad('true or false');
  }

  /** `new PerPlayerRake([a, b])` → the amounts; a bare number or absent → [n] / []. */
  rakes(): Minor[] {
    const v = this.value;
    if (v === undefined) return [];
    if (typeof v === 'number') return [this.money()];
    if (isTd3Call(v) && v.$ctor === 'PerPlayerRake') {
      return new Node(v.args[0], `${this.path}(...)`).list().map((n) => n.money());
    }
    return this.bad('new PerPlayerRake([...])');
  }

  /** Key/value pairs of `new Map({...})`, `Map.from([[k, v], ...])` or a plain object. */
  mapEntries(): [string, Node][] {
    const v = this.value;
    if (isTd3Call(v) && v.$ctor === 'Map.from') {
      return new Node(v.args[0], `${this.path}(...)`).listOr().map((pair: Node) => {
        const kv = pair.list();
        const k = kv[0];
        if (kv.length !== 2 || k === undefined) pair.bad('a [key, value] pair');
        const key = k.key();
        return [key, new Node((kv[1] as Node).value, `${this.path}[${JSON.stringify(key)}]`)];
      });
    }
    if ((isTd3Call(v) && v.$ctor === 'Map') || (v !== undefined && isTd3Object(v))) {
      const p = this.props();
      return Object.keys(p).map((k) => [k, new Node(p[k], `${this.path}[${JSON.stringify(k)}]`)]);
    }
    return this.bad('a Map');
  }
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

// --- structure ---

function readLevels(levels: Node): Td3Level[] {
  let roundNumber = 0;
  return levels.list().map((node, index): Td3Level => {
    const v = node.value;
    const ctor = isTd3Call(v) ? v.$ctor : '';
    const durationMs = Math.round(node.field('Minutes').num() * 60_000);
    const notes = node.field('Notes').str('');
    if (ctor === 'GameBreak') {
      return { type: 'break', index, durationMs, chipUp: node.field('ChipUp').bool(false), notes };
    }
    if (ctor !== 'GameRound') node.props('GameRound');
    roundNumber++;
    const limitsNode = node.field('Limits');
    const limits = limitsNode.present
      ? limitsNode.list().map((l) => l.num())
      : [node.field('Limit1').num(0), node.field('Limit2').num(0)];
    return {
      type: 'round',
      index,
      roundNumber,
      durationMs,
      smallBlind: node.field('SmallBlind').num(),
      bigBlind: node.field('BigBlind').num(),
      ante: node.field('Ante').num(0),
      gameType: node.field('GameType').int(2),
      gameName: node.field('GameName').str(''),
      limits,
      notes,
    };
  });
}

function readChips(chips: Node): { chips: Td3Chip[]; chipSets: Td3ChipSet[] } {
  return {
    chips: chips
      .field('Chips')
      .listOr()
      .map((c) => ({
        id: c.field('ChipID').key(),
        label: c.field('Label').str(''),
        color: c.field('Color').str(''),
        value: c.field('Value').num(),
        inUse: c.field('Use').bool(true),
        perPlayer: c.field('PerPlayer').int(0),
      })),
    chipSets: chips
      .field('ChipSets')
      .listOr()
      .map((s) => {
        const counts: Record<string, number> = Object.create(null);
        for (const [k, n] of s.field('ChipCounts').mapEntries()) counts[k] = n.int();
        return { name: s.field('Name').str(''), counts };
      }),
  };
}

// --- money settings ---

function readProfile(p: Node): Td3Profile {
  return {
    name: p.field('Name').str(''),
    enabled: p.field('Enabled').bool(true),
    fee: p.field('Fee').money(),
    rake: sum(p.field('Rake').rakes()),
    chips: p.field('Chips').num(0),
    points: p.field('Points').num(0),
    bountyChipCost: p.field('BountyChipCost').money(0),
  };
}

function readBuyConfig(c: Node): Td3BuyConfig {
  return {
    allowed: c.field('Allow').bool(),
    profiles: c.field('Profiles').list().map(readProfile),
    defaultIndex: c.field('DefIndex').int(0),
    lastRound: c.field('LastRound').int(0),
    maxPerPlayer: c.field('MaxPerPlayer').int(0),
    maxTotal: c.field('MaxTotal').int(0),
    minPlayers: c.field('MinPlayers').int(0),
  };
}

/** v3.0's `AddOnRebuy` (one price, no profiles) in the shape of a later `BuyConfig`. */
function readAddOnRebuy(c: Node, name: string): Td3BuyConfig {
  return {
    allowed: c.field('Allow').bool(),
    profiles: [{ ...readProfile(c), name, enabled: true }],
    defaultIndex: 0,
    lastRound: c.field('LastRound').int(0),
    maxPerPlayer: c.field('MaxPerPlayer').int(0),
    maxTotal: c.field('MaxTotal').int(0),
    minPlayers: c.field('MinPlayers').int(0),
  };
}

function formulaText(f: Node): string | null {
  if (!f.present) return null;
  const text = f.field('Text').str('');
  return text.trim() === '' ? null : text;
}

function readFinancials(fin: Node): Td3Financials {
  const v = fin.value;
  const common = {
    houseContribution: fin.field('HouseContribution').money(0),
    guaranteedPot: fin.field('GuaranteedPot').money(0),
    totalChipsAdjustment: fin.field('TotalChipsAdjustment').num(0),
    useBounties: fin.field('UseBounties').bool(false),
    restrictedBounty: fin.field('RestrictedBounty').bool(false),
    allowInTourneyRebuys: fin.field('AllowInTourneyRebuys').bool(false),
    allowRebuyOverrideAfterBustout: fin.field('AllowRebuyOverrideAfterBustout').bool(false),
    pointsForHit: fin.field('PointsForHit').num(0),
    pointsFormula: formulaText(fin.field('PointsForPlaying')),
  };
  if (isTd3Call(v) && v.$ctor === 'GameFinancials') {
    // TD3 3.0: one entry price on the financials themselves.
    const buyin: Td3Profile = {
      name: 'Buy-in',
      enabled: true,
      fee: fin.field('EntryFee').money(),
      rake: sum(fin.field('PPRake').rakes()),
      chips: fin.field('StartingChips').num(0),
      points: fin.field('PointsForBuyin').num(0),
      bountyChipCost: common.useBounties ? fin.field('DefaultBounty').money(0) : 0,
    };
    return {
      ...common,
      buyins: {
        allowed: true,
        profiles: [buyin],
        defaultIndex: 0,
        lastRound: 0,
        maxPerPlayer: 0,
        maxTotal: 0,
        minPlayers: 0,
      },
      rebuys: readAddOnRebuy(fin.field('Rebuys'), 'Rebuy'),
      addOns: readAddOnRebuy(fin.field('AddOns'), 'Add-on'),
      fixedRake: {
        type: fin.field('FixedRakeType').int(0),
        amounts: fin.field('FixedRake').rakes(),
        percents: fin
          .field('FixedRakePercent')
          .rakes()
          .map((m) => m / 100),
        roundToNearest: fin.field('FixedRakeRoundToNearest').money(0),
      },
    };
  }
  const fr = fin.field('FixedRake', 'FinancialConfig');
  const fixedRake: Td3FixedRake = fr.present
    ? {
        type: fr.field('Type').int(0),
        amounts: fr.field('Real').rakes(),
        percents: fr
          .field('Percent')
          .rakes()
          .map((m) => m / 100),
        roundToNearest: fr.field('RoundToNearest').money(0),
      }
    : { type: 0, amounts: [], percents: [], roundToNearest: 0 };
  return {
    ...common,
    buyins: readBuyConfig(fin.field('Buyins')),
    rebuys: readBuyConfig(fin.field('Rebuys')),
    addOns: readBuyConfig(fin.field('AddOns')),
    fixedRake,
  };
}

// --- players ---

function readSeat(s: Node): Td3Seat | null {
  if (!s.present) return null;
  return {
    tableName: s.field('TableName').str(''),
    tableId: s.field('TableUUID').strOrNull(),
    seatIndex: s.field('SeatIndex').int(),
    locked: s.field('Locked').bool(false),
  };
}

function readBustOut(b: Node): Td3BustOut | null {
  if (!b.present) return null;
  const hitman = b.field('HitmanUUID');
  const hitmanIds = typeof hitman.value === 'string' ? [hitman.str()] : hitman.listOr().map((h) => h.str());
  return {
    time: b.field('Time').num(),
    round: b.field('Round').int(0),
    hitmanIds: hitmanIds.filter((id) => id !== ''),
    seat: readSeat(b.field('Seat')),
  };
}

function readEntry(b: Node, i: number): Td3Entry {
  return {
    kind: i === 0 ? 'buyin' : 'rebuy',
    time: b.field('Time').num(),
    round: b.field('Round').int(0),
    amount: b.field('Amount').money(),
    rake: sum(b.field('Rake').rakes()),
    personalBounty: b.field('PersonalBounty').money(0),
    chips: b.field('Chips').num(0),
    points: b.field('Points').num(0),
    profileName: b.field('ProfileName').strOrNull(),
    seat: readSeat(b.field('Seat')),
    bustOut: readBustOut(b.field('BustOut')),
  };
}

function readAddOn(a: Node): Td3AddOn {
  return {
    time: a.field('Time').num(),
    round: a.field('Round').int(0),
    amount: a.field('Amount').money(),
    rake: sum(a.field('Rake').rakes()),
    chips: a.field('Chips').num(0),
    points: a.field('Points').num(0),
    profileName: a.field('ProfileName').strOrNull(),
  };
}

type RawPlayer = Omit<Td3Player, 'place' | 'hits'>;

function readPlayer(key: string, g: Node): RawPlayer {
  const id = g.field('UUID', 'GamePlayer').str(key);
  const nameNode = g.field('Name');
  const nickname = nameNode.present ? nameNode.field('Nickname').str('') : '';
  const firstName = nameNode.present ? nameNode.field('Firstname').str('') : '';
  const lastName = nameNode.present ? nameNode.field('Lastname').str('') : '';
  const info = g.field('Info');
  const entries = g.field('Buyins').listOr().map(readEntry);
  const last = entries[entries.length - 1];
  return {
    id,
    name: nickname.trim() !== '' ? nickname : `${firstName} ${lastName}`.trim() || id,
    nickname,
    firstName,
    lastName,
    email: info.present ? info.field('Email1').str('') : '',
    entries,
    addOns: g.field('AddOns').listOr().map(readAddOn),
    cashAdjustment: g.field('CashAdjustment').money(0),
    pointsAdjustment: g.field('PointsAdjustment').num(0),
    hitsAdjustment: g.field('HitsAdjustment').num(0),
    chipCount: g.field('ChipCount').num(0),
    paidInFull: g.field('PaidInFull').bool(true),
    tableMoves: g.field('NumberOfTableMoves').int(0),
    busted: last?.bustOut != null,
  };
}

/**
 * Places from bust order (TD3 help, variable `position`: "the order … in which the player
 * busted out"; `rank` is its inverse). A player who never bought in has no place.
 */
function withPlacesAndHits(raw: readonly RawPlayer[], fullCreditHit: boolean): Td3Player[] {
  const inPlay = raw.filter((p) => p.entries.length > 0);
  const alive = inPlay.filter((p) => !p.busted).length;
  const bustTime = (p: RawPlayer): number => p.entries[p.entries.length - 1]?.bustOut?.time ?? 0;
  const hits = new Map<string, number>();
  for (const p of raw) {
    for (const e of p.entries) {
      const ids = e.bustOut?.hitmanIds ?? [];
      // FullCreditHit (true in every fixture): each of several hitmen gets a whole knockout.
      const credit = fullCreditHit ? 1 : 1 / Math.max(1, ids.length);
      for (const id of ids) hits.set(id, (hits.get(id) ?? 0) + credit);
    }
  }
  return raw.map((p) => {
    let place: number | null = null;
    if (p.entries.length > 0) {
      if (p.busted) {
        const t = bustTime(p);
        place = 1 + alive + inPlay.filter((q) => q.busted && bustTime(q) > t).length;
      } else if (alive === 1) {
        place = 1;
      }
    }
    return { ...p, place, hits: (hits.get(p.id) ?? 0) + p.hitsAdjustment };
  });
}

// --- tables, prizes, history ---

function readTable(t: Node): Td3Table {
  const seats = t.field('Seats', 'GameTable').listOr();
  return {
    id: t.field('UUID').strOrNull(),
    name: t.field('Name').str(''),
    seatCount: t.field('NumberOfSeats').int(seats.length),
    seats: seats.map((s) => (s.present ? s.str() : null)),
    locks: t
      .field('Locks')
      .listOr()
      // 3.4 and the 3.0 sample pad the list with null for seats never locked.
      .map((l) => l.present && l.bool()),
    dealerButtonSeat: t.field('DealerButtonSeat').int(0),
  };
}

function readPrize(p: Node): Td3Prize {
  const amountType = p.field('AmountType', 'GamePrize').int(0);
  if (amountType !== 0 && amountType !== 1) {
    p.field('AmountType').bad('0 (percentage) or 1 (fixed amount)');
  }
  const amountNode = p.field('Amount');
  return {
    description: p.field('Description').str(''),
    type: p.field('Type').int(0),
    recipient: p.field('Recipient').int(0),
    amountType: amountType === 0 ? 'percent' : 'fixed',
    percent: amountType === 0 ? amountNode.num() : 0,
    fixedAmount: amountType === 1 ? amountNode.money() : 0,
    adjustment: p.field('Adjustment').money(0),
    shareRemainder: p.field('ShareRemainder').bool(false),
    sharedRemainder: p.field('SharedRemainder').money(0),
    amount: p.field('CalculatedAmount').money(0),
    estimatedAmount: p.field('EstimatedAmount').money(0),
    points: p.field('Points').num(0),
    calculatedPoints: p.field('CalculatedPoints').num(0),
    awardedTo: p
      .field('AwardedToPlayers')
      .listOr()
      .map((a) => a.str()),
    nonMonetary: p.field('NonMonetary').str('') || null,
  };
}

function readHistory(h: Node): Td3HistoryItem[] {
  if (!h.present) return [];
  return h
    .field('History')
    .listOr()
    .map((item) => ({
      time: item.field('Time').num(),
      text: item.field('Text').str(''),
      source: item.field('Source').int(0),
    }));
}

function totalsOf(players: readonly Td3Player[], fin: Td3Financials, prizes: readonly Td3Prize[]): Td3Totals {
  let buyins = 0;
  let rebuys = 0;
  let addOns = 0;
  let buyinsAmount = 0;
  let rebuysAmount = 0;
  let addOnsAmount = 0;
  let rake = 0;
  for (const p of players) {
    for (const e of p.entries) {
      if (e.kind === 'buyin') {
        buyins++;
        buyinsAmount += e.amount;
      } else {
        rebuys++;
        rebuysAmount += e.amount;
      }
      rake += e.rake;
    }
    for (const a of p.addOns) {
      addOns++;
      addOnsAmount += a.amount;
      rake += a.rake;
    }
  }
  const paidIn = buyinsAmount + rebuysAmount + addOnsAmount;
  const fixedRake = sum(fin.fixedRake.amounts);
  const pot = Math.max(fin.guaranteedPot, paidIn - rake - fixedRake + fin.houseContribution);
  return {
    entrants: players.filter((p) => p.entries.length > 0).length,
    buyins,
    rebuys,
    addOns,
    buyinsAmount,
    rebuysAmount,
    addOnsAmount,
    paidIn,
    rake,
    fixedRake,
    pot,
    prizesTotal: sum(prizes.map((p) => p.amount)),
  };
}

function optionalTime(n: Node): number | null {
  return n.present ? n.num() : null;
}

/**
 * Reads a parsed .tdt value tree (`parseTd3`'s result). Returns a `Td3ParseError` (code
 * NOT_A_TOURNAMENT, message naming the path) when the tree is not a TD3 tournament.
 */
export function readTd3(tree: Td3Value): Td3Tournament | Td3ParseError {
  try {
    return readTournament(tree);
  } catch (e) {
    if (e instanceof Td3ParseError) return e;
    throw e;
  }
}

/**
 * Every player is told apart by TD3's UUID (the importer's player ids, hitmen, seats): a file
 * whose players lack one, or share one, is refused rather than merging different people.
 */
function refuseMissingIds(players: readonly RawPlayer[]): void {
  const seen = new Map<string, string>();
  for (const p of players) {
    const other = seen.get(p.id);
    if (p.id === '' || other !== undefined) {
      const who =
        p.id === '' ? `${p.name || 'a player'} has no UUID` : `${other} and ${p.name} share the UUID ${p.id}`;
      throw new Td3ParseError(
        'PLAYERS_WITHOUT_IDS',
        `Players: ${who}; TD3 tells players apart by UUID, so this file cannot be imported without merging different people`,
        undefined,
        { path: 'file.T.Players' },
      );
    }
    seen.set(p.id, p.name);
  }
}

function readTournament(tree: Td3Value): Td3Tournament {
  const root = new Node(tree, 'file');
  if (!root.present || !isTd3Object(tree)) root.props();
  const t = root.field('T');
  t.props('Tournament');
  const fin = readFinancials(t.field('Financials'));
  const playersNode = t.field('Players', 'Tournament');
  const config = playersNode.field('Config', 'GamePlayers');
  const fullCreditHit = config.present ? config.field('FullCreditHit').bool(true) : true;
  const raw = playersNode
    .field('Players')
    .mapEntries()
    .map(([key, node]) => readPlayer(key, node));
  refuseMissingIds(raw);
  const players = withPlacesAndHits(raw, fullCreditHit);
  const prizesNode = t.field('Prizes');
  const prizes = prizesNode.field('Prizes', 'GamePrizes').listOr().map(readPrize);
  const { chips, chipSets } = readChips(t.field('Chips'));
  return {
    version: root.field('V').str(''),
    id: t.field('UUID').str(''),
    title: t.field('Title').str(''),
    description: t.field('Description').str(''),
    notes: t.field('Notes').str(''),
    leagueName: t.field('LeagueName').strOrNull(),
    seasonName: t.field('SeasonName').strOrNull(),
    startTime: optionalTime(t.field('StartTime')),
    endTime: optionalTime(t.field('EndTime')),
    currentLevel: t.field('CurrentLevel').int(0),
    clockRunning: t.field('ClockRunning').bool(false),
    levels: readLevels(t.field('Levels').field('Levels', 'GameLevels')),
    chips,
    chipSets,
    financials: fin,
    players,
    tables: t.field('Tables').field('Tables', 'GameTables').listOr().map(readTable),
    prizes,
    prizeSettings: {
      roundPrizes: prizesNode.field('RoundPrizes').int(0),
      roundToNearest: prizesNode.field('RoundToNearest').money(0),
      automatic: prizesNode.field('Automatic').bool(true),
    },
    history: readHistory(t.field('History')),
    totals: totalsOf(players, fin, prizes),
  };
}
