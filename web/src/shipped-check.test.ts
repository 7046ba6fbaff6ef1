import { describe, expect, it } from 'vitest';
import { KnownSizesFileSchema } from '../../src/data/known-sizes-schema.ts';
import { checkShipped, trustShipped } from './shipped-check.ts';

describe('checkShipped (the page copy of load.ts)', () => {
  const broken = { meta: 'not an object', models: 3 };

  it('returns an object the build validated as it is, without re-checking it', () => {
    const bundled = { ...broken };
    trustShipped(bundled);
    expect(checkShipped(KnownSizesFileSchema, bundled, 'data/known-sizes.json')).toBe(bundled);
  });

  it('checks any other value: an equal copy of a trusted object is still validated', () => {
    const bundled = { ...broken };
    trustShipped(bundled);
    expect(() => checkShipped(KnownSizesFileSchema, { ...bundled }, 'upload.json')).toThrow(
      /invalid upload\.json/,
    );
    expect(() => checkShipped(KnownSizesFileSchema, 'text', 'upload.json')).toThrow(/invalid/);
  });
});
