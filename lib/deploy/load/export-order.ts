/**
 * The names a module exports, in the order its source declares them: a module namespace lists its exports
 * alphabetically, but `piceli list` and plans follow the file. Comments, strings and template literals are skipped;
 * `export const a = …, b = …`, `export function`, `export class`, `export { a, b as c }` and `export default` are
 * read. Names it cannot place (re-exports with `export *`) are left for the caller to append.
 */
export function exportOrder(source: string): string[] {
  const code = blankLiterals(source);
  const names: string[] = [];
  const add = (name: string) => {
    if (!names.includes(name)) names.push(name);
  };
  const statement = /\bexport\s+(default\b|(?:declare\s+)?(?:async\s+)?(?:function\s*\*?|class|enum|const|let|var)\s+([A-Za-z_$][\w$]*)|\{([^}]*)\})/g;
  for (let match = statement.exec(code); match !== null; match = statement.exec(code)) {
    if (match[1] === "default") add("default");
    else if (match[3] !== undefined) {
      for (const item of match[3].split(",")) {
        const alias = /(?:\bas\s+)?([A-Za-z_$][\w$]*)\s*$/.exec(item.trim());
        if (alias && !/^type\s/.test(item.trim())) add(alias[1]!);
      }
    } else {
      add(match[2]!);
      if (/^(?:declare\s+)?(?:const|let|var)\b/.test(match[1]!)) for (const more of laterDeclarators(code, statement.lastIndex)) add(more);
    }
  }
  return names;
}

/** The names after the first in `export const a = …, b = …` (commas at the statement's top level only). */
function laterDeclarators(code: string, from: number): string[] {
  const names: string[] = [];
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") depth--;
    else if (depth === 0 && ch === ";") break;
    else if (depth === 0 && ch === ",") {
      const next = /^\s*([A-Za-z_$][\w$]*)\s*[=:]/.exec(code.slice(i + 1, i + 200));
      if (next) names.push(next[1]!);
    } else if (depth === 0 && ch === "\n" && /^\s*(?:export|import|const|let|var|function|class)\b/.test(code.slice(i + 1, i + 40))) break;
    if (depth < 0) break;
  }
  return names;
}

/** The source with comments, strings and template literals replaced by spaces (line breaks kept). */
function blankLiterals(source: string): string {
  let out = "";
  let i = 0;
  const blank = (text: string) => text.replace(/[^\n]/g, " ");
  while (i < source.length) {
    const ch = source[i]!;
    const next = source[i + 1];
    let end = -1;
    if (ch === "/" && next === "/") end = (source.indexOf("\n", i) + 1 || source.length + 1) - 1;
    else if (ch === "/" && next === "*") end = (source.indexOf("*/", i + 2) + 1 || source.length - 1) + 1;
    else if (ch === '"' || ch === "'" || ch === "`") {
      end = i + 1;
      while (end < source.length && source[end] !== ch) end += source[end] === "\\" ? 2 : 1;
      end++;
    }
    if (end === -1) {
      out += ch;
      i++;
    } else {
      out += blank(source.slice(i, end));
      i = end;
    }
  }
  return out;
}
