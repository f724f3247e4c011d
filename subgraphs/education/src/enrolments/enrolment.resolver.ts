import { PersonalData, SubgraphContext } from "@reception-graph/kit";
import { Ctx, FieldResolver, Resolver, Root, UseMiddleware } from "type-graphql";
import { EducationLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import { School } from "../schools/school.entity";
import { Enrolment } from "./enrolment.entity";

type Ctx = SubgraphContext<EducationLoaders>;

@Resolver(() => Enrolment)
export class EnrolmentResolver {
  @FieldResolver(() => Person, { description: "The child enrolled." })
  person(@Root() enrolment: Enrolment): Person {
    return { id: enrolment.personId };
  }

  @FieldResolver(() => School)
  async school(@Root() enrolment: Enrolment, @Ctx() ctx: Ctx): Promise<School> {
    return (await ctx.loaders.schoolById.load(enrolment.schoolId))!;
  }
}

@Resolver(() => Person)
export class PersonEducationResolver {
  @FieldResolver(() => [Enrolment], { description: "School enrolments and waiting-list entries, newest first." })
  @UseMiddleware(PersonalData("EDUCATION"))
  enrolments(@Root() person: Person, @Ctx() ctx: Ctx): Promise<Enrolment[]> {
    return ctx.loaders.enrolmentsByPerson.load(person.id);
  }
}
