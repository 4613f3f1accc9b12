import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./freePort";
import { httpsStatus } from "./httpsRequest";
import { makeTestCertificate } from "./testCertificate";

export const HAPROXY_CONFIG = fileURLToPath(
  new URL("../../../deploy/haproxy.cfg", import.meta.url),
);

export interface HaproxyProcess {
  /** The HTTPS front end (players'). */
  url: string;
  /** The plain HTTP one, which only redirects to HTTPS. */
  httpUrl: string;
  /** Its certificate, made for the test: trust it with `ca` (or NODE_EXTRA_CA_CERTS=`caFile`). */
  ca: string;
  caFile: string;
  stop(): Promise<void>;
}

/**
 * A real `haproxy` running the shipped `deploy/haproxy.cfg`, with only its addresses and
 * certificate changed: the front ends on free loopback ports (plain and TLS, with a
 * certificate made for the test), the servers at `backends` (in order; more backends than
 * the file has servers get servers like its last).
 */
export async function startHaproxy(backends: number[]): Promise<HaproxyProcess> {
  const [httpPort, tlsPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), "np-haproxy-"));
  const certificate = makeTestCertificate(dir);
  const lines = readFileSync(HAPROXY_CONFIG, "utf8")
    .replace(/^(\s*bind )\*:8080$/m, `$1127.0.0.1:${httpPort}`)
    .replace(
      /^(\s*bind )\*:8443 ssl crt \S+/m,
      `$1127.0.0.1:${tlsPort} ssl crt ${certificate.pemFile}`,
    )
    .split("\n");
  const serverLines = lines.flatMap((line, i) => (/^\s*server /.test(line) ? [i] : []));
  if (serverLines.length > backends.length) {
    throw new Error("more servers in haproxy.cfg than backends");
  }
  // Backends beyond the file's servers get lines like its last one.
  const last = serverLines.at(-1)!;
  const extra = backends
    .slice(serverLines.length)
    .map((_, k) => lines[last]!.replace(/^(\s*server \S+)/, `$1-extra-${k + 1}`));
  lines.splice(last + 1, 0, ...extra);
  let server = 0;
  const config = lines.join("\n").replace(/^(\s*server \S+ )\S+/gm, (_line, start: string) => {
    return `${start}127.0.0.1:${backends[server++]!}`;
  });
  const file = join(dir, "haproxy.cfg");
  writeFileSync(file, config);
  const child = spawn("haproxy", ["-db", "-f", file], { stdio: ["ignore", "ignore", "pipe"] });
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  child.once(
    "error",
    (error) => (errors += `haproxy could not run (apt-get install haproxy): ${error.message}`),
  );
  const exited = once(child, "exit").finally(() => rmSync(dir, { recursive: true, force: true }));
  const url = `https://127.0.0.1:${tlsPort}`;
  const deadline = Date.now() + 10_000;
  while ((await httpsStatus(`${url}/healthz`, certificate.cert)) !== 200) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`haproxy did not come up:\n${errors}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    ca: certificate.cert,
    caFile: certificate.certFile,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
