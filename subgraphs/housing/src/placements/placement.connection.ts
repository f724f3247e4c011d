import { ConnectionType } from "@reception-graph/kit";
import { Placement } from "./placement.entity";

export const PlacementConnection = ConnectionType(
  "Placement",
  Placement,
  "A page of placements, with the total number.",
  "HOUSING",
);
