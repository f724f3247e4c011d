import { buildFederatedSchema, referenceResolvers, SubgraphContext, SubgraphModule } from "@reception-graph/kit";
import { AuditQueriesResolver, AuditRecordsResolver } from "./audit/audit.resolver";
import { socialRetention } from "./retention";
import { CaseFile, CaseFileEvent, SocialInquiry } from "./casefiles/case-file.entity";
import { CaseFileEventResolver, CaseFileResolver, SocialInquiryResolver } from "./casefiles/case-file.resolver";
import { ReimbursementClaim } from "./claims/claim.entity";
import {
  ReimbursementClaimResolver,
  SupportDecisionClaimResolver,
  UnclaimedSupportResolver,
} from "./claims/claim.resolver";
import { IndicatorReport } from "./indicators/indicators.entity";
import { IndicatorReportSocialResolver, resolveIndicatorReport } from "./indicators/indicators.resolver";
import { HealthInsurance, MedicalIntake } from "./insurance/insurance.entity";
import { HealthInsuranceResolver, PersonInsuranceResolver } from "./insurance/insurance.resolver";
import { Interpreter, InterpreterBooking } from "./interpreters/interpreter.entity";
import { CaseFileInterpreterResolver, InterpreterBookingResolver } from "./interpreters/interpreter.resolver";
import { createSocialLoaders, SocialLoaders } from "./loaders";
import { People1763900100000 } from "./migrations/1763900100000-people";
import { NameSearch1763900100100 } from "./migrations/1763900100100-name-search";
import { SocialServices1763900100200 } from "./migrations/1763900100200-social-services";
import { ReportCache1764900200000 } from "./migrations/1764900200000-report-cache";
import { NameWords1765100000000 } from "./migrations/1765100000000-name-words";
import { WholeNameTrigramIndex1765100000001 } from "./migrations/1765100000001-whole-name-trigram-index";
import { HouseholdMembershipEvent } from "./people/household-membership.entity";
import { Household } from "./people/household.entity";
import { HouseholdResolver } from "./people/household.resolver";
import { Person } from "./people/person.entity";
import { PersonResolver } from "./people/person.resolver";
import { SchoolAgeResolver } from "./school-age/school-age.resolver";
import { QualifyingDiploma, StaffMember } from "./staff/staff.entity";
import { StaffResolver } from "./staff/staff.resolver";
import { LivingWageRate, SupportDecision, SupportPayment } from "./support/support.entity";
import { PersonSupportResolver, SupportDecisionResolver, SupportPaymentResolver } from "./support/support.resolver";

type Ctx = SubgraphContext<SocialLoaders>;

/** OCMW Ghent's Cell Ukraine: owns Person and Household. Builds without opening a port. */
export const socialSubgraph: SubgraphModule<SocialLoaders> = {
  name: "social",
  entities: [
    Person,
    Household,
    HouseholdMembershipEvent,
    StaffMember,
    QualifyingDiploma,
    CaseFile,
    CaseFileEvent,
    SocialInquiry,
    LivingWageRate,
    SupportDecision,
    SupportPayment,
    HealthInsurance,
    MedicalIntake,
    Interpreter,
    InterpreterBooking,
    ReimbursementClaim,
  ],
  retention: socialRetention,
  migrations: [
    People1763900100000,
    NameSearch1763900100100,
    SocialServices1763900100200,
    ReportCache1764900200000,
    NameWords1765100000000,
    WholeNameTrigramIndex1765100000001,
  ],
  loaders: createSocialLoaders,
  ownScope: ({ loaders }) => loaders.ownScope,
  buildSchema: () =>
    buildFederatedSchema(
      {
        // Only extended by field resolvers here (housing's `indicators` returns it): listed to be in the schema.
        orphanedTypes: [IndicatorReport],
        resolvers: [
          AuditRecordsResolver,
          AuditQueriesResolver,
          PersonResolver,
          HouseholdResolver,
          StaffResolver,
          CaseFileResolver,
          CaseFileEventResolver,
          SocialInquiryResolver,
          PersonSupportResolver,
          SupportDecisionResolver,
          SupportPaymentResolver,
          PersonInsuranceResolver,
          HealthInsuranceResolver,
          InterpreterBookingResolver,
          CaseFileInterpreterResolver,
          ReimbursementClaimResolver,
          UnclaimedSupportResolver,
          SupportDecisionClaimResolver,
          SchoolAgeResolver,
          IndicatorReportSocialResolver,
        ],
      },
      referenceResolvers<Ctx>({
        Person: (ref: { id: string }, ctx: Ctx) => ctx.loaders.personById.load(ref.id),
        Household: (ref: { id: string }, ctx: Ctx) => ctx.loaders.householdById.load(ref.id),
        IndicatorReport: resolveIndicatorReport,
      }),
    ),
};
