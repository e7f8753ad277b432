/**
 * Property tests draw fresh random inputs on every local run (fast-check prints the seed of a
 * failure; rerun it with FC_SEED=<seed>). CI (CI=true) runs every property on one fixed seed,
 * so a submission's test run is reproducible: a new counterexample is found by local runs, not
 * by the gate.
 */
import fc from 'fast-check';

const fixed = process.env.FC_SEED ?? (process.env.CI === 'true' ? '20261202' : undefined);
if (fixed !== undefined) {
  const seed = Number(fixed);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${fixed}`);
  fc.configureGlobal({ seed });
}
