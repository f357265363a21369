import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openApiDocument, type ProvisioningEventType } from "@scimkit/types";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { provisioningEventTypes } from "./provisioning-event-types.js";
import {
  verifyWebhook,
  type WebhookBody,
  WebhookVerificationError,
  type WebhookVerificationReason,
} from "./webhook-verify.js";

// The spec as data: each event schema's types and its example (spec/openapi.yaml components.schemas).
interface EventSchema {
  readonly allOf: readonly [unknown, { readonly properties: { readonly type: { readonly enum: string[] } } }];
  readonly examples: readonly Record<string, unknown>[];
}
const schemas = (openApiDocument as { components: { schemas: Record<string, unknown> } }).components.schemas;
const eventSchemas = (schemas.ProvisioningEvent as { oneOf: { $ref: string }[] }).oneOf.map(
  ({ $ref }) => schemas[$ref.replace("#/components/schemas/", "")] as EventSchema,
);

/** The spec's example of the schema that carries `type`, with that type. */
function exampleEvent(type: ProvisioningEventType): Record<string, unknown> {
  const schema = eventSchemas.find((s) => s.allOf[1].properties.type.enum.includes(type));
  const example = schema?.examples[0];
  if (example === undefined) throw new Error(`the spec has no example for ${type}`);
  return { ...example, type };
}

const newSecret = (): string => `whsec_${randomBytes(32).toString("base64")}`;
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

interface Delivery {
  readonly secret: string | readonly string[];
  readonly headers: Record<string, string>;
  readonly body: WebhookBody;
}

/** The event id in a JSON body: a sender's `webhook-id` is its event's id. */
function idOf(body: string): string | undefined {
  try {
    const id = (JSON.parse(body) as { id?: unknown }).id;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

/** A delivery as a Standard Webhooks sender makes it: the `standardwebhooks` package signs it. */
function signed(body: string, options: { secret?: string; at?: number; id?: string } = {}): Delivery {
  const secret = options.secret ?? newSecret();
  const at = options.at ?? nowSeconds();
  const id = options.id ?? idOf(body) ?? randomUUID();
  return {
    secret,
    headers: {
      "webhook-id": id,
      "webhook-timestamp": String(at),
      "webhook-signature": new Webhook(secret).sign(id, new Date(at * 1000), body),
    },
    body,
  };
}

const verify = (d: Delivery) => verifyWebhook(d.secret, d.headers, d.body);
const memberAdded = JSON.stringify(exampleEvent("group.member_added"));

function reasonOf(run: () => unknown): WebhookVerificationReason | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.reason;
    throw error;
  }
  return undefined;
}

describe("the event type list", () => {
  it("is the spec's ProvisioningEventType enum, in order", () => {
    expect(provisioningEventTypes).toEqual((schemas.ProvisioningEventType as { enum: string[] }).enum);
  });

  it("has each type in exactly one event schema of ProvisioningEvent's oneOf", () => {
    const owners = provisioningEventTypes.map(
      (type) => eventSchemas.filter((s) => s.allOf[1].properties.type.enum.includes(type)).length,
    );
    expect(owners).toEqual(provisioningEventTypes.map(() => 1));
  });
});

