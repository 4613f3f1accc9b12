/** What the capacity run's client workers are told, and what they report, over IPC. */
export interface CapacityOrders {
  url: string;
  /** This worker's first client number and how many it runs. */
  first: number;
  count: number;
  roomSize: number;
  /** New connections per second, for this worker. */
  perSecond: number;
}

export type CapacityReport =
  | {
      type: "tick";
      connected: number;
      joined: number;
      /** Join acknowledgement times since the last tick, ms. */
      joinAcks: number[];
      /** Time between consecutive latency pings at each client since the last tick, ms. */
      pingGaps: number[];
      errors: number;
    }
  | { type: "error"; message: string };
