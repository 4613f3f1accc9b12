import { describe, expect, it } from "vitest";
import { FLAGS, helpText, parseScenarioArgs, UsageError } from "./scenarioOptions";

describe("parseScenarioArgs", () => {
  it("defaults to the original validation, in both modes, on one spawned instance", () => {
    expect(parseScenarioArgs([])).toEqual({
      modes: ["p2p", "relay"],
      users: 175,
      rooms: 10,
      roomLimit: 18,
      rampUsers: 5,
      rampEverySeconds: 10,
      holdSeconds: 600,
      eventEveryMs: 500,
      noteShare: 0.9,
      reconnectChance: 0.01,
      timeScale: 1,
      url: null,
      instances: 1,
      haproxy: false,
      processes: 8,
      remoteWorkers: 0,
      listen: { host: "127.0.0.1", port: 0 },
      webrtcRooms: 2,
      latePingSlackMs: 500,
      seed: 1,
      out: "loadtest-report",
      profile: null,
    });
  });

  it("takes every flag", () => {
    const options = parseScenarioArgs(
      "--mode relay --users 20 --rooms 2 --room-limit 10 --ramp-users 2 --ramp-every 5 --hold 30 --event-every 250 --note-share 1 --reconnect-chance 0 --time-scale 5 --instances 3 --haproxy --processes 4 --remote-workers 2 --listen 0.0.0.0:7070 --webrtc-rooms 1 --late-ping 800 --seed 9 --out x --profile p".split(
        " ",
      ),
    );
    expect(options).toMatchObject({
      modes: ["relay"],
      users: 20,
      roomLimit: 10,
      holdSeconds: 30,
      eventEveryMs: 250,
      noteShare: 1,
      reconnectChance: 0,
      timeScale: 5,
      instances: 3,
      haproxy: true,
      processes: 4,
      remoteWorkers: 2,
      listen: { host: "0.0.0.0", port: 7070 },
      webrtcRooms: 1,
      latePingSlackMs: 800,
      seed: 9,
      out: "x",
      profile: "p",
    });
  });

  it.each([
    [["--mode", "mesh"], "--mode is p2p, relay or both"],
    [["--users", "0"], "--users is a number above 0"],
    [["--users", "2.5"], "--users is a whole number"],
    [["--note-share", "1.5"], "--note-share is between 0 and 1"],
    [["--users", "200"], "200 users do not fit in 10 rooms of 18"],
    [["--url", "http://127.0.0.1:8080", "--instances", "2"], "--url targets a running server"],
    [["--url", "http://127.0.0.1:8080", "--profile", "p"], "--url targets a running server"],
    [["--colour", "red"], "Unknown option '--colour'"],
    [["--listen", "7070"], "--listen is host:port"],
    [["--processes", "0"], "no user workers"],
  ])("refuses %j with a clear message", (args, message) => {
    expect(() => parseScenarioArgs(args)).toThrow(UsageError);
    expect(() => parseScenarioArgs(args)).toThrow(message);
  });

  it("documents every flag in --help", () => {
    expect(parseScenarioArgs(["--help"])).toBeNull();
    for (const flag of FLAGS) expect(helpText()).toContain(`--${flag.name}`);
  });
});
