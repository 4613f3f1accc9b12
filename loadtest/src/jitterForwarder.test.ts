import { createSocket } from "node:dgram";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { startJitterForwarder, type JitterForwarder } from "./jitterForwarder";

describe("the jitter forwarder (real UDP on loopback)", () => {
  const closers: (() => void)[] = [];
  afterEach(() => {
    for (const close of closers.splice(0)) close();
  });

  /** An echo server behind a forwarder whose delay is `delays` in turn. */
  const echoBehindForwarder = async (delays: number[]): Promise<JitterForwarder> => {
    const echo = createSocket("udp4");
    echo.on("message", (packet, from) => echo.send(packet, from.port, from.address));
    echo.bind(0, "127.0.0.1");
    await once(echo, "listening");
    closers.push(() => echo.close());
    let next = 0;
    const forwarder = await startJitterForwarder({
      host: "127.0.0.1",
      target: { host: "127.0.0.1", port: echo.address().port },
      maxDelayMs: 40,
      random: () => delays[next++ % delays.length]!,
    });
    closers.push(() => forwarder.close());
    return forwarder;
  };

  it("holds each packet back by its own delay, so later ones may overtake", async () => {
    const forwarder = await echoBehindForwarder([1, 0]); // 40 ms, then 0 ms
    const client = createSocket("udp4");
    closers.push(() => client.close());
    const answers: string[] = [];
    client.on("message", (packet) => answers.push(packet.toString()));
    const started = performance.now();
    client.send("first", forwarder.port, "127.0.0.1");
    client.send("second", forwarder.port, "127.0.0.1");
    await expect.poll(() => answers.length).toBe(2);
    expect(answers).toEqual(["second", "first"]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(39);
    expect(forwarder.forwarded).toBe(2);
  });

  it("gives each client its own way to the target", async () => {
    const forwarder = await echoBehindForwarder([0]);
    const clients = [createSocket("udp4"), createSocket("udp4")];
    const heard = clients.map(() => [] as string[]);
    for (const [i, client] of clients.entries()) {
      closers.push(() => client.close());
      client.on("message", (packet) => heard[i]!.push(packet.toString()));
      client.send(`from ${i}`, forwarder.port, "127.0.0.1");
    }
    await expect.poll(() => heard.map((h) => h.length)).toEqual([1, 1]);
    expect(heard).toEqual([["from 0"], ["from 1"]]);
  });
});
