import {
  assertUuid,
  badInput,
  conflict,
  driverErrorOf,
  notFound,
  once,
  operationName,
  requireText,
  SubgraphContext,
} from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  InputType,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { HousingLoaders } from "../loaders";
import { requireSiteManager } from "../site-access";
import { Site } from "../sites/site.entity";
import { StockLevel } from "./stock-level.entity";

type Ctx = SubgraphContext<HousingLoaders>;

@InputType({ description: "Stock received at a site (a delivery), and optionally the item's low-stock threshold." })
export class StockInput {
  @Field(() => ID)
  siteId: string;

  @Field({ description: "The item, e.g. 'hygiene kit', 'bedding set', 'cleaning products'." })
  item: string;

  @Field(() => Int, { description: "Units received; 0 to only set the threshold." })
  quantity: number;

  @Field(() => Int, { nullable: true, description: "Below this quantity the item is listed as low stock." })
  lowStockThreshold?: number | null;

  @Field(() => String, { nullable: true, description: "Repeat a call with the same key to get the first result." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Stock handed out, e.g. the hygiene kit to a resident on arrival." })
export class IssueStockInput {
  @Field(() => ID)
  siteId: string;

  @Field()
  item: string;

  @Field(() => Int)
  quantity: number;

  @Field(() => ID, { nullable: true, description: "The resident who received it; must live at the site." })
  personId?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => String, { nullable: true, description: "Repeat a call with the same key to get the first result." })
  idempotencyKey?: string | null;
}

/** The largest quantity the stock_level.quantity column (int) holds. */
const MAX_STOCK = 2_147_483_647;

/** One spelling per item, so that 'Hygiene  Kit' and 'hygiene kit' are one stock line. */
export function normaliseItem(item: string, field: string): string {
  return requireText(item, field, 100).replace(/\s+/g, " ").toLowerCase();
}

@Resolver(() => StockLevel)
export class StockResolver {
  @Mutation(() => StockLevel, {
    description: "Records stock received at a site (HOUSING_COORDINATOR or the site's coordinator).",
  })
  @Authorized("HOUSING_COORDINATOR", "SITE_COORDINATOR")
  async receiveStock(
    @Arg("input", () => StockInput) input: StockInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<StockLevel> {
    const siteId = assertUuid(input.siteId, "input.siteId");
    requireSiteManager(ctx, siteId, "Mutation.receiveStock", operationName(ctx, info));
    const item = normaliseItem(input.item, "input.item");
    if (!Number.isInteger(input.quantity) || input.quantity < 0 || input.quantity > 1_000_000)
      throw badInput("input.quantity", `quantity ${input.quantity} must be a whole number from 0 to 1,000,000.`);
    const threshold = input.lowStockThreshold;
    if (threshold != null && (!Number.isInteger(threshold) || threshold < 0 || threshold > 1_000_000))
      throw badInput("input.lowStockThreshold", `lowStockThreshold ${threshold} must be a whole number of 0 or more.`);
    const id = await ctx.dataSource
      .transaction(async (manager) => {
        if (!(await manager.getRepository(Site).findOneBy({ id: siteId }))) throw notFound("Site", input.siteId);
        const r = await once(
          manager,
          { subject: ctx.caller.sub, operation: "receiveStock" },
          input.idempotencyKey,
          input,
          async () => {
            const [row] = await manager.query(
              `INSERT INTO stock_level (site_id, item, quantity, low_stock_threshold) VALUES ($1, $2, $3, COALESCE($4, 0))
           ON CONFLICT (site_id, item) DO UPDATE SET quantity = stock_level.quantity + EXCLUDED.quantity,
             low_stock_threshold = COALESCE($4, stock_level.low_stock_threshold), updated_at = now()
           RETURNING id`,
              [siteId, item, input.quantity, threshold ?? null],
            );
            if (input.quantity > 0) {
              await manager.query(
                `INSERT INTO stock_movement (stock_level_id, delta, by_subject) VALUES ($1, $2, $3)`,
                [row.id, input.quantity, ctx.caller.sub],
              );
            }
            return row.id as string;
          },
        );
        return r.id;
      })
      .catch((e) => {
        // 22003: the new total does not fit the quantity column; the whole delivery is refused.
        if (driverErrorOf(e).code === "22003")
          throw badInput(
            "input.quantity",
            `Receiving ${input.quantity} ${item} would bring the stock above what can be counted (${MAX_STOCK}).`,
          );
        throw e;
      });
    return (await ctx.dataSource.getRepository(StockLevel).findOneBy({ id }))!;
  }

  @Mutation(() => StockLevel, {
    description:
      "Hands out stock, e.g. a hygiene kit to a resident on arrival. CONFLICT when the stock would go below 0.",
  })
  @Authorized("HOUSING_COORDINATOR", "SITE_COORDINATOR")
  async issueStock(
    @Arg("input", () => IssueStockInput) input: IssueStockInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<StockLevel> {
    const operation = operationName(ctx, info);
    const siteId = assertUuid(input.siteId, "input.siteId");
    requireSiteManager(ctx, siteId, "Mutation.issueStock", operation);
    const item = normaliseItem(input.item, "input.item");
    if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > 1_000_000)
      throw badInput("input.quantity", `quantity ${input.quantity} must be a whole number of 1 or more.`);
    const personId = input.personId ? assertUuid(input.personId, "input.personId") : null;
    const note = input.note?.trim() ? requireText(input.note, "input.note", 500) : null;
    if (personId) {
      await ctx.access.authorize({
        category: "HOUSING",
        action: "WRITE",
        personId,
        field: "Mutation.issueStock",
        operation,
      });
      const placements = await ctx.loaders.placementsByPerson.load(personId);
      if (!placements.some((p) => p.siteId === siteId && p.moveOutDate === null))
        throw badInput("input.personId", `Person ${personId} does not live at site ${siteId}.`);
    }
    const id = await ctx.dataSource.transaction(async (manager) => {
      if (!(await manager.getRepository(Site).findOneBy({ id: siteId }))) throw notFound("Site", input.siteId);
      const r = await once(
        manager,
        { subject: ctx.caller.sub, operation: "issueStock" },
        input.idempotencyKey,
        input,
        async () => {
          const [level] = await manager.query(`SELECT id, quantity FROM stock_level WHERE site_id = $1 AND item = $2`, [
            siteId,
            item,
          ]);
          if (!level) throw notFound("Stock item", item);
          // Guarded update: never below zero, also when two people hand out the last kit at once.
          // TypeORM answers an UPDATE with [rows, affected count].
          const [, affected]: [unknown[], number] = await manager.query(
            `UPDATE stock_level SET quantity = quantity - $2, updated_at = now() WHERE id = $1 AND quantity >= $2`,
            [level.id, input.quantity],
          );
          if (affected === 0) {
            const [now] = await manager.query(`SELECT quantity FROM stock_level WHERE id = $1`, [level.id]);
            throw conflict(`Only ${now.quantity} ${item} in stock; cannot issue ${input.quantity}.`);
          }
          await manager.query(
            `INSERT INTO stock_movement (stock_level_id, delta, person_id, note, by_subject) VALUES ($1, $2, $3, $4, $5)`,
            [level.id, -input.quantity, personId, note, ctx.caller.sub],
          );
          return level.id as string;
        },
      );
      return r.id;
    });
    if (personId) ctx.access.recordWrite("HOUSING", personId, "Mutation.issueStock", operation);
    return (await ctx.dataSource.getRepository(StockLevel).findOneBy({ id }))!;
  }

  @Query(() => [StockLevel], { description: "Items below their low-stock threshold, on all sites or one site." })
  @Authorized()
  lowStock(
    @Ctx() ctx: Ctx,
    @Arg("siteId", () => ID, { nullable: true }) siteId?: string | null,
  ): Promise<StockLevel[]> {
    const qb = ctx.dataSource
      .getRepository(StockLevel)
      .createQueryBuilder("s")
      .where("s.quantity < s.low_stock_threshold");
    if (siteId) qb.andWhere("s.site_id = :siteId", { siteId: assertUuid(siteId, "siteId") });
    return qb.orderBy("s.site_id").addOrderBy("s.item").getMany();
  }

  @FieldResolver(() => Site)
  async site(@Root() level: StockLevel, @Ctx() ctx: Ctx): Promise<Site> {
    return (await ctx.loaders.siteById.load(level.siteId))!;
  }
}
