import { DateScalar, NotPersonal, Personal, Sex, THE_PERSON } from "@reception-graph/kit";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@ObjectType({ description: "The temporary-protection certificate (tijdelijke bescherming), one year, renewable." })
@Personal("IDENTITY_FULL")
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
  @Field(() => ID, { description: "Identifier of the person, the same in every subgraph." })
  @NotPersonal("the key the subgraphs join on; an opaque ID says nothing by itself")
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field({ nullable: true, description: "Given name (voornaam), in Latin script as on the certificate." })
  @Personal("IDENTITY_BASIC", { person: THE_PERSON })
  @Column({ name: "given_name", type: "text" })
  givenName: string;

  @Field({ nullable: true, description: "Family name (familienaam), in Latin script as on the certificate." })
  @Personal("IDENTITY_BASIC", { person: THE_PERSON })
  @Column({ name: "family_name", type: "text" })
  familyName: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: "Date of birth, when known. Full identity: social services and own site only.",
  })
  @Personal("IDENTITY_FULL", { person: THE_PERSON })
  @Column({ name: "birth_date", type: "date", nullable: true })
  birthDate: string | null;

  /** Stored only when the full birth date is unknown. */
  @Column({ name: "birth_year", type: "int", nullable: true })
  storedBirthYear: number | null;

  @Field(() => Sex, { nullable: true, description: "The person's sex as registered." })
  @Personal("IDENTITY_BASIC", { person: THE_PERSON })
  @Column({ type: "text" })
  sex: Sex;

  @Field(() => [String], {
    nullable: true,
    description: 'Languages spoken, ISO 639-1 codes such as "uk", "ru", "nl", "en".',
  })
  @Personal("IDENTITY_BASIC", { person: THE_PERSON })
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

  @Field({ nullable: true, description: "When the person was registered with the cell." })
  @Personal("IDENTITY_BASIC", { person: THE_PERSON })
  @Column({ name: "registered_at", type: "timestamptz", default: () => "now()" })
  registeredAt: Date;

  @Field(() => Int, {
    nullable: true,
    description: "Year of birth (from the birth date, or as declared when the date is unknown).",
  })
  @Personal("IDENTITY_BASIC", { person: THE_PERSON })
  get birthYear(): number | null {
    return this.birthDate ? Number(this.birthDate.slice(0, 4)) : this.storedBirthYear;
  }
}
