import type { SignalingServer } from "../types";
import type { Cluster, ClusterSocket } from "./cluster";

/** One instance on its own: nobody else to tell or ask, every socket is here. */
export class LocalCluster implements Cluster {
  readonly kind = "standalone";
  readonly connected = true;
  readonly cuts = 0;
  readonly #io: SignalingServer;

  constructor(io: SignalingServer) {
    this.#io = io;
  }

  tell(): boolean {
    return false;
  }

  hear(): void {}

  askRoomRecords(): Promise<[]> {
    return Promise.resolve([]);
  }

  askRosters(): Promise<[]> {
    return Promise.resolve([]);
  }

  async socketsIn(room: string): Promise<ClusterSocket[]> {
    return await this.#io.local.in(room).fetchSockets();
  }

  emitElsewhere(): void {}

  close(): Promise<void> {
    return Promise.resolve();
  }
}
