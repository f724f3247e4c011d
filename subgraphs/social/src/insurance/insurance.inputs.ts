import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType } from "type-graphql";
import { InsuranceStatus } from "./insurance.entity";

@InputType({
  description: "Registers (or updates) a person's health insurance: one registration per person, latest status kept.",
})
export class RegisterHealthInsuranceInput {
  @Field(() => ID, { description: "The person to insure." })
  personId: string;

  @Field({ description: "Name of the fund." })
  fund: string;

  @Field(() => InsuranceStatus, { nullable: true, description: "REQUESTED when omitted." })
  status?: InsuranceStatus | null;

  @Field(() => DateScalar, { nullable: true, description: "Day of this status; today when omitted." })
  date?: string | null;

  @Field(() => String, { description: "The fund's membership number, once known.", nullable: true })
  membershipNumber?: string | null;

  @Field(() => String, {
    description:
      "A key of your choosing (at most 200 characters) that makes a retry safe: the same input sent again with the same key returns the first result instead of creating a second; the same key with a different input is refused.",
    nullable: true,
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "Records that the medical intake was done (not its result)." })
export class RecordMedicalIntakeInput {
  @Field(() => ID, { description: "The person who had the medical intake." })
  personId: string;

  @Field(() => DateScalar, { nullable: true, description: "Day of the intake; today when omitted." })
  date?: string | null;
}
