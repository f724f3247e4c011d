import {
  assertMonth,
  assertUuid,
  badInput,
  ConnectionType,
  forbidden,
  hasRole,
  inPageOrder,
  isResidentCaller,
  KeyColumn,
  keysetCondition,
  keysetConnection,
  keysetOrder,
  notFound,
  NotPersonal,
  operationName,
  parseKeysetPage,
  Personal,
  SubgraphContext,
  todayInBrussels,
  positionalBinder,
} from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { CareLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import {
  Feedback,
  FeedbackCategory,
  FeedbackChannel,
  FeedbackMonthlyOverview,
  FeedbackStatus,
} from "./feedback.entity";
import {
  FeedbackFilter,
  RegisterFeedbackChannelInput,
  RespondToFeedbackInput,
  SubmitFeedbackInput,
} from "./feedback.inputs";
import {
  digitalChannelByCode,
  FeedbackValues,
  insertFeedback,
  insertLinkedFeedback,
  monthlyOverview,
  registerChannel,
  respond,
  validFeedbackLanguage,
  validReceivedOn,
  validText,
} from "./feedback.service";

type Ctx = SubgraphContext<CareLoaders>;

export const FeedbackConnection = ConnectionType(
  "Feedback",
  Feedback,
  "A page of feedback, newest day first, with the total matching the filter.",
  "ANONYMOUS_FEEDBACK",
);

/** Newest day first; the ID (random) only breaks ties within a day, so it orders nothing in time. */
const FEEDBACK_ORDER: KeyColumn[] = [
  { sql: "f.received_on", cast: "date", desc: true },
  { sql: "f.id", cast: "uuid" },
];

const CATEGORY = "ANONYMOUS_FEEDBACK" as const;

/**
 * The complaints and feedback mechanism (category ANONYMOUS_FEEDBACK: site
 * coordinators for their own sites, care workers everywhere, purpose CARE).
 * An anonymous submission names no one, so its reads and writes leave no
 * audit line (there is no person to record, and a line would name whoever
 * entered it); a linked one is checked and audited for its person.
 */
@Resolver(() => Feedback)
export class FeedbackResolver {
  /** Site coordinators act for their own sites only; a refusal is recorded (naming the person when there is one). */
  private requireOwnSite(ctx: Ctx, siteId: string, personId: string | null, field: string, operation: string) {
    if (!hasRole(ctx.caller, "SITE_COORDINATOR") || hasRole(ctx.caller, "CARE_WORKER")) return;
    if (ctx.caller.sites.includes(siteId)) return;
    ctx.audit.record({
      category: CATEGORY,
      action: field.startsWith("Mutation.") ? "WRITE" : "READ",
      personId,
      field,
      operation,
      outcome: "REFUSED",
      reason: "FORBIDDEN",
    });
    throw forbidden(`Site ${siteId} is not one of your sites: ${field} is for the feedback of your own sites.`);
  }

  @NotPersonal("a site's feedback channels: how residents can reach the centre")
  @Query(() => [FeedbackChannel], { description: "Feedback channels, of one site or of all, by site and kind." })
  @Authorized()
  feedbackChannels(
    @Ctx() ctx: Ctx,
    @Arg("siteId", () => ID, { description: "Only this site's channels; omit for all sites.", nullable: true })
    siteId?: string | null,
  ) {
    if (isResidentCaller(ctx.caller)) throw forbidden("The resident page may only submit feedback.");
    const qb = ctx.dataSource.getRepository(FeedbackChannel).createQueryBuilder("c");
    if (siteId != null) qb.andWhere("c.site_id = :siteId", { siteId: assertUuid(siteId, "siteId") });
    return qb.orderBy("c.site_id", "ASC").addOrderBy("c.kind", "ASC").addOrderBy("c.id", "ASC").getMany();
  }

  @NotPersonal("a site's feedback channel: how residents can reach the centre")
  @Mutation(() => FeedbackChannel, {
    description:
      "Registers a feedback channel of a site: site coordinators for their own sites, the city's housing " +
      "coordinator for any. A DIGITAL channel gets a public siteCode for the resident page /feedback/{siteCode}.",
  })
  @Authorized("SITE_COORDINATOR", "HOUSING_COORDINATOR")
  async registerFeedbackChannel(
    @Arg("input", () => RegisterFeedbackChannelInput, { description: "The site and the kind of channel." })
    input: RegisterFeedbackChannelInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<FeedbackChannel> {
    const siteId = assertUuid(input.siteId, "input.siteId");
    if (!hasRole(ctx.caller, "HOUSING_COORDINATOR") && !ctx.caller.sites.includes(siteId)) {
      ctx.audit.record({
        category: "ROLE",
        action: "WRITE",
        personId: null,
        field: "Mutation.registerFeedbackChannel",
        operation: operationName(ctx, info),
        outcome: "REFUSED",
        reason: "FORBIDDEN",
      });
      throw forbidden(
        `Site ${siteId} is not one of your sites: site coordinators register channels of their own sites.`,
      );
    }
    await ctx.loaders.housing.requireSite(siteId, "input.siteId");
    const id = await registerChannel(ctx.dataSource, { ...input, siteId }, ctx.caller.sub);
    return (await ctx.loaders.feedbackChannelById.load(id))!;
  }

  @Personal(CATEGORY, { scopedBy: "resolver" })
  @Mutation(() => Feedback, {
    description:
      "Records feedback a resident gave (box, in person, phone, committee…). Anonymous: nothing links it to a " +
      "person or to you. Linked: names one of your own people (checked and audited).",
  })
  @Authorized("SITE_COORDINATOR", "CARE_WORKER")
  async submitFeedback(
    @Arg("input", () => SubmitFeedbackInput, { description: "The feedback, its category and where it came from." })
    input: SubmitFeedbackInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Feedback> {
    const operation = operationName(ctx, info);
    const field = "Mutation.submitFeedback";
    const siteId = assertUuid(input.siteId, "input.siteId");
    const channelId = assertUuid(input.channelId, "input.channelId");
    let personId: string | null = null;
    if (input.anonymous) {
      if (input.personId != null) {
        throw badInput(
          "input.personId",
          "An anonymous submission names no one: leave personId out, or set anonymous to false.",
        );
      }
      if (input.idempotencyKey != null) {
        throw badInput(
          "input.idempotencyKey",
          "An anonymous submission keeps no idempotency key: the key would link it to you. Leave it out.",
        );
      }
    } else {
      if (input.personId == null) {
        throw badInput("input.personId", "A submission that is not anonymous names the person: give personId.");
      }
      personId = assertUuid(input.personId, "input.personId");
    }
    const values: FeedbackValues = {
      siteId,
      channelId,
      category: input.category,
      text: validText(input.text, "input.text"),
      language: validFeedbackLanguage(input.language, "input.language"),
      personId,
      receivedOn: validReceivedOn(input.receivedOn, "input.receivedOn"),
    };
    this.requireOwnSite(ctx, siteId, personId, field, operation);
    const channel = await ctx.loaders.feedbackChannelById.load(channelId);
    if (!channel || channel.siteId !== siteId) {
      throw badInput("input.channelId", `Channel ${channelId} is not a feedback channel of site ${siteId}.`);
    }
    if (personId === null) {
      const id = await insertFeedback(ctx.dataSource, values);
      return (await ctx.loaders.feedbackById.load(id))!;
    }
    // Care workers may write this category for anyone, but may name only the people referred to them:
    // checked first, so that a refusal is the only line the attempt leaves.
    if (
      hasRole(ctx.caller, "CARE_WORKER") &&
      !hasRole(ctx.caller, "SITE_COORDINATOR") &&
      !(ctx.loaders.ownScope && (await ctx.loaders.ownScope.isOwn.load(personId)))
    ) {
      ctx.audit.record({
        category: CATEGORY,
        action: "WRITE",
        personId,
        field,
        operation,
        outcome: "REFUSED",
        reason: "FORBIDDEN",
      });
      throw forbidden(
        `Person ${personId} is not referred to your organisation: link feedback to your own people only.`,
      );
    }
    await ctx.access.authorize({ category: CATEGORY, action: "WRITE", personId, field, operation });
    const id = await ctx.access.transaction(async (m) => {
      const created = await insertLinkedFeedback(m, values, ctx.caller.sub, input.idempotencyKey, input);
      ctx.access.recordWrite(CATEGORY, personId, field, operation);
      return created;
    });
    return (await ctx.loaders.feedbackById.load(id))!;
  }

  @Personal(CATEGORY, { scopedBy: "resolver" })
  @Mutation(() => Feedback, {
    description: "Answers a submission and closes it. CONFLICT when it was answered already.",
  })
  @Authorized("SITE_COORDINATOR", "CARE_WORKER")
  async respondToFeedback(
    @Arg("input", () => RespondToFeedbackInput, { description: "The feedback and the answer." })
    input: RespondToFeedbackInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Feedback> {
    const operation = operationName(ctx, info);
    const field = "Mutation.respondToFeedback";
    const id = assertUuid(input.feedbackId, "input.feedbackId");
    const feedback = await ctx.loaders.feedbackById.load(id);
    if (!feedback) throw notFound("Feedback", input.feedbackId);
    this.requireOwnSite(ctx, feedback.siteId, feedback.personId, field, operation);
    if (feedback.personId !== null) {
      const check = { category: CATEGORY, action: "WRITE" as const, personId: feedback.personId, field, operation };
      // A coordinator answers for their site: the record is theirs even after the person moved on.
      if (ctx.caller.sites.includes(feedback.siteId)) await ctx.access.authorizeOwnRecord(check);
      else await ctx.access.authorize(check);
    }
    await ctx.access.transaction(async (m) => {
      await respond(m, id, input.response, input.respondedOn);
      if (feedback.personId !== null) ctx.access.recordWrite(CATEGORY, feedback.personId, field, operation);
    });
    ctx.loaders.feedbackById.clear(id);
    return (await ctx.loaders.feedbackById.load(id))!;
  }

  @Personal(CATEGORY, { scopedBy: "resolver" })
  @Query(() => FeedbackConnection, {
    description:
      "Feedback, newest day first, by site, status, category and month received. Site coordinators see their " +
      "own sites' feedback; care workers all.",
  })
  @Authorized()
  async feedback(
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
    @Arg("first", () => Int, { description: "How many items to return (default 50, at most 100).", nullable: true })
    first?: number,
    @Arg("after", () => String, {
      description: "Cursor of the last item already seen (pageInfo.endCursor); omit for the first page.",
      nullable: true,
    })
    after?: string,
    @Arg("filter", () => FeedbackFilter, {
      description: "Narrows the list; omit for all the feedback you may read.",
      nullable: true,
    })
    filter?: FeedbackFilter,
  ) {
    const f = filter ?? {};
    const page = parseKeysetPage(first, after, f, FEEDBACK_ORDER.length);
    const operation = operationName(ctx, info);
    const field = "Query.feedback";
    const level = ctx.access.authorizeCategory({ category: CATEGORY, action: "READ", field, operation });
    const where: string[] = [];
    const params: unknown[] = [];
    const param = positionalBinder(params);
    if (f.siteId != null) {
      const siteId = assertUuid(f.siteId, "filter.siteId");
      if (level === "OWN") this.requireOwnSite(ctx, siteId, null, field, operation);
      where.push(`f.site_id = ${param(siteId)}`);
    }
    if (level === "OWN") where.push(`f.site_id = ANY(${param(ctx.caller.sites)}::uuid[])`);
    if (f.status === FeedbackStatus.OPEN) where.push(`f.responded_on IS NULL`);
    if (f.status === FeedbackStatus.CLOSED) where.push(`f.responded_on IS NOT NULL`);
    if (f.category) where.push(`f.category = ${param(f.category)}`);
    if (f.month != null) {
      const first = `${param(`${assertMonth(f.month, "filter.month")}-01`)}::date`;
      where.push(`f.received_on >= ${first} AND f.received_on < ${first} + interval '1 month'`);
    }
    const filtered = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const [{ n }] = await ctx.dataSource.query(`SELECT count(*)::int AS n FROM feedback f ${filtered}`, params);
    if (page.after) where.push(keysetCondition(FEEDBACK_ORDER, page.after, param));
    const cond = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const rows: { id: string; k0: string; k1: string }[] = await ctx.dataSource.query(
      `SELECT f.id, f.received_on::text AS k0, f.id::text AS k1 FROM feedback f ${cond}
       ORDER BY ${keysetOrder(FEEDBACK_ORDER)} LIMIT ${param(page.limit + 1)}`,
      params,
    );
    const found = inPageOrder(
      rows.map((r) => ({ id: r.id, key: [r.k0, r.k1] })),
      await ctx.loaders.feedbackById.loadMany(rows.map((r) => r.id)),
    );
    return keysetConnection(found, page, n);
  }

  @Personal("AGGREGATES")
  @Query(() => [FeedbackMonthlyOverview], {
    description:
      "The monthly CFM overview per site: channels, received, closed, still open, median days to respond and " +
      "counts by category. One site, or every site with a channel or a submission.",
  })
  @Authorized()
  async feedbackOverview(
    @Ctx() ctx: Ctx,
    @Arg("month", { description: '"YYYY-MM"' }) month: string,
    @Arg("siteId", () => ID, {
      description: "Only this site; omit for every site with a channel or a submission.",
      nullable: true,
    })
    siteId?: string | null,
  ): Promise<FeedbackMonthlyOverview[]> {
    assertMonth(month, "month");
    const today = todayInBrussels();
    if (month > today.slice(0, 7)) throw badInput("month", `month ${month} is in the future (today is ${today}).`);
    if (siteId != null) {
      const id = assertUuid(siteId, "siteId");
      await ctx.loaders.housing.requireSite(id, "siteId");
      return monthlyOverview(ctx.dataSource, month, [id]);
    }
    return monthlyOverview(ctx.dataSource, month, null);
  }

  @NotPersonal("tells the resident page whether a public site code exists; names no one")
  @Directive("@inaccessible")
  @Query(() => Boolean, { description: "Internal (resident page): whether a DIGITAL channel has this site code." })
  async _residentFeedbackPage(@Ctx() ctx: Ctx, @Arg("siteCode") siteCode: string): Promise<boolean> {
    if (!isResidentCaller(ctx.caller)) throw forbidden("Only the gateway's resident page asks this.");
    return (await digitalChannelByCode(ctx.dataSource, siteCode)) !== null;
  }

  @NotPersonal("an anonymous resident's submission: it names no one and answers only that it arrived")
  @Directive("@inaccessible")
  @Mutation(() => Boolean, {
    description:
      "Internal (resident page, DIGITAL channels only): stores an anonymous submission. Accepted only from the " +
      "gateway's resident identity.",
  })
  async _submitResidentFeedback(
    @Ctx() ctx: Ctx,
    @Arg("siteCode") siteCode: string,
    @Arg("category", () => FeedbackCategory) category: FeedbackCategory,
    @Arg("text") text: string,
    @Arg("language") language: string,
  ): Promise<boolean> {
    if (!isResidentCaller(ctx.caller)) throw forbidden("Only the gateway's resident page submits here.");
    const channel = await digitalChannelByCode(ctx.dataSource, siteCode);
    if (!channel) throw notFound("Feedback page", siteCode);
    await insertFeedback(ctx.dataSource, {
      siteId: channel.siteId,
      channelId: channel.id,
      category,
      text: validText(text, "text"),
      language: validFeedbackLanguage(language, "language"),
      personId: null,
      receivedOn: todayInBrussels(),
    });
    return true;
  }

  @FieldResolver(() => FeedbackChannel, { description: "The channel it came through." })
  async channel(@Root() feedback: Feedback, @Ctx() ctx: Ctx): Promise<FeedbackChannel> {
    return (await ctx.loaders.feedbackChannelById.load(feedback.channelId))!;
  }

  @FieldResolver(() => FeedbackStatus, { description: "OPEN until answered; the answer closes it." })
  status(@Root() feedback: Feedback): FeedbackStatus {
    return feedback.respondedOn === null ? FeedbackStatus.OPEN : FeedbackStatus.CLOSED;
  }

  @FieldResolver(() => Person, { nullable: true, description: "The person it is about; null when anonymous." })
  person(@Root() feedback: Feedback): Person | null {
    return feedback.personId === null ? null : { id: feedback.personId };
  }
}
