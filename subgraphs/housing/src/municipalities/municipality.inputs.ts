import { Field, ID, InputType, Int } from "type-graphql";
import { Province } from "./municipality.entity";

@InputType({ description: "A municipality's reference data; an existing NIS code is updated." })
export class MunicipalityInput {
  @Field(() => ID, { description: "NIS code, 5 digits." })
  nisCode: string;

  @Field({ description: "The municipality's name." })
  name: string;

  @Field(() => Province, { description: "The province the municipality is in." })
  province: Province;

  @Field(() => Int, { description: "Legal population on 1 January of the reference year." })
  inhabitants: number;
}
