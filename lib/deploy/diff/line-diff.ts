/** One line of a diff: kept (`" "`), removed (`"-"`) or added (`"+"`). */
export interface DiffLine {
  readonly op: " " | "-" | "+";
  readonly text: string;
}

/** A hunk of a unified diff: where it starts in each text (1-based) and its lines with context. */
export interface Hunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly lines: readonly DiffLine[];
}

/** The shortest edit script from `a` to `b` (Myers' O(ND) algorithm), as kept, removed and added lines. */
export function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace back from (n, m) to (0, 0).
  const out: DiffLine[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const before = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && before[offset + k - 1]! < before[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : before[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) out.push({ op: " ", text: a[--x]! }), y--;
    if (d > 0) {
      if (x === prevX) out.push({ op: "+", text: b[--y]! });
      else out.push({ op: "-", text: a[--x]! });
    }
  }
  while (x > 0 && y > 0) out.push({ op: " ", text: a[--x]! }), y--;
  return out.reverse();
}

/** Groups a diff into hunks with `context` unchanged lines around each change (none when nothing changed). */
export function hunks(lines: readonly DiffLine[], context = 3): Hunk[] {
  const changed = lines.map((l, i) => (l.op === " " ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return [];
  const ranges: [number, number][] = [];
  for (const i of changed) {
    const start = Math.max(0, i - context);
    const end = Math.min(lines.length - 1, i + context);
    const last = ranges[ranges.length - 1];
    if (last !== undefined && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  // Line numbers where each index starts in the old and new text.
  const oldAt: number[] = [];
  const newAt: number[] = [];
  let o = 1;
  let n = 1;
  for (const line of lines) {
    oldAt.push(o);
    newAt.push(n);
    if (line.op !== "+") o++;
    if (line.op !== "-") n++;
  }
  return ranges.map(([start, end]) => {
    const slice = lines.slice(start, end + 1);
    const oldLines = slice.filter((l) => l.op !== "+").length;
    const newLines = slice.filter((l) => l.op !== "-").length;
    return {
      oldStart: oldLines === 0 ? oldAt[start]! - 1 : oldAt[start]!,
      oldLines,
      newStart: newLines === 0 ? newAt[start]! - 1 : newAt[start]!,
      newLines,
      lines: slice,
    };
  });
}

/** A unified diff of two texts (`--- a`, `+++ b`, `@@ … @@` hunks); empty when they are equal. */
export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, context = 3): string {
  const split = (text: string) => (text === "" ? [] : text.replace(/\n$/, "").split("\n"));
  const found = hunks(diffLines(split(oldText), split(newText)), context);
  if (found.length === 0) return "";
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  for (const h of found) {
    out.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
    for (const line of h.lines) out.push(`${line.op}${line.text}`);
  }
  return `${out.join("\n")}\n`;
}
