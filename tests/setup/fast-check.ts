import fc from 'fast-check';

// One seed for every property test in a run: repeatable in CI; set FC_SEED to explore.
const seed = Number(process.env.FC_SEED ?? 20261123);
fc.configureGlobal({ seed });
