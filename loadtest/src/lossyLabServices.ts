import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { startServerProcess, type ServerProcess } from "../../signaling/test/support/serverProcess";
import { startTurnServer, type TurnServer } from "../../signaling/test/support/turnServer";
import { createLossyLab, type LossyLab } from "./lossyLab";

const SECRET = "lossy-lab-secret-of-32-characters";
const FORWARDER = fileURLToPath(new URL("./jitterForwarderMain.ts", import.meta.url));

export interface LossyLabServices {
  lab: LossyLab;
  /**
   * A signaling server in the lab whose TURN relay is coturn behind the jitter forwarder:
   * players forced to relay (`relayOnly`) have every packet between them delayed by a
   * random 0 to `jitterMs`; others connect directly, through the loss only.
   */
  server: ServerProcess;
  close(): Promise<void>;
}

/** The lossy lab with coturn, the jitter forwarder in front of it, and a signaling server. */
export async function startLossyLab(jitterMs = 30): Promise<LossyLabServices> {
  const lab = createLossyLab();
  let turn: TurnServer | undefined;
  let forwarder: { port: number; stop(): void } | undefined;
  let server: ServerProcess | undefined;
  const close = async () => {
    forwarder?.stop();
    await Promise.all([server?.kill(), turn?.stop()]);
    lab.close();
  };
  try {
    turn = await startTurnServer({
      config: "turnserver.dev.conf",
      secret: SECRET,
      ip: lab.host,
      netns: lab.ns,
    });
    forwarder = await startForwarder(lab, turn.port, jitterMs);
    server = await startServerProcess(
      { TURN_SECRET: SECRET, TURN_URLS: `turn:${lab.host}:${forwarder.port}` },
      8080,
      { place: { netns: lab.ns, host: lab.host } },
    );
  } catch (error) {
    await close();
    throw error;
  }
  return { lab, server, close };
}

/** `jitterForwarderMain.ts` in the lab's namespace, in front of coturn on `turnPort`. */
async function startForwarder(
  lab: LossyLab,
  turnPort: number,
  jitterMs: number,
): Promise<{ port: number; stop(): void }> {
  const node = [process.execPath, "--import", "tsx", FORWARDER];
  const args = [lab.host, lab.host, String(turnPort), String(jitterMs)];
  const child = spawn("ip", ["netns", "exec", lab.ns, ...node, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the jitter forwarder exited with ${code}`)));
    createInterface({ input: child.stdout }).once("line", resolve);
  });
  const { port } = JSON.parse(line) as { port: number };
  return { port, stop: () => child.kill("SIGTERM") };
}
