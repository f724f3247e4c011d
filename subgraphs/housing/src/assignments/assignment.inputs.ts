import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "Hand a household over to a site, whose coordinator may then place it." })
export class AssignHouseholdToSiteInput {
  @Field(() => ID, { description: "The household to assign." })
  householdId: string;

  @Field(() => ID, { description: "The site the household is assigned to." })
  siteId: string;

  @Field(() => String, { nullable: true, description: "Why this site (at most 500 characters)." })
  note?: string | null;

  @Field(() => String, { nullable: true, description: "Repeat a call with the same key to get the first result." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Withdraw an open site assignment (the household will not come to that site)." })
export class WithdrawSiteAssignmentInput {
  @Field(() => ID, { description: "The assignment to withdraw." })
  assignmentId: string;
}
