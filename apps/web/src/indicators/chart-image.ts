/**
 * A chart as a PNG image for documents: the chart's own SVG (not a legend icon, which is an
 * SVG too) with its HTML legend drawn into it, Japanese fonts named explicitly (an SVG drawn
 * as an image does not see the page's CSS), on a white background, at twice its on-screen
 * size so it stays sharp when printed.
 */

/** Pixels of the PNG per CSS pixel of the chart on screen. */
export const CHART_IMAGE_SCALE = 2;

const FONT =
  '"Noto Sans JP", "Noto Sans CJK JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic", "Meiryo", sans-serif';
const SVG_NS = "http://www.w3.org/2000/svg";

/** The chart's drawing surface inside `container` (Recharts' wrapper), never a legend icon. */
export function chartSurface(container: Element): SVGSVGElement | null {
  const direct = container.querySelector<SVGSVGElement>(".recharts-wrapper > svg");
  if (direct) return direct;
  let best: SVGSVGElement | null = null;
  let area = 0;
  for (const svg of container.querySelectorAll<SVGSVGElement>("svg")) {
    if (svg.closest(".recharts-legend-wrapper")) continue;
    const r = svg.getBoundingClientRect();
    if (r.width * r.height > area) {
      area = r.width * r.height;
      best = svg;
    }
  }
  return best;
}

/** A standalone SVG document of the chart in `container`, with its legend, and its size. */
export function chartSvgSource(container: Element): { source: string; width: number; height: number } | null {
  const surface = chartSurface(container);
  if (!surface) return null;
  const box = surface.getBoundingClientRect();
  const width = Math.round(box.width);
  const height = Math.round(box.height);
  if (width === 0 || height === 0) return null;
  const svg = surface.cloneNode(true) as SVGSVGElement;
  svg.setAttribute("xmlns", SVG_NS);
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.removeAttribute("style");
  svg.setAttribute("font-family", FONT);
  const background = document.createElementNS(SVG_NS, "rect");
  background.setAttribute("width", "100%");
  background.setAttribute("height", "100%");
  background.setAttribute("fill", "#ffffff");
  svg.insertBefore(background, svg.firstChild);

  // Recharts draws the legend in HTML over the chart's bottom margin: draw it into the SVG.
  for (const item of container.querySelectorAll(".recharts-legend-item")) {
    const icon = item.querySelector("svg");
    const label = item.querySelector<HTMLElement>(".recharts-legend-item-text");
    if (icon) {
      const r = icon.getBoundingClientRect();
      const copy = icon.cloneNode(true) as SVGSVGElement;
      copy.removeAttribute("style");
      copy.setAttribute("x", String(r.left - box.left));
      copy.setAttribute("y", String(r.top - box.top));
      copy.setAttribute("width", String(r.width));
      copy.setAttribute("height", String(r.height));
      svg.appendChild(copy);
    }
    if (label) {
      const r = label.getBoundingClientRect();
      const style = getComputedStyle(label);
      const text = document.createElementNS(SVG_NS, "text");
      text.setAttribute("x", String(r.left - box.left));
      text.setAttribute("y", String(r.top - box.top + r.height / 2));
      text.setAttribute("dominant-baseline", "central");
      text.setAttribute("font-size", style.fontSize);
      text.setAttribute("fill", style.color);
      text.textContent = label.textContent;
      svg.appendChild(text);
    }
  }
  // Text without a colour of its own would be drawn black by default anyway; give the axis
  // labels the font size they have on screen.
  for (const text of svg.querySelectorAll("text")) {
    if (!text.getAttribute("font-size")) text.setAttribute("font-size", "12");
  }
  return { source: new XMLSerializer().serializeToString(svg), width, height };
}

/** The chart in `container` as a PNG (white background), or null when there is no chart. */
export async function chartPng(container: Element): Promise<Blob | null> {
  const chart = chartSvgSource(container);
  if (!chart) return null;
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(chart.source)}`;
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = chart.width * CHART_IMAGE_SCALE;
  canvas.height = chart.height * CHART_IMAGE_SCALE;
  const ctx = canvas.getContext("2d");
  if (!ctx) return null;
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
}
