import {
  PeerMessageType,
  RECORDING_LIMITS,
  type RecordedEvent,
  type RecordingDraft,
} from "@nicepiano/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RecordingStore } from "../../src/recordings/recordingStore";

export interface StoreHarness {
  store: RecordingStore;
  /** A second store on the same data, as after a restart. */
  reopen(): Promise<RecordingStore>;
  cleanup(): Promise<void>;
}

export function draft(name: string, events: RecordedEvent[] = []): RecordingDraft {
  const startTime = 1_764_000_000_000;
  const last = events.at(-1)?.[0] ?? 0;
  return { name, startTime, endTime: startTime + last + 100, events };
}

export const SCALE: RecordedEvent[] = [60, 62, 64, 65, 67].flatMap((note, i) => [
  [i * 250, PeerMessageType.NoteOn, note, 80 + i] as RecordedEvent,
  [i * 250 + 200, PeerMessageType.NoteOff, note, 0] as RecordedEvent,
]);

/** Three players, one note each, their events interleaved in time. */
export const ROOM_TAKE: RecordedEvent[] = [
  [0, PeerMessageType.NoteOn, 60, 90],
  [10, PeerMessageType.NoteOn, 64, 80, 1],
  [20, PeerMessageType.NoteOn, 67, 70, 2],
  [300, PeerMessageType.NoteOff, 64, 0, 1],
  [310, PeerMessageType.NoteOff, 60, 0],
  [320, PeerMessageType.NoteOff, 67, 0, 2],
];

/**
 * What every recording store must do, whatever it keeps its data in. Run by each back
 * end's test file with a harness that makes a fresh, empty store.
 */
export function describeRecordingStoreContract(name: string, open: () => Promise<StoreHarness>) {
  describe(`recording store contract: ${name}`, () => {
    let harness: StoreHarness;
    let store: RecordingStore;
    beforeEach(async () => {
      harness = await open();
      store = harness.store;
    });
    afterEach(() => harness.cleanup());

    it("saves a take and gives it back event for event", async () => {
      const withPedal: RecordedEvent[] = [...SCALE, [1300, PeerMessageType.Pedal, 1, 0]];
      const saved = await store.save("ada", draft("Scale", withPedal));
      expect(saved).toMatchObject({ owner: "ada", name: "Scale", eventCount: 11 });
      expect(saved.id).toEqual(expect.any(String));
      expect(await store.get("ada", saved.id)).toEqual({ ...saved, events: withPedal });
    });

    it("counts an owner's list version up with each save, rename and delete of theirs", async () => {
      expect(await store.listVersion("ada")).toBe(0);
      const saved = await store.save("ada", draft("Scale", SCALE));
      const afterSave = await store.listVersion("ada");
      expect(afterSave).toBeGreaterThan(0);
      await store.rename("ada", saved.id, "Scale, renamed");
      const afterRename = await store.listVersion("ada");
      expect(afterRename).toBeGreaterThan(afterSave);
      // Nothing changed: neither another's rename, nor a delete of what is not there.
      expect(await store.rename("bob", saved.id, "mine")).toBeNull();
      expect(await store.delete("ada", "no-such-id")).toBe(false);
      expect(await store.listVersion("ada")).toBe(afterRename);
      await store.save("bob", draft("Bob's"));
      expect(await store.listVersion("ada")).toBe(afterRename);
      expect(await store.delete("ada", saved.id)).toBe(true);
      expect(await store.listVersion("ada")).toBeGreaterThan(afterRename);
    });

    it("says whether the owner has a recording, and nobody else", async () => {
      const saved = await store.save("ada", draft("Scale", SCALE));
      expect(await store.has("ada", saved.id)).toBe(true);
      expect(await store.has("bob", saved.id)).toBe(false);
      expect(await store.has("ada", "no-such-id")).toBe(false);
      expect(await store.has("ada", "a/b")).toBe(false);
      await store.delete("ada", saved.id);
      expect(await store.has("ada", saved.id)).toBe(false);
    });

    it("lists only the owner's recordings, newest first, without their events", async () => {
      const first = await store.save("ada", draft("first", SCALE));
      const second = await store.save("ada", draft("second"));
      await store.save("bob", draft("bob's"));
      const listed = await store.list("ada");
      expect(listed).toEqual([second, first]);
      expect(listed[0]).not.toHaveProperty("events");
      expect(await store.list("nobody")).toEqual([]);
    });

    it("renames and deletes, for the owner only", async () => {
      const saved = await store.save("ada", draft("old"));
      expect(await store.rename("bob", saved.id, "stolen")).toBeNull();
      expect(await store.delete("bob", saved.id)).toBe(false);
      expect(await store.get("bob", saved.id)).toBeNull();
      expect((await store.get("ada", saved.id))?.name).toBe("old");

      expect(await store.rename("ada", saved.id, "new")).toEqual({ ...saved, name: "new" });
      expect(await store.delete("ada", saved.id)).toBe(true);
      expect(await store.get("ada", saved.id)).toBeNull();
      expect(await store.delete("ada", saved.id)).toBe(false);
      expect(await store.rename("ada", "no-such-id", "x")).toBeNull();
    });

    it("keeps what it acknowledged across a restart", async () => {
      const saved = await store.save("ada", draft("kept", SCALE));
      const reopened = await harness.reopen();
      expect(await reopened.get("ada", saved.id)).toEqual({ ...saved, events: SCALE });
    });

    it("keeps a room recording's players and tempo, listed and after a restart", async () => {
      const room: RecordingDraft = {
        ...draft("Trio", ROOM_TAKE),
        tracks: [
          { name: "Ada", color: "#e6194b" },
          { name: "Bob", color: "#3cb44b" },
          { name: "Cy", color: "#4363d8" },
        ],
        tempo: { bpm: 96, beatsPerBar: 3, downbeatMs: 125.5 },
      };
      const saved = await store.save("ada", room);
      const { name, startTime, endTime, tracks, tempo } = room;
      expect(saved).toMatchObject({ name, startTime, endTime, tracks, tempo, eventCount: 6 });
      expect(await store.list("ada")).toEqual([saved]);
      expect(await store.get("ada", saved.id)).toEqual({ ...saved, events: ROOM_TAKE });
      expect(await store.rename("ada", saved.id, "Trio 2")).toEqual({ ...saved, name: "Trio 2" });
      const reopened = await harness.reopen();
      expect((await reopened.get("ada", saved.id))?.tracks).toEqual(tracks);
    });

    it("holds a recording at the size limit", async () => {
      const events: RecordedEvent[] = Array.from({ length: RECORDING_LIMITS.events }, (_, i) => [
        i * 10,
        i % 2 === 0 ? PeerMessageType.NoteOn : PeerMessageType.NoteOff,
        21 + (i % 88),
        i % 2 === 0 ? 1 + (i % 127) : 0,
      ]);
      const saved = await store.save("ada", draft("long", events));
      expect((await store.get("ada", saved.id))?.events).toEqual(events);
    });

    it("answers a readiness ping", async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
