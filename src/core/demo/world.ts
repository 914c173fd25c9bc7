// Everything shared by all simulated customers of one run: the window, the retail calendar, the
// catalogue, event vocabulary and the weighted lookup tables. Built once per (seed, window).

import { buildSeasonCalendar, SECONDS_PER_DAY, type SeasonCalendar } from './calendar.js';
import { buildCatalogue, type Catalogue } from './catalogue.js';
import { buildEventVocabulary, type EventVocabulary } from './event-vocabulary.js';
import { DEMO_PARAMS, type DemoParams } from './params.js';
import { CITIES, EMAIL_DOMAINS, ORDER_CHANNEL_MIX, SURNAMES, type CityDef } from './people-data.js';
import { normaliseSeed, WeightedTable } from './prng.js';

export interface DemoWorld {
  readonly seed: number;
  readonly startSec: number;
  readonly endSec: number;
  readonly params: DemoParams;
  readonly calendar: SeasonCalendar;
  readonly catalogue: Catalogue;
  readonly vocabulary: EventVocabulary;
  readonly surnames: WeightedTable<string>;
  readonly cities: WeightedTable<CityDef>;
  readonly emailDomains: WeightedTable<string>;
  readonly orderChannels: Readonly<Record<string, WeightedTable<string>>>;
  /** Offsets of the index permutations that make phones, emails and member numbers unique. */
  readonly phoneOffset: number;
  readonly emailOffset: number;
  readonly memberOffset: number;
}

export interface WorldOptions {
  readonly seed: number;
  readonly endDate: Date;
  readonly years?: number;
}

export function buildWorld(opts: WorldOptions): DemoWorld {
  const years = opts.years ?? 3;
  if (!(years > 0 && years <= 20)) throw new RangeError(`years must be in (0, 20], got ${years}`);
  const endMs = opts.endDate.getTime();
  if (!Number.isFinite(endMs)) throw new RangeError('endDate is not a valid date');
  const endSec = Math.floor(endMs / 1000);
  const startSec = endSec - Math.round(years * 365.25) * SECONDS_PER_DAY;
  const catalogue = buildCatalogue(opts.seed);
  const orderChannels: Record<string, WeightedTable<string>> = {};
  for (const [acq, mix] of Object.entries(ORDER_CHANNEL_MIX)) {
    orderChannels[acq] = new WeightedTable(
      mix.map(([c]) => c),
      mix.map(([, w]) => w),
    );
  }
  const s = normaliseSeed(opts.seed);
  return {
    seed: opts.seed,
    startSec,
    endSec,
    params: DEMO_PARAMS,
    calendar: buildSeasonCalendar(startSec, endSec),
    catalogue,
    vocabulary: buildEventVocabulary(catalogue, startSec),
    surnames: new WeightedTable(
      SURNAMES.map(([n]) => n),
      SURNAMES.map(([, w]) => w),
    ),
    cities: new WeightedTable(
      CITIES,
      CITIES.map((c) => c.weight),
    ),
    emailDomains: new WeightedTable(
      EMAIL_DOMAINS.map(([d]) => d),
      EMAIL_DOMAINS.map(([, w]) => w),
    ),
    orderChannels,
    phoneOffset: s % 100_000_000,
    emailOffset: (s >>> 3) % 100_000_000,
    memberOffset: (s >>> 5) % 100_000_000,
  };
}
