import { DateScalar, NotPersonal, Personal } from "@reception-graph/kit";
import { Directive, Field, Float, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";

export enum SupportCategory {
  COHABITANT = "COHABITANT",
  SINGLE = "SINGLE",
  WITH_FAMILY_DEPENDANTS = "WITH_FAMILY_DEPENDANTS",
}
registerEnumType(SupportCategory, {
  name: "SupportCategory",
  description:
    "Living-wage category: COHABITANT (samenwonende), SINGLE (alleenstaande), WITH_FAMILY_DEPENDANTS (persoon met gezinslast).",
  valuesConfig: {
    COHABITANT: { description: "Living with others (samenwonende)." },
    SINGLE: { description: "Living alone (alleenstaande)." },
    WITH_FAMILY_DEPENDANTS: { description: "With a family to support (persoon met gezinslast)." },
  },
});

@ObjectType({
  description:
    "A monthly amount of the equivalent living wage (equivalent leefloon) for one category, in force from a date until the next one (reference data).",
})
@Entity({ name: "living_wage_rate" })
@NotPersonal("reference data: the living-wage rate table")
export class LivingWageRate {
  @Field(() => SupportCategory, { description: "The living-wage category this amount is for." })
  @PrimaryColumn({ type: "text" })
  category: SupportCategory;

  @Field(() => DateScalar, { description: "First day this amount applies." })
  @PrimaryColumn({ name: "effective_from", type: "date" })
  effectiveFrom: string;

  @Field(() => Float, { description: "Monthly amount in euro." })
  @Column({ name: "monthly_amount", type: "numeric" })
  monthlyAmount: number;
}

@ObjectType({
  description:
    "A decision to grant living-wage-equivalent support to a person (for a household: to the person with the family dependants). It keeps the amount in force on its start date.",
})
@Entity({ name: "support_decision" })
@Personal("SOCIAL_FINANCIAL")
export class SupportDecision {
  @Field(() => ID, { description: "Identifier of the decision." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "person_id", type: "uuid" })
  personId: string;

  @Field(() => SupportCategory, { description: "The living-wage category granted." })
  @Column({ type: "text" })
  category: SupportCategory;

  @Field(() => DateScalar, { description: "First day the support applies." })
  @Column({ name: "start_date", type: "date" })
  startDate: string;

  @Field(() => DateScalar, { nullable: true, description: "Last day, when a later decision replaced this one." })
  @Column({ name: "end_date", type: "date", nullable: true })
  endDate: string | null;

  @Field(() => DateScalar, { description: "Day the decision was taken." })
  @Column({ name: "decided_on", type: "date" })
  decidedOn: string;

  @Field(() => Float, { description: "Monthly amount in euro, from the rate in force on the start date." })
  @Column({ name: "monthly_amount", type: "numeric" })
  monthlyAmount: number;

  @Field(() => DateScalar, { description: "Effective date of the rate the amount was taken from." })
  @Column({ name: "rate_effective_from", type: "date" })
  rateEffectiveFrom: string;

  /** Login subject of who recorded the decision. */
  @Column({ name: "decided_by", type: "text" })
  decidedBy: string;
}

@ObjectType({ description: "Support paid for one month of a decision." })
@Entity({ name: "support_payment" })
@Personal("SOCIAL_FINANCIAL")
export class SupportPayment {
  @Field(() => ID, { description: "Identifier of the payment." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "support_decision_id", type: "uuid" })
  supportDecisionId: string;

  @Field({ description: 'The month paid for, "YYYY-MM".' })
  @Column({ type: "text" })
  month: string;

  @Field(() => Float, { description: "Amount paid in euro." })
  @Column({ type: "numeric" })
  amount: number;

  @Field(() => DateScalar, { description: "Day the payment was made." })
  @Column({ name: "paid_on", type: "date" })
  paidOn: string;

  /** Login subject of who recorded the payment. */
  @Column({ name: "recorded_by", type: "text" })
  recordedBy: string;
}

/**
 * What housing needs to charge rent, and nothing more: whether the allowance
 * is paid for the month (or earlier), and the rent due. The support category
 * and the living wage stay in social. Not in the public graph: housing asks
 * social directly, with the caller's token.
 */
@ObjectType({ description: "Rent due by one person for one month, for housing's rent charge." })
@Directive("@inaccessible")
@Personal("HOUSING")
export class RentDue {
  @Field({ description: "Support was paid for this month or an earlier one: rent is due from this month on." })
  paid: boolean;

  @Field(() => Float, {
    nullable: true,
    description: "Rent due in euro (30% of the living wage in force on the month's first day); null until paid.",
  })
  amount: number | null;
}
