/**
 * Node-only: renders a chart's SVG string to PNG bytes with @resvg/resvg-js (no native build).
 * Not imported by the web page, which rasterises through a canvas instead.
 */
import { Resvg } from '@resvg/resvg-js';

/** svgToPng(svg, { scale }) -> PNG bytes; scale multiplies the SVG's own width (default 2). */
export function svgToPng(svg: string, options: { scale?: number } = {}): Uint8Array {
  const m = /<svg[^>]*\swidth="(\d+(?:\.\d+)?)"/.exec(svg);
  const width = m ? Number(m[1]) : 800;
  const r = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(width * (options.scale ?? 2)) },
    font: { loadSystemFonts: true },
  });
  return r.render().asPng();
}
