import { forbidden, hasRole, NotPersonal, SubgraphContext } from "@reception-graph/kit";
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { callerOrganisations } from "../access/care-access";
import { CareLoaders } from "../loaders";
import { Service } from "./service.entity";
import { RegisterServiceInput, ServiceFilter } from "./service.inputs";
import { registerService, validLanguage, validOrganisation } from "./service.service";

type Ctx = SubgraphContext<CareLoaders>;

@Resolver(() => Service)
export class ServiceResolver {
  @NotPersonal("the service directory")
  @Query(() => [Service], { description: "The partner directory: services by organisation and name." })
  @Authorized()
  services(
    @Ctx() ctx: Ctx,
    @Arg("filter", () => ServiceFilter, {
      description: "Narrows the directory; omit for all services.",
      nullable: true,
    })
    filter?: ServiceFilter,
  ) {
    const f = filter ?? {};
    const qb = ctx.dataSource.getRepository(Service).createQueryBuilder("s");
    if (f.type) qb.andWhere("s.type = :type", { type: f.type });
    if (f.organisation != null) {
      qb.andWhere("s.organisation = :org", { org: validOrganisation(f.organisation, "filter.organisation") });
    }
    if (f.language != null)
      qb.andWhere(":lang = ANY(s.languages)", { lang: validLanguage(f.language, "filter.language") });
    return qb.orderBy("s.organisation", "ASC").addOrderBy("s.name", "ASC").addOrderBy("s.id", "ASC").getMany();
  }

  @NotPersonal("the service directory")
  @Mutation(() => Service, {
    description:
      "Adds a service to the partner directory. Care workers add services of their own organisation only. " +
      "Repeat-safe with idempotencyKey; CONFLICT when the organisation already has a service of that name.",
  })
  @Authorized("ADMIN", "OCMW_ADMIN", "SOCIAL_WORKER", "CARE_WORKER")
  async registerService(
    @Arg("input", () => RegisterServiceInput, { description: "The service's details." }) input: RegisterServiceInput,
    @Ctx() ctx: Ctx,
  ): Promise<Service> {
    const onlyCareWorker = !hasRole(ctx.caller, "ADMIN", "OCMW_ADMIN", "SOCIAL_WORKER");
    if (onlyCareWorker && !callerOrganisations(ctx.caller).includes(input.organisation.trim())) {
      throw forbidden(`Care workers register services of their own organisation, not of ${input.organisation}.`);
    }
    const id = await registerService(ctx.dataSource, input, ctx.caller.sub);
    return (await ctx.loaders.serviceById.load(id))!;
  }
}
