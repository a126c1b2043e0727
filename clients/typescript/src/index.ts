export { createVoipProvidersClient, unwrap, unwrapIfModified, unwrapTagged } from "./client.js";
export type { Tagged, VoipProvidersClient, VoipProvidersClientOptions } from "./client.js";
export { etagOf, ifMatch, ifNoneMatch } from "./etag.js";
export { allItems, listAll } from "./paging.js";
export type { Page, PageReader } from "./paging.js";
export { hasProblemCode, isProblem, ProblemError } from "./problem.js";
export type { Problem } from "./problem.js";
export type { components, operations, paths } from "./generated/v1.js";

import type { components } from "./generated/v1.js";

/** The API's schemas by name, e.g. `Schemas["TwilioProviderResponse"]`. */
export type Schemas = components["schemas"];
