import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeLabels } from './labels.ts';

const frame = { left: 40, right: 400, top: 20, bottom: 300 };
const box = (p: { x: number; y: number; anchor: string }, text: string) => {
  const w = text.length * 6.6;
  const x0 = p.anchor === 'start' ? p.x : p.anchor === 'end' ? p.x - w : p.x - w / 2;
  return { x0, x1: x0 + w, y0: p.y - 6.5, y1: p.y + 6.5 };
};

describe('placeLabels', () => {
  it('puts a lone label to the right of its point', () => {
    expect(placeLabels([{ x: 200, y: 150, text: 'A' }], frame)).toEqual([
      { i: 0, x: 207, y: 150, anchor: 'start' },
    ]);
  });

  it('moves a label at the right edge to the left of its point, inside the frame', () => {
    const [p] = placeLabels([{ x: 395, y: 150, text: 'Claude Opus' }], frame);
    expect(p?.anchor).toBe('end');
    expect(box(p!, 'Claude Opus').x1).toBeLessThanOrEqual(frame.right);
  });

  it('placed labels stay inside the frame and never overlap each other or a point', () => {
    const pt = fc.record({
      x: fc.double({ min: 40, max: 400, noNaN: true }),
      y: fc.double({ min: 20, max: 300, noNaN: true }),
      text: fc.string({ minLength: 1, maxLength: 14 }),
    });
    fc.assert(
      fc.property(fc.array(pt, { maxLength: 30 }), (pts) => {
        const placed = placeLabels(pts, frame);
        const boxes = placed.flatMap((p, i) => (p ? [box(p, pts[i]!.text)] : []));
        for (const b of boxes) {
          expect(b.x0).toBeGreaterThanOrEqual(frame.left - 1e-9);
          expect(b.x1).toBeLessThanOrEqual(frame.right + 1e-9);
          expect(b.y0).toBeGreaterThanOrEqual(frame.top - 1e-9);
          expect(b.y1).toBeLessThanOrEqual(frame.bottom + 1e-9);
          for (const q of pts)
            expect(b.x0 < q.x + 4 && q.x - 4 < b.x1 && b.y0 < q.y + 4 && q.y - 4 < b.y1).toBe(
              false,
            );
        }
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++) {
            const [a, b] = [boxes[i]!, boxes[j]!];
            expect(a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1).toBe(false);
          }
      }),
    );
  });
});
