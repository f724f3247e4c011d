import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType, Int } from "type-graphql";
import { StaffRole } from "./staff.entity";

@InputType({ description: "A new member of the cell." })
export class RegisterStaffMemberInput {
  @Field({ description: "The staff member's given (first) name." })
  givenName: string;

  @Field({ description: "The staff member's family name." })
  familyName: string;

  @Field(() => StaffRole, { description: "The staff member's role in the cell." })
  role: StaffRole;

  @Field(() => [String], { nullable: true, description: 'Diploma codes, e.g. ["SOCIAL_WORK"].' })
  diplomas?: string[] | null;

  @Field(() => String, { nullable: true, description: "Login subject (sub of the token) of the staff member." })
  subject?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Day joined; today when omitted." })
  joinedOn?: string | null;

  @Field(() => String, {
    description:
      "A key of your choosing (at most 200 characters) that makes a retry safe: the same input sent again with the same key returns the first result instead of creating a second; the same key with a different input is refused.",
    nullable: true,
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "Adds or removes diplomas of a staff member, or marks them as having left." })
export class UpdateStaffMemberInput {
  @Field(() => ID, { description: "The staff member to update." })
  staffMemberId: string;

  @Field(() => [String], { nullable: true, description: "The full new list of diploma codes." })
  diplomas?: string[] | null;

  @Field(() => Boolean, {
    description: "False when the person leaves the cell; omit to leave unchanged.",
    nullable: true,
  })
  active?: boolean | null;
}

@InputType({ description: "A diploma to add to the list that qualifies for a social inquiry." })
export class AddQualifyingDiplomaInput {
  @Field({ description: 'Code in capitals, e.g. "PSYCHOLOGY_BACHELOR".' })
  code: string;

  @Field({ description: 'The diploma as written, e.g. "Bachelor in social work".' })
  label: string;
}

@InputType({ description: "A setting of the cell's workload monitoring." })
export class SetCaseloadCeilingInput {
  @Field(() => Int, { description: "Most open case files one social worker should carry." })
  ceiling: number;
}
