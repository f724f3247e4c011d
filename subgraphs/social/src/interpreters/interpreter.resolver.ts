import { assertUuid, NotPersonal, Personal, SubgraphContext } from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { EntityManager } from "typeorm";
import { Arg, Authorized, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from "type-graphql";
import { CaseFile } from "../casefiles/case-file.entity";
import { SocialLoaders } from "../loaders";
import { guardWrite, recordHouseholdWrites } from "../shared/guard";
import { Interpreter, InterpreterBooking } from "./interpreter.entity";
import { BookInterpreterInput, RegisterInterpreterInput, SetInterpreterBookingStatusInput } from "./interpreter.inputs";
import { bookInterpreter, registerInterpreter, setBookingStatus } from "./interpreter.service";

type Ctx = SubgraphContext<SocialLoaders>;
const SOCIAL = ["SOCIAL_WORKER", "OCMW_ADMIN"] as const;

@Resolver(() => InterpreterBooking)
export class InterpreterBookingResolver {
  @NotPersonal("interpreters the cell can book")
  @Query(() => [Interpreter], { description: "Interpreters available to the cell, optionally for one language." })
  @Authorized(...SOCIAL)
  interpreters(
    @Ctx() ctx: Ctx,
    @Arg("language", () => String, {
      description: "Only interpreters who speak this language (case does not matter); omit for all.",
      nullable: true,
    })
    language?: string,
  ): Promise<Interpreter[]> {
    const qb = ctx.dataSource.getRepository(Interpreter).createQueryBuilder("i").orderBy("i.name");
    if (language) qb.where(":language = ANY(i.languages)", { language: language.trim().toLowerCase() });
    return qb.getMany();
  }

  @NotPersonal("interpreters the cell can book")
  @Mutation(() => Interpreter, { description: "Adds an interpreter the cell can book." })
  @Authorized(...SOCIAL)
  async registerInterpreter(
    @Arg("input", () => RegisterInterpreterInput, {
      description: "The interpreter's name, organisation and languages.",
    })
    input: RegisterInterpreterInput,
    @Ctx() ctx: Ctx,
  ): Promise<Interpreter> {
    const id = await registerInterpreter(ctx.dataSource, input, ctx.caller.sub);
    return (await ctx.loaders.interpreterById.load(id))!;
  }

  @Personal("SOCIAL_FINANCIAL")
  @Mutation(() => InterpreterBooking, {
    description: "Books an interpreter for a case file. CONFLICT when the interpreter is already booked then.",
  })
  @Authorized(...SOCIAL)
  async bookInterpreter(
    @Arg("input", () => BookInterpreterInput, { description: "Who, for which case file, when and why." })
    input: BookInterpreterInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<InterpreterBooking> {
    await guardWrite(ctx, info, "SOCIAL_FINANCIAL");
    return this.change(ctx, info, (m) => bookInterpreter(m, input, ctx.caller.sub));
  }

  @Personal("SOCIAL_FINANCIAL")
  @Mutation(() => InterpreterBooking, { description: "Marks a booking DONE or CANCELLED (CONFLICT unless BOOKED)." })
  @Authorized(...SOCIAL)
  async setInterpreterBookingStatus(
    @Arg("input", () => SetInterpreterBookingStatusInput, { description: "The booking and its new status." })
    input: SetInterpreterBookingStatusInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<InterpreterBooking> {
    await guardWrite(ctx, info, "SOCIAL_FINANCIAL");
    return this.change(ctx, info, (m) => setBookingStatus(m, input));
  }

  /** Makes a change to a booking and records it for the case file's household, in one transaction. */
  private change(
    ctx: Ctx,
    info: GraphQLResolveInfo,
    write: (m: EntityManager) => Promise<string>,
  ): Promise<InterpreterBooking> {
    return ctx.access.transaction(async (m) => {
      const booking = (await m.getRepository(InterpreterBooking).findOneBy({ id: assertUuid(await write(m), "id") }))!;
      const caseFile = (await ctx.loaders.caseFileById.load(booking.caseFileId))!;
      await recordHouseholdWrites(ctx, info, "SOCIAL_FINANCIAL", caseFile.householdId);
      return booking;
    });
  }

  @FieldResolver(() => Interpreter, { description: "The interpreter booked." })
  async interpreter(@Root() booking: InterpreterBooking, @Ctx() ctx: Ctx): Promise<Interpreter> {
    return (await ctx.loaders.interpreterById.load(booking.interpreterId))!;
  }

  @FieldResolver(() => CaseFile, { description: "The case file the conversation is for." })
  async caseFile(@Root() booking: InterpreterBooking, @Ctx() ctx: Ctx): Promise<CaseFile> {
    return (await ctx.loaders.caseFileById.load(booking.caseFileId))!;
  }
}

@Resolver(() => CaseFile)
export class CaseFileInterpreterResolver {
  @FieldResolver(() => [InterpreterBooking], { description: "Interpreter bookings for this case file, by start." })
  interpreterBookings(@Root() caseFile: CaseFile, @Ctx() ctx: Ctx): Promise<InterpreterBooking[]> {
    return ctx.loaders.bookingsByCaseFile.load(caseFile.id);
  }
}
