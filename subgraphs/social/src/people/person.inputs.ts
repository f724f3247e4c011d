import { DateScalar, Sex } from "@reception-graph/kit";
import { Field, ID, InputType, Int } from "type-graphql";
import { MembershipChange } from "./household-membership.entity";

@InputType({ description: "One person to register." })
export class PersonInput {
  @Field()
  givenName: string;

  @Field()
  familyName: string;

  @Field(() => DateScalar, { nullable: true, description: "Date of birth; not in the future." })
  birthDate?: string | null;

  @Field(() => Int, { nullable: true, description: "Year of birth, when the full date is unknown." })
  birthYear?: number | null;

  @Field(() => Sex)
  sex: Sex;

  @Field(() => [String], { nullable: true, description: 'ISO 639-1 codes, e.g. ["uk", "ru"].' })
  languages?: string[] | null;

  @Field(() => String, { nullable: true, description: "Temporary-protection certificate number." })
  certificateNumber?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Last day the certificate is valid." })
  certificateValidUntil?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

@InputType({ description: "A household registered together: all its members at once." })
export class RegisterHouseholdInput {
  @Field(() => [PersonInput])
  members: PersonInput[];

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "Day the household registered at the cell, when it is entered later (e.g. from a paper form at the desk); " +
      "not in the future, not before 24 February 2022. Default: today.",
  })
  registeredOn?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Repeat a call with the same key to get the first result instead of a second household.",
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters for the people list; all given filters apply together." })
export class PersonFilter {
  @Field(() => String, {
    nullable: true,
    description:
      "A name or part of it; accent-, case- and transliteration-tolerant (Olexandr finds Oleksandr), best matches first.",
  })
  search?: string | null;

  @Field(() => ID, { nullable: true })
  householdId?: string | null;

  @Field(() => Int, { nullable: true, description: "Minimum age today, in whole years." })
  ageFrom?: number | null;

  @Field(() => Int, { nullable: true, description: "Maximum age today, in whole years." })
  ageTo?: number | null;

  @Field(() => DateScalar, { nullable: true, description: "Registered on or after this day." })
  registeredFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Registered on or before this day." })
  registeredTo?: string | null;
}

@InputType({ description: "A person joining an existing household: a birth or a member arriving later." })
export class AddHouseholdMemberInput {
  @Field(() => ID)
  householdId: string;

  @Field(() => PersonInput)
  member: PersonInput;

  @Field(() => MembershipChange, { description: "BIRTH or ARRIVAL." })
  reason: MembershipChange;

  @Field(() => DateScalar, { nullable: true, description: "Day of joining; the birth date or today when omitted." })
  date?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}

@InputType({ description: "A member leaving their household (moving out, returning to Ukraine)." })
export class RecordDepartureInput {
  @Field(() => ID)
  personId: string;

  @Field(() => DateScalar, { nullable: true, description: "Day of leaving; today when omitted." })
  date?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
