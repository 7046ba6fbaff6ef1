/**
 * The engine as the server sees it: the analysis functions of src/cape (each takes a Context)
 * plus a context factory. `buildApp` accepts a partial override, which is how tests inject a
 * failing dependency for the 5xx mask.
 */
import {
  analyzeModel,
  baseToPoint,
  createContext,
  evaluatePrediction,
  familyCoupling,
  familyNames,
  frontierFit,
  gate,
  hField,
  headline,
  labSummaries,
  labTrajectory,
  pairCoupling,
  trajectoryBetween,
  trajectoryLabs,
  verify,
  type Context,
  type ModelPoint,
} from '../cape/index.ts';
import type { BaseModel } from '../data/schema.ts';
import { runDiagnostic, type DiagnosticOptions } from './diagnostics.ts';

export interface Engine {
  createContext: typeof createContext;
  toPoint(m: BaseModel): ModelPoint;
  analyzeModel: typeof analyzeModel;
  familyCoupling: typeof familyCoupling;
  familyNames: typeof familyNames;
  frontierFit: typeof frontierFit;
  labSummaries: typeof labSummaries;
  hField: typeof hField;
  labTrajectory: typeof labTrajectory;
  trajectoryBetween: typeof trajectoryBetween;
  trajectoryLabs: typeof trajectoryLabs;
  gate: typeof gate;
  verify: typeof verify;
  headline: typeof headline;
  evaluatePrediction: typeof evaluatePrediction;
  pairCoupling: typeof pairCoupling;
  /** The diagnostics of src/cape/diagnostics by name (kink, beta, ode, ...); absent = route not registered. */
  diagnostics?: (ctx: Context, name: string, options: DiagnosticOptions) => unknown;
}

export const defaultEngine: Engine = {
  createContext,
  toPoint: (m) => ({ ...baseToPoint(m), kind: 'user' }),
  analyzeModel,
  familyCoupling,
  familyNames,
  frontierFit,
  labSummaries,
  hField,
  labTrajectory,
  trajectoryBetween,
  trajectoryLabs,
  gate,
  verify,
  headline,
  evaluatePrediction,
  pairCoupling,
  diagnostics: runDiagnostic,
};

export type { Context };
