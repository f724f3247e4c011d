import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from "typeorm";

/**
 * One line of the append-only audit trail: who touched which person's data,
 * which category and fields, why, and whether it was allowed. Never the values.
 */
@Entity({ name: "audit_log" })
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: "bigint" })
  id: string;

  @CreateDateColumn({ type: "timestamptz", name: "at" })
  at: Date;

  @Column({ type: "text" })
  subject: string;

  @Column({ type: "text" })
  organisation: string;

  @Column({ type: "text", array: true })
  roles: string[];

  @Column({ type: "uuid", name: "person_id", nullable: true })
  personId: string | null;

  @Column({ type: "text" })
  category: string;

  @Column({ type: "text", array: true })
  fields: string[];

  @Column({ type: "text" })
  operation: string;

  @Column({ type: "text" })
  action: "READ" | "WRITE";

  @Column({ type: "text", nullable: true })
  purpose: string | null;

  @Column({ type: "text" })
  outcome: "ALLOWED" | "REFUSED";

  @Column({ type: "text", nullable: true })
  reason: string | null;

  @Column({ type: "text", name: "request_id" })
  requestId: string;
}
