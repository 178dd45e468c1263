/** ANSI styles for terminal output; each is the identity when colour is off. */
export interface Styles {
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

/** Styles with colour on or off. */
export function styles(color: boolean): Styles {
  if (!color) {
    const same = (text: string) => text;
    return { red: same, green: same, yellow: same, cyan: same, bold: same, dim: same };
  }
  return { red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), cyan: wrap(36, 39), bold: wrap(1, 22), dim: wrap(2, 22) };
}

/** `--color auto`: colour when the stream is a terminal and `NO_COLOR` is unset (or `FORCE_COLOR` is set). */
export function colorWanted(choice: "auto" | "always" | "never", stream: { isTTY?: boolean }): boolean {
  if (choice !== "auto") return choice === "always";
  if (process.env["FORCE_COLOR"] !== undefined && process.env["FORCE_COLOR"] !== "0") return true;
  return stream.isTTY === true && process.env["NO_COLOR"] === undefined && process.env["TERM"] !== "dumb";
}
