/**
 * One peer of `bench:clock`, in a process of its own, reading a clock `skew` ms off this
 * machine's: joins the room given in argv and, every 100 ms, prints the error of its room
 * clock (its estimated offset, less the skew it does not know about), one number a line.
 */
import { localNow } from "@nicepiano/client/room";
import { startVirtualMusician } from "../virtualMusician";

const [url, room, name, skewText] = process.argv.slice(2) as [string, string, string, string];
const skew = Number(skewText);
const musician = await startVirtualMusician(url, room, name, {
  localClock: () => localNow() + skew,
});
setInterval(() => {
  process.stdout.write(`${JSON.stringify(musician.session.clock.offsetMs + skew)}\n`);
}, 100);
