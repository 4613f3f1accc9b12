import { request } from "node:http";
import { apiUrl, recordingTakePath, type SignInAnswer } from "@nicepiano/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { draft, SCALE } from "./contracts/recordingStoreContract";
import { apiClient } from "./support/apiClient";
import { startTestServer, type TestServer } from "./support/testServer";

/** How many times the store did `operation`, from the server's metrics. */
async function storeOperations(t: TestServer, operation: string): Promise<number> {
  const text = await (await fetch(`${t.url}/metrics`)).text();
  const line = new RegExp(
    `^nicepiano_store_operation_seconds_count\\{operation="${operation}",outcome="ok"\\} (\\d+)$`,
    "m",
  ).exec(text);
  return Number(line?.[1] ?? 0);
}

describe("recordings over HTTP caches", () => {
  let t: TestServer;
  let ada: SignInAnswer;
  let id: string;
  const api = apiClient(() => t.url);
  /**
   * A GET as a browser's cache sends it, with the copy it holds (`etag`), if any. (Not
   * with fetch: a conditional request made by hand is sent with `Cache-Control: no-cache`,
   * the spec's "reload", which no server answers from a copy.)
   */
  const get = (path: string, token: string, etag?: string) =>
    new Promise<Response>((resolve, reject) => {
      const headers = {
        authorization: `Bearer ${token}`,
        ...(etag ? { "if-none-match": etag } : {}),
      };
      request(`${t.url}${apiUrl(path)}`, { headers }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => {
          const status = answer.statusCode!;
          const body = status === 304 ? null : Buffer.concat(chunks);
          resolve(new Response(body, { status, headers: answer.headers as HeadersInit }));
        });
      })
        .on("error", reject)
        .end();
    });

  beforeAll(async () => {
    t = await startTestServer();
    ada = (await api("/auth/signup", { body: { username: "ada", password: "correct horse" } }))
      .body as SignInAnswer;
    id = (await api("/recordings", { token: ada.token, body: draft("Scale", SCALE) })).body
      .recording!.id;
  });
  afterAll(() => t.close());

  it("serves a take as immutable, and a copy's check without reading its events", async () => {
    const first = await get(recordingTakePath(id), ada.token);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe(
      "private, max-age=31536000, immutable, must-revalidate",
    );
    const etag = first.headers.get("etag")!;
    expect(etag).toBe(`"take-${id}"`);
    const { take } = (await first.json()) as { take: Record<string, unknown> };
    expect(take).toMatchObject({ id, events: SCALE, eventCount: SCALE.length });
    expect(take).not.toHaveProperty("name");
    expect(take).not.toHaveProperty("owner");

    const gets = await storeOperations(t, "get");
    const again = await get(recordingTakePath(id), ada.token, etag);
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(await again.text()).toBe("");
    expect(await storeOperations(t, "get")).toBe(gets);
  });

  it("keeps a take to its owner, and answers a copy of one deleted with 404", async () => {
    const bob = (
      await api("/auth/signup", { body: { username: "bob", password: "battery staple" } })
    ).body as SignInAnswer;
    const etag = `"take-${id}"`;
    expect((await get(recordingTakePath(id), bob.token, etag)).status).toBe(404);
    expect((await get(recordingTakePath(id), bob.token)).status).toBe(404);
    expect((await get(recordingTakePath("no-such-id"), ada.token, etag)).status).toBe(404);
    const gone = (await api("/recordings", { token: ada.token, body: draft("Gone", SCALE) })).body
      .recording!.id;
    await api(`/recordings/${gone}`, { method: "DELETE", token: ada.token });
    const stale = await get(recordingTakePath(gone), ada.token, `"take-${gone}"`);
    expect(stale.status).toBe(404);
    expect(stale.headers.get("cache-control")).toBe("no-store");
  });

  it("keeps each answer to its account: a copy per token", async () => {
    for (const path of ["/recordings", recordingTakePath(id)]) {
      expect((await get(path, ada.token)).headers.get("vary")).toBe("Authorization");
    }
  });

  it("checks a copy of the list without reading the list", async () => {
    const first = await get("/recordings", ada.token);
    const etag = first.headers.get("etag")!;
    const lists = await storeOperations(t, "list");
    expect((await get("/recordings", ada.token, etag)).status).toBe(304);
    expect(await storeOperations(t, "list")).toBe(lists);
    // Another account with as many changes has another list: never the same tag.
    const cy = (await api("/auth/signup", { body: { username: "cyd", password: "correct horse" } }))
      .body as SignInAnswer;
    expect((await get("/recordings", cy.token, etag)).status).toBe(200);
  });

  it("has the list and a whole recording asked again each time: 304 while unchanged", async () => {
    for (const path of ["/recordings", `/recordings/${id}`]) {
      const first = await get(path, ada.token);
      expect(first.status).toBe(200);
      expect(first.headers.get("cache-control")).toBe("private, no-cache, must-revalidate");
      const etag = first.headers.get("etag")!;
      expect(etag).toBeTruthy();
      expect((await get(path, ada.token, etag)).status).toBe(304);
      // A rename changes both: the copy is no longer good.
      await api(`/recordings/${id}`, {
        method: "PATCH",
        token: ada.token,
        body: { name: `Renamed for ${path}` },
      });
      const changed = await get(path, ada.token, etag);
      expect(changed.status).toBe(200);
      expect(changed.headers.get("etag")).not.toBe(etag);
    }
  });

  it("keeps the account answers out of every cache", async () => {
    const me = await get("/me", ada.token);
    expect(me.headers.get("cache-control")).toBe("no-store");
  });
});
