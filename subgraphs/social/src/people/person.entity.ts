import { DateScalar, PersonalData } from "@reception-graph/kit";
import { Directive, Field, ID, Int, ObjectType, registerEnumType, UseMiddleware } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum Sex {
  FEMALE = "FEMALE",
  MALE = "MALE",
  OTHER = "OTHER",
  UNKNOWN = "UNKNOWN",
}
registerEnumType(Sex, { name: "Sex", description: "Sex as registered; every count can be broken down by it." });

@ObjectType({ description: "The temporary-protection certificate (tijdelijke bescherming), one year, renewable." })
export class TemporaryProtection {
  @Field({ description: "Number of the certificate as issued by the federal authorities." })
  certificateNumber: string;

  @Field(() => DateScalar, { nullable: true, description: "Last day the certificate is valid." })
  validUntil: string | null;
}

/**
 * A person registered with OCMW Ghent's Cell Ukraine. `social` owns the
 * identity fields; other subgraphs add their own fields by key.
 */
@ObjectType({
  description: "A person displaced from Ukraine, registered with OCMW Ghent's Cell Ukraine (Cel Oekraïne).",
})
@Directive('@key(fields: "id")')
@Entity({ name: "person" })
export class Person {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field({ description: "Given name (voornaam), in Latin script as on the certificate." })
  @UseMiddleware(PersonalData("IDENTITY_BASIC"))
  @Column({ name: "given_name", type: "text" })
  givenName: string;

  @Field({ description: "Family name (familienaam), in Latin script as on the certificate." })
  @UseMiddleware(PersonalData("IDENTITY_BASIC"))
  @Column({ name: "family_name", type: "text" })
  familyName: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: "Date of birth, when known. Full identity: social services and own site only.",
  })
  @UseMiddleware(PersonalData("IDENTITY_FULL"))
  @Column({ name: "birth_date", type: "date", nullable: true })
  birthDate: string | null;

  /** Stored only when the full birth date is unknown. */
  @Column({ name: "birth_year", type: "int", nullable: true })
  storedBirthYear: number | null;

  @Field(() => Sex)
  @UseMiddleware(PersonalData("IDENTITY_BASIC"))
  @Column({ type: "text" })
  sex: Sex;

  @Field(() => [String], { description: 'Languages spoken, ISO 639-1 codes such as "uk", "ru", "nl", "en".' })
  @UseMiddleware(PersonalData("IDENTITY_BASIC"))
  @Column({ type: "text", array: true, default: () => "'{}'" })
  languages: string[];

  @Column({ name: "household_id", type: "uuid" })
  householdId: string;

  @Column({ name: "certificate_number", type: "text", nullable: true })
  certificateNumber: string | null;

  @Column({ name: "certificate_valid_until", type: "date", nullable: true })
  certificateValidUntil: string | null;

  @Column({ type: "text", nullable: true })
  phone: string | null;

  /** The day the person left the household (departure); null while a member. */
  @Column({ name: "left_household_on", type: "date", nullable: true })
  leftHouseholdOn: string | null;

  /** Folded name for search and duplicate detection; computed by the database (social_name_key). */
  @Column({ name: "name_key", type: "text", insert: false, update: false, select: false, nullable: true })
  nameKey?: string;

  @Field({ description: "When the person was registered with the cell." })
  @UseMiddleware(PersonalData("IDENTITY_BASIC"))
  @Column({ name: "registered_at", type: "timestamptz", default: () => "now()" })
  registeredAt: Date;

  @Field(() => Int, {
    nullable: true,
    description: "Year of birth (from the birth date, or as declared when the date is unknown).",
  })
  @UseMiddleware(PersonalData("IDENTITY_BASIC"))
  get birthYear(): number | null {
    return this.birthDate ? Number(this.birthDate.slice(0, 4)) : this.storedBirthYear;
  }
}