describe("verifyWebhook", () => {
  it.each(provisioningEventTypes)("returns a signed %s event as it was sent", (type) => {
    const event = exampleEvent(type);
    expect(verify(signed(JSON.stringify(event)))).toEqual(event);
  });

  it.each([
    [
      "accepts a delivery signed with the old of two rotating secrets",
      { given: (old: Delivery): Delivery => ({ ...old, secret: [newSecret(), old.secret as string] }) },
    ],
    [
      "accepts a signature header whose second v1 signature is valid",
      {
        given: (d: Delivery): Delivery => ({
          ...d,
          headers: { ...d.headers, "webhook-signature": `v1,bm9wZQ== ${d.headers["webhook-signature"]}` },
        }),
      },
    ],
    [
      "ignores signatures of other schemes (v1a) next to a valid v1",
      {
        given: (d: Delivery): Delivery => ({
          ...d,
          headers: { ...d.headers, "webhook-signature": `v1a,bm9wZQ== ${d.headers["webhook-signature"]}` },
        }),
      },
    ],
    [
      "takes the raw body as bytes",
      { given: (d: Delivery): Delivery => ({ ...d, body: new TextEncoder().encode(d.body as string) }) },
    ],
    [
      "finds headers whatever their case",
      {
        given: (d: Delivery): Delivery => ({
          ...d,
          headers: Object.fromEntries(Object.entries(d.headers).map(([k, v]) => [k.toUpperCase(), v])),
        }),
      },
    ],
  ])("%s", (_name, { given }) => {
    expect(verify(given(signed(memberAdded))).type).toBe("group.member_added");
  });

  it("reads a fetch Headers object and a Node header array", () => {
    const d = signed(memberAdded);
    expect(verifyWebhook(d.secret, new Headers(d.headers), d.body).type).toBe("group.member_added");
    const signatures = ["v1,bm9wZQ==", d.headers["webhook-signature"] ?? ""];
    const node = { ...d.headers, "webhook-signature": signatures, "content-type": undefined };
    expect(verifyWebhook(d.secret, node, d.body).type).toBe("group.member_added");
  });

  // Each row makes a delivery of the group.member_added example and spoils one part of it.
  type Spoil = () => Delivery;
  const sent =
    (patch: Partial<Delivery>): Spoil =>
    () => ({ ...signed(memberAdded), ...patch });
  const header =
    (name: string, value: (old: string) => string | undefined): Spoil =>
    () => {
      const d = signed(memberAdded);
      const { [name]: old = "", ...others } = d.headers;
      const next = value(old);
      return { ...d, headers: next === undefined ? others : { ...others, [name]: next } };
    };
  const event =
    (patch: Record<string, unknown>): Spoil =>
    () =>
      signed(JSON.stringify({ ...JSON.parse(memberAdded), ...patch }));
  it.each<[string, { given: Spoil; want: WebhookVerificationReason }]>([
    [
      "a tampered body",
      { given: sent({ body: memberAdded.replace("Engineering", "Admins") }), want: "signature" },
    ],
    ["a wrong secret", { given: () => ({ ...signed(memberAdded), secret: newSecret() }), want: "signature" }],
    [
      "the body under another webhook-id",
      { given: header("webhook-id", () => randomUUID()), want: "signature" },
    ],
    ["an empty v1 signature", { given: header("webhook-signature", () => "v1,"), want: "signature" }],
    [
      "only a signature of another scheme",
      { given: header("webhook-signature", (s) => s.replace("v1,", "v1a,")), want: "signature" },
    ],
    [
      "a timestamp 10 minutes old",
      { given: () => signed(memberAdded, { at: nowSeconds() - 600 }), want: "timestamp" },
    ],
    [
      "a timestamp 10 minutes ahead",
      { given: () => signed(memberAdded, { at: nowSeconds() + 600 }), want: "timestamp" },
    ],
    [
      "a timestamp that is not whole seconds",
      { given: header("webhook-timestamp", (t) => `${t}.5`), want: "timestamp" },
    ],
    ["a missing webhook-id", { given: header("webhook-id", () => undefined), want: "missing-header" }],
    [
      "a missing webhook-timestamp",
      { given: header("webhook-timestamp", () => undefined), want: "missing-header" },
    ],
    [
      "a missing webhook-signature",
      { given: header("webhook-signature", () => undefined), want: "missing-header" },
    ],
    ["an empty webhook-signature", { given: header("webhook-signature", () => " "), want: "missing-header" }],
    ["a signed body that is not JSON", { given: () => signed("user.created"), want: "not-json" }],
    [
      "a body that is not UTF-8",
      { given: sent({ body: Uint8Array.of(0x7b, 0xff, 0x7d) }), want: "not-json" },
    ],
    ["a signed JSON array", { given: () => signed("[]"), want: "not-an-event" }],
    [
      "a signed event under another webhook-id than its own id",
      { given: () => signed(memberAdded, { id: randomUUID() }), want: "not-an-event" },
    ],
    [
      "a signed object without the envelope",
      { given: () => signed('{"hello":"world"}'), want: "not-an-event" },
    ],
    ["a signed event of an unknown type", { given: event({ type: "user.exploded" }), want: "not-an-event" }],
    ["a signed event without an id", { given: event({ id: undefined }), want: "not-an-event" }],
    ["a signed event without a tenantId", { given: event({ tenantId: undefined }), want: "not-an-event" }],
    ["a signed event with sequence 0", { given: event({ sequence: 0 }), want: "not-an-event" }],
    ["a signed event with a null actor", { given: event({ actor: null }), want: "not-an-event" }],
    ["a signed event whose data is an array", { given: event({ data: [] }), want: "not-an-event" }],
  ])("rejects %s", (_name, { given, want }) => {
    const delivery = given();
    expect(reasonOf(() => verify(delivery))).toBe(want);
  });

  it("carries the standardwebhooks error as the cause of a signature failure", () => {
    const error = (() => {
      try {
        return verify({ ...signed(memberAdded), secret: newSecret() });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error).toMatchObject({ name: "WebhookVerificationError", reason: "signature" });
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it.each([
    ["a secret without the whsec_ prefix", { given: "c2VjcmV0" }],
    ["an empty list of secrets", { given: [] }],
  ])("throws TypeError for %s, a configuration error", (_name, { given }) => {
    const d = signed(memberAdded);
    expect(() => verifyWebhook(given, d.headers, d.body)).toThrow(TypeError);
  });
});

// A receiver in another language sees the same bytes: the Python standard library alone verifies
// what standardwebhooks signs, and signs what verifyWebhook accepts.
const pythonReceiver = fileURLToPath(new URL("../test/webhook-verify.py", import.meta.url));
const hasPython = spawnSync("python3", ["--version"]).status === 0;

function python(mode: "verify" | "sign", request: Record<string, unknown>) {
  const run = spawnSync("python3", [pythonReceiver, mode], {
    input: JSON.stringify(request),
    encoding: "utf8",
  });
  return { status: run.status, stdout: run.stdout.trim(), stderr: run.stderr };
}

// A non-ASCII name, so the body's UTF-8 bytes are what both sides sign.
const nonAscii = JSON.stringify({
  ...JSON.parse(memberAdded),
  data: { ...JSON.parse(memberAdded).data, member: { value: "u1", display: "Zoë Ångström", type: "User" } },
});

const pythonTitle = hasPython
  ? "a Python receiver (standard library only)"
  : "a Python receiver (skipped: python3 is not on the PATH)";
describe.skipIf(!hasPython)(pythonTitle, () => {
  it("verifies what standardwebhooks signs and prints the event's type", () => {
    const d = signed(nonAscii);
    const run = python("verify", { secret: d.secret, headers: d.headers, body: d.body });
    expect(run).toMatchObject({ status: 0, stdout: "group.member_added" });
  });

  it("refuses a body tampered after standardwebhooks signed it", () => {
    const d = signed(nonAscii);
    const run = python("verify", {
      secret: d.secret,
      headers: d.headers,
      body: nonAscii.replace("Zoë", "Zoe"),
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("no signature matches the secret");
  });

  it("signs a delivery that verifyWebhook accepts", () => {
    const secret = newSecret();
    const id = String(JSON.parse(nonAscii).id);
    const timestamp = nowSeconds();
    const run = python("sign", { secret, id, timestamp, body: nonAscii });
    expect(run.status).toBe(0);
    const headers = {
      "webhook-id": id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": run.stdout,
    };
    expect(verifyWebhook(secret, headers, new TextEncoder().encode(nonAscii))).toEqual(JSON.parse(nonAscii));
  });
});

describe("docs/events.md", () => {
  it("shows the Python receiver that these tests run", () => {
    const source = readFileSync(pythonReceiver, "utf8");
    const shown = source.slice(0, source.indexOf('if __name__ == "__main__":')).trim();
    const docs = readFileSync(new URL("../../../docs/events.md", import.meta.url), "utf8");
    expect(docs).toContain(shown);
  });
});
