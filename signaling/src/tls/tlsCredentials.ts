import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, networkInterfaces } from "node:os";
import { join } from "node:path";
import { generate } from "selfsigned";

/** Where HTTPS gets its certificate: given files, or one made here on first run. */
export type TlsSettings =
  { kind: "files"; certFile: string; keyFile: string } | { kind: "self-signed"; dir: string };

export interface TlsCredentials {
  cert: string;
  key: string;
  /** Where they came from, for the log. */
  source: string;
}

/** A self-signed certificate lasts this long; delete its files to make a new one. */
const SELF_SIGNED_DAYS = 825;

/**
 * The certificate and key to serve HTTPS with. A self-signed pair is made once and kept
 * in `dir` (the key readable by the server's user only), so browsers that were told to
 * trust it keep trusting it across restarts. It names this machine: `localhost`, its
 * host name and every address it has now, so players on the LAN can reach it by any.
 */
export async function loadTlsCredentials(settings: TlsSettings): Promise<TlsCredentials> {
  if (settings.kind === "files") {
    return {
      cert: readFileSync(settings.certFile, "utf8"),
      key: readFileSync(settings.keyFile, "utf8"),
      source: settings.certFile,
    };
  }
  const certFile = join(settings.dir, "cert.pem");
  const keyFile = join(settings.dir, "key.pem");
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    const notBeforeDate = new Date();
    const notAfterDate = new Date(notBeforeDate.getTime() + SELF_SIGNED_DAYS * 24 * 3600 * 1000);
    const pems = await generate([{ name: "commonName", value: "NicePiano (self-signed)" }], {
      keyType: "ec",
      algorithm: "sha256",
      notBeforeDate,
      notAfterDate,
      extensions: [
        { name: "basicConstraints", cA: false },
        { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
        { name: "extKeyUsage", serverAuth: true },
        { name: "subjectAltName", altNames: altNames() },
      ],
    });
    mkdirSync(settings.dir, { recursive: true });
    writeFileSync(keyFile, pems.private, { mode: 0o600 });
    writeFileSync(certFile, pems.cert);
  }
  return {
    cert: readFileSync(certFile, "utf8"),
    key: readFileSync(keyFile, "utf8"),
    source: `${certFile} (self-signed)`,
  };
}

/** Every name this machine answers to, for the certificate. */
function altNames(): ({ type: 2; value: string } | { type: 7; ip: string })[] {
  const names = new Set(["localhost", hostname(), `${hostname()}.local`]);
  const ips = new Set(["127.0.0.1", "::1"]);
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      // A link-local IPv6 address needs its zone, which a certificate cannot carry.
      if (!address.address.startsWith("fe80:")) ips.add(address.address);
    }
  }
  return [
    ...[...names].map((value) => ({ type: 2 as const, value })),
    ...[...ips].map((ip) => ({ type: 7 as const, ip })),
  ];
}
