import assert from "node:assert/strict";
import { test } from "node:test";
import { ProblemError, unwrap } from "../src/index.js";
import { client, twilio } from "../support/harness.js";

async function failure(call: Promise<unknown>): Promise<ProblemError> {
  const error = await call.then(
    () => assert.fail("the call must fail"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ProblemError, `a ProblemError, not ${String(error)}`);
  return error;
}

test("an Auth Token Twilio rejects arrives as a typed 422 with Twilio's error code, and nothing is connected", async () => {
  const api = client();
  const account = await twilio.createAccount("Rejected");
  const wrongToken = "0".repeat(32);

  const error = await failure(unwrap(api.POST("/api/v1/providers/twilio", { body: { accountSid: account.sid, authToken: wrongToken } })));

  assert.equal(error.status, 422);
  assert.equal(error.code, "twilio_credentials_rejected");
  assert.equal(error.problem["twilioErrorCode"], 20003);
  assert.equal(JSON.stringify(error.problem).includes(wrongToken), false, "the token is never echoed");
  const providers = await unwrap(api.GET("/api/v1/providers", { params: { query: { take: 1000 } } }));
  assert.equal(providers.items.some((p) => p.accountSid === account.sid), false);
});

test("bad input is a typed 400 that names the field", async () => {
  const error = await failure(unwrap(client().POST("/api/v1/providers/twilio", { body: { accountSid: "not-a-sid", authToken: "0".repeat(32) } })));

  assert.equal(error.status, 400);
  assert.equal(error.code, "validation_failed");
  assert.ok(error.errors["accountSid"]?.length, `errors names accountSid: ${JSON.stringify(error.errors)}`);
});

test("a bad query parameter is a typed 400 too", async () => {
  const error = await failure(unwrap(client().GET("/api/v1/providers", { params: { query: { take: 0 } } })));

  assert.equal(error.status, 400);
  assert.ok(error.errors["take"]?.length);
});
