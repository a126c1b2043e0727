import assert from "node:assert/strict";
import { createVoipProvidersClient, type VoipProvidersClient } from "../src/index.js";

/**
 * The service under test, started by the dev host (`build/client-test.sh`, or `build/run.sh`'s host with
 * `-- npm test`): its address, a token for the demo organization and one for another, and the Twilio emulator.
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests through build/client-test.sh, which starts the service and sets it.`);
  }
  return value;
}

export const apiUrl = required("VOIPPROVIDERS_API_URL");
export const emulatorUrl = required("VOIPPROVIDERS_EMULATOR_URL");
const token = required("VOIPPROVIDERS_TOKEN");
const otherToken = required("VOIPPROVIDERS_OTHER_TOKEN");

/** A client of the demo organization. */
export function client(): VoipProvidersClient {
  return createVoipProvidersClient({ baseUrl: apiUrl, token });
}

/** A client of another organization. */
export function otherOrganizationClient(): VoipProvidersClient {
  return createVoipProvidersClient({ baseUrl: apiUrl, token: () => Promise.resolve(otherToken) });
}

/** A request the Twilio emulator received, as its request log shows it. */
export interface RecordedRequest {
  sequence: number;
  operation: string | number;
  method: string;
  path: string;
  authUser: string | null;
  authenticated: boolean;
  form: Record<string, string>;
  responseStatus: number;
}

/** The Twilio emulator's admin API: accounts and numbers as a tenant has them, and the log of what the service asked. */
export const twilio = {
  async createAccount(friendlyName: string): Promise<{ sid: string; authToken: string }> {
    return await admin("POST", "/_emulator/accounts", { friendlyName });
  },
  async addNumber(accountSid: string, phoneNumber: string): Promise<{ sid: string; phoneNumber: string }> {
    return await admin("POST", `/_emulator/accounts/${accountSid}/phone-numbers`, { phoneNumber });
  },
  /** "Rotate the Auth Token in the Twilio Console": the account gets a new token and the old one stops working. */
  async rotateAuthToken(accountSid: string): Promise<string> {
    return (await admin<{ authToken: string }>("POST", `/_emulator/accounts/${accountSid}/auth-token`)).authToken;
  },
  async requestsOf(accountSid: string): Promise<RecordedRequest[]> {
    return (await admin<RecordedRequest[]>("GET", "/_emulator/requests")).filter((r) => r.authUser === accountSid);
  },
};

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(new URL(path, emulatorUrl), {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
  });
  assert.ok(response.ok, `emulator ${method} ${path} answered ${response.status}: ${await response.clone().text()}`);
  return (await response.json()) as T;
}

let numberSeed = Date.now() % 1_000_000;

/** A fresh E.164 number in the emulator's fictional range. */
export function freshPhoneNumber(): string {
  numberSeed += 1;
  return `+1415${String(5_000_000 + (numberSeed % 1_000_000)).padStart(7, "0")}`;
}
