import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PeerMessageType, type RecordedEvent, type RecordingDraft } from "@nicepiano/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { draft } from "./contracts/recordingStoreContract";
import { apiClient } from "./support/apiClient";
import { LOAD_TOOL_ENV } from "./support/realServices";
import { startServerProcess, type ServerProcess } from "./support/serverProcess";

/** Take `i`: `length` notes, the first of which says which take it is. */
function take(i: number, length: number): RecordingDraft {
  const events: RecordedEvent[] = Array.from({ length }, (_, n) => [
    n * 10,
    n % 2 === 0 ? PeerMessageType.NoteOn : PeerMessageType.NoteOff,
    21 + ((i + n) % 88),
    n % 2 === 0 ? 64 : 0,
  ]);
  return draft(`take ${i}`, events);
}

describe("the embedded store killed with SIGKILL during a burst of saves", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "np-crash-"));
  let server: ServerProcess | undefined;
  const api = apiClient(() => server!.url);
  afterEach(async () => {
    await server?.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps every acknowledged recording whole, and serves nothing half-written", async () => {
    // Saves all come from loopback: the address-wide limit would slow the burst.
    const env = { ...LOAD_TOOL_ENV, DATA_DIR: dataDir };
    server = await startServerProcess(env);
    const { token } = (
      await api("/auth/signup", { body: { username: "ada", password: "correct horse" } })
    ).body;

    const sent = new Map<string, RecordingDraft>();
    const acknowledged = new Map<string, RecordingDraft>(); // by id
    let failed = 0;
    let stop = false;
    // Eight saves in flight at a time, of 50 to 2,000 notes, until the kill.
    const saver = async (lane: number) => {
      for (let i = lane; !stop; i += 8) {
        const recording = take(i, 50 + ((i * 397) % 1950));
        sent.set(recording.name, recording);
        try {
          const answer = await api("/recordings", { token, body: recording });
          if (answer.status === 201) acknowledged.set(answer.body.recording!.id, recording);
        } catch {
          failed++; // the connection died with the server
        }
      }
    };
    const lanes = Array.from({ length: 8 }, (_, lane) => saver(lane));
    while (acknowledged.size < 60) await new Promise((resolve) => setTimeout(resolve, 5));
    await server.kill("SIGKILL");
    stop = true;
    await Promise.all(lanes);
    expect(failed).toBeGreaterThan(0); // some saves were cut off mid-flight

    server = await startServerProcess(env);
    const listed = (await api("/recordings", { token })).body.recordings!;
    const listedIds = new Set(listed.map((recording) => recording.id));
    for (const id of acknowledged.keys()) expect(listedIds.has(id), id).toBe(true);
    // Everything there, acknowledged or committed just before the kill, is a whole take.
    for (const { id, name } of listed) {
      const { status, body } = await api(`/recordings/${id}`, { token });
      expect(status).toBe(200);
      const original = acknowledged.get(id) ?? sent.get(name)!;
      expect(body.recording).toMatchObject({ name: original.name, events: original.events });
    }
    expect(listed.length).toBeGreaterThanOrEqual(acknowledged.size);
  });
});
