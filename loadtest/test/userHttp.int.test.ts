import { API_PATHS, apiUrl, recordingTakePath, type SignInAnswer } from "@nicepiano/protocol";
import { Agent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../signaling/test/support/testServer";
import { post, takeOf } from "../src/scenario/scenarioAccounts";
import { UserHttp } from "../src/users/userHttp";

/** How many times the server's store did `operation` (its metrics). */
async function storeOperations(t: TestServer, operation: string): Promise<number> {
  const text = await (await fetch(`${t.url}/metrics`)).text();
  const pattern = `^nicepiano_store_operation_seconds_count\\{operation="${operation}",outcome="ok"\\} (\\d+)$`;
  return Number(new RegExp(pattern, "m").exec(text)?.[1] ?? 0);
}

describe("a virtual user's HTTP cache against the server", () => {
  let t: TestServer;
  const agent = new Agent();
  afterEach(async () => {
    await t.close();
  });

  it("asks for a take once, and has the list revalidated each time", async () => {
    t = await startTestServer();
    const { token } = await post<SignInAnswer>(`${t.url}${apiUrl(API_PATHS.signUp)}`, {
      username: "ada",
      password: "correct horse",
    });
    const { recording } = await post<{ recording: { id: string } }>(
      `${t.url}${apiUrl(API_PATHS.recordings)}`,
      takeOf("Take", 20),
      token,
    );
    const http = new UserHttp(agent);
    const take = `${t.url}${apiUrl(recordingTakePath(recording.id))}`;
    expect(await http.get(take, token)).toEqual({ fromCache: false });
    const gets = await storeOperations(t, "get");
    for (let i = 0; i < 3; i++) expect(await http.get(take, token)).toEqual({ fromCache: true });
    expect(await storeOperations(t, "get")).toBe(gets);

    // Another user (another browser) has a cache of its own.
    expect(await new UserHttp(agent).get(take, token)).toEqual({ fromCache: false });

    // The list is asked again each time, the copy checked by the list's version alone and
    // kept, as a browser keeps it (undici's cache alone dropped it on every 304 that
    // carries Cache-Control, as RFC 9110 has a 304 do: nodejs/undici#5505).
    const list = `${t.url}${apiUrl(API_PATHS.recordings)}`;
    expect(await http.get(list, token)).toEqual({ fromCache: false });
    const lists = await storeOperations(t, "list");
    const versions = await storeOperations(t, "listVersion");
    for (let i = 0; i < 4; i++) expect(await http.get(list, token)).toEqual({ fromCache: false });
    expect(await storeOperations(t, "listVersion")).toBe(versions + 4);
    expect(await storeOperations(t, "list")).toBe(lists);

    // A save changes the list's version: the next request has it whole, then 304s again.
    await post(list, takeOf("Another", 5), token);
    const listsAfterSave = await storeOperations(t, "list");
    expect(await http.get(list, token)).toEqual({ fromCache: false });
    expect(await storeOperations(t, "list")).toBe(listsAfterSave + 1);
    expect(await http.get(list, token)).toEqual({ fromCache: false });
    expect(await storeOperations(t, "list")).toBe(listsAfterSave + 1);
  });
});
