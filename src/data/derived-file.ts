/**
 * The build-time dataset context (data/derived/context.json) as a module of its own, so the page
 * can load it as a separate chunk (vite.config.ts swaps this module for `undefined` where
 * src/data/load.ts imports it, and web/src/engine.ts imports it with `import()`).
 */
import file from '../../data/derived/context.json' with { type: 'json' };
import type { DerivedContextFile } from './load.ts';

export const derivedContextFile: DerivedContextFile | undefined = file;
