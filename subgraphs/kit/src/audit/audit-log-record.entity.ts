import { Column, Entity, PrimaryColumn } from "typeorm";
import type { AuditCompactEntry } from "./audit-trail";

/**
 * One record of the append-only audit trail: who touched which people's data
 * in one request (or one write transaction), which categories and fields, for
 * what purpose, and whether it was allowed. Never the values. Written by
 * AuditTrail only; id, at and the hashes are the database's (chain trigger).
 */
@Entity({ name: "audit_log" })
export class AuditLogRecord {
  @PrimaryColumn({ type: "bigint" })
  id: string;

  @Column({ type: "timestamptz" })
  at: Date;

  @Column({ type: "text", name: "request_id" })
  requestId: string;

  @Column({ type: "text" })
  subject: string;

  @Column({ type: "text" })
  organisation: string;

  @Column({ type: "text", array: true })
  roles: string[];

  @Column({ type: "text", name: "on_behalf_of", nullable: true })
  onBehalfOf: string | null;

  @Column({ type: "text", nullable: true })
  purpose: string | null;

  @Column({ type: "text" })
  operation: string;

  @Column({ type: "uuid", name: "person_ids", array: true })
  personIds: string[];

  @Column({ type: "jsonb" })
  entries: AuditCompactEntry[];

  @Column({ type: "boolean" })
  refused: boolean;

  @Column({ type: "bytea", name: "prev_hash" })
  prevHash: Buffer;

  @Column({ type: "bytea" })
  hash: Buffer;
}
