import { fieldName, operationName, Personal, SubgraphContext } from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from "type-graphql";
import { authorizeHealthRead } from "../access/health-access";
import { callerOrganisations } from "../access/care-access";
import { CareLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import { Referral } from "../referrals/referral.entity";
import { CareContact } from "./care-contact.entity";
import { RecordCareContactInput } from "./care-contact.inputs";
import { recordCareContact, validateCareContact } from "./care-contact.service";

type Ctx = SubgraphContext<CareLoaders>;

/** Person.careContacts: the health rule, then the contacts the caller may see (all, or their organisation's). */
export async function careContactsOf(person: Person, ctx: Ctx, info: GraphQLResolveInfo): Promise<CareContact[]> {
  const contacts = await ctx.loaders.careContactsByPerson.load(person.id);
  const { all } = await authorizeHealthRead(
    ctx,
    { personId: person.id, field: fieldName(info), operation: operationName(ctx, info) },
    (orgs) => contacts.some((c) => orgs.includes(c.organisation)),
  );
  const orgs = callerOrganisations(ctx.caller);
  return all ? contacts : contacts.filter((c) => orgs.includes(c.organisation));
}

@Resolver(() => CareContact)
export class CareContactResolver {
  @Personal("HEALTH", { person: (_r, _c, args) => args.input.personId })
  @Mutation(() => CareContact, {
    description:
      "Records a health contact with a person referred to your organisation, optionally with an onward referral " +
      "(existing, or created in the same call). A MEDICAL_INTAKE also marks the intake done (date only) in " +
      "social; if social does not answer, nothing is recorded (UNAVAILABLE). Repeat-safe with idempotencyKey.",
  })
  @Authorized("CARE_WORKER")
  async recordCareContact(
    @Arg("input", () => RecordCareContactInput, { description: "The person, the day and the kind of contact." })
    input: RecordCareContactInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CareContact> {
    const operation = operationName(ctx, info);
    const field = fieldName(info);
    const c = validateCareContact(input);
    await ctx.loaders.housing.requireSite(c.siteId, "input.siteId");
    if (c.referral) {
      // The onward referral is a referral like any other: the caller must be allowed to refer this person.
      await ctx.access.authorize({ category: "REFERRAL", action: "WRITE", personId: c.personId, field, operation });
    }
    const id = await ctx.access.transaction(async (m) => {
      const recorded = await recordCareContact(m, input, ctx.caller, ctx.loaders.social);
      ctx.access.recordWrite("HEALTH", c.personId, field, operation);
      if (recorded.referralCreated) ctx.access.recordWrite("REFERRAL", c.personId, field, operation);
      return recorded.id;
    });
    return (await ctx.loaders.careContactById.load(id))!;
  }

  @FieldResolver(() => Person, { description: "The person seen." })
  person(@Root() contact: CareContact): Person {
    return { id: contact.personId };
  }

  @FieldResolver(() => Referral, { nullable: true, description: "The onward referral this contact led to, if any." })
  async onwardReferral(@Root() contact: CareContact, @Ctx() ctx: Ctx): Promise<Referral | null> {
    return contact.referralId ? ctx.loaders.referralById.load(contact.referralId) : null;
  }
}
