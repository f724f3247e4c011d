import { assertUuid, forbidden, NotPersonal, operationName, Personal, SubgraphContext } from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, ID, Info, Mutation, Query, Resolver } from "type-graphql";
import { CareLoaders } from "../loaders";
import { TrainedStaff, Training, TrainingTopic } from "./training.entity";
import { RecordTrainingInput } from "./training.inputs";
import { recordTraining, trainedStaff, trainingRefusal, validateTraining } from "./training.service";

type Ctx = SubgraphContext<CareLoaders>;

@Resolver(() => Training)
export class TrainingResolver {
  @NotPersonal("records a member of a partner's staff acting in their role, not a person served")
  @Mutation(() => Training, {
    description:
      "Records that a staff member was trained (PSEA or MHPSS / psychological first aid): the city's housing " +
      "coordinator for any site, a site coordinator for their sites, a care worker for their organisation's staff. " +
      "CONFLICT when the same training is already recorded; repeat-safe with idempotencyKey.",
  })
  @Authorized("CARE_WORKER", "SITE_COORDINATOR", "HOUSING_COORDINATOR")
  async recordTraining(
    @Arg("input", () => RecordTrainingInput, { description: "The staff member, the topic, the day and the site." })
    input: RecordTrainingInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Training> {
    const v = validateTraining(input);
    await ctx.loaders.housing.requireSite(v.siteId, "input.siteId");
    const refusal = trainingRefusal(v, ctx.caller);
    if (refusal) {
      // Not personal data, but a refused write is still a fact for the DPO and the partners.
      ctx.audit.record({
        personId: null,
        category: "STAFF_TRAINING",
        field: "Mutation.recordTraining",
        operation: operationName(ctx, info),
        action: "WRITE",
        outcome: "REFUSED",
        reason: "FORBIDDEN",
      });
      throw forbidden(refusal);
    }
    const id = await recordTraining(ctx.dataSource, input, v, ctx.caller);
    return (await ctx.dataSource.getRepository(Training).findOneBy({ id }))!;
  }

  @Personal("AGGREGATES")
  @Query(() => [TrainedStaff], {
    description:
      "Staff trained per topic (results matrix, output 1.2), in total and per site, each person (organisation and " +
      "name) counted once per topic. Both topics unless one is asked for; all sites unless one is.",
  })
  @Authorized()
  async trainedStaff(
    @Ctx() ctx: Ctx,
    @Arg("topic", () => TrainingTopic, {
      description: "Only this training topic; omit for all topics.",
      nullable: true,
    })
    topic?: TrainingTopic,
    @Arg("siteId", () => ID, { description: "Only staff trained at this site; omit for all sites.", nullable: true })
    siteId?: string,
  ): Promise<TrainedStaff[]> {
    const site = siteId == null ? null : assertUuid(siteId, "siteId");
    if (site) await ctx.loaders.housing.requireSite(site, "siteId");
    return trainedStaff(ctx.dataSource, topic ?? null, site);
  }
}
