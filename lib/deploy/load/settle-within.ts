import { InputError } from "../errors.js";

/** How long loading one entry file may take by default: its import and the Promises its exports hold. */
export const DEFAULT_LOAD_TIMEOUT_MS = 60_000;

let pending: { readonly file: string; readonly what: string } | undefined;

/**
 * Notes what loading `file` waits for now (`export "db" is a Promise that has not settled`), for {@link settleWithin}
 * and {@link pendingLoad}; without `what`, that it waits for nothing.
 */
export function waitingFor(file: string, what?: string): void {
  pending = what === undefined ? undefined : { file, what };
}

/**
 * What loading waits for now, or `undefined`. The `piceli` command names it when the process ends because nothing
 * is left running that could settle it (Node's exit code 13).
 */
export function pendingLoad(): { readonly file: string; readonly what: string } | undefined {
  return pending;
}

/**
 * `work`'s result, or an {@link InputError} naming `file` and what it waits for (see {@link waitingFor}) when `work` has
 * not settled within `leftMs`, what is left of loading the file's `timeoutMs`. The timer does not keep the process
 * alive: a Promise nothing can settle ends it.
 */
export async function settleWithin<T>(file: string, work: Promise<T>, timeoutMs: number, leftMs = timeoutMs): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const what = pending?.file === file ? pending.what : "loading";
      reject(new InputError(file, `did not load within ${timeoutMs / 1000}s: ${what} (--load-timeout <duration> sets the limit)`));
    }, Math.max(leftMs, 0));
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
