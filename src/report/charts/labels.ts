/**
 * Point labels that neither collide nor leave the plot: a greedy placer that tries eight positions
 * around each point (right, left, above, below, then the diagonals) and keeps the first whose box
 * lies inside the frame and overlaps no label placed before it and no point. A label with no free
 * position is left out (the point's hover card still names it). Pure, in pixel coordinates;
 * text width is estimated from its length (`charW` per character).
 */

export interface LabelPoint {
  x: number;
  y: number;
  text: string;
}

export interface Frame {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export type Anchor = 'start' | 'middle' | 'end';

export interface PlacedLabel {
  /** Index of the point in the input. */
  i: number;
  /** Where the text is drawn: its anchor point (x) and vertical centre (y). */
  x: number;
  y: number;
  anchor: Anchor;
}

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface LabelOptions {
  /** Estimated width of a character (px); default 6.6 for 12 px system-ui. */
  charW?: number;
  /** Text height (px); default 13. */
  lineH?: number;
  /** Distance between the point and its label (px); default 7. */
  gap?: number;
  /** Radius kept clear around every point (px); default 4. */
  pointR?: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** The eight candidate positions for a label of width w around (x, y). */
function candidates(p: LabelPoint, w: number, h: number, g: number): (PlacedLabel & Box)[] {
  const c = (dx: number, dy: number, anchor: Anchor) => {
    const x = p.x + dx;
    const y = p.y + dy;
    const x0 = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
    return { i: -1, x, y, anchor, x0, x1: x0 + w, y0: y - h / 2, y1: y + h / 2 };
  };
  const v = g + h / 2;
  return [
    c(g, 0, 'start'),
    c(-g, 0, 'end'),
    c(0, -v, 'middle'),
    c(0, v, 'middle'),
    c(g * 0.7, -v * 0.8, 'start'),
    c(-g * 0.7, -v * 0.8, 'end'),
    c(g * 0.7, v * 0.8, 'start'),
    c(-g * 0.7, v * 0.8, 'end'),
  ];
}

/**
 * Places a label for each point, in input order (put the points whose labels matter most first).
 * Returns one entry per point: its placement, or null when every position collides.
 * Example: one point in the middle of a 400×300 frame gets its label on the right.
 */
export function placeLabels(
  points: readonly LabelPoint[],
  frame: Frame,
  opts: LabelOptions = {},
): (PlacedLabel | null)[] {
  const charW = opts.charW ?? 6.6;
  const h = opts.lineH ?? 13;
  const g = opts.gap ?? 7;
  const r = opts.pointR ?? 4;
  const taken: Box[] = points.map((p) => ({ x0: p.x - r, x1: p.x + r, y0: p.y - r, y1: p.y + r }));
  return points.map((p, i) => {
    const w = p.text.length * charW;
    const fit = candidates(p, w, h, g).find(
      (b) =>
        b.x0 >= frame.left &&
        b.x1 <= frame.right &&
        b.y0 >= frame.top &&
        b.y1 <= frame.bottom &&
        !taken.some((t) => overlaps(t, b)),
    );
    if (!fit) return null;
    taken.push(fit);
    return { i, x: fit.x, y: fit.y, anchor: fit.anchor };
  });
}
