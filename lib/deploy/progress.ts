/** Where apply reports what it does while it runs (stderr in the CLI). */
export interface Progress {
  /** A finished action, printed as a line. */
  line(text: string): void;
  /** What is being waited for right now; `seconds` is how long it has been waited for. */
  status(text: string, seconds: number): void;
  /** The wait is over: remove the status. */
  clear(): void;
}

/** Reports nothing. */
export const silentProgress: Progress = { line() {}, status() {}, clear() {} };

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * On a terminal: a spinner redrawn in place while waiting (time first, so a narrow terminal keeps it). A status of
 * several lines (one per awaited object) is drawn below the spinner line, each cut to the terminal's width.
 */
export function spinnerProgress(stream: NodeJS.WriteStream): Progress {
  let text = "";
  let startedAt = 0;
  let frame = 0;
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;
  const erase = () => {
    stream.write(`\r${drawn > 1 ? `\u001b[${drawn - 1}A` : ""}\u001b[J`);
    drawn = 0;
  };
  const draw = () => {
    const columns = stream.columns ?? 80;
    const seconds = Math.floor((Date.now() - startedAt) / 1000);
    const fit = (line: string) => (line.length > columns - 1 ? `${line.slice(0, columns - 2)}…` : line);
    const [first = "", ...more] = text.split("\n");
    const lines = [`${FRAMES[frame++ % FRAMES.length]} ${seconds}s ${first}`, ...more].map(fit);
    erase();
    stream.write(lines.join("\n"));
    drawn = lines.length;
  };
  const stop = () => {
    if (!timer) return;
    clearInterval(timer);
    timer = undefined;
    erase();
  };
  return {
    line(line) {
      const spinning = timer !== undefined;
      stop();
      stream.write(`${line}\n`);
      if (spinning) {
        timer = setInterval(draw, 100);
        timer.unref();
        draw();
      }
    },
    status(next, seconds) {
      text = next;
      if (!timer) {
        startedAt = Date.now() - seconds * 1000;
        timer = setInterval(draw, 100);
        timer.unref();
      }
      draw();
    },
    clear: stop,
  };
}

/**
 * Not on a terminal (CI logs): plain lines. Each line of a waiting status (one per awaited object) is printed when
 * it changes, and every 30 seconds.
 */
export function lineProgress(stream: { write(text: string): unknown }): Progress {
  const printed = new Map<string, { text: string; at: number }>();
  return {
    line(line) {
      stream.write(`${line}\n`);
    },
    status(text, seconds) {
      const out: string[] = [];
      for (const line of text.split("\n")) {
        // Lines are told apart by what they are about (`  Deployment shop/web`), before their first ": ".
        const key = line.includes(": ") ? line.slice(0, line.indexOf(": ")) : line;
        const before = printed.get(key);
        if (before !== undefined && before.text === line && seconds - before.at < 30) continue;
        printed.set(key, { text: line, at: seconds });
        out.push(`  ${line}${seconds > 0 ? ` (${seconds}s)` : ""}`);
      }
      if (out.length > 0) stream.write(`${out.join("\n")}\n`);
    },
    clear() {
      printed.clear();
    },
  };
}
