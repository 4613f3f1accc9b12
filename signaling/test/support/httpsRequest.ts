import { request } from "node:https";

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * A GET over HTTPS trusting `ca` (Node's fetch takes no CA of its own). `headers` go with
 * it; the answer's body is read whole, as it came (not decompressed).
 */
export function httpsGet(
  url: string,
  ca: string,
  headers: Record<string, string> = {},
): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** The status of a GET of `url`, or 0 when there is no answer. */
export async function httpsStatus(url: string, ca: string): Promise<number> {
  return httpsGet(url, ca).then(
    (answer) => answer.status,
    () => 0,
  );
}
