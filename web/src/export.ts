/** Downloads: a chart as SVG or PNG (rasterised through a canvas), a table as CSV. */
import { toCsv } from './csv.ts';

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** "Source: … · date" line that every exported chart carries. */
export function sourceLine(date = new Date()): string {
  return `Source: CAPE Studio, computed from the bundled dataset by the cape engine · ${date.toISOString().slice(0, 10)}`;
}

/** The chart's SVG with its title and source line as <desc> (the markup is our own, escaped). */
export function downloadSvg(name: string, svg: string, title = name): void {
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const marked = svg.replace(/(<svg[^>]*>)/, `$1<desc>${esc(title)}. ${esc(sourceLine())}</desc>`);
  download(`${name}.svg`, new Blob([marked], { type: 'image/svg+xml' }));
}

/** The chart as a PNG with its title above and the source line and date below. */
export async function downloadPng(
  name: string,
  svg: string,
  title = name,
  scale = 2,
): Promise<void> {
  const m = /<svg[^>]*\swidth="(\d+(?:\.\d+)?)"[^>]*\sheight="(\d+(?:\.\d+)?)"/.exec(svg);
  const w = m ? Number(m[1]) : 800;
  const hgt = m ? Number(m[2]) : 400;
  const [top, bottom] = [34, 26];
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((res, rej) => {
      img.onload = () => res();
      img.onerror = () => rej(new Error('could not rasterise the chart'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round((hgt + top + bottom) * scale);
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2D canvas');
    g.scale(scale, scale);
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, w, hgt + top + bottom);
    g.fillStyle = '#1b1f24';
    g.font = '600 15px system-ui, sans-serif';
    g.fillText(title, 8, 22, w - 16);
    g.drawImage(img, 0, top, w, hgt);
    g.font = '12px system-ui, sans-serif';
    g.fillText(sourceLine(), 8, top + hgt + 17, w - 16);
    const blob = await new Promise<Blob | null>((res) => canvas.toBlob(res, 'image/png'));
    if (blob) download(`${name}.png`, blob);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function downloadCsv(
  name: string,
  header: readonly string[],
  rows: readonly (readonly unknown[])[],
): void {
  download(`${name}.csv`, new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }));
}

export function downloadJson(name: string, value: unknown): void {
  download(
    `${name}.json`,
    new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }),
  );
}
