import { Personal } from "@reception-graph/kit";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum AssignmentStatus {
  OPEN = "OPEN",
  PLACED = "PLACED",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(AssignmentStatus, {
  name: "SiteAssignmentStatus",
  description: "OPEN until the household is placed (PLACED) or the assignment is withdrawn (WITHDRAWN).",
  valuesConfig: {
    OPEN: { description: "Waiting for the household to be placed." },
    PLACED: { description: "The household was placed at the site." },
    WITHDRAWN: { description: "The assignment was withdrawn." },
  },
});

@ObjectType({
  description:
    "A household handed over to a site by the city's housing coordinator or an OCMW social worker: the site's coordinator may place it there.",
})
@Entity({ name: "site_assignment" })
@Personal("HOUSING", { person: (a: { personIds: string[] }) => a.personIds })
export class SiteAssignment {
  @Field(() => ID, { description: "Identifier of the assignment." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "household_id", type: "uuid" })
  householdId: string;

  @Column({ name: "site_id", type: "uuid" })
  siteId: string;

  /** The members when the household was assigned: the site coordinator's "own" while the assignment is open. */
  @Column({ name: "person_ids", type: "uuid", array: true })
  personIds: string[];

  @Field(() => AssignmentStatus, {
    description: "Whether the assignment is open, ended in a placement or was withdrawn.",
  })
  @Column({ type: "text" })
  status: AssignmentStatus;

  @Field(() => String, { description: "Free text kept with the assignment.", nullable: true })
  @Column({ type: "text", nullable: true })
  note: string | null;

  @Field({ description: "Login subject of who assigned the household." })
  @Column({ name: "assigned_by", type: "text" })
  assignedBy: string;

  @Field({ description: "HOUSING_COORDINATOR (the city) or SOCIAL_WORKER (the OCMW)." })
  @Column({ name: "assigned_by_role", type: "text" })
  assignedByRole: string;

  @Field({ description: "When the household was assigned." })
  @Column({ name: "assigned_at", type: "timestamptz" })
  assignedAt: Date;

  @Field(() => Date, { nullable: true, description: "When it was placed or withdrawn." })
  @Column({ name: "closed_at", type: "timestamptz", nullable: true })
  closedAt: Date | null;
}
