import { assertUuid, badInput, NotPersonal, Personal, SubgraphContext } from "@reception-graph/kit";
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { SocialLoaders } from "../loaders";
import { QualifyingDiploma, StaffMember, StaffRole } from "./staff.entity";
import {
  AddQualifyingDiplomaInput,
  RegisterStaffMemberInput,
  SetCaseloadCeilingInput,
  UpdateStaffMemberInput,
} from "./staff.inputs";
import { addQualifyingDiploma, registerStaffMember, updateStaffMember } from "./staff.service";

type Ctx = SubgraphContext<SocialLoaders>;

@ObjectType({ description: "The cell's size and workload today, against its caseload ceiling." })
@Personal("AGGREGATES")
export class CellWorkload {
  @Field(() => Int, { description: "Active social workers (the cell started with 6)." })
  socialWorkers: number;

  @Field(() => Int, { description: "Active administrative staff (the cell started with 2)." })
  administrativeStaff: number;

  @Field(() => Int, { description: "All active staff, heads included." })
  totalStaff: number;

  @Field(() => Int, { description: "Most staff the cell may have (12)." })
  maxCellSize: number;

  @Field(() => Int, { description: "Open case files one social worker should carry at most (configurable)." })
  caseloadCeiling: number;

  @Field(() => Int, { description: "Case files currently open." })
  openCaseFiles: number;

  @Field(() => Int, { description: "Open case files without a social worker." })
  unassignedCaseFiles: number;

  @Field(() => Float, { description: "Open assigned case files per active social worker." })
  averageCaseload: number;

  @Field(() => Int, { description: "The most open case files any one social worker carries." })
  maxCaseload: number;

  @Field(() => [StaffMember], { description: "Social workers carrying more open case files than the ceiling." })
  workersOverCeiling: StaffMember[];
}

const STAFF_READERS = ["SOCIAL_WORKER", "OCMW_ADMIN", "ADMIN"] as const;
const CELL_ADMINS = ["OCMW_ADMIN", "ADMIN"] as const;

@Resolver(() => StaffMember)
export class StaffResolver {
  @NotPersonal("the cell's staff list")
  @Query(() => [StaffMember], { description: "The cell's staff, social workers first, by family name." })
  @Authorized(...STAFF_READERS)
  staffMembers(
    @Arg("includeInactive", () => Boolean, { defaultValue: false, description: "Also those who have left." })
    includeInactive: boolean,
    @Ctx() ctx: Ctx,
  ): Promise<StaffMember[]> {
    return ctx.dataSource
      .getRepository(StaffMember)
      .createQueryBuilder("s")
      .where(includeInactive ? "true" : "s.active")
      .orderBy("CASE s.role WHEN 'SOCIAL_WORKER' THEN 0 WHEN 'HEAD' THEN 1 ELSE 2 END")
      .addOrderBy("s.family_name")
      .addOrderBy("s.given_name")
      .getMany();
  }

  @NotPersonal("the cell's staff list")
  @Query(() => StaffMember, {
    description: "One staff member of the cell, by identifier; null when there is none.",
    nullable: true,
  })
  @Authorized(...STAFF_READERS)
  staffMember(
    @Arg("id", () => ID, { description: "The staff member's identifier." }) id: string,
    @Ctx() ctx: Ctx,
  ): Promise<StaffMember | null> {
    return ctx.loaders.staffById.load(assertUuid(id, "id"));
  }

  @NotPersonal("reference data")
  @Query(() => [QualifyingDiploma], { description: "Diplomas that allow a social inquiry (reference data)." })
  @Authorized(...STAFF_READERS)
  qualifyingDiplomas(@Ctx() ctx: Ctx): Promise<QualifyingDiploma[]> {
    return ctx.dataSource.getRepository(QualifyingDiploma).find({ order: { code: "ASC" } });
  }

  @Personal("AGGREGATES")
  @Query(() => CellWorkload, { description: "Cell size, caseload per worker against the ceiling, workers over it." })
  @Authorized(...STAFF_READERS)
  async cellWorkload(@Ctx() ctx: Ctx): Promise<CellWorkload> {
    const settings = await ctx.loaders.settings.load("all");
    const ceiling = settings.get("CASELOAD_CEILING")!;
    const staff = await ctx.dataSource.getRepository(StaffMember).findBy({ active: true });
    const [{ open, unassigned }] = await ctx.dataSource.query(
      `SELECT count(*) AS open, count(*) FILTER (WHERE social_worker_id IS NULL) AS unassigned
       FROM case_file WHERE status = 'OPEN'`,
    );
    const workers = staff.filter((s) => s.role === StaffRole.SOCIAL_WORKER);
    const loads = await ctx.loaders.caseloadByStaff.loadMany(workers.map((w) => w.id));
    const caseloads = loads.map((l) => (typeof l === "number" ? l : 0));
    const assigned = caseloads.reduce((a, b) => a + b, 0);
    return {
      socialWorkers: workers.length,
      administrativeStaff: staff.filter((s) => s.role === StaffRole.ADMINISTRATIVE).length,
      totalStaff: staff.length,
      maxCellSize: settings.get("MAX_CELL_SIZE")!,
      caseloadCeiling: ceiling,
      openCaseFiles: open,
      unassignedCaseFiles: unassigned,
      averageCaseload: workers.length ? Math.round((assigned / workers.length) * 10) / 10 : 0,
      maxCaseload: Math.max(0, ...caseloads),
      workersOverCeiling: workers.filter((_, i) => caseloads[i] > ceiling),
    };
  }

