import assert from "node:assert/strict";
import { test } from "node:test";
import { allItems, hasProblemCode, ifMatch, ifNoneMatch, ProblemError, type Page } from "../src/index.js";

// The hand-written layer on its own, without the service.

test("allItems stops at the last page and asks for each page once", async () => {
  const all = Array.from({ length: 5 }, (_, i) => i);
  const asked: Array<{ skip: number; take: number }> = [];
  const read = async (paging: { skip: number; take: number }): Promise<Page<number>> => {
    asked.push(paging);
    return { items: all.slice(paging.skip, paging.skip + paging.take), totalCount: all.length, ...paging };
  };

  const seen: number[] = [];
  for await (const item of allItems(read, 2)) {
    seen.push(item);
  }

  assert.deepEqual(seen, all);
  assert.deepEqual(asked, [{ skip: 0, take: 2 }, { skip: 2, take: 2 }, { skip: 4, take: 2 }]);
});

test("allItems refuses a take the API would refuse", async () => {
  const read = async () => ({ items: [], totalCount: 0, skip: 0, take: 0 });
  await assert.rejects(allItems(read, 0).next(), RangeError);
  await assert.rejects(allItems(read, 1001).next(), RangeError);
});

test("a non-problem error body still becomes a ProblemError with an http_ code and the Retry-After", () => {
  const response = new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway", headers: { "Retry-After": "7" } });

  const error = ProblemError.from(response, "<html>Bad gateway</html>");

  assert.equal(error.status, 502);
  assert.equal(error.code, "http_502");
  assert.equal(error.retryAfterSeconds, 7);
  assert.ok(hasProblemCode(error, "http_502"));
  assert.equal(hasProblemCode(new Error("x"), "http_502"), false);
});

test("conditional headers carry the tag as given", () => {
  assert.deepEqual(ifMatch('"a-1-b"'), { "If-Match": '"a-1-b"' });
  assert.deepEqual(ifNoneMatch('W/"x"'), { "If-None-Match": 'W/"x"' });
});
