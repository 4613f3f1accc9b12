import { fork, spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchCommand, BenchReport } from "./benchPeerMessages";

/** One benchmark peer process, with a request/answer call over IPC. */
export class BenchPeer {
  readonly #child: ChildProcess;

  /** A peer process here, or in network namespace `netns` (the NAT lab). */
  constructor(netns?: string) {
    const script = fileURLToPath(new URL("./benchPeer.ts", import.meta.url));
    this.#child = netns
      ? spawn("ip", ["netns", "exec", netns, process.execPath, "--import", "tsx", script], {
          stdio: ["inherit", "inherit", "inherit", "ipc"],
        })
      : fork(script, { execArgv: ["--import", "tsx"], stdio: "inherit" });
  }

  /** Sends `command`; resolves with the next report of `answer`'s type. */
  request<T extends BenchReport["type"]>(
    command: BenchCommand,
    answer: T,
    timeoutMs = 60_000,
  ): Promise<Extract<BenchReport, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#child.off("message", onMessage);
        reject(new Error(`no ${answer} after ${command.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (report: BenchReport) => {
        if (report.type !== answer && report.type !== "error") return;
        clearTimeout(timer);
        this.#child.off("message", onMessage);
        if (report.type === "error") reject(new Error(report.message));
        else resolve(report as Extract<BenchReport, { type: T }>);
      };
      this.#child.on("message", onMessage);
      this.#child.send(command);
    });
  }

  stop(): void {
    this.#child.disconnect();
  }
}

export function startBenchPeers(count: number): BenchPeer[] {
  return Array.from({ length: count }, () => new BenchPeer());
}
