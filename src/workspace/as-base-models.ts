/**
 * Saved workspace models in the dataset's shape (`BaseModel`), so every analysis can include
 * them (`extraModels`). Scores are marked provenance 'reported', metric 'unknown' and source
 * 'workspace', each with the standard error its file stated when it stated one; a model without a family becomes a family of one (`ws-<id>`), never merged
 * silently into another family.
 */
import type { BaseModel, BenchmarkId } from '../data/schema.ts';
import type { WorkspaceModel } from './models.ts';

export const WORKSPACE_SOURCE_ID = 'workspace';

export function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '')
    .slice(0, 60);
}

export function workspaceModelsAsBaseModels(models: readonly WorkspaceModel[]): BaseModel[] {
  return models.map((m) => {
    const slug = slugify(m.name);
    return {
      id: `ws-${m.id}${slug ? `-${slug}` : ''}`,
      name: m.name,
      hfId: null,
      family: m.family ?? `ws-${m.id}`,
      lab: 'workspace',
      params: m.params,
      paramsNote: `workspace model #${m.id} (${m.origin})`,
      kind: 'base',
      releaseDate: null,
      scores: (Object.entries(m.scores) as [BenchmarkId, number][]).map(([benchmark, value]) => ({
        benchmark,
        metric: 'unknown' as const,
        nShot: null,
        value,
        ...(m.stderr[benchmark] !== undefined && { stderr: m.stderr[benchmark] }),
        source: WORKSPACE_SOURCE_ID,
        provenance: 'reported' as const,
      })),
      note: 'saved in the workspace',
    };
  });
}
