import { RetentionDeclaration } from "@reception-graph/kit";

/** Where housing keeps each category's data, and the date its retention period runs from (see the README). */
export const housingRetention: RetentionDeclaration[] = [
  {
    category: "HOUSING",
    table: "placement",
    dateColumn: "move_out_date",
    description: "placements that ended, from the move-out",
  },
  {
    category: "HOUSING",
    table: "rent_charge",
    dateColumn: "created_at",
    description: "rent charges, from when they were charged",
  },
];
