// Charts drawn offline as inline SVG: nothing is fetched, every label is a text node. The
// viewBox has a fixed width and the element scales to its card, so a chart never overflows.

const NS = "http://www.w3.org/2000/svg";

export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "on") {
      for (const [event, fn] of Object.entries(value)) el.addEventListener(event, fn);
    } else {
      el.setAttribute(key, String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function shorten(text, n) {
  const t = String(text ?? "");
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

// the text cut to fit `width` pixels in the page's font (measured on a canvas, since the SVG
// is not in the document yet); the full text stays in the row's tooltip
let ruler = null;
export function fit(text, width, size = 12) {
  const t = String(text ?? "");
  if (!ruler) ruler = document.createElement("canvas").getContext("2d");
  ruler.font = `${size}px ${getComputedStyle(document.documentElement).fontFamily}`;
  if (ruler.measureText(t).width <= width) return t;
  let lo = 0;
  let hi = t.length;
  while (lo < hi) { // the longest prefix that fits with its «…»
    const mid = Math.ceil((lo + hi) / 2);
    if (ruler.measureText(`${t.slice(0, mid)}…`).width <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${t.slice(0, lo).trimEnd()}…`;
}

// a round step for an axis of 0..max with about `ticks` lines
function niceStep(max, ticks = 5) {
  if (!(max > 0)) return 1;
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = [1, 2, 2.5, 5, 10].find((m) => m * power >= raw) || 10;
  return unit * power;
}

// the width a card's content has on this screen: charts are drawn at it, so 12px text stays 12px
// (a wide chart scaled down to a narrow window would shrink its labels to a squint)
export function contentWidth() {
  const main = document.querySelector("main");
  return Math.round(Math.min(1180, Math.max(520, (main ? main.clientWidth : 1200) - 90)));
}

const fmt = (x) => (Number.isInteger(x) ? String(x) : x.toLocaleString("ru-RU", { maximumFractionDigits: 1 }));

// Horizontal bars, one row each: {key, label, value, valueText?, marker?, note?, title}. `marker` draws a
// tick (e.g. the usual level); `note` is written after the bar (e.g. «▲2»). Clicking a bar
// calls onSelect(key).
export function barChart(rows, { width = contentWidth(), labelWidth = Math.round(Math.min(400, width * 0.36)), max = null, unit = "", onSelect = null, id = null,
  markerLabel = null, ariaLabel = "Диаграмма" } = {}) {
  const rowH = 26;
  const top = 22;
  const bottom = 8;
  const right = rows.some((r) => r.note && r.note.length > 4) ? 150 : 90; // room for «обычно ≈ 12»
  const height = top + rows.length * rowH + bottom;
  const plotW = width - labelWidth - right;
  const top_ = Math.max(1, max ?? Math.max(...rows.map((r) => Math.max(r.value || 0, r.marker || 0)), 0));
  const step = niceStep(top_);
  const scaleMax = Math.ceil(top_ / step) * step;
  const x = (v) => labelWidth + (Math.max(0, v) / scaleMax) * plotW;
  const svg = s("svg", { class: "chart", width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": ariaLabel, id });
  for (let v = 0; v <= scaleMax + 1e-9; v += step) {
    svg.append(
      s("line", { class: "grid", x1: x(v), x2: x(v), y1: top - 4, y2: height - bottom }),
      s("text", { x: x(v), y: 12, "text-anchor": "middle", class: "muted-text" }, `${fmt(v)}${unit}`),
    );
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const group = s("g", { class: "bar-row", "data-key": r.key, tabindex: onSelect ? "0" : null, role: onSelect ? "button" : null });
    group.append(
      s("title", {}, r.title || `${r.label}: ${fmt(r.value)}${unit}`),
      s("text", { x: labelWidth - 8, y: y + rowH / 2 + 4, "text-anchor": "end" }, fit(r.label, labelWidth - 16)),
      s("rect", { class: `bar ${r.alt ? "bar-alt" : ""}`, x: labelWidth, y: y + 4, height: rowH - 8, rx: 2,
        width: Math.max(1, x(r.value || 0) - labelWidth) }),
    );
    if (r.marker !== null && r.marker !== undefined) {
      group.append(s("line", { class: "marker", x1: x(r.marker), x2: x(r.marker), y1: y + 1, y2: y + rowH - 1 }));
    }
    group.append(s("text", { x: x(r.value || 0) + 6, y: y + rowH / 2 + 4, class: "value" },
      r.valueText ?? `${fmt(r.value || 0)}${unit}`, r.note ? s("tspan", { class: r.noteClass || "muted-text", dx: 6 }, r.note) : null));
    if (onSelect) {
      group.addEventListener("click", () => onSelect(r.key));
      group.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") onSelect(r.key); });
    }
    svg.append(group);
  });
  svg.append(s("line", { class: "axis", x1: labelWidth, x2: labelWidth, y1: top - 4, y2: height - bottom }));
  if (markerLabel) svg.dataset.marker = markerLabel;
  return svg;
}

export const PALETTE = ["#1f5fbf", "#c25b00", "#1d6b38", "#8e44ad", "#b3261e", "#0f7c8c", "#6b4600", "#5f6b7a"];

// Lines over weeks: series [{name, values: [number|null per x]}], xLabels per x.
// `mark`: the index of the x to point out (the week on screen), drawn as a dashed line.
export function lineChart(series, xLabels, { width = contentWidth(), height = 240, unit = "", id = null, ariaLabel = "График",
  mark = null } = {}) {
  const left = 48;
  const right = 36;
  const top = 14;
  const bottom = 34;
  const all = series.flatMap((se) => se.values).filter((v) => v !== null && v !== undefined);
  const step = niceStep(Math.max(1, ...all));
  const scaleMax = Math.ceil(Math.max(1, ...all) / step) * step;
  const n = Math.max(1, xLabels.length - 1);
  const x = (i) => left + (i / n) * (width - left - right);
  const y = (v) => top + (1 - v / scaleMax) * (height - top - bottom);
  const svg = s("svg", { class: "chart", width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": ariaLabel, id });
  for (let v = 0; v <= scaleMax + 1e-9; v += step) {
    svg.append(s("line", { class: "grid", x1: left, x2: width - right, y1: y(v), y2: y(v) }),
      s("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end", class: "muted-text" }, `${fmt(v)}${unit}`));
  }
  const every = Math.max(1, Math.ceil(xLabels.length / 12));
  xLabels.forEach((label, i) => {
    if (i % every === 0 || i === xLabels.length - 1) {
      svg.append(s("text", { x: x(i), y: height - 12, "text-anchor": "middle", class: "muted-text" }, label));
    }
  });
  if (mark !== null && mark >= 0) {
    svg.append(s("line", { class: "marker marker-dashed", x1: x(mark), x2: x(mark), y1: top, y2: height - bottom }));
  }
  series.forEach((se, k) => {
    const color = se.color || PALETTE[k % PALETTE.length];
    let d = "";
    se.values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      d += `${d && se.values[i - 1] !== null && se.values[i - 1] !== undefined ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    });
    svg.append(s("path", { class: "line", d, stroke: color }));
    se.values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      svg.append(s("circle", { class: "dot", cx: x(i), cy: y(v), r: 3.5, fill: color },
        s("title", {}, `${se.name}, ${xLabels[i]}: ${fmt(v)}${unit}`)));
    });
  });
  svg.append(s("line", { class: "axis", x1: left, x2: width - right, y1: y(0), y2: y(0) }));
  return svg;
}

// A tiny line of one value over weeks, for a table cell.
export function sparkline(values, { width = 90, height = 22, title = "" } = {}) {
  const known = values.filter((v) => v !== null && v !== undefined);
  const svg = s("svg", { class: "spark", width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title });
  if (known.length < 2) return svg;
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  const n = values.length - 1;
  let d = "";
  values.forEach((v, i) => {
    if (v === null || v === undefined) return;
    const px = 2 + (i / n) * (width - 4);
    const py = hi === lo ? height / 2 : 2 + (1 - (v - lo) / (hi - lo)) * (height - 4);
    d += `${d ? "L" : "M"}${px.toFixed(1)},${py.toFixed(1)}`;
  });
  svg.append(s("title", {}, title), s("path", { class: "line", d }));
  return svg;
}
