import { formatChartValue } from './formatChartValue';
import type { Chart } from './ReportDocument';

/** Vector shapes in a box whose origin is top left (SVG's and PDFKit's convention). */
export type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number }
  | { kind: 'polyline'; points: [number, number][]; stroke: string; width: number }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string }
  | { kind: 'text'; x: number; y: number; text: string; size: number; anchor: 'start' | 'middle' | 'end'; fill: string; vertical?: boolean };

/** Colours that stay apart in print and for common colour blindness (Okabe–Ito). */
export const SERIES_COLORS = ['0072B2', 'E69F00', '009E73', 'CC79A7', '56B4E9', 'D55E00', 'F0E442', '000000'];

/** A round step for four gridlines covering `max`: 1, 2, 2.5 or 5 times a power of ten. */
function niceStep(max: number): number {
  if (max <= 0) return 0.25;
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= raw) return step * power;
  return 10 * power;
}

/** Labels longer than this are cut with an ellipsis on the axis (the values table has them whole). */
const LABEL_CHARS = 14;
const short = (s: string): string => (s.length > LABEL_CHARS ? `${s.slice(0, LABEL_CHARS - 1)}…` : s);

/**
 * Lays a chart out as shapes in a `width` × `height` box, shared by the HTML (SVG) and PDF
 * renderers so both draw the same picture: a y axis from 0 with four gridlines, bars grouped per
 * label (or one polyline per series, broken at gaps), value labels on bars, and a legend when
 * there is more than one series. A null value draws nothing and is labelled "unknown" (or the chart's `gap`).
 */
export function layoutChart(chart: Chart, width: number, height: number): Shape[] {
  const shapes: Shape[] = [];
  const legend = chart.series.length > 1 ? 16 : 0;
  const box = { left: 46, right: width - 10, top: 10 + legend, bottom: height - 34 };
  let max = 0;
  for (const s of chart.series) for (const v of s.values) if (v !== null && Number.isFinite(v) && v > max) max = v;
  // A fixed top (a percentage's 100) keeps a low rate low; values above it still fit.
  const step = chart.max !== undefined && chart.max >= max ? niceStep(chart.max) : niceStep(max);
  const top = step * 4;
  const y = (v: number) => box.bottom - (Math.max(0, v) / top) * (box.bottom - box.top);
  for (let i = 0; i <= 4; i++) {
    const v = step * i;
    shapes.push({ kind: 'line', x1: box.left, y1: y(v), x2: box.right, y2: y(v), stroke: i === 0 ? '555555' : 'DDDDDD', width: i === 0 ? 1 : 0.5 });
    shapes.push({ kind: 'text', x: box.left - 4, y: y(v) + 3, text: formatChartValue(v, ''), size: 7, anchor: 'end', fill: '555555' });
  }
  shapes.push({ kind: 'text', x: 2, y: box.top - 2 - legend, text: chart.unit, size: 7, anchor: 'start', fill: '555555' });
  const n = Math.max(1, chart.labels.length);
  const slot = (box.right - box.left) / n;
  const labelEvery = Math.max(1, Math.ceil(n / Math.max(1, Math.floor((box.right - box.left) / 60))));
  chart.labels.forEach((label, i) => {
    if (i % labelEvery !== 0) return;
    shapes.push({ kind: 'text', x: box.left + slot * (i + 0.5), y: box.bottom + 12, text: short(label), size: 7, anchor: 'middle', fill: '333333' });
  });
  if (chart.type === 'bar') {
    const barW = (slot * 0.7) / Math.max(1, chart.series.length);
    const isGap = (v: number | null | undefined) => v === null || v === undefined || !Number.isFinite(v);
    // A label with no value in any series says so once, across its slot, instead of once per series.
    const empty = chart.labels.map((_, i) => chart.series.length > 1 && chart.series.every((s) => isGap(s.values[i])));
    empty.forEach((none, i) => {
      if (!none) return;
      const gap = chart.gap ?? 'unknown';
      const cx = box.left + slot * (i + 0.5);
      if (gap.length * 6 * 0.5 > slot - 4) shapes.push({ kind: 'text', x: cx + 2, y: box.bottom - 3, text: gap, size: 6, anchor: 'start', fill: '777777', vertical: true });
      else shapes.push({ kind: 'text', x: cx, y: box.bottom - 4, text: gap, size: 6, anchor: 'middle', fill: '999999' });
    });
    chart.series.forEach((s, si) => {
      const color = SERIES_COLORS[si % SERIES_COLORS.length] ?? '0072B2';
      s.values.forEach((v, i) => {
        const x = box.left + slot * i + slot * 0.15 + barW * si;
        if (empty[i]) return;
        if (v === null || !Number.isFinite(v)) {
          // A gap says what it is where the bar would be, never an empty spot that reads as zero;
          // upright when it is wider than the bar, so neighbouring gaps do not run into each other.
          const gap = chart.gap ?? 'unknown';
          if (gap.length * 6 * 0.5 > barW + 4) shapes.push({ kind: 'text', x: x + barW / 2 + 2, y: box.bottom - 3, text: gap, size: 6, anchor: 'start', fill: '777777', vertical: true });
          else shapes.push({ kind: 'text', x: x + barW / 2, y: box.bottom - 4, text: gap, size: 6, anchor: 'middle', fill: '999999' });
          return;
        }
        shapes.push({ kind: 'rect', x, y: y(v), w: barW, h: box.bottom - y(v), fill: color });
        if (n <= 12) shapes.push({ kind: 'text', x: x + barW / 2, y: y(v) - 3, text: s.texts?.[i] ?? formatChartValue(v, ''), size: 6.5, anchor: 'middle', fill: '333333' });
      });
    });
  } else {
    chart.series.forEach((s, si) => {
      const color = SERIES_COLORS[si % SERIES_COLORS.length] ?? '0072B2';
      let run: [number, number][] = [];
      const end = () => {
        if (run.length > 1) shapes.push({ kind: 'polyline', points: run, stroke: color, width: 1.5 });
        run = [];
      };
      s.values.forEach((v, i) => {
        if (v === null || !Number.isFinite(v)) return end();
        const p: [number, number] = [box.left + slot * (i + 0.5), y(v)];
        run.push(p);
        if (n <= 60) shapes.push({ kind: 'circle', cx: p[0], cy: p[1], r: 2, fill: color });
      });
      end();
    });
  }
  if (legend) {
    let x = box.left;
    chart.series.forEach((s, si) => {
      shapes.push({ kind: 'rect', x, y: 4, w: 8, h: 8, fill: SERIES_COLORS[si % SERIES_COLORS.length] ?? '0072B2' });
      shapes.push({ kind: 'text', x: x + 11, y: 11, text: s.name, size: 7, anchor: 'start', fill: '333333' });
      x += 20 + s.name.length * 4;
    });
  }
  return shapes;
}
