import express from "express";
import { MAX_OPERATION_NAME_LENGTH } from "@reception-graph/kit";
import { LimitsConfig } from "./config";
import { refuse, RequestCallers } from "./callers";
import { DOCUMENT_HASH, sha256Hex, TrustedDocuments } from "./trusted-documents";

const INTROSPECTION = /\b__(schema|type)\b/;

function kib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Reads the body of /graphql: JSON of at most `maxBodyBytes`, one operation (an array, a batch, is
 * refused), `query` and `operationName` strings. Every refusal is BAD_USER_INPUT with a GraphQL error
 * body naming the value (400; 413 for a body too large), never Express's or Apollo's 500.
 */
function readBody(config: LimitsConfig): express.RequestHandler[] {
  const json = express.json({ limit: config.maxBodyBytes });
  return [
    (req, res, next) => {
      json(req, res, (err?: unknown) => {
        if (!err) return next();
        const e = err as { type?: string; length?: number; status?: number };
        if (e.type === "entity.too.large") {
          const size = typeof e.length === "number" ? `${kib(e.length)} (${e.length} bytes)` : "larger than the limit";
          return refuse(
            res,
            413,
            "BAD_USER_INPUT",
            `The request body is ${size}; at most ${kib(config.maxBodyBytes)} (${config.maxBodyBytes} bytes) is accepted.`,
            { field: "body" },
          );
        }
        if (e.type === "entity.parse.failed") {
          return refuse(res, 400, "BAD_USER_INPUT", "The request body is not valid JSON.", { field: "body" });
        }
        if (typeof e.status === "number" && e.status < 500) {
          return refuse(res, 400, "BAD_USER_INPUT", `The request body could not be read (${e.type ?? "unreadable"}).`, {
            field: "body",
          });
        }
        next(err);
      });
    },
    (req, res, next) => {
      if (req.method !== "POST") {
        // GET carries the operation in the URL; Apollo's integration reads the body all the same.
        req.body ??= {};
        return next();
      }
      const type = req.headers["content-type"];
      if (!type || !/^application\/(graphql-response\+)?json\b/i.test(type) || req.body === undefined) {
        return refuse(
          res,
          400,
          "BAD_USER_INPUT",
          `Send the operation as a JSON body with content-type application/json (got ${type ? JSON.stringify(type.slice(0, 60)) : "no content-type"}).`,
          { field: "content-type" },
        );
      }
      const body = req.body as unknown;
      if (Array.isArray(body)) {
        return refuse(
          res,
          400,
          "BAD_USER_INPUT",
          `Batched requests are refused: the body is an array of ${body.length}; send one operation per request.`,
          { field: "body" },
        );
      }
      if (typeof body !== "object" || body === null) {
        return refuse(res, 400, "BAD_USER_INPUT", "The request body must be a JSON object with a query.", {
          field: "body",
        });
      }
      const { query, operationName } = body as { query?: unknown; operationName?: unknown };
      if (query !== undefined && typeof query !== "string") {
        return refuse(
          res,
          400,
          "BAD_USER_INPUT",
          `query must be a string (the document's text), not ${jsonType(query)}.`,
          {
            field: "query",
          },
        );
      }
      if (operationName !== undefined && operationName !== null && typeof operationName !== "string") {
        return refuse(res, 400, "BAD_USER_INPUT", `operationName must be a string, not ${jsonType(operationName)}.`, {
          field: "operationName",
        });
      }
      if (typeof operationName === "string" && operationName.length > MAX_OPERATION_NAME_LENGTH) {
        return refuse(
          res,
          400,
          "BAD_USER_INPUT",
          `operationName is ${operationName.length} characters long (it starts ${JSON.stringify(operationName.slice(0, 20))}); ` +
            `at most ${MAX_OPERATION_NAME_LENGTH} are allowed.`,
          { field: "operationName" },
        );
      }
      next();
    },
  ];
}

