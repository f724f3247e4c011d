import { DateScalar, NotPersonal, Personal } from "@reception-graph/kit";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";

@ObjectType({
  description:
    "A residents' committee, democratically elected by a centre's residents for a term: their voice to the site coordinator.",
})
@Entity({ name: "residents_committee" })
@NotPersonal("a site's committee: its dates and site; its members are declared on their own")
export class ResidentsCommittee {
  @Field(() => ID, { description: "Identifier of the committee." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "site_id", type: "uuid" })
  siteId: string;

  @Field(() => DateScalar, { description: "Day of the election." })
  @Column({ name: "elected_on", type: "date" })
  electedOn: string;

  @Field(() => DateScalar, { description: "First day of the term." })
  @Column({ name: "term_start", type: "date" })
  termStart: string;

  @Field(() => DateScalar, { description: "Last day of the term." })
  @Column({ name: "term_end", type: "date" })
  termEnd: string;

  @Field({ description: "When the election was recorded." })
  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" })
  createdAt: Date;

  @Column({ name: "created_by", type: "text" })
  createdBy: string;
}

@ObjectType({ description: "A resident elected to a committee." })
@Entity({ name: "committee_member" })
@Personal("HOUSING", { person: (m: { personId: string }) => m.personId })
export class CommitteeMember {
  @PrimaryColumn({ name: "committee_id", type: "uuid" })
  committeeId: string;

  @PrimaryColumn({ name: "person_id", type: "uuid" })
  personId: string;

  @Field(() => String, { nullable: true, description: "Role in the committee, e.g. chair, secretary." })
  @Column({ type: "text", nullable: true })
  role: string | null;
}
