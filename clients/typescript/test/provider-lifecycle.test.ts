import assert from "node:assert/strict";
import { test } from "node:test";
import {
  allItems,
  etagOf,
  hasProblemCode,
  ifMatch,
  ifNoneMatch,
  listAll,
  ProblemError,
  unwrap,
  unwrapIfModified,
  unwrapTagged,
} from "../src/index.js";
import { client, freshPhoneNumber, otherOrganizationClient, twilio } from "../support/harness.js";

test("a Twilio provider's life through the client: connect, read, list, rotate, import, verify, update, delete", async (t) => {
  const api = client();
  const account = await twilio.createAccount("Lifecycle");
  const numbers = [await twilio.addNumber(account.sid, freshPhoneNumber()), await twilio.addNumber(account.sid, freshPhoneNumber())];

  // Connect.
  const created = await unwrapTagged(
    api.POST("/api/v1/providers/twilio", { body: { accountSid: account.sid, authToken: account.authToken, name: "Lifecycle", region: "ie1" } }),
  );
  assert.equal(created.response.status, 201);
  const provider = created.data;
  assert.equal(provider.providerType, "twilio");
  assert.equal(provider.accountSid, account.sid);
  assert.equal(provider.region, "ie1");
  assert.match(provider.trunkSid, /^TK[0-9a-f]{32}$/);
  assert.equal(created.response.headers.get("Location"), `/api/v1/providers/twilio/${provider.id}`);
  assert.match(created.etag ?? "", new RegExp(`^"${provider.id.replaceAll("-", "")}-1-[A-Za-z0-9_-]+"$`), "a provider's tag: id, version, digest");
  assert.equal(JSON.stringify(provider).includes(account.authToken), false, "the Auth Token is never returned");
  const path = { id: provider.id };

  await t.test("get answers the provider with the tag the connect gave", async () => {
    const read = await unwrapTagged(api.GET("/api/v1/providers/twilio/{id}", { params: { path } }));
    assert.equal(read.data.id, provider.id);
    assert.equal(read.data.name, "Lifecycle");
    assert.equal(read.etag, created.etag);
  });

  await t.test("a conditional get answers 304 while the provider is unchanged", async () => {
    const again = await unwrapIfModified(api.GET("/api/v1/providers/twilio/{id}", { params: { path, header: ifNoneMatch(created.etag!) } }));
    assert.equal(again.notModified, true);
    assert.equal(again.response.status, 304);
    assert.equal(again.etag, created.etag);
  });

  await t.test("the list pages through the organization's providers, this one among them", async () => {
    const listed = await listAll((paging) => unwrap(api.GET("/api/v1/providers", { params: { query: paging } })), 1);
    assert.ok(listed.some((p) => p.id === provider.id));
    const onePage = await unwrap(api.GET("/api/v1/providers", { params: { query: { take: 1000 } } }));
    assert.deepEqual(listed.map((p) => p.id), onePage.items.map((p) => p.id), "paging one by one gives the one-page list, in order");
  });

  let etag = created.etag!;
  await t.test("after the token is rotated in Twilio, PATCH auth-token stores the new one once Twilio accepts it", async () => {
    const newToken = await twilio.rotateAuthToken(account.sid);
    const before = (await twilio.requestsOf(account.sid)).length;
    const rotated = await unwrapTagged(
      api.PATCH("/api/v1/providers/twilio/{id}/auth-token", { params: { path, header: ifMatch(etag) }, body: { authToken: newToken } }),
    );
    assert.notEqual(rotated.etag, etag, "a rotation moves the version");
    // Background work (the verification after the connect) may still call with the old token meanwhile: only the
    // check of the new one is asserted, an account fetch Twilio accepted.
    const calls = (await twilio.requestsOf(account.sid)).slice(before);
    assert.ok(
      calls.some((c) => c.authenticated && c.method === "GET" && c.path === `/2010-04-01/Accounts/${account.sid}.json`),
      `the new token was checked with Twilio: ${JSON.stringify(calls.map((c) => [c.method, c.path, c.authenticated]))}`,
    );
    const read = await unwrap(api.GET("/api/v1/providers/twilio/{id}", { params: { path } }));
    assert.equal(JSON.stringify(read).includes(newToken), false, "the new token is never returned either");
    etag = rotated.etag!;
  });

  await t.test("the account's numbers are listed and imported onto the trunk", async () => {
    const available = await listAll((paging) =>
      unwrap(api.GET("/api/v1/providers/twilio/{id}/available-numbers", { params: { path, query: paging } })),
    );
    assert.deepEqual(available.map((n) => n.phoneNumberSid).sort(), numbers.map((n) => n.sid).sort());
    const imported = await unwrap(
      api.POST("/api/v1/providers/twilio/{id}/import-numbers", { params: { path }, body: { phoneNumberSids: numbers.map((n) => n.sid) } }),
    );
    assert.equal(imported.successCount, 2);
    assert.equal(imported.failedCount, 0);
    const onTrunk = [];
    for await (const number of allItems((paging) => unwrap(api.GET("/api/v1/providers/twilio/{id}/phone-numbers", { params: { path, query: paging } })))) {
      onTrunk.push(number.phoneNumber);
    }
    assert.deepEqual(onTrunk.sort(), numbers.map((n) => n.phoneNumber).sort());
  });

  await t.test("verify runs the checks and stores the outcome", async () => {
    const verification = await unwrap(api.POST("/api/v1/providers/twilio/{id}/verify", { params: { path } }));
    assert.equal(verification.status, "verified");
    assert.ok(verification.checks.some((c) => c.checkName === "Credentials" && c.status === "passed"));
    const read = await unwrapTagged(api.GET("/api/v1/providers/twilio/{id}", { params: { path } }));
    assert.equal(read.data.verificationStatus, "verified");
    assert.equal(read.data.phoneNumberCount, 2);
    etag = read.etag!;
  });

  await t.test("an update with the current If-Match changes the provider; a stale one is a typed 412 and changes nothing", async () => {
    const renamed = await unwrapTagged(
      api.PUT("/api/v1/providers/twilio/{id}", { params: { path, header: ifMatch(etag) }, body: { name: "Lifecycle (renamed)" } }),
    );
    assert.equal(renamed.data.name, "Lifecycle (renamed)");

    const stale = await unwrapTagged(
      api.PUT("/api/v1/providers/twilio/{id}", { params: { path, header: ifMatch(etag) }, body: { name: "Lost update" } }),
    ).then(
      () => assert.fail("a stale If-Match must not succeed"),
      (error: unknown) => error,
    );
    assert.ok(stale instanceof ProblemError);
    assert.equal(stale.status, 412);
    assert.equal(stale.code, "precondition_failed");
    assert.ok(stale.traceId);
    const read = await unwrap(api.GET("/api/v1/providers/twilio/{id}", { params: { path } }));
    assert.equal(read.name, "Lifecycle (renamed)");
    etag = renamed.etag!;
  });

  await t.test("another organization cannot see it: a typed 404", async () => {
    const error = await unwrap(otherOrganizationClient().GET("/api/v1/providers/twilio/{id}", { params: { path } })).catch((e: unknown) => e);
    assert.ok(hasProblemCode(error, "not_found"));
    assert.equal(error.status, 404);
  });

  await t.test("delete with If-Match removes it; reading it again is a typed 404", async () => {
    const deleted = await api.DELETE("/api/v1/providers/{id}", { params: { path, header: ifMatch(etag) } });
    assert.equal(deleted.response.status, 204);
    const error = await unwrap(api.GET("/api/v1/providers/twilio/{id}", { params: { path } })).catch((e: unknown) => e);
    assert.ok(hasProblemCode(error, "not_found"));
    assert.equal(etagOf(deleted.response), undefined);
  });
});
