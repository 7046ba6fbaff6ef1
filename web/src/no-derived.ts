/**
 * Stands in for src/data/derived-file.ts and src/data/derived-arrays.ts inside the page's entry
 * chunk (vite.config.ts): the page fetches the derived context afterwards as its own chunk
 * (web/src/engine.ts `loadDerived`) and computes the array entries (Node-only file) itself.
 */
import type { DerivedContextFile } from '../../src/data/load.ts';

export const derivedContextFile: DerivedContextFile | undefined = undefined;

export const derivedArrays = (): DerivedContextFile | undefined => undefined;
