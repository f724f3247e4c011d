import { describeError, runSubgraphProcess } from "@reception-graph/kit";
import { housingSubgraph } from "./app";

runSubgraphProcess(housingSubgraph).catch((e) => {
  console.error("[housing] failed to start", describeError(e));
  process.exit(1);
});
