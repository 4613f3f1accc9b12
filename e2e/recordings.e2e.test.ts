import { readFileSync } from "node:fs";
import { Midi } from "@tonejs/midi";

declare global {
  interface Window {
    /** The colour each key of the page was last lit in. */
    __litColors: Record<string, string>;
  }
}
import { describe, expect, it } from "vitest";
import {
  count,
  midi,
  pause,
  recordTake,
  shows,
  signUp,
  text,
  useE2eHarness,
} from "./support/e2eHarness";

describe("recording a take, keeping it, and taking it home as MIDI", () => {
  const harness = useE2eHarness();
  const openStudio = () => harness.openRoom("studio", { samples: false });

  it("lets a guest play but asks them to sign in to record", async () => {
    const page = await openStudio();
    expect(await text(page, ".record")).toContain("Sign in to record");
    await page.context().close();
  });

  it("signs up, records from MIDI, saves, survives a reload, and downloads the .mid", async () => {
    const page = await openStudio();
    await signUp(page, "ada", "correct horse");
    await recordTake(page, async () => {
      await midi(page, [0x90, 60, 100]);
      await pause(200);
      await midi(page, [0x80, 60, 0]);
      await midi(page, [0xb0, 64, 127]);
      await midi(page, [0x92, 64, 80]);
      await pause(150);
      await midi(page, [0x92, 64, 0]);
      await midi(page, [0xb0, 64, 0]);
    });
    await page.getByLabel("Recording name").fill("First take");
    await page.getByRole("button", { name: "Save" }).click();
    await shows(page, ".record [role=status]", 'Saved "First take"');

    await page.reload();
    await shows(page, ".recordings", "First take");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: ".mid" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("First take.mid");
    const file = new Midi(readFileSync(await download.path()));
    const notes = file.tracks.flatMap((track) => track.notes);
    expect(notes.map((note) => [note.midi, Math.round(note.velocity * 127)])).toEqual([
      [60, 100],
      [64, 80],
    ]);
    // The input events' own timestamps: ~200 ms and ~150 ms held.
    expect(notes[0]!.duration * 1000).toBeGreaterThan(150);
    expect(notes[1]!.duration * 1000).toBeGreaterThan(100);
    expect(file.tracks[0]!.controlChanges[64]?.map((cc) => cc.value)).toEqual([1, 0]);
    await page.context().close();
  });

  it("records the whole room, a track per player, and downloads it as a three-track .mid", async () => {
    const open = (name: string) => harness.openRoom("trio", { name, samples: false });
    const ada = await open("Ada");
    await signUp(ada, "ada-trio", "correct horse");
    const bob = await open("Bob");
    const cy = await open("Cy");
    await expect.poll(() => count(ada, "li[data-state=open]"), { timeout: 20_000 }).toBe(2);

    await ada.getByLabel("The whole room").check();
    await recordTake(ada, async () => {
      // Played back, a note due before a page's clock has settled would be dropped as late
      // (three pages on two cores): the take starts with a second of silence.
      await pause(1000);
      for (const [page, note] of [
        [ada, 60],
        [bob, 64],
        [cy, 67],
      ] as const) {
        await midi(page, [0x90, note, 90]);
        await pause(150);
        await midi(page, [0x80, note, 0]);
      }
      await shows(ada, ".record [role=status]", "3 players heard so far");
    });
    await shows(ada, ".record", "Ada, Bob and Cy");
    await ada.getByLabel("Recording name").fill("Trio");
    await ada.getByRole("button", { name: "Save" }).click();
    await shows(ada, ".recordings", "Ada, Bob and Cy");

    const [download] = await Promise.all([
      ada.waitForEvent("download"),
      ada.getByRole("button", { name: ".mid" }).click(),
    ]);
    const file = new Midi(readFileSync(await download.path()));
    expect(file.tracks.map((track) => track.name)).toEqual(["Ada", "Bob", "Cy"]);
    expect(file.tracks.map((track) => track.notes.map((note) => note.midi))).toEqual([
      [60],
      [64],
      [67],
    ]);
    // The room's tempo (the metronome's default, 100 bpm in 4).
    expect(file.header.tempos[0]?.bpm).toBeCloseTo(100, 3);
    expect(file.header.timeSignatures[0]?.timeSignature).toEqual([4, 4]);
    // Played one after another, ~150 ms apart: in that order in the file.
    const starts = file.tracks.map((track) => track.notes[0]!.time);
    expect([...starts].sort((x, y) => x - y)).toEqual(starts);

    // Played back into the room, each player's notes light the keys in their colour.
    await cy.evaluate(() => {
      const lit: Record<string, string> = {};
      window.__litColors = lit;
      new MutationObserver((changes) => {
        for (const { target } of changes) {
          const key = target as HTMLElement;
          if (key.dataset.lit) lit[key.dataset.note!] = getComputedStyle(key).backgroundColor;
        }
      }).observe(document.querySelector(".keyboard")!, { attributes: true, subtree: true });
    });
    // Looped: a page this loaded (three on two cores) may stall past a note and drop it as
    // late; each pass is another chance to see every player's colour.
    await ada.getByRole("button", { name: "⟳ Loop" }).click();
    const dotColor = (page: typeof bob) =>
      page.locator("li[data-self] .dot").evaluate((dot) => getComputedStyle(dot).backgroundColor);
    await expect
      .poll(() => cy.evaluate(() => window.__litColors), { timeout: 20_000 })
      .toEqual({ 60: await dotColor(ada), 64: await dotColor(bob), 67: await dotColor(cy) });
    await ada.getByRole("button", { name: "■ Stop" }).click();
    for (const page of [ada, bob, cy]) await page.context().close();
  });

  it("offers an unsaved take again after a reload", async () => {
    const page = await openStudio();
    await signUp(page, "bea", "battery staple");
    await recordTake(page, async () => {
      await midi(page, [0x90, 67, 90]);
      await pause(100);
      await midi(page, [0x90, 67, 0]);
    });
    await shows(page, ".record", "Kept safe in this browser");

    await page.reload();
    await shows(page, ".record", "waiting to be saved");
    await page.getByLabel("Recording name").fill("Rescued");
    await page.getByRole("button", { name: "Save" }).click();
    await shows(page, ".recordings", "Rescued");
    await page.context().close();
  });

  it("imports a .mid file as a new recording, and refuses one that is not MIDI", async () => {
    const page = await openStudio();
    await signUp(page, "cleo", "pianissimo");
    const file = new Midi();
    file.addTrack().addNote({ midi: 69, time: 0, duration: 0.5, velocity: 0.8 });
    const picker = page.getByLabel("Import a MIDI file");
    await picker.setInputFiles({
      name: "Imported tune.mid",
      mimeType: "audio/midi",
      buffer: Buffer.from(file.toArray()),
    });
    await shows(page, ".recordings", "Imported tune");
    await shows(page, ".record [role=status]", 'Imported "Imported tune"');

    await picker.setInputFiles({
      name: "notes.mid",
      mimeType: "audio/midi",
      buffer: Buffer.from("these are not notes"),
    });
    await shows(page, ".record [role=alert]", "This is not a MIDI file");
    await page.context().close();
  });

  it("shows a recording saved on another page of the account at once, without a reload", async () => {
    const page = await openStudio();
    await signUp(page, "dora", "allegretto");
    // Another tab of the same browser, in another room: signed in to the same account.
    const other = await page.context().newPage();
    await other.goto(`${harness.origin}/r/elsewhere`);
    await shows(other, ".account", "Signed in as dora");
    await shows(other, ".recordings", "Nothing saved yet");

    const file = new Midi();
    file.addTrack().addNote({ midi: 60, time: 0, duration: 0.25, velocity: 0.5 });
    await page.getByLabel("Import a MIDI file").setInputFiles({
      name: "From the other tab.mid",
      mimeType: "audio/midi",
      buffer: Buffer.from(file.toArray()),
    });
    await shows(page, ".recordings", "From the other tab");
    await shows(other, ".recordings", "From the other tab");
    await page.context().close();
  });

  it("shows a recording saved while the page's connection was down, once it is back", async () => {
    const page = await openStudio();
    await signUp(page, "emil", "adagietto");
    await shows(page, ".recordings", "Nothing saved yet");
    const [socket] = [...harness.server.io.of("/").sockets.values()].filter(
      (each) => each.data.room === "studio" && each.data.account?.username === "emil",
    );
    // The connection drops, and a save made meanwhile is told to nobody (straight into
    // the store): only the page's own word on its reconnection can bring it.
    socket!.conn.close();
    await harness.server.backend.recordings.save(socket!.data.account!.id, {
      name: "While away",
      startTime: Date.now(),
      endTime: Date.now() + 100,
      events: [],
    });
    await shows(page, ".recordings", "While away");
    await page.context().close();
  });
});
