import { Field, InputType } from "type-graphql";
import { ServiceType } from "./service.entity";

@InputType({ description: "A partner's service to add to the directory." })
export class RegisterServiceInput {
  @Field({ description: "The service's name." })
  name: string;

  @Field({ description: "Code of the organisation as in its staff's tokens, e.g. CAW_OOST_VLAANDEREN." })
  organisation: string;

  @Field(() => String, { nullable: true, description: "The organisation's name as people know it." })
  organisationName?: string | null;

  @Field(() => ServiceType, { description: "What the service helps with." })
  type: ServiceType;

  @Field(() => [String], { description: 'ISO 639-1 codes, e.g. ["uk", "ru", "nl"].' })
  languages: string[];

  @Field({ description: "Phone, e-mail or address." })
  contact: string;

  @Field({ description: "When the service is open or present." })
  openingHours: string;

  @Field(() => String, {
    nullable: true,
    description: "Repeat a call with the same key to get the first result instead of a second service.",
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters for the partner directory; all given filters apply together." })
export class ServiceFilter {
  @Field(() => ServiceType, { description: "Only services helping with this.", nullable: true })
  type?: ServiceType | null;

  @Field(() => String, { nullable: true, description: "Organisation code, e.g. CAW_OOST_VLAANDEREN." })
  organisation?: string | null;

  @Field(() => String, { nullable: true, description: 'Only services given in this language (ISO 639-1, e.g. "uk").' })
  language?: string | null;
}
