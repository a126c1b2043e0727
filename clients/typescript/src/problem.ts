import type { components } from "./generated/v1.js";

/** The problem+json body every error of the API has (RFC 9457 plus `code` and `traceId`). */
export type Problem = components["schemas"]["HttpValidationProblemDetails"] & Record<string, unknown>;

/**
 * An error answer of the API, typed: `status` is the HTTP status and `code` the stable reason to switch on
 * (`validation_failed`, `not_found`, `precondition_failed`, `twilio_credentials_rejected`…). `errors` names the fields
 * of a 400; `retryAfterSeconds` is set with a 429 or 503 that says when to try again.
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  readonly errors: Readonly<Record<string, readonly string[]>>;
  readonly traceId: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** The whole problem as the server sent it, with the members a problem has of its own (e.g. `twilioErrorCode`). */
  readonly problem: Problem;

  constructor(status: number, problem: Problem, retryAfterHeader?: string | null) {
    super(`${status} ${problem.code}${problem.detail ? `: ${problem.detail}` : problem.title ? `: ${problem.title}` : ""}`);
    this.name = "ProblemError";
    this.status = status;
    this.code = problem.code;
    this.title = problem.title ?? undefined;
    this.detail = problem.detail ?? undefined;
    this.errors = problem.errors ?? {};
    this.traceId = problem.traceId;
    this.retryAfterSeconds = problem.retryAfterSeconds ?? parseRetryAfter(retryAfterHeader);
    this.problem = problem;
  }

  /** Reads an error answer; one that is not problem+json (a proxy's HTML page, say) becomes `code` `http_<status>`. */
  static from(response: Response, body: unknown): ProblemError {
    const problem: Problem = isProblem(body)
      ? body
      : { code: `http_${response.status}`, traceId: "", status: response.status, title: response.statusText || undefined };
    return new ProblemError(response.status, problem, response.headers.get("Retry-After"));
  }
}

/** Whether a body is a problem of this API (an object with a string `code`). */
export function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && typeof (value as { code?: unknown }).code === "string";
}

/** Whether `error` is the API's answer with this `code` (and so a {@link ProblemError}). */
export function hasProblemCode(error: unknown, ...codes: string[]): error is ProblemError {
  return error instanceof ProblemError && codes.includes(error.code);
}

function parseRetryAfter(header: string | null | undefined): number | undefined {
  if (!header) {
    return undefined;
  }
  const seconds = Number(header);
  return Number.isInteger(seconds) && seconds >= 0 ? seconds : undefined;
}
