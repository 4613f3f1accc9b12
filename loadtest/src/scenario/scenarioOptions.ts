import { parseArgs } from "node:util";

/** How notes travel: NicePiano's mesh, or through the server as the original design did. */
export type Mode = "p2p" | "relay";

export interface ScenarioOptions {
  modes: Mode[];
  users: number;
  rooms: number;
  /** Users a room takes; spawned servers are started with this MAX_ROOM_MEMBERS. */
  roomLimit: number;
  rampUsers: number;
  rampEverySeconds: number;
  holdSeconds: number;
  eventEveryMs: number;
  /** Share of events that are notes; the rest are recording requests. */
  noteShare: number;
  /** Chance each second that a user disconnects and reconnects at once. */
  reconnectChance: number;
  /** Divides ramp step and hold (not the event rate): 10 runs the timeline 10 times faster. */
  timeScale: number;
  /** Target one running server (its /metrics gives CPU and RSS); null: spawn them. */
  url: string | null;
  instances: number;
  haproxy: boolean;
  /** User workers forked on this machine. */
  processes: number;
  /** User workers to wait for from other machines (`npm run loadtest:worker`). */
  remoteWorkers: number;
  /** Where the coordinator listens for user workers. */
  listen: { host: string; port: number };
  /** Rooms whose users run real WebRTC in p2p mode; the others only signal. */
  webrtcRooms: number;
  /** A latency ping arriving this long after it was due is late, ms. */
  latePingSlackMs: number;
  seed: number;
  /** Folder for report.json and report.html. */
  out: string;
  /** Folder for the spawned instances' V8 CPU profiles; null: none. */
  profile: string | null;
}

export class UsageError extends Error {
  override name = "UsageError";
}

interface Flag {
  name: string;
  value: string;
  help: string;
  /** Default as typed on the command line. */
  default: string;
}

/** Every flag, in the order `--help` lists them. */
export const FLAGS: readonly Flag[] = [
  { name: "mode", value: "p2p|relay|both", default: "both", help: "how notes travel" },
  { name: "users", value: "n", default: "175", help: "virtual users at full load" },
  { name: "rooms", value: "n", default: "10", help: "rooms they join at random" },
  {
    name: "room-limit",
    value: "n",
    default: "18",
    help: "users per room at most (a full room is not chosen); spawned servers get it as MAX_ROOM_MEMBERS",
  },
  { name: "ramp-users", value: "n", default: "5", help: "users joining (and leaving) per step" },
  { name: "ramp-every", value: "s", default: "10", help: "seconds between two ramp steps" },
  { name: "hold", value: "s", default: "600", help: "seconds at full load" },
  { name: "event-every", value: "ms", default: "500", help: "one event per user this often" },
  {
    name: "note-share",
    value: "0..1",
    default: "0.9",
    help: "events that are notes; the rest list or fetch a recording",
  },
  {
    name: "reconnect-chance",
    value: "0..1",
    default: "0.01",
    help: "each user, each second: disconnect and reconnect at once",
  },
  {
    name: "time-scale",
    value: "x",
    default: "1",
    help: "compress the timeline: ramp steps and hold are divided by it (the event rate is not)",
  },
  { name: "url", value: "url", default: "", help: "target one running server instead of spawning" },
  {
    name: "instances",
    value: "n",
    default: "1",
    help: "signaling instances to spawn (more than 1: with Redis)",
  },
  {
    name: "haproxy",
    value: "",
    default: "false",
    help: "put haproxy (deploy/haproxy.cfg) in front of the instances",
  },
  { name: "processes", value: "n", default: "8", help: "user workers (processes) on this machine" },
  {
    name: "remote-workers",
    value: "n",
    default: "0",
    help: "user workers from other machines to wait for (each started with `npm run loadtest:worker -- --coordinator <url>`)",
  },
  {
    name: "listen",
    value: "host:port",
    default: "127.0.0.1:0",
    help: "where the coordinator listens for user workers (0.0.0.0:7070 to take them from other machines)",
  },
  {
    name: "webrtc-rooms",
    value: "n",
    default: "2",
    help: "p2p: rooms whose users play on real WebRTC (Node's stack); the others' peer connections only signal",
  },
  {
    name: "late-ping",
    value: "ms",
    default: "500",
    help: "a latency ping arriving this long after it was due (the one before says when) counts as late",
  },
  {
    name: "seed",
    value: "n",
    default: "1",
    help: "seed of the random choices (rooms, events, reconnects)",
  },
  {
    name: "out",
    value: "dir",
    default: "loadtest-report",
    help: "where report.json and report.html go",
  },
  {
    name: "profile",
    value: "dir",
    default: "",
    help: "write each spawned instance's CPU profile (.cpuprofile, for Chrome DevTools) here",
  },
];

