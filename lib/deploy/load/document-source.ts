import { constructFromEvents, EVENT_ID, parseEvents, Schema, YAML11_SCHEMA, YAMLException, type Event } from "js-yaml";
import { InputError } from "../errors.js";
import { isObject } from "../manifest.js";
import { checkManifest } from "./check-manifest.js";
import type { LoadedObject } from "./source.js";

/**
 * YAML 1.1, as `kubectl` reads manifests (`0644` is an octal number, `yes` a boolean), except that dates stay
 * strings: Kubernetes' YAML reader does not turn `2024-01-01` into a timestamp.
 */
const KUBERNETES_YAML = new Schema(YAML11_SCHEMA.tags.filter((tag) => !tag.tagName.endsWith(":timestamp")));

/**
 * Reads the objects of a YAML (multi-document) or JSON file's text. Empty documents are skipped; a `kind: List`
 * (or `…List`) contributes its items. Syntax errors and documents that are not Kubernetes objects throw an
 * {@link InputError} naming the file, the document (1-based) and the line.
 */
export function parseDocuments(text: string, file: string): LoadedObject[] {
  if (file.endsWith(".json")) return parseJson(text, file);
  let events: Event[];
  let documents: unknown[];
  try {
    events = parseEvents(text, { filename: file });
    documents = constructFromEvents(events, { source: text, schema: KUBERNETES_YAML, filename: file });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const line = error.mark === undefined ? undefined : error.mark.line + 1;
    const column = error.mark === undefined ? undefined : error.mark.column + 1;
    throw new InputError(file, `not valid YAML: ${error.reason}`, {
      ...(line !== undefined && { document: documentAtLine(text, line), line, column }),
    });
  }
  const starts = documentStartLines(text, events);
  const out: LoadedObject[] = [];
  documents.forEach((value, index) => {
    const document = index + 1;
    const line = starts[index] ?? 1;
    if (value === null || value === undefined) return; // an empty document (only comments, or `---` twice)
    if (isList(value)) {
      value.items.forEach((item, i) => {
        const manifest = checkManifest(item, file, { document, line });
        out.push({ manifest, source: { type: "document", file, document, line, item: i + 1 } });
      });
      return;
    }
    out.push({ manifest: checkManifest(value, file, { document, line }), source: { type: "document", file, document, line } });
  });
  return out;
}

/**
 * A JSON file holds one object, a `kind: List`, or an array of objects (and Lists); JSON's own parser is used, so
 * what is not JSON is an error.
 */
function parseJson(text: string, file: string): LoadedObject[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const offset = position === null ? undefined : Number(position[1]);
    const before = offset === undefined ? undefined : text.slice(0, offset);
    const line = before === undefined ? undefined : before.split("\n").length;
    const column = before === undefined ? undefined : offset! - before.lastIndexOf("\n");
    throw new InputError(file, `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, "")}`, {
      ...(line !== undefined && { line, column }),
    });
  }
  const line = text.slice(0, text.search(/\S|$/)).split("\n").length;
  // An array's elements count as documents (1-based), as a multi-document YAML file's do.
  return (Array.isArray(value) ? value : [value]).flatMap((element, index): LoadedObject[] => {
    const document = index + 1;
    if (isList(element)) {
      return element.items.map((item, i) => ({
        manifest: checkManifest(item, file, { document, line }),
        source: { type: "document", file, document, line, item: i + 1 },
      }));
    }
    return [{ manifest: checkManifest(element, file, { ...(Array.isArray(value) && { document }), line }), source: { type: "document", file, document, line } }];
  });
}

/** A `kind: List` (`v1` List, or any `…List` kind with `items`), as `kubectl get -o yaml` writes. */
function isList(value: unknown): value is { items: unknown[] } {
  return isObject(value) && typeof value["kind"] === "string" && value["kind"].endsWith("List") && Array.isArray(value["items"]);
}

/** The first line (1-based) of each document's content, from the parser's offsets. */
function documentStartLines(text: string, events: readonly Event[]): number[] {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  const out: number[] = [];
  for (let i = 0; i < events.length; i++) {
    if (events[i]!.type !== EVENT_ID.DOCUMENT) continue;
    const root = events[i + 1];
    const offset = root === undefined ? -1 : "start" in root ? root.start : "valueStart" in root ? root.valueStart : -1;
    out.push(offset >= 0 ? lineOf(offset) : 1);
  }
  return out;
}

/** The document (1-based) a line belongs to, counting `---` markers before it (for syntax errors, which have no events). */
export function documentAtLine(text: string, line: number): number {
  const lines = text.split("\n").slice(0, line - 1);
  let document = 1;
  let seenContent = false;
  for (const current of lines) {
    if (/^---(?:\s|$)/.test(current)) {
      if (seenContent) document++;
      seenContent = true; // a leading `---` opens the first document
      continue;
    }
    if (!seenContent && current.trim() !== "" && !current.trimStart().startsWith("#")) seenContent = true;
  }
  return document;
}
