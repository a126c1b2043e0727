import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths } from "./generated/v1.js";
import { etagOf } from "./etag.js";
import { ProblemError } from "./problem.js";

/** How to reach the API. */
export interface VoipProvidersClientOptions {
  /** The host's origin, e.g. `https://control-plane.example.com` (paths start with `/api/v1`). */
  baseUrl: string;
  /** The caller's bearer token (a JWT with `org_id`), or a function that returns a fresh one for every request. */
  token: string | (() => string | Promise<string>);
  /** A `fetch` to use instead of the global one (tests, retries, instrumentation). */
  fetch?: typeof globalThis.fetch;
}

/** The typed client: `client.GET("/api/v1/providers/twilio/{id}", { params: { path: { id } } })`, and so on. */
export type VoipProvidersClient = Client<paths>;

/** A typed client for the API, sending the bearer token with every request. */
export function createVoipProvidersClient(options: VoipProvidersClientOptions): VoipProvidersClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const bearer: Middleware = {
    async onRequest({ request }) {
      const token = typeof options.token === "function" ? await options.token() : options.token;
      request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
  };
  client.use(bearer);
  return client;
}

/** What an openapi-fetch call resolves to. */
interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's body and tag. */
export interface Tagged<T> {
  data: T;
  etag: string | undefined;
  response: Response;
}

/** The body of a successful answer; an error answer throws a {@link ProblemError}. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  return (await unwrapTagged(call)).data;
}

/** The body and `ETag` of a successful answer (the tag to send as `If-Match` next); an error answer throws a {@link ProblemError}. */
export async function unwrapTagged<T>(call: Promise<FetchResult<T>>): Promise<Tagged<T>> {
  const { data, error, response } = await call;
  if (!response.ok) {
    throw ProblemError.from(response, error);
  }
  return { data: data as T, etag: etagOf(response), response };
}

/**
 * A conditional read: `{ notModified: true }` when the server answered 304 to the `If-None-Match` sent, else the body
 * and its new tag. An error answer throws a {@link ProblemError}.
 */
export async function unwrapIfModified<T>(
  call: Promise<FetchResult<T>>,
): Promise<({ notModified: true; data?: undefined } | { notModified: false; data: T }) & { etag: string | undefined; response: Response }> {
  const { data, error, response } = await call;
  if (response.status === 304) {
    return { notModified: true, etag: etagOf(response), response };
  }
  if (!response.ok) {
    throw ProblemError.from(response, error);
  }
  return { notModified: false, data: data as T, etag: etagOf(response), response };
}
