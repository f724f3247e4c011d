import { DateScalar, Sex } from "@reception-graph/kit";
import { Field, ID, InputType, Int } from "type-graphql";
import { MembershipChange } from "./household-membership.entity";

@InputType({ description: "One person to register." })
export class PersonInput {
  @Field({ description: "Given (first) name, as in the identity document." })
  givenName: string;

  @Field({ description: "Family name, as in the identity document." })
  familyName: string;

  @Field(() => DateScalar, { nullable: true, description: "Date of birth; not in the future." })
  birthDate?: string | null;

  @Field(() => Int, { nullable: true, description: "Year of birth, when the full date is unknown." })
  birthYear?: number | null;

  @Field(() => Sex, { description: "The person's sex." })
  sex: Sex;

  @Field(() => [String], { nullable: true, description: 'ISO 639-1 codes, e.g. ["uk", "ru"].' })
  languages?: string[] | null;

  @Field(() => String, { nullable: true, description: "Temporary-protection certificate number." })
  certificateNumber?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Last day the certificate is valid." })
  certificateValidUntil?: string | null;

  @Field(() => String, { description: "A phone number to reach the person.", nullable: true })
  phone?: string | null;
}

@InputType({ description: "A household registered together: all its members at once." })
export class RegisterHouseholdInput {
  @Field(() => [PersonInput], { description: "Everyone in the household, registered together." })
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

  @Field(() => ID, { description: "Only the members of this household.", nullable: true })
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
  @Field(() => ID, { description: "The household the person joins." })
  householdId: string;

  @Field(() => PersonInput, { description: "The new member's identity and contact details." })
  member: PersonInput;

  @Field(() => MembershipChange, { description: "BIRTH or ARRIVAL." })
  reason: MembershipChange;

  @Field(() => DateScalar, { nullable: true, description: "Day of joining; the birth date or today when omitted." })
  date?: string | null;

  @Field(() => String, {
    description: "Free text about the change, e.g. the circumstances of the arrival.",
    nullable: true,
  })
  note?: string | null;

  @Field(() => String, {
    description:
      "A key of your choosing (at most 200 characters) that makes a retry safe: the same input sent again with the same key returns the first result instead of creating a second; the same key with a different input is refused.",
    nullable: true,
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "A member leaving their household (moving out, returning to Ukraine)." })
export class RecordDepartureInput {
  @Field(() => ID, { description: "The person who left their household." })
  personId: string;

  @Field(() => DateScalar, { nullable: true, description: "Day of leaving; today when omitted." })
  date?: string | null;

  @Field(() => String, { description: "Free text about the departure.", nullable: true })
  note?: string | null;
}
