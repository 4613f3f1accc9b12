import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface TestCertificate {
  /** The certificate (also its own CA: clients trust it with `ca`). */
  cert: string;
  /** Certificate and key in one PEM file, as haproxy's `crt` takes them. */
  pemFile: string;
  /** The certificate alone, for NODE_EXTRA_CA_CERTS. */
  certFile: string;
}

/** A self-signed certificate for 127.0.0.1 and localhost, made by openssl in `dir`. */
export function makeTestCertificate(dir: string): TestCertificate {
  const keyFile = join(dir, "key.pem");
  const certFile = join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "2",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
      "-keyout",
      keyFile,
      "-out",
      certFile,
    ],
    { stdio: "ignore" },
  );
  const cert = readFileSync(certFile, "utf8");
  const pemFile = join(dir, "nicepiano.pem");
  writeFileSync(pemFile, cert + readFileSync(keyFile, "utf8"));
  return { cert, pemFile, certFile };
}
