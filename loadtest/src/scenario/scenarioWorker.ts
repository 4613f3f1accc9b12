/**
 * One process of virtual users (see scenarioRun.ts): starts each user at its planned
 * time, stops it at its planned time, and reports a tick at the end of every second of
 * the plan. Says "done" once its last user has left.
 */
import { monotonicMs } from "../bench/benchPeerMessages";
import type { WorkerOrders, WorkerReport } from "./scenarioMessages";
import { seededChance } from "./scenarioPlan";
import { ScenarioUser } from "./scenarioUser";
import { TickRecorder } from "./tickRecorder";

const report = (message: WorkerReport) => process.send?.(message);

function run(orders: WorkerOrders): void {
  const recorder = new TickRecorder();
  const live = new Set<ScenarioUser>();
  const at = (second: number) => Math.max(0, orders.startAt + second * 1000 - monotonicMs());
  const lastLeave = Math.max(...orders.users.map((user) => user.leaveAt));
  for (const planned of orders.users) {
    const user = new ScenarioUser(
      orders,
      planned,
      recorder,
      seededChance(orders.seed * 1_000_003 + planned.index),
    );
    setTimeout(() => {
      live.add(user);
      void user.start();
    }, at(planned.joinAt));
    setTimeout(() => {
      user.stop();
      live.delete(user);
    }, at(planned.leaveAt));
  }
  // Ticks at the end of each second of the plan, on the shared clock.
  let second = 0;
  const nextTick = () => {
    setTimeout(
      () => {
        const connected = [...live].filter((user) => user.inRoom).length;
        report(recorder.take(second, connected));
        second++;
        if (second > lastLeave + 1) report({ type: "done" });
        else nextTick();
      },
      at(second + 1),
    );
  };
  nextTick();
}

process.once("message", (orders: WorkerOrders) => {
  try {
    run(orders);
  } catch (error) {
    report({ type: "failed", message: String(error) });
  }
});
process.on("disconnect", () => process.exit(0));
report({ type: "ready" });
