/**
 * `GET /api/diagnostics/:name`: the analyses behind the seed's physics panels
 * (src/cape/diagnostics), dispatched the way `cape diagnostics <name>` does.
 */
import {
  arrhenius, betaFunction, boostingChain, holdout, internalMeasurements, kinkFit, lossSide, odeExplorer, odeFamily, survival, winding,
} from '../cape/diagnostics/index.ts';
import { CapeError } from '../core/errors.ts';
import type { Context } from './engine.ts';

export const DIAGNOSTICS = ['kink', 'beta', 'winding', 'ode', 'holdout', 'explorer', 'arrhenius', 'loss', 'survival', 'internal', 'boosting'] as const;
export type DiagnosticName = (typeof DIAGNOSTICS)[number];

export interface DiagnosticOptions {
  family?: string;
  threshold?: number;
  h?: number;
  width?: number;
  curation?: number;
}

export function runDiagnostic(ctx: Context, name: string, o: DiagnosticOptions = {}): unknown {
  const ode = o.threshold === undefined ? {} : { threshold: o.threshold };
  switch (name as DiagnosticName) {
    case 'kink':
      return kinkFit(ctx);
    case 'beta':
      return betaFunction(ctx);
    case 'winding':
      return winding(ctx);
    case 'ode':
      return odeFamily(ctx, o.family ?? 'Pythia', ode);
    case 'holdout':
      return holdout(ctx, ode);
    case 'explorer':
      return odeExplorer(ctx, o.family ?? 'Pythia', { ...(o.h !== undefined && { h: o.h }), ...(o.width !== undefined && { width: o.width }), ...(o.curation !== undefined && { curation: o.curation }) });
    case 'arrhenius':
      return arrhenius(ctx, o.family ? { family: o.family } : {});
    case 'loss':
      return lossSide();
    case 'survival':
      return survival(ctx);
    case 'internal':
      return internalMeasurements();
    case 'boosting':
      return boostingChain();
    default:
      throw new CapeError('E_NOT_FOUND', `unknown diagnostic: ${JSON.stringify(name)} (expected one of ${DIAGNOSTICS.join(', ')})`, 'name');
  }
}
