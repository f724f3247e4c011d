import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "Hand a household over to a site, whose coordinator may then place it." })
export class AssignHouseholdToSiteInput {
  @Field(() => ID)
  householdId: string;

  @Field(() => ID)
  siteId: string;

  @Field(() => String, { nullable: true, description: "Why this site (at most 500 characters)." })
  note?: string | null;

  @Field(() => String, { nullable: true, description: "Repeat a call with the same key to get the first result." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Withdraw an open site assignment (the household will not come to that site)." })
export class WithdrawSiteAssignmentInput {
  @Field(() => ID)
  assignmentId: string;
}
