import {
  assertUuid,
  DateScalar,
  fieldName,
  operationName,
  Personal,
  SubgraphContext,
  THE_PERSON,
} from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  Info,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from "type-graphql";
import { SocialLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import { guardWrite, recordWrites } from "../shared/guard";
import { HealthInsurance } from "./insurance.entity";
import { RecordMedicalIntakeInput, RegisterHealthInsuranceInput } from "./insurance.inputs";
import { medicalIntakeDone, recordMedicalIntake, registerHealthInsurance } from "./insurance.service";

type Ctx = SubgraphContext<SocialLoaders>;
const SOCIAL = ["SOCIAL_WORKER", "OCMW_ADMIN"] as const;

@ObjectType({ description: "Medical intake done yes or no, and when. The clinical result stays with care." })
@Personal("SOCIAL_FINANCIAL")
export class MedicalIntakeStatus {
  @Field({ description: "True when the medical intake has taken place." })
  done: boolean;

  @Field(() => DateScalar, { description: "Day of the medical intake; null when not done.", nullable: true })
  date: string | null;
}

@Resolver(() => Person)
export class PersonInsuranceResolver {
  @FieldResolver(() => HealthInsurance, { nullable: true, description: "Health insurance registration, if any." })
  @Personal("SOCIAL_FINANCIAL", { person: THE_PERSON })
  healthInsurance(@Root() person: Person, @Ctx() ctx: Ctx): Promise<HealthInsurance | null> {
    return ctx.loaders.healthInsuranceByPerson.load(person.id);
  }

  @FieldResolver(() => MedicalIntakeStatus, {
    nullable: true,
    description: "Whether the medical intake was done, and when.",
  })
  @Personal("SOCIAL_FINANCIAL", { person: THE_PERSON })
  async medicalIntake(@Root() person: Person, @Ctx() ctx: Ctx): Promise<MedicalIntakeStatus> {
    const intake = await ctx.loaders.medicalIntakeByPerson.load(person.id);
    return { done: !!intake, date: intake?.doneOn ?? null };
  }

  @Personal("SOCIAL_FINANCIAL")
  @Mutation(() => HealthInsurance, { description: "Registers or updates a person's health insurance registration." })
  @Authorized(...SOCIAL)
  async registerHealthInsurance(
    @Arg("input", () => RegisterHealthInsuranceInput, {
      description: "The person, the fund and the status of the registration.",
    })
    input: RegisterHealthInsuranceInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<HealthInsurance> {
    await guardWrite(ctx, info, "SOCIAL_FINANCIAL");
    return ctx.access.transaction(async (m) => {
      const id = await registerHealthInsurance(m, input, ctx.caller.sub);
      const row = (await m.getRepository(HealthInsurance).findOneBy({ id }))!;
      recordWrites(ctx, info, "SOCIAL_FINANCIAL", [row.personId]);
      return row;
    });
  }

  @Personal("SOCIAL_FINANCIAL")
  @Mutation(() => Person, { description: "Records that the medical intake was done (the result is kept by care)." })
  @Authorized(...SOCIAL)
  async recordMedicalIntake(
    @Arg("input", () => RecordMedicalIntakeInput, { description: "The person and the day of the intake." })
    input: RecordMedicalIntakeInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Person> {
    await guardWrite(ctx, info, "SOCIAL_FINANCIAL");
    const personId = await ctx.access.transaction(async (m) => {
      const id = await recordMedicalIntake(m, input, ctx.caller.sub);
      recordWrites(ctx, info, "SOCIAL_FINANCIAL", [id]);
      return id;
    });
    return (await ctx.loaders.personById.load(personId))!;
  }

  /**
   * Care's peer call when a care worker records a medical intake: only "done,
   * on date" crosses. Declared HEALTH so that social applies the care worker's
   * rule (purpose CARE, role, a person referred to their organisation, asked
   * of care) before writing anything.
   */
  @Personal("HEALTH", { person: (_r, _c, args) => args.personId })
  @Mutation(() => Boolean, { description: "Internal (care): the medical intake of a person was done on this date." })
  @Directive("@inaccessible")
  @Authorized("CARE_WORKER")
  async _medicalIntakeDone(
    @Arg("personId", () => ID) personId: string,
    @Arg("date", () => DateScalar) date: string,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<boolean> {
    const id = assertUuid(personId, "personId");
    await ctx.access.transaction(async (m) => {
      await medicalIntakeDone(m, id, date, ctx.caller.sub);
      ctx.access.recordWrite("HEALTH", id, fieldName(info), operationName(ctx, info));
    });
    return true;
  }
}

@Resolver(() => HealthInsurance)
export class HealthInsuranceResolver {
  @FieldResolver(() => Person, { description: "The person insured." })
  async person(@Root() insurance: HealthInsurance, @Ctx() ctx: Ctx): Promise<Person> {
    return (await ctx.loaders.personById.load(insurance.personId))!;
  }
}
