/**
 * The developer's loop: the signaling server, restarted on every change of its code
 * (`tsx watch`), and Vite's dev server for the web app (hot reload), which passes the
 * server's paths (the API, Socket.IO, samples, health, metrics) on to it.
 *
 *   npm run dev            then open http://localhost:5173
 *
 * PORT sets the server's port (8080), DEV_PORT Vite's (5173). Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from "node:child_process";

const serverPort = process.env.PORT ?? "8080";
const devPort = process.env.DEV_PORT ?? "5173";
const env = {
  ...process.env,
  PORT: serverPort,
  NICEPIANO_DEV_SERVER: `http://127.0.0.1:${serverPort}`,
};

const children: ChildProcess[] = [
  spawn("npx", ["tsx", "watch", "--clear-screen=false", "signaling/src/main.ts"], {
    env,
    stdio: "inherit",
  }),
  spawn("npx", ["vite", "client", "--port", devPort, "--strictPort", "--host", "127.0.0.1"], {
    env,
    stdio: "inherit",
  }),
];

let stopping = false;
const stop = (code: number) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 500).unref();
};
for (const child of children) child.once("exit", (code) => stop(code ?? 1));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => stop(0));
