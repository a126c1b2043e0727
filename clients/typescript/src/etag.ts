/**
 * Entity tags (ADR-019 of the service). A provider's tag is strong, `"{id}-{version}-{digest}"`; send it back as
 * `If-Match` on a change to make the change only if nobody changed the provider since (else 412
 * `precondition_failed`, nothing changed). Every GET's tag can be sent as `If-None-Match`: an unchanged resource
 * answers 304 without a body.
 */

/** The `ETag` of an answer, as the server sent it (quotes included); undefined when it has none. */
export function etagOf(response: Response): string | undefined {
  return response.headers.get("ETag") ?? undefined;
}

/** Header parameters for a conditional change: `params: { header: ifMatch(etag), path: { id } }`. */
export function ifMatch(etag: string): { "If-Match": string } {
  return { "If-Match": etag };
}

/** Header parameters for a conditional read: `params: { header: ifNoneMatch(etag), path: { id } }`. */
export function ifNoneMatch(etag: string): { "If-None-Match": string } {
  return { "If-None-Match": etag };
}