  @FieldResolver(() => Int, { description: "Open case files assigned to this staff member." })
  caseload(@Root() staff: StaffMember, @Ctx() ctx: Ctx): Promise<number> {
    return ctx.loaders.caseloadByStaff.load(staff.id);
  }

  @FieldResolver(() => [String], { description: "Same as diplomas: the qualifications the staff member holds." })
  qualifications(@Root() staff: StaffMember): string[] {
    return staff.diplomas;
  }

  @FieldResolver(() => Boolean, {
    description: "True when one of the diplomas is on the list of qualifying diplomas for a social inquiry.",
  })
  async qualifiedForSocialInquiry(@Root() staff: StaffMember, @Ctx() ctx: Ctx): Promise<boolean> {
    const codes = await ctx.loaders.qualifyingDiplomaCodes.load("all");
    return staff.diplomas.some((d) => codes.has(d));
  }

  @FieldResolver(() => String, { description: "Given and family name together." })
  name(@Root() staff: StaffMember): string {
    return `${staff.givenName} ${staff.familyName}`;
  }

  @NotPersonal("staff administration")
  @Mutation(() => StaffMember, {
    description: "Adds a member to the cell. CAPACITY_EXCEEDED when the cell is at its maximum size.",
  })
  @Authorized(...CELL_ADMINS)
  async registerStaffMember(
    @Arg("input", () => RegisterStaffMemberInput, { description: "The staff member's name and role." })
    input: RegisterStaffMemberInput,
    @Ctx() ctx: Ctx,
  ): Promise<StaffMember> {
    const id = await registerStaffMember(ctx.dataSource, input, ctx.caller.sub);
    return (await ctx.loaders.staffById.load(id))!;
  }

  @NotPersonal("staff administration")
  @Mutation(() => StaffMember, { description: "Changes a staff member's diplomas or marks them as having left." })
  @Authorized(...CELL_ADMINS)
  async updateStaffMember(
    @Arg("input", () => UpdateStaffMemberInput, { description: "The staff member and what changes." })
    input: UpdateStaffMemberInput,
    @Ctx() ctx: Ctx,
  ): Promise<StaffMember> {
    const id = assertUuid(input.staffMemberId, "input.staffMemberId");
    await updateStaffMember(ctx.dataSource, input, id);
    ctx.loaders.staffById.clear(id);
    return (await ctx.loaders.staffById.load(id))!;
  }

  @NotPersonal("reference data")
  @Mutation(() => QualifyingDiploma, {
    description: "Widens the list of diplomas that qualify for a social inquiry (a data change, no release needed).",
  })
  @Authorized(...CELL_ADMINS)
  async addQualifyingDiploma(
    @Arg("input", () => AddQualifyingDiplomaInput, { description: "The diploma to add to the list." })
    input: AddQualifyingDiplomaInput,
    @Ctx() ctx: Ctx,
  ): Promise<QualifyingDiploma> {
    const code = await addQualifyingDiploma(ctx.dataSource, input);
    return (await ctx.dataSource.getRepository(QualifyingDiploma).findOneBy({ code }))!;
  }

  @NotPersonal("a setting of the cell")
  @Mutation(() => CellWorkload, { description: "Sets the caseload ceiling per social worker." })
  @Authorized(...CELL_ADMINS)
  async setCaseloadCeiling(
    @Arg("input", () => SetCaseloadCeilingInput, { description: "The new ceiling." }) input: SetCaseloadCeilingInput,
    @Ctx() ctx: Ctx,
  ): Promise<CellWorkload> {
    if (!Number.isInteger(input.ceiling) || input.ceiling < 1 || input.ceiling > 500) {
      throw badInput("input.ceiling", `Caseload ceiling ${input.ceiling} must be between 1 and 500.`);
    }
    await ctx.dataSource.query(
      `UPDATE social_setting SET value = $1, updated_at = now() WHERE key = 'CASELOAD_CEILING'`,
      [input.ceiling],
    );
    ctx.loaders.settings.clearAll();
    return this.cellWorkload(ctx);
  }
}
