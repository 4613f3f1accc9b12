/**
 * Recording store latency: save and list, p50/p99 over 1,000 operations each, through
 * the store interface the server uses: on a SQLite file in a fresh folder, then on Firestore
 * through firebase-admin and the `@firestore-emulator/server` emulator on loopback (an
 * in-memory stand-in: it tells what our side costs, not what Google's servers take).
 *
 *   npm run bench:store [-- --ops 1000 --events 500]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PeerMessageType, type RecordedEvent } from "@nicepiano/protocol";
import { createEmbeddedBackend, createFirebaseBackend, type Backend } from "@nicepiano/signaling";
import { startFirebaseEmulators } from "@nicepiano/signaling/testing";
import { formatSummary, summarize } from "../stats";
import { helpWhenAsked } from "./benchHelp";

helpWhenAsked(import.meta.url);

const { values } = parseArgs({
  options: {
    ops: { type: "string", default: "1000" },
    events: { type: "string", default: "500" },
  },
});
const OPS = Number(values.ops);
const EVENTS = Number(values.events);

/** A take of `EVENTS` events: a minute of steady playing is a few hundred. */
const events: RecordedEvent[] = Array.from({ length: EVENTS }, (_, i) => [
  i * 50,
  i % 2 === 0 ? PeerMessageType.NoteOn : PeerMessageType.NoteOff,
  21 + ((i >> 1) % 88),
  i % 2 === 0 ? 80 : 0,
]);

async function measure(backend: Backend, label: string): Promise<void> {
  const owners = Array.from({ length: 10 }, (_, i) => `player-${i}`);
  const saves: number[] = [];
  const lists: number[] = [];
  for (let i = 0; i < OPS; i++) {
    const owner = owners[i % owners.length]!;
    let started = performance.now();
    await backend.recordings.save(owner, {
      name: `take ${i}`,
      startTime: 1_764_000_000_000 + i,
      endTime: 1_764_000_000_000 + i + EVENTS * 50,
      events,
    });
    saves.push(performance.now() - started);
    started = performance.now();
    await backend.recordings.list(owner);
    lists.push(performance.now() - started);
  }
  console.log(`${label} save: ${formatSummary(summarize(saves))}`);
  console.log(
    `${label} list: ${formatSummary(summarize(lists))} (up to ${OPS / owners.length} per owner)`,
  );
}

const dir = mkdtempSync(join(tmpdir(), "np-bench-store-"));
try {
  console.log(
    `Recording store: ${OPS} saves of ${EVENTS}-event takes and ${OPS} lists, 10 owners.`,
  );
  const sqlite = createEmbeddedBackend({ dataDir: dir });
  await measure(sqlite, "SQLite (WAL, synchronous=FULL)");
  await sqlite.close();

  const emulators = await startFirebaseEmulators();
  const firebase = createFirebaseBackend(emulators.settings);
  await measure(firebase, "Firestore (firebase-admin, emulator)");
  await firebase.close();
  await emulators.stop();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
