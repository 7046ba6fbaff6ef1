/**
 * Vitest setup: property-based tests use one fixed seed, so CI runs are reproducible
 * (FC_SEED=<n> explores other seeds locally).
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20260101) });
