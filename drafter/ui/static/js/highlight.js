// The draft text cut into pieces at every violation boundary, so each piece knows which
// violations cover it. Spans are character offsets [start, end) into the text.

export function segments(text, violations) {
  const len = text.length;
  const spans = [];
  const general = []; // spans that point nowhere in the text: shown only in the list
  violations.forEach((v, index) => {
    const start = Math.max(0, Math.min(len, Number(v.start)));
    const end = Math.max(0, Math.min(len, Number(v.end)));
    if (Number.isFinite(start) && Number.isFinite(end) && end > start) {
      spans.push({ index, start, end });
    } else {
      general.push(index);
    }
  });
  const cuts = new Set([0, len]);
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = spans.filter((s) => s.start <= a && s.end >= b).map((s) => s.index);
    // the last piece of a violation carries its number mark
    const endsHere = spans.filter((s) => s.end === b).map((s) => s.index);
    pieces.push({ text: text.slice(a, b), violations: covering, endsHere });
  }
  return { pieces, general };
}

const RANK = { blocker: 3, major: 2, minor: 1 };

export function worstSeverity(violations) {
  let worst = "minor";
  for (const v of violations) if ((RANK[v.severity] || 0) > RANK[worst]) worst = v.severity;
  return worst;
}
