import { DateScalar, NotPersonal } from "@reception-graph/kit";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";

export enum StaffRole {
  SOCIAL_WORKER = "SOCIAL_WORKER",
  ADMINISTRATIVE = "ADMINISTRATIVE",
  HEAD = "HEAD",
}
registerEnumType(StaffRole, {
  name: "StaffRole",
  description: "Role in the cell: SOCIAL_WORKER (maatschappelijk werker), ADMINISTRATIVE, HEAD of the cell.",
  valuesConfig: {
    SOCIAL_WORKER: { description: "A social worker (maatschappelijk werker), who carries case files." },
    ADMINISTRATIVE: { description: "Administrative staff." },
    HEAD: { description: "Head of the cell." },
  },
});

@ObjectType({
  description: "A member of OCMW Ghent's Cell Ukraine (6 social workers and 2 administrative staff, up to 12).",
})
@Entity({ name: "staff_member" })
@NotPersonal("a member of the cell's staff acting in their role, not a person the cell serves")
export class StaffMember {
  @Field(() => ID, { description: "Identifier of the staff member." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field({ description: "Given (first) name." })
  @Column({ name: "given_name", type: "text" })
  givenName: string;

  @Field({ description: "Family name." })
  @Column({ name: "family_name", type: "text" })
  familyName: string;

  @Field(() => StaffRole, { description: "Role in the cell." })
  @Column({ type: "text" })
  role: StaffRole;

  @Field(() => [String], {
    description:
      'Diplomas held, as codes such as "SOCIAL_WORK", "SOCIAL_NURSING", "PSYCHOLOGY_BACHELOR". Whether they qualify for a social inquiry is reference data (qualifyingDiplomas).',
  })
  @Column({ type: "text", array: true, default: () => "'{}'" })
  diplomas: string[];

  /** Login subject of the staff member, to recognise them in tokens; never exposed. */
  @Column({ type: "text", nullable: true })
  subject: string | null;

  @Field({ description: "False once the staff member has left the cell." })
  @Column({ type: "boolean", default: true })
  active: boolean;

  @Field(() => DateScalar, { description: "Day the staff member joined the cell." })
  @Column({ name: "joined_on", type: "date" })
  joinedOn: string;
}

@ObjectType({
  description:
    "A diploma that allows its holder to carry out a social inquiry (sociaal onderzoek). Reference data: the list can be widened without a code change.",
})
@Entity({ name: "qualifying_diploma" })
@NotPersonal("reference data: diplomas that qualify for a social inquiry")
export class QualifyingDiploma {
  @Field({ description: 'Code as used in staff diplomas, e.g. "SOCIAL_WORK".' })
  @PrimaryColumn({ type: "text" })
  code: string;

  @Field({ description: 'The diploma as written, e.g. "Bachelor in social work".' })
  @Column({ type: "text" })
  label: string;

  @Field({ description: "When the diploma was added to the list." })
  @Column({ name: "added_at", type: "timestamptz", default: () => "now()" })
  addedAt: Date;
}
