import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum HouseholdComposition {
  FAMILY = "FAMILY",
  SINGLE_WOMAN = "SINGLE_WOMAN",
  SINGLE_MAN = "SINGLE_MAN",
  OTHER = "OTHER",
}
registerEnumType(HouseholdComposition, {
  name: "HouseholdComposition",
  description:
    "Derived from the members: FAMILY (two or more), SINGLE_WOMAN, SINGLE_MAN, OTHER (one person of other or unknown sex).",
});

@ObjectType({
  description: "People registered together and living together (gezin); rooms are assigned per household.",
})
@Directive('@key(fields: "id")')
@Entity({ name: "household" })
export class Household {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field({ description: "When the household was registered." })
  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" })
  createdAt: Date;
}
