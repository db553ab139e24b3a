import { describe, expect, it } from 'vitest';
import type { EntryProfile } from '../../../../../engine/money/types.ts';
import { priceArgs, priceProfiles, pricesOf } from './profiles.ts';

const p = (id: string, kind: EntryProfile['kind']): EntryProfile => ({
  id,
  name: id,
  kind,
  price: 100,
  fee: 0,
  chips: 1,
  bounty: 0,
});
const config = {
  buyIn: p('buyin', 'buyin'),
  rebuy: p('rebuy', 'rebuy'),
  addOn: null,
  profiles: [p('late', 'buyin')],
};

describe('prices at the desk', () => {
  it('lists the defaults first, then the other prices, per kind', () => {
    expect(priceProfiles(config).map((x) => x.id)).toEqual(['buyin', 'rebuy', 'late']);
    expect(pricesOf(config, 'buyin').map((x) => x.id)).toEqual(['buyin', 'late']);
    expect(pricesOf(config, 'addon')).toEqual([]);
  });
  it('names a price only when it is not the default and is one of the kind', () => {
    expect(priceArgs(config, 'buyin', undefined)).toEqual({});
    expect(priceArgs(config, 'buyin', 'buyin')).toEqual({});
    expect(priceArgs(config, 'buyin', 'late')).toEqual({ profileId: 'late' });
    expect(priceArgs(config, 'rebuy', 'late')).toEqual({});
  });
});
