import { fork, type ChildProcess } from "node:child_process";
import { createServer, type Server as HttpServer } from "node:http";
import { hostname } from "node:os";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { Server, type Socket } from "socket.io";
import { monotonicMs } from "../bench/benchPeerMessages";
import type {
  AssignedUser,
  CoordinatorToWorker,
  SecondTick,
  WorkerRun,
  WorkerToCoordinator,
} from "./workerProtocol";

type WorkerSocket = Socket<WorkerToCoordinator, CoordinatorToWorker>;

interface Worker {
  name: string;
  socket: WorkerSocket;
  ready: boolean;
  done: boolean;
  assigned: number;
}

export interface CoordinatorOptions {
  /** Where workers on other machines connect (port 0: any free one). */
  host?: string;
  port?: number;
  /** Hears each worker's tick for each second. */
  onTick: (tick: SecondTick) => void;
}

const USER_WORKER = fileURLToPath(new URL("./userWorker.ts", import.meta.url));

/** How a worker is named in reports: its machine and process ("host:1234"). */
const workerName = (host: string, pid: string) => `${host}:${pid}`;

/**
 * The load test's centre: a Socket.IO server that user workers connect to, those it
 * forks on this machine and those started on others (`npm run loadtest:worker`). It
 * answers their clock samples, gives them the run and their users, and hears their
 * ticks. Safe to close twice.
 */
export class Coordinator {
  readonly #http: HttpServer;
  readonly #io: Server<WorkerToCoordinator, CoordinatorToWorker>;
  readonly #workers = new Map<string, Worker>();
  readonly #children: ChildProcess[] = [];
  /** Workers that ended before saying they were done, and how ("SIGSEGV", "1", "left"). */
  readonly lost: string[] = [];
  /** Workers here that failed as they ended, after their last tick (their figures are whole). */
  readonly failedAfterDone: string[] = [];
  readonly #done = new Set<string>();
  /** The first failure a worker reported. */
  failure: string | undefined;
  #closed = false;

  private constructor(http: HttpServer, onTick: (tick: SecondTick) => void) {
    this.#http = http;
    this.#io = new Server(http, { maxHttpBufferSize: 64 * 1024 * 1024 });
    this.#io.on("connection", (socket) => {
      const { host, pid } = socket.handshake.query;
      const worker: Worker = {
        name: workerName(String(host), String(pid)),
        socket,
        ready: false,
        done: false,
        assigned: 0,
      };
      this.#workers.set(socket.id, worker);
      socket.on("time", (ack) => ack(monotonicMs()));
      socket.on("ready", () => (worker.ready = true));
      socket.on("tick", onTick);
      socket.on("done", () => {
        worker.done = true;
        this.#done.add(worker.name);
      });
      socket.on("failed", (message) => (this.failure ??= `${worker.name}: ${message}`));
      socket.on("disconnect", () => {
        if (!worker.done) this.lost.push(`${worker.name} left`);
        this.#workers.delete(socket.id);
      });
    });
  }

  static async open({ host = "127.0.0.1", port = 0, onTick }: CoordinatorOptions) {
    const http = createServer();
    const coordinator = new Coordinator(http, onTick);
    await new Promise<void>((resolve, reject) => {
      http.once("error", reject);
      http.listen(port, host, resolve);
    });
    return coordinator;
  }

  /** Where workers connect. */
  get url(): string {
    const { address, port } = this.#http.address() as AddressInfo;
    return `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
  }

  /** Forks `count` user workers on this machine. */
  spawn(count: number): void {
    for (let i = 0; i < count; i++) {
      const child = fork(USER_WORKER, ["--coordinator", this.url, "--same-machine"], {
        execArgv: ["--import", "tsx"],
        stdio: "inherit",
      });
      child.once("exit", (code, signal) => {
        if (code === 0) return;
        const how = `local worker ${child.pid}: ${signal ?? String(code)}`;
        if (this.#done.has(workerName(hostname(), String(child.pid))))
          this.failedAfterDone.push(how);
        else this.lost.push(how);
      });
      this.#children.push(child);
    }
  }

  /** The process ids of the workers forked here. */
  get localPids(): number[] {
    return this.#children.flatMap((child) => (child.pid === undefined ? [] : [child.pid]));
  }

  /** Resolves once `count` workers are connected and in step with this clock. */
  async whenReady(count: number, timeoutMs: number): Promise<void> {
    const ready = () => [...this.#workers.values()].filter((worker) => worker.ready).length;
    const deadline = performance.now() + timeoutMs;
    while (ready() < count) {
      if (this.failure) throw new Error(this.failure);
      if (performance.now() > deadline) {
        throw new Error(`${ready()}/${count} user workers ready within ${timeoutMs / 1000} s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Every ready worker: the run starts. */
  start(run: WorkerRun): void {
    for (const worker of this.#ready()) worker.socket.emit("run", run);
  }

  /** Hands `users` out, each to the worker with the fewest so far. */
  assign(users: AssignedUser[]): void {
    const workers = this.#ready();
    if (workers.length === 0) throw new Error("no user worker to give users to");
    const batches = new Map<Worker, AssignedUser[]>();
    for (const user of users) {
      const worker = workers.reduce((least, w) => (w.assigned < least.assigned ? w : least));
      worker.assigned++;
      const batch = batches.get(worker) ?? [];
      batch.push(user);
      batches.set(worker, batch);
    }
    for (const [worker, batch] of batches) worker.socket.emit("users", batch);
  }

  /** The users of these indexes leave now, wherever they are. */
  leave(indexes: number[]): void {
    for (const worker of this.#ready()) worker.socket.emit("leave", indexes);
  }

  /** Every worker's users leave; each then reports its last tick and says done. */
  end(): void {
    for (const worker of this.#workers.values()) worker.socket.emit("end");
  }

  /** Whether every worker that took part has said it is done (or is lost). */
  get finished(): boolean {
    return [...this.#workers.values()].every((worker) => worker.done || !worker.ready);
  }

  /** Workers connected that have not said they are done. */
  get unfinished(): number {
    return [...this.#workers.values()].filter((worker) => !worker.done).length;
  }

  /** Stops the workers this coordinator forked and closes the server. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.end();
    const exits = this.#children
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map((child) => new Promise((resolve) => child.once("exit", resolve)));
    const timer = setTimeout(() => {
      for (const child of this.#children) child.kill("SIGKILL");
    }, 5000);
    await Promise.all(exits);
    clearTimeout(timer);
    await this.#io.close();
  }

  #ready(): Worker[] {
    return [...this.#workers.values()].filter((worker) => worker.ready);
  }
}
