import {
  AgeBand,
  NotPersonal,
  Sex,
  SuppressedCount,
  IndicatorPeriod,
  IndicatorReportEntity,
} from "@reception-graph/kit";
import { Field, ObjectType, registerEnumType } from "type-graphql";

/**
 * One report, four contributors (graph.md): housing owns the entry point,
 * social adds the profile of the people served and the cell's case files.
 */
@IndicatorReportEntity("Indicators for a period (and optionally one site); each subgraph adds its own fields.")
export class IndicatorReport implements IndicatorPeriod {
  from: string;
  to: string;
  siteId: string | null;
}

/** The kinds of household reports count (domain.md: 93% families, 4% single women, 3% single men). */
export enum HouseholdComposition {
  SINGLE_WOMAN = "SINGLE_WOMAN",
  SINGLE_MAN = "SINGLE_MAN",
  SINGLE_ADULT_OTHER = "SINGLE_ADULT_OTHER",
  ADULTS_WITH_CHILDREN = "ADULTS_WITH_CHILDREN",
  ADULTS_ONLY = "ADULTS_ONLY",
  MINORS_ONLY = "MINORS_ONLY",
}
registerEnumType(HouseholdComposition, {
  name: "HouseholdComposition",
  description:
    "A household's composition on a day, from its members served then (an adult is 18 or older; an unknown age " +
    "counts as adult): one adult woman, one adult man, one adult of other or unknown sex, adults with children, " +
    "several adults without children, minors only.",
  valuesConfig: {
    SINGLE_WOMAN: { description: "One adult woman, no one else." },
    SINGLE_MAN: { description: "One adult man, no one else." },
    SINGLE_ADULT_OTHER: { description: "One adult of other or unknown sex, no one else." },
    ADULTS_WITH_CHILDREN: { description: "At least one adult and at least one minor." },
    ADULTS_ONLY: { description: "Two or more adults, no minors." },
    MINORS_ONLY: { description: "Only minors (unaccompanied)." },
  },
});

@ObjectType({ description: "People served of one age band (null: birth date unknown) and sex." })
@NotPersonal("a cell of a distribution of people, suppressed when small")
export class AgeSexCount {
  @Field(() => AgeBand, {
    nullable: true,
    description: "Age on the report's last day; null when no birth date or year is known.",
  })
  ageBand: AgeBand | null;

  @Field(() => Sex, { description: "The sex of the people counted." })
  sex: Sex;

  @Field(() => SuppressedCount, { description: "People of this age band and sex; suppressed when 1–4." })
  count: SuppressedCount;
}

@ObjectType({ description: "Households of one composition with at least one person served." })
@NotPersonal("a cell of a distribution of households, suppressed when small")
export class HouseholdCompositionCount {
  @Field(() => HouseholdComposition, { description: "The composition counted." })
  composition: HouseholdComposition;

  @Field(() => SuppressedCount, { description: "Households of this composition; suppressed when 1–4." })
  count: SuppressedCount;
}
