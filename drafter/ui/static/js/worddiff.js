// A word diff of two versions of a reply, computed in the browser from their texts: what a
// reviewer reads as «вставлено» and «удалено», not a unified diff's lines and hunks.
//
// Texts are cut into words, runs of spaces and single punctuation marks; the common prefix and
// suffix are set aside and the middle is aligned by a longest common subsequence. Replies are
// short (a few hundred words), so the quadratic table is small; past MAX_CELLS the middle is
// shown as deleted-then-inserted whole rather than freezing the page.

const TOKEN = /\s+|[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
const MAX_CELLS = 4_000_000;

export function tokens(text) {
  return (text || "").match(TOKEN) || [];
}

function lcsOps(a, b) {
  const n = a.length;
  const m = b.length;
  if (!n || !m || n * m > MAX_CELLS) {
    return [...a.map((t) => ["del", t]), ...b.map((t) => ["add", t])];
  }
  // lengths[i][j]: the LCS of a[i:] and b[j:], one flat row-major table
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] = a[i] === b[j]
        ? lengths[(i + 1) * width + j + 1] + 1
        : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
    }
  }
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push(["same", a[i]]);
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) {
      ops.push(["del", a[i++]]);
    } else {
      ops.push(["add", b[j++]]);
    }
  }
  while (i < n) ops.push(["del", a[i++]]);
  while (j < m) ops.push(["add", b[j++]]);
  return ops;
}

// [{type: "same" | "del" | "add", text}], adjacent pieces of one type joined; within a changed
// stretch every deletion comes before the insertion that replaces it.
export function wordDiff(before, after) {
  const a = tokens(before);
  const b = tokens(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head
    && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops = [
    ...a.slice(0, head).map((t) => ["same", t]),
    ...lcsOps(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
    ...a.slice(a.length - tail).map((t) => ["same", t]),
  ];
  // a lone space kept between two changes would chop «старый текст» → «новый текст» into
  // word-by-word pairs; it reads better as part of both the deletion and the insertion
  for (let k = 1; k + 1 < ops.length; k++) {
    if (ops[k][0] === "same" && /^\s+$/.test(ops[k][1]) && ops[k - 1][0] !== "same" && ops[k + 1][0] !== "same") {
      ops.splice(k, 1, ["del", ops[k][1]], ["add", ops[k][1]]);
      k++;
    }
  }
  const pieces = [];
  let dels = "";
  let adds = "";
  const flush = () => {
    if (dels) pieces.push({ type: "del", text: dels });
    if (adds) pieces.push({ type: "add", text: adds });
    dels = "";
    adds = "";
  };
  for (const [type, text] of ops) {
    if (type === "del") dels += text;
    else if (type === "add") adds += text;
    else {
      flush();
      const last = pieces[pieces.length - 1];
      if (last && last.type === "same") last.text += text;
      else pieces.push({ type: "same", text });
    }
  }
  flush();
  return pieces;
}

// A long unchanged stretch keeps only CONTEXT characters next to each change, cut at a space.
const CONTEXT = 90;

export function shortenSame(text, { keepStart, keepEnd }) {
  if (text.length <= 2 * CONTEXT + 20) return text;
  let start = "";
  let end = "";
  if (keepStart) {
    const cut = text.lastIndexOf(" ", CONTEXT);
    start = text.slice(0, cut > CONTEXT / 2 ? cut : CONTEXT);
  }
  if (keepEnd) {
    const from = text.length - CONTEXT;
    const cut = text.indexOf(" ", from);
    end = text.slice(cut >= 0 && cut < from + CONTEXT / 2 ? cut : from);
  }
  return `${start} … ${end}`.trim() === "…" ? "…" : `${start} … ${end}`;
}
