/**
 * One process of virtual users: connects to the load test's coordinator (`--coordinator
 * <url>`, on this machine or another), keeps an estimate of its clock, and plays the users
 * it is given, each from its `joinAt` to its `leaveAt`, reporting a tick at the end of
 * every second of the run. Says `done` once its last user has left, or when told to end.
 */
import { hostname } from "node:os";
import { parseArgs } from "node:util";
import { io, type Socket } from "socket.io-client";
import { Agent } from "undici";
import { seededChance } from "../scenario/scenarioPlan";
import { TickRecorder } from "../scenario/tickRecorder";
import { UserHttp } from "../users/userHttp";
import { VirtualUser, type UserContext } from "../users/virtualUser";
import { WorkerClock } from "./workerClock";
import type {
  AssignedUser,
  CoordinatorToWorker,
  WorkerRun,
  WorkerToCoordinator,
} from "./workerProtocol";

const { values } = parseArgs({
  options: {
    coordinator: { type: "string" },
    // Forked by the coordinator: its CLOCK_MONOTONIC is this process's.
    "same-machine": { type: "boolean", default: false },
  },
});
if (!values.coordinator) {
  console.error("userWorker: --coordinator <url> is required");
  process.exit(2);
}
/** A test shifts this process's clock, as another machine's would be. */
const skewMs = Number(process.env.NICEPIANO_LOADTEST_CLOCK_SKEW_MS ?? 0);

const socket: Socket<CoordinatorToWorker, WorkerToCoordinator> = io(values.coordinator, {
  transports: ["websocket"],
  reconnection: false,
  query: { host: hostname(), pid: String(process.pid) },
});
const clock = new WorkerClock(() => socket.timeout(5000).emitWithAck("time"), {
  sameMachine: values["same-machine"],
  skewMs,
});
const recorder = new TickRecorder();
const live = new Set<VirtualUser>();
/** Every user given and not yet gone, by index. */
const given = new Map<number, VirtualUser>();
const timers = new Set<NodeJS.Timeout>();
let run: WorkerRun | undefined;
let context: UserContext | undefined;
let agent: Agent | undefined;
let pending = 0;
let lastLeaveAt = 0;
let ending = false;

const later = (at: number, action: () => void) => {
  const timer = setTimeout(() => {
    timers.delete(timer);
    action();
  }, clock.until(at));
  timers.add(timer);
};

function play(user: AssignedUser, { startAt, seed }: WorkerRun, shared: UserContext): void {
  const virtual = new VirtualUser(shared, user, seededChance(seed * 1_000_003 + user.index));
  pending++;
  given.set(user.index, virtual);
  later(startAt + user.joinAt * 1000, () => {
    if (!given.has(user.index)) return;
    live.add(virtual);
    void virtual.start();
  });
  if (user.leaveAt === null) return;
  lastLeaveAt = Math.max(lastLeaveAt, user.leaveAt);
  later(startAt + user.leaveAt * 1000, () => leave(user.index));
}

function leave(index: number): void {
  const virtual = given.get(index);
  if (!virtual) return;
  given.delete(index);
  virtual.stop();
  live.delete(virtual);
  pending--;
}

/** Ticks at the end of each second of the run, on the coordinator's clock. */
function tickFrom(second: number, startAt: number): void {
  later(startAt + (second + 1) * 1000, () => {
    const connected = [...live].filter((user) => user.inRoom).length;
    socket.emit("tick", recorder.take(second, connected));
    // Everyone given has come and gone: the worker's part is over.
    if (ending || (pending === 0 && second > lastLeaveAt)) return finish();
    tickFrom(second + 1, startAt);
  });
}

function finish(): void {
  for (const timer of timers) clearTimeout(timer);
  // Its last tick is sent: done, before the peer connections close (Node's WebRTC stack
  // has been seen to crash closing hundreds at once).
  socket.emit("done");
  for (const user of live) user.stop();
  live.clear();
  clock.stop();
  recorder.stop();
  void agent?.close();
  // Let `done` leave before the process does.
  setTimeout(() => process.exit(0), 200);
}

socket.on("run", (given) => {
  run = given;
  agent = new Agent({ connections: 64, ...(given.ca ? { connect: { ca: given.ca } } : {}) });
  context = { run: given, recorder, clock, http: new UserHttp(agent) };
  tickFrom(0, given.startAt);
});
socket.on("users", (users) => {
  if (!run || !context) return void socket.emit("failed", "users before the run");
  for (const user of users) play(user, run, { ...context, http: new UserHttp(agent!) });
});
socket.on("leave", (indexes) => {
  for (const index of indexes) leave(index);
});
socket.on("end", () => {
  ending = true;
  if (!run) finish();
});
socket.on("disconnect", () => process.exit(ending ? 0 : 1));
socket.on("connect_error", (error) => {
  console.error(
    `userWorker: cannot reach the coordinator at ${values.coordinator}: ${error.message}`,
  );
  process.exit(1);
});
socket.once("connect", () => {
  clock.start().then(
    () => socket.emit("ready"),
    (error: unknown) => socket.emit("failed", `clock: ${String(error)}`),
  );
});
process.on("uncaughtException", (error) => {
  socket.emit("failed", String(error.stack ?? error));
  setTimeout(() => process.exit(1), 200);
});
