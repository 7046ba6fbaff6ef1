/**
 * The study's default calibration statements and demo prompts (data/steering/, verbatim from
 * the study's cli/cape_steer.py), bundled at build time so no file is read at run time.
 */
import calibration from '../../data/steering/calibration.json' with { type: 'json' };
import demo from '../../data/steering/demo-prompts.json' with { type: 'json' };
import type { Statements } from './types.ts';

export const DEFAULT_STATEMENTS: Statements = calibration as Statements;
export const DEMO_PROMPTS: { name: string; prompt: string }[] = demo as {
  name: string;
  prompt: string;
}[];
