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

/** On a terminal: a spinner line redrawn in place while waiting (time first, so a narrow terminal keeps it). */
export function spinnerProgress(stream: NodeJS.WriteStream): Progress {
  let text = "";
  let startedAt = 0;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const draw = () => {
    const columns = stream.columns ?? 80;
    const seconds = Math.floor((Date.now() - startedAt) / 1000);
    const content = `${FRAMES[frame++ % FRAMES.length]} ${seconds}s ${text}`;
    stream.write(`\r\u001b[K${content.length > columns - 1 ? `${content.slice(0, columns - 2)}…` : content}`);
  };
  const stop = () => {
    if (!timer) return;
    clearInterval(timer);
    timer = undefined;
    stream.write("\r\u001b[K");
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

/** Not on a terminal (CI logs): plain lines; a waiting status is printed when it changes, and every 30 seconds. */
export function lineProgress(stream: { write(text: string): unknown }): Progress {
  let last = "";
  let printedAt = -Infinity;
  return {
    line(line) {
      stream.write(`${line}\n`);
    },
    status(text, seconds) {
      if (text === last && seconds - printedAt < 30) return;
      last = text;
      printedAt = seconds;
      stream.write(`  ${text}${seconds > 0 ? ` (${seconds}s)` : ""}\n`);
    },
    clear() {
      last = "";
      printedAt = -Infinity;
    },
  };
}
