// `kubectl` against the e2e cluster, for tests that need another client than piceli: a second field manager
// (`kubectl scale`, `kubectl set image`, `kubectl apply --server-side --field-manager …`), a token (`kubectl create token`).
import { spawn } from "node:child_process";
import { context, kubeconfig } from "./harness.js";

/** What one `kubectl` command printed; rejects when it fails (its stderr in the message). */
export function kubectl(args: readonly string[], stdin = ""): Promise<string> {
  const argv = ["--kubeconfig", kubeconfig!, ...(context !== undefined ? ["--context", context] : []), ...args];
  return new Promise((resolve, reject) => {
    const child = spawn("kubectl", argv, { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`kubectl ${args.join(" ")} failed (${code}): ${stderr}`))));
    child.stdin.end(stdin);
  });
}