export function helpText(): string {
  const lines = FLAGS.map((flag) => {
    const left = `  --${flag.name}${flag.value ? ` <${flag.value}>` : ""}`;
    return `${left.padEnd(34)}${flag.help} (default: ${flag.default})`;
  });
  return [
    "NicePiano load test: the original validation (ramp up, hold, ramp down), peer to peer",
    "and through a relay, with a JSON and an HTML report.",
    "",
    "  npm run loadtest -- [flags]",
    "",
    ...lines,
    "  --help                          this text",
  ].join("\n");
}

/** Parses the command line; null when `--help` was asked for. */
export function parseScenarioArgs(args: string[]): ScenarioOptions | null {
  const options = Object.fromEntries(
    FLAGS.map((flag) => [
      flag.name,
      flag.name === "haproxy"
        ? { type: "boolean" as const, default: false }
        : { type: "string" as const, default: flag.default },
    ]),
  );
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args, options: { ...options, help: { type: "boolean" } } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return null;
  const text = (name: string) => String(values[name]);
  const mode = text("mode");
  if (mode !== "p2p" && mode !== "relay" && mode !== "both") {
    throw new UsageError(`--mode is p2p, relay or both, not "${mode}"`);
  }
  const parsed: ScenarioOptions = {
    modes: mode === "both" ? ["p2p", "relay"] : [mode],
    users: count(text("users"), "users"),
    rooms: count(text("rooms"), "rooms"),
    roomLimit: count(text("room-limit"), "room-limit"),
    rampUsers: count(text("ramp-users"), "ramp-users"),
    rampEverySeconds: positive(text("ramp-every"), "ramp-every"),
    holdSeconds: positive(text("hold"), "hold"),
    eventEveryMs: positive(text("event-every"), "event-every"),
    noteShare: share(text("note-share"), "note-share"),
    reconnectChance: share(text("reconnect-chance"), "reconnect-chance"),
    timeScale: positive(text("time-scale"), "time-scale"),
    url: text("url") || null,
    instances: count(text("instances"), "instances"),
    haproxy: values.haproxy === true,
    processes: whole(text("processes"), "processes"),
    remoteWorkers: whole(text("remote-workers"), "remote-workers"),
    listen: address(text("listen")),
    webrtcRooms: whole(text("webrtc-rooms"), "webrtc-rooms"),
    latePingSlackMs: positive(text("late-ping"), "late-ping"),
    seed: count(text("seed"), "seed"),
    out: text("out"),
    profile: text("profile") || null,
  };
  if (parsed.users > parsed.rooms * parsed.roomLimit) {
    throw new UsageError(
      `${parsed.users} users do not fit in ${parsed.rooms} rooms of ${parsed.roomLimit}`,
    );
  }
  if (parsed.processes + parsed.remoteWorkers === 0) {
    throw new UsageError("no user workers: give --processes or --remote-workers");
  }
  if (parsed.url && (parsed.instances > 1 || parsed.haproxy || parsed.profile)) {
    throw new UsageError(
      "--url targets a running server: --instances, --haproxy and --profile are for spawned ones",
    );
  }
  return parsed;
}

function positive(raw: string, name: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`--${name} is a number above 0, not "${raw}"`);
  }
  return value;
}

function count(raw: string, name: string): number {
  const value = positive(raw, name);
  if (!Number.isInteger(value)) throw new UsageError(`--${name} is a whole number, not "${raw}"`);
  return value;
}

/** A count that may be 0. */
function whole(raw: string, name: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new UsageError(`--${name} is a whole number, not "${raw}"`);
  }
  return value;
}

function address(raw: string): { host: string; port: number } {
  const match = /^(.+):(\d+)$/.exec(raw);
  const port = Number(match?.[2]);
  if (!match || port > 65535) throw new UsageError(`--listen is host:port, not "${raw}"`);
  return { host: match[1]!.replace(/^\[(.*)\]$/, "$1"), port };
}

function share(raw: string, name: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new UsageError(`--${name} is between 0 and 1, not "${raw}"`);
  }
  return value;
}
