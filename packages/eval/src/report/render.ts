import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { createRequire } from 'node:module';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';

// Loaded on first use: resvg is a native addon, and importing @rankbias/eval
// (e.g. for its metrics or model.fit callback) must not need it.
const require = createRequire(import.meta.url);

/** vega numbers clip paths with a process-wide counter; renumbered per SVG, equal specs give equal text. */
function renumberIds(svg: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="([^"]+)"/g)) if (!ids.has(m[1]!)) ids.set(m[1]!, `clip${ids.size + 1}`);
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${ids.get(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${ids.get(id) ?? id})`);
}

/** Renders a vega-lite spec to SVG text headlessly (no canvas, no network). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return renumberIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/** Rasterises SVG text to PNG at `scale`× with system fonts (DejaVu Sans preferred for sans-serif). */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  const { Resvg } = require('@resvg/resvg-js') as { Resvg: typeof ResvgClass };
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
