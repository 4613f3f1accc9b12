import { describe, expect, it } from "vitest";
import { FallingNotes } from "./fallingNotes";
import { keySpan } from "./keyLayout";

describe("the falling-notes view", () => {
  it("lines its bars up with the keys: 52 white keys, black ones over their gaps", () => {
    expect(keySpan(21)).toEqual({ left: 0, width: 1 / 52 }); // A0
    expect(keySpan(108).left).toBeCloseTo(51 / 52); // C8, the last white key
    const aSharp0 = keySpan(22);
    expect(aSharp0.left + aSharp0.width / 2).toBeCloseTo(1 / 52); // between A0 and B0
    expect(aSharp0.width).toBeLessThan(1 / 52);
  });

  it("shows a note from when it sounds, falling as long as it was held, then forgets it", () => {
    const view = new FallingNotes(4000);
    view.press("ada", 60, "#e6194b", 1000);
    view.press("bob", 64, "#3cb44b", 1500); // scheduled: sounds at 1500
    expect(view.visible(1200).map(({ bar }) => bar.note)).toEqual([60]);

    view.release("ada", 60, 2000);
    const [ada, bob] = view.visible(3000);
    // Held from 1000 to 2000: at 3000 its top has fallen a quarter, its bottom half way.
    expect(ada?.box).toMatchObject({ top: 0.25, bottom: 0.5 });
    expect(ada?.bar.color).toBe("#e6194b");
    // Still held: it hangs from the top.
    expect(bob?.box).toMatchObject({ top: 0, bottom: 0.375 });

    expect(view.visible(6100).map(({ bar }) => bar.note)).toEqual([64]);
    expect(view.size).toBe(1);
  });

  it("keeps each player's notes apart, and a flood from growing it without end", () => {
    const view = new FallingNotes(4000);
    view.press("ada", 60, "#e6194b", 0);
    view.press("bob", 60, "#3cb44b", 10);
    view.release("ada", 60, 100);
    const [ada, bob] = view.visible(200);
    expect(ada?.bar.end).toBe(100);
    expect(bob?.bar.end).toBeUndefined();
    for (let i = 0; i < 5000; i++) view.press("flood", 21 + (i % 88), "#000075", i);
    expect(view.size).toBe(2000);
  });
});
