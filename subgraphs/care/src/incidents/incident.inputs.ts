import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType } from "type-graphql";
import { IncidentSeverity, IncidentStatus, IncidentType } from "./incident.entity";

@InputType({ description: "A follow-up action: what is to be done and by when." })
export class FollowUpActionInput {
  @Field({ description: "What is to be done (at most 1000 characters)." })
  description: string;

  @Field(() => DateScalar, { description: "Day by which it should be done." })
  dueDate: string;
}

@InputType({ description: "An incident report at a site." })
export class ReportIncidentInput {
  @Field(() => ID, { description: "The site (housing's ID) where it happened." })
  siteId: string;

  @Field(() => DateScalar, { description: "Day it happened; not in the future." })
  occurredOn: string;

  @Field(() => IncidentType, { description: "What happened." })
  type: IncidentType;

  @Field(() => IncidentSeverity, { description: "How serious it is." })
  severity: IncidentSeverity;

  @Field({ description: "What happened (at most 2000 characters)." })
  summary: string;

  @Field(() => [ID], { nullable: true, description: "People involved, if any (and if known)." })
  personIds?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: "Care organisations to involve (codes, e.g. CAW_OOST_VLAANDEREN); a care worker's own is added.",
  })
  organisations?: string[] | null;

  @Field(() => [FollowUpActionInput], { nullable: true, description: "Follow-up actions agreed at once." })
  followUpActions?: FollowUpActionInput[] | null;

  @Field(() => String, {
    nullable: true,
    description: "Repeat a call with the same key to get the first result instead of a second incident.",
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "Moves an incident to its next status." })
export class TransitionIncidentInput {
  @Field(() => ID, { description: "The incident to move on." })
  incidentId: string;

  @Field(() => IncidentStatus, { description: "The new status." })
  to: IncidentStatus;

  @Field(() => String, { nullable: true, description: "Why (kept in the incident's history)." })
  note?: string | null;
}

@InputType({ description: "Adds a follow-up action to an open incident." })
export class AddIncidentActionInput {
  @Field(() => ID, { description: "The open incident the action follows up." })
  incidentId: string;

  @Field({ description: "What is to be done (at most 1000 characters)." })
  description: string;

  @Field(() => DateScalar, { description: "Day by which it should be done." })
  dueDate: string;
}

@InputType({ description: "Marks a follow-up action as done." })
export class CompleteIncidentActionInput {
  @Field(() => ID, { description: "The follow-up action that was done." })
  actionId: string;

  @Field(() => DateScalar, { description: "Day it was done; not in the future." })
  doneOn: string;
}

@InputType({ description: "Filters for the incident list; all given filters apply together." })
export class IncidentFilter {
  @Field(() => ID, { description: "Only incidents at this site.", nullable: true })
  siteId?: string | null;

  @Field(() => IncidentStatus, { description: "Only incidents with this status.", nullable: true })
  status?: IncidentStatus | null;

  @Field(() => IncidentType, { description: "Only incidents of this type.", nullable: true })
  type?: IncidentType | null;
}
