import { cacheStores, DecoratorHandler, interceptors, type Agent, type Dispatcher } from "undici";

/**
 * A 304's Cache-Control left out before undici's cache sees it. The cache drops its copy on
 * a 304 that carries Cache-Control (nodejs/undici#5505, undici 8.12: the copy is served,
 * then deleted), so every other revalidation was a whole answer, where a browser keeps its
 * copy and answers every one from it. The server sends the same Cache-Control with the
 * 304 as with the copy (RFC 9110 §15.4.5), so the copy's own stands for it.
 */
class KeepCopyOn304 extends DecoratorHandler {
  readonly #handler: Dispatcher.DispatchHandler;

  constructor(handler: Dispatcher.DispatchHandler) {
    super(handler);
    this.#handler = handler;
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
    statusMessage?: string,
  ): void {
    const kept = { ...headers };
    if (statusCode === 304) delete kept["cache-control"];
    this.#handler.onResponseStart?.(controller, statusCode, kept, statusMessage);
  }
}

const keepCopyOn304: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) =>
  dispatch(options, new KeepCopyOn304(handler));

/**
 * One virtual user's HTTP client, as a browser is: an HTTP cache of its own (undici's,
 * RFC 9111, private), over its process's connections. A response the server marks
 * immutable is not asked for again; one it marks `no-cache` is revalidated (a 304 when it
 * has not changed), and the copy kept (`KeepCopyOn304`). It counts what reaches the
 * network, to tell answers from its cache.
 */
export class UserHttp {
  readonly #dispatcher: Dispatcher;
  #sent = 0;

  constructor(agent: Agent) {
    const counting: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) => {
      this.#sent++;
      return dispatch(options, handler);
    };
    // The cache wraps the counter: only what the cache does not answer is counted.
    this.#dispatcher = agent.compose(
      counting,
      keepCopyOn304,
      interceptors.cache({ store: new cacheStores.MemoryCacheStore(), type: "private" }),
    );
  }

  /**
   * GETs `url` with `token`, reads the whole answer (parsed, with `json`), and says
   * whether the server was asked at all (a revalidation asks it). Throws on a status
   * other than 2xx. (undici's `request`, not its `fetch`: a fraction of the load tester's
   * time.)
   */
  async get(
    url: string,
    token: string,
    json = false,
  ): Promise<{ fromCache: boolean; body?: unknown }> {
    const sent = this.#sent;
    const { origin, pathname, search } = new URL(url);
    const { statusCode, body } = await this.#dispatcher.request({
      origin,
      path: pathname + search,
      method: "GET",
      headers: { authorization: `Bearer ${token}` },
    });
    const read = json && statusCode === 200 ? await body.json() : await body.dump();
    if (statusCode < 200 || statusCode > 299) throw new Error(`${pathname}: HTTP ${statusCode}`);
    return { fromCache: this.#sent === sent, ...(json ? { body: read } : {}) };
  }
}
