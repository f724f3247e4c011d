import { NotPersonal, PersonOf, Personal } from "@reception-graph/kit";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

/**
 * The coarse kind Household.composition has always returned (graph.md's values). The GraphQL name
 * HouseholdComposition belongs to the indicators' finer breakdown (indicators/indicators.entity.ts), which
 * reporting tools are written against; an output enum's name is never written in a query, so no client changes.
 */
export enum HouseholdType {
  FAMILY = "FAMILY",
  SINGLE_WOMAN = "SINGLE_WOMAN",
  SINGLE_MAN = "SINGLE_MAN",
  OTHER = "OTHER",
}
registerEnumType(HouseholdType, {
  name: "HouseholdType",
  description:
    "Derived from the members: FAMILY (two or more), SINGLE_WOMAN, SINGLE_MAN, OTHER (one person of other or unknown sex).",
  valuesConfig: {
    FAMILY: { description: "Two or more members." },
    SINGLE_WOMAN: { description: "One woman." },
    SINGLE_MAN: { description: "One man." },
    OTHER: { description: "One person of other or unknown sex." },
  },
});

/**
 * A household's data is about each current member: reading it needs each of
 * them readable (a scoped caller: every member in their scope), and the audit
 * line names each of them.
 */
export const householdMembers: PersonOf = async (household: { id: string }, ctx) =>
  (await ctx.loaders.membersByHousehold.load(household.id)).map((m: { id: string }) => m.id);

@ObjectType({
  description: "People registered together and living together (gezin); rooms are assigned per household.",
})
@Directive('@key(fields: "id")')
@Entity({ name: "household" })
@Personal("IDENTITY_BASIC", { person: householdMembers })
export class Household {
  @Field(() => ID, { description: "Identifier of the household, the same in every subgraph." })
  @NotPersonal("the key the subgraphs join on; an opaque ID says nothing by itself")
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field({ nullable: true, description: "When the household was registered." })
  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" })
  createdAt: Date;
}
