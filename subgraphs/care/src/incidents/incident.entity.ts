import { Caller, DateScalar, hasRole, Personal } from "@reception-graph/kit";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { callerOrganisations } from "../access/care-access";

export enum IncidentType {
  GBV = "GBV",
  TRAFFICKING = "TRAFFICKING",
  VIOLENCE = "VIOLENCE",
  THEFT = "THEFT",
  HEALTH_EMERGENCY = "HEALTH_EMERGENCY",
  CONFLICT_BETWEEN_RESIDENTS = "CONFLICT_BETWEEN_RESIDENTS",
  OTHER = "OTHER",
}
registerEnumType(IncidentType, {
  name: "IncidentType",
  description: "What happened: gender-based violence, trafficking, violence, theft, a health emergency, a conflict.",
  valuesConfig: {
    GBV: { description: "Gender-based violence." },
    TRAFFICKING: { description: "Human trafficking." },
    VIOLENCE: { description: "Other violence." },
    THEFT: { description: "Theft." },
    HEALTH_EMERGENCY: { description: "A health emergency." },
    CONFLICT_BETWEEN_RESIDENTS: { description: "A conflict between residents." },
    OTHER: { description: "Something else." },
  },
});

export enum IncidentSeverity {
  LOW = "LOW",
  MEDIUM = "MEDIUM",
  HIGH = "HIGH",
  CRITICAL = "CRITICAL",
}
registerEnumType(IncidentSeverity, {
  name: "IncidentSeverity",
  description: "How serious the incident is.",
  valuesConfig: {
    LOW: { description: "Low." },
    MEDIUM: { description: "Medium." },
    HIGH: { description: "High." },
    CRITICAL: { description: "Critical." },
  },
});

export enum IncidentStatus {
  OPEN = "OPEN",
  IN_FOLLOW_UP = "IN_FOLLOW_UP",
  CLOSED = "CLOSED",
}
registerEnumType(IncidentStatus, {
  name: "IncidentStatus",
  description: "OPEN → IN_FOLLOW_UP → CLOSED; nothing else.",
  valuesConfig: {
    OPEN: { description: "Reported, follow-up not started." },
    IN_FOLLOW_UP: { description: "Being followed up." },
    CLOSED: { description: "Closed; final." },
  },
});

/**
 * Whether an incident is the caller's own by the record itself (access.md
 * "own" for protection): a site coordinator of the incident's site, or a care
 * worker of an organisation involved in it.
 */
export function ownsIncident(incident: { siteId: string; organisations: string[] }, caller: Caller): boolean {
  if (hasRole(caller, "SITE_COORDINATOR") && caller.sites.includes(incident.siteId)) return true;
  if (hasRole(caller, "CARE_WORKER")) {
    const mine = callerOrganisations(caller);
    return incident.organisations.some((o) => mine.includes(o));
  }
  return false;
}

@ObjectType({
  description:
    "A protection incident at a site (confidential): what happened, how serious, who was involved, the follow-up and its status.",
})
@Entity({ name: "incident" })
@Personal("PROTECTION", {
  person: (i: Incident) => i.personIds,
  ownRecord: (i: Incident, ctx) => ownsIncident(i, ctx.caller),
})
export class Incident {
  @Field(() => ID, { description: "Identifier of the incident." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field(() => ID, { description: "The site (housing's ID) where it happened." })
  @Column({ name: "site_id", type: "uuid" })
  siteId: string;

  @Field(() => DateScalar, { description: "Day it happened." })
  @Column({ name: "occurred_on", type: "date" })
  occurredOn: string;

  @Field(() => IncidentType, { description: "What happened." })
  @Column({ type: "text" })
  type: IncidentType;

  @Field(() => IncidentSeverity, { description: "How serious the incident is." })
  @Column({ type: "text" })
  severity: IncidentSeverity;

  @Field({ description: "What happened, as the reporter wrote it." })
  @Column({ type: "text" })
  summary: string;

  @Column({ name: "person_ids", type: "uuid", array: true })
  personIds: string[];

  @Field(() => [String], {
    description: "Care organisations involved (codes as in staff tokens); their care workers follow the incident up.",
  })
  @Column({ type: "text", array: true })
  organisations: string[];

  @Field(() => IncidentStatus, { description: "Where the follow-up stands." })
  @Column({ type: "text" })
  status: IncidentStatus;

  @Field({ description: "Who reported it (the user's subject)." })
  @Column({ name: "reported_by", type: "text" })
  reportedBy: string;

  @Field({ description: "Organisation of who reported it." })
  @Column({ name: "reporting_organisation", type: "text" })
  reportingOrganisation: string;

  @Field({ description: "When it was reported." })
  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Field({ description: "When its status or follow-up last changed." })
  @Column({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}

@ObjectType({ description: "A follow-up action on an incident: what is to be done, by when, and when it was done." })
@Entity({ name: "incident_action" })
@Personal("PROTECTION")
export class IncidentAction {
  @Field(() => ID, { description: "Identifier of the follow-up action." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "incident_id", type: "uuid" })
  incidentId: string;

  @Field({ description: "What is to be done." })
  @Column({ type: "text" })
  description: string;

  @Field(() => DateScalar, { description: "Day by which it should be done." })
  @Column({ name: "due_date", type: "date" })
  dueDate: string;

  @Field(() => DateScalar, { nullable: true, description: "Day it was done; null while open." })
  @Column({ name: "done_on", type: "date", nullable: true })
  doneOn: string | null;

  @Field({ description: "Who added it (the user's subject)." })
  @Column({ name: "added_by", type: "text" })
  addedBy: string;

  @Field({ description: "Organisation of who added it." })
  @Column({ name: "added_by_organisation", type: "text" })
  addedByOrganisation: string;

  @Field(() => String, { nullable: true, description: "Who marked it done." })
  @Column({ name: "done_by", type: "text", nullable: true })
  doneBy: string | null;

  @Field({ description: "When it was added." })
  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}

@ObjectType({ description: "One step in an incident's life: its new status, who made the change, when and why." })
@Entity({ name: "incident_transition" })
@Personal("PROTECTION")
export class IncidentTransition {
  @Column({ type: "bigint", primary: true, insert: false })
  id: number;

  @Column({ name: "incident_id", type: "uuid" })
  incidentId: string;

  @Field(() => IncidentStatus, { nullable: true, description: "Status before; null for the report." })
  @Column({ name: "from_status", type: "text", nullable: true })
  from: IncidentStatus | null;

  @Field(() => IncidentStatus, { description: "Status after the change." })
  @Column({ name: "to_status", type: "text" })
  status: IncidentStatus;

  @Field({ description: "When the change was made." })
  @Column({ type: "timestamptz" })
  at: Date;

  @Field({ description: "Who made the change (the user's subject)." })
  @Column({ name: "by_subject", type: "text" })
  by: string;

  @Field({ description: "The organisation of who made the change." })
  @Column({ name: "by_organisation", type: "text" })
  byOrganisation: string;

  @Field(() => String, { description: "Free text recorded with the change.", nullable: true })
  @Column({ type: "text", nullable: true })
  note: string | null;
}
