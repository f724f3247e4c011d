import { describeError, runSubgraphProcess } from "@reception-graph/kit";
import { careSubgraph } from "./app";

runSubgraphProcess(careSubgraph).catch((e) => {
  console.error("[care] failed to start", describeError(e));
  process.exit(1);
});