function jsonType(value: unknown): string {
  return Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`;
}

/**
 * Trusted documents: a request names a manifest document by `documentId` or by Apollo's
 * `extensions.persistedQuery.sha256Hash`; a known hash runs its document, an unknown one is
 * PERSISTED_QUERY_NOT_FOUND. Apps (and, with TRUSTED_DOCUMENTS=all, everyone) run only manifest
 * documents; people signed in keep the explorer's free text unless the mode is `all`.
 *
 * Apollo's own automatic persisted queries are turned off, so a hash only ever means the manifest.
 */
function trustedDocuments(
  config: LimitsConfig,
  documents: TrustedDocuments,
  callers: RequestCallers,
): express.RequestHandler {
  return (req, res, next) => {
    const body = (req.method === "POST" ? req.body : {}) as Record<string, unknown>;
    const asked = requestedHash(req, body);
    if (asked !== null) {
      if (req.method !== "POST") {
        return refuse(res, 400, "BAD_USER_INPUT", "Send a persisted operation (documentId or sha256Hash) with POST.", {
          field: "documentId",
        });
      }
      if (typeof asked !== "string" || !DOCUMENT_HASH.test(asked)) {
        return refuse(
          res,
          400,
          "BAD_USER_INPUT",
          `The document hash ${JSON.stringify(String(asked).slice(0, 80))} is not a sha256 in hex (64 characters 0-9a-f).`,
          { field: "documentId" },
        );
      }
      const known = documents.get(asked);
      const text = body.query;
      if (known) {
        if (typeof text === "string" && text !== known.body) {
          return refuse(
            res,
            400,
            "BAD_USER_INPUT",
            `The query sent is not the document ${asked}; send one or the other.`,
            {
              field: "query",
            },
          );
        }
        body.query = known.body;
      } else if (typeof text !== "string" || sha256Hex(text) !== asked.toLowerCase()) {
        return refuse(
          res,
          400,
          "PERSISTED_QUERY_NOT_FOUND",
          `No trusted document has the hash ${asked}. Register the operation in gateway/trusted-documents (see the README, "Limits") and send its sha256.`,
          { field: "documentId" },
        );
      }
      // Apollo's own persisted queries are off: the document now travels as text.
      delete body.documentId;
      const extensions = body.extensions as Record<string, unknown> | undefined;
      if (extensions && typeof extensions === "object") delete extensions.persistedQuery;
    }
    const text = req.method === "POST" ? body.query : req.query.query;
    if (typeof text !== "string") return next();
    callers.of(req).then((caller) => {
      if (!caller) {
        if (INTROSPECTION.test(text)) {
          return refuse(
            res,
            401,
            "UNAUTHENTICATED",
            "Introspection (reading the schema) needs sign-in: send a person's Authorization: Bearer <token>.",
          );
        }
        // Without a valid token, the context answers 401 as for any operation.
        return next();
      }
      if (config.trustedDocuments === "off") return next();
      const restricted = config.trustedDocuments === "all" || caller.app !== undefined;
      if (!restricted || documents.hasText(text)) return next();
      const who =
        caller.app !== undefined ? `The app ${JSON.stringify(caller.app)}` : "This gateway (TRUSTED_DOCUMENTS=all)";
      refuse(
        res,
        403,
        "FORBIDDEN",
        `${who} runs registered operations only: send the documentId (sha256) of an operation in gateway/trusted-documents/manifest.json. ` +
          `This document (sha256 ${sha256Hex(text)}) is not registered.`,
      );
    }, next);
  };
}

/** The hash a request names, null when it names none (a value of the wrong type is returned as is, to refuse). */
function requestedHash(req: express.Request, body: Record<string, unknown>): unknown {
  if (req.method !== "POST") {
    const q = req.query as Record<string, unknown>;
    if (q.documentId !== undefined) return q.documentId;
    return typeof q.extensions === "string" && q.extensions.includes("persistedQuery") ? "" : null;
  }
  if (body.documentId !== undefined && body.documentId !== null) return body.documentId;
  const persisted = (body.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return persisted ? (persisted.sha256Hash ?? "") : null;
}

/** The handlers of /graphql before Apollo: the body's limits, then trusted documents. */
export function graphqlRequestLimits(
  config: LimitsConfig,
  documents: TrustedDocuments,
  callers: RequestCallers,
): express.RequestHandler[] {
  return [...readBody(config), trustedDocuments(config, documents, callers)];
}
