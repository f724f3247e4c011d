import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The committed manifest of the partner apps' operations (Apollo's persisted query manifest format). */
export const TRUSTED_DOCUMENTS_DIR = join(__dirname, "..", "..", "trusted-documents");
export const TRUSTED_DOCUMENTS_MANIFEST = join(TRUSTED_DOCUMENTS_DIR, "manifest.json");

export interface TrustedOperation {
  /** sha256 (hex) of `body`, exactly as written. */
  id: string;
  name: string;
  type: "query" | "mutation" | "subscription";
  body: string;
}

export interface TrustedDocumentManifest {
  format: "apollo-persisted-query-manifest";
  version: 1;
  operations: TrustedOperation[];
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** A request's hash as apps send it: 64 hex digits, any case. */
export const DOCUMENT_HASH = /^[0-9a-f]{64}$/i;

/**
 * The operations partner apps may run, by hash. The manifest is read once at start; a manifest whose
 * ids are not the hashes of their bodies stops the gateway, since an app would run something else than
 * what was reviewed.
 */
export class TrustedDocuments {
  private readonly byId: Map<string, TrustedOperation>;

  constructor(manifest: TrustedDocumentManifest) {
    if (manifest.format !== "apollo-persisted-query-manifest" || manifest.version !== 1) {
      throw new Error("The trusted-documents manifest is not an apollo-persisted-query-manifest, version 1.");
    }
    this.byId = new Map();
    for (const op of manifest.operations) {
      if (sha256Hex(op.body) !== op.id) {
        throw new Error(
          `Trusted document ${op.name}: its id ${op.id} is not the sha256 of its body; rebuild the manifest.`,
        );
      }
      this.byId.set(op.id, op);
    }
  }

  /** The committed manifest, or the one TRUSTED_DOCUMENTS_MANIFEST names (an image that moves the sources). */
  static load(path = process.env.TRUSTED_DOCUMENTS_MANIFEST || TRUSTED_DOCUMENTS_MANIFEST): TrustedDocuments {
    return new TrustedDocuments(JSON.parse(readFileSync(path, "utf8")) as TrustedDocumentManifest);
  }

  get(hash: string): TrustedOperation | undefined {
    return this.byId.get(hash.toLowerCase());
  }

  /** Whether a document text is one of the manifest's, as written. */
  hasText(text: string): boolean {
    return this.byId.has(sha256Hex(text));
  }

  get size(): number {
    return this.byId.size;
  }
}
